"""The number keys 1-9: stable keys, pins, undone codings, labels that tell codes apart."""

from __future__ import annotations

from qualcode.domain.quick_codes import QuickCodes, distinct_labels


def test_pins_first_then_recent_codes_on_the_free_keys():
    quick = QuickCodes.start({2: 20, 5: 50}, [70, 20, 80])
    assert quick.shown() == [(1, 70), (2, 20), (3, 80), (5, 50)]
    assert quick.pinned == {2, 5}


def test_a_used_code_keeps_its_key_and_no_shown_key_is_renumbered():
    quick = QuickCodes.start({}, [10, 11])
    before = quick.shown()
    for code in (11, 12, 10, 13, 12, 11):
        quick.used(code)
        assert all(quick.code(key) == code_id for key, code_id in before)
    assert quick.shown() == [(1, 10), (2, 11), (3, 12), (4, 13)]


def test_when_all_keys_are_taken_a_new_code_gets_none():
    quick = QuickCodes.start({}, list(range(1, 10)))
    assert quick.used(99) is None
    assert [c for _, c in quick.shown()] == list(range(1, 10))


def test_pinned_keys_stay_free_until_pinned_code_returns():
    quick = QuickCodes.start({1: 10}, [])
    assert quick.used(20) == 2
    quick.pin(3, 20)  # pinning moves the code; its old key is free
    assert quick.shown() == [(1, 10), (3, 20)]
    assert quick.used(30) == 2
    quick.unpin(3)
    assert quick.code(3) == 20 and 3 not in quick.pinned


def test_undone_codings_free_a_key_only_for_codes_this_session_brought():
    quick = QuickCodes.start({1: 10}, [11])
    quick.used(12)  # came onto key 3 now
    quick.used(12)
    quick.used(11)
    quick.used(10)
    assert quick.undone([12]) == []  # one of its two codings is left
    assert quick.undone([12, 11, 10]) == [3]
    assert quick.shown() == [(1, 10), (2, 11)]  # pinned and familiar codes keep their keys
    assert quick.used(13) == 3


def test_deleted_codes_leave_their_keys():
    quick = QuickCodes.start({4: 40}, [10, 11])
    quick.keep_only({11})
    assert quick.shown() == [(2, 11)] and quick.pinned == set()


def test_labels_are_cut_but_never_to_the_same_text():
    labels = distinct_labels(
        ["Beratung per Telefon", "Beratung per Messenger", "Netzwerk", "Treffen", "Treffen"],
        ["Beratung per Telefon", "Beratung per Messenger", "Netzwerk", "Bündnis/Treffen",
         "Kommune/Treffen"], 8)
    assert labels == ["Beratung per T…", "Beratung per M…", "Netzwerk", "Bü…/Treffen",
                      "K…/Treffen"]
    assert len(set(labels)) == len(labels)


def test_a_cut_label_does_not_end_in_a_space_before_the_ellipsis():
    assert distinct_labels(["Digitale Beratung", "ABH"], ["Digitale Beratung", "ABH"], 9) == [
        "Digitale…", "ABH"]
