"""Stable quick codes: the number keys 1-9 keep their codes for the whole session, codes are
pinned to keys per coder (``p`` in the Code System), undone codings free their keys, and the
keys with readable labels stay in view while text is selected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tui_support import add_text_document, settle, wait_for

from qualcode.store import codes as code_store
from qualcode.store import coders, documents, segments
from qualcode.store.project import Project
from qualcode.store.quick_codes import quick_code_pins
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.quick_bar import QuickBar

PASSAGES = 24
CODES = ["Kooperation/Behörde", "Kooperation/Schule", "Digitale Beratung/Messenger",
         "Digitale Beratung/Telefon", "Netzwerk", "Treffen"]


@pytest.fixture
def day_project(tmp_path: Path) -> Path:
    """One long interview (a passage per turn) and six codes; lena coded Netzwerk and then
    Treffen yesterday, so her keys start with them."""
    text = "\n\n".join(f"B: Absatz {n:02d} über die Beratung im Frühjahr. #00:{n:02d}:00-0#"
                       for n in range(1, PASSAGES + 1)) + "\n"
    path = tmp_path / "day.qualcode"
    with Project.create(path) as project:
        add_text_document(project, "Interview-Lang", text)
        for code in CODES:
            code_store.add_code(project, code)
        doc = documents.resolve_document(project, "Interview-Lang")
        lena = coders.ensure_coder(project, "lena")
        stored = documents.document_text(project, doc.id)
        for name, needle in (("Netzwerk", "Absatz 01"), ("Treffen", "Absatz 02")):
            start = stored.index(needle)
            segments.add_segment(project, doc, code_store.get_code(project, name), lena,
                                 start, start + 9)
    return path


def passage(app, n: int) -> tuple[int, int]:
    start = app.view.text.index(f"Absatz {n:02d}")
    return start, start + len(f"Absatz {n:02d} über die Beratung")


def code_id(app, path: str) -> int:
    return next(c.id for c in app.state.codes.codes if c.path == path)


async def open_interview(pilot, app) -> DocumentBrowser:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.view is not None)
    await settle(pilot, app)
    return app.query_one(DocumentBrowser)


async def pin(pilot, app, path: str, key: str) -> None:
    """Pin ``path`` to ``key`` from the Code System (``p``), back to the browser after."""
    await pilot.press("f3")
    app.query_one(CodeSystem).select_code(code_id(app, path))
    await pilot.pause()
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
    await pilot.press("ctrl+u", *key, "enter")
    await settle(pilot, app)
    await pilot.press("f4")


def coded(path: Path, coder: str) -> dict[str, str]:
    """``{"Absatz NN": code path}`` of the coder's segments (one per passage expected)."""
    with Project.open(path) as project:
        found = segments.query_segments(project, segments.SegmentFilter(coder=coder))
        paths = {c.id: c.path for c in code_store.list_codes(project)}
    out: dict[str, str] = {}
    for segment in found:
        label = segment.text[:9]
        assert label not in out, f"{label} coded twice"
        out[label] = paths[segment.code_id]
    return out


async def test_a_days_coding_with_pinned_quick_codes_makes_no_wrong_coding(day_project):
    app = QualcodeApp(day_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_interview(pilot, app)
        await wait_for(pilot, lambda: app.quick.shown() != [])
        netzwerk, treffen = code_id(app, "Netzwerk"), code_id(app, "Treffen")
        assert app.quick.shown() == [(1, treffen), (2, netzwerk)]  # yesterday's, newest first
        await pin(pilot, app, "Kooperation/Behörde", "1")  # replaces Treffen on 1
        await pin(pilot, app, "Kooperation/Schule", "3")
        behoerde, schule = code_id(app, "Kooperation/Behörde"), code_id(app, "Kooperation/Schule")
        assert app.quick.shown() == [(1, behoerde), (2, netzwerk), (3, schule)]
        intended: dict[str, str] = {}
        keys = {"1": "Kooperation/Behörde", "2": "Netzwerk", "3": "Kooperation/Schule"}

        async def code_by_key(n: int, key: str) -> None:
            browser.select_offsets(*passage(app, n))
            await pilot.press(key)
            await settle(pilot, app)
            intended[f"Absatz {n:02d}"] = keys[key]

        async def code_by_picker(n: int, typed: str, path: str) -> None:
            browser.select_offsets(*passage(app, n))
            await pilot.press("c")
            await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
            await pilot.press(*typed, "enter")
            await settle(pilot, app)
            intended[f"Absatz {n:02d}"] = path

        for n, key in zip(range(3, 9), "123132"):
            await code_by_key(n, key)
        # a code by name takes the first free key (4); no shown key moves
        await code_by_picker(9, "messenger", "Digitale Beratung/Messenger")
        keys["4"] = "Digitale Beratung/Messenger"
        assert app.quick.code(4) == code_id(app, "Digitale Beratung/Messenger")
        # a wrong coding by name, undone: Telefon leaves key 5 again
        await code_by_picker(10, "telefon", "Digitale Beratung/Telefon")
        assert app.quick.code(5) == code_id(app, "Digitale Beratung/Telefon")
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await settle(pilot, app)
        del intended["Absatz 10"]
        assert app.quick.code(5) is None
        # an undone coding by key leaves the familiar code on its key
        await code_by_key(10, "2")
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await settle(pilot, app)
        del intended["Absatz 10"]
        assert app.quick.code(2) == netzwerk
        for n, key in zip(range(10, PASSAGES + 1), "41234123412341"):
            await code_by_key(n, key)
            # no key ever changes its code while coding
            assert {str(k): app.code_by_id(c).path for k, c in app.quick.shown()} == keys
        await pilot.press("ctrl+q")
    assert coded(day_project, "lena") == {
        "Absatz 01": "Netzwerk", "Absatz 02": "Treffen", **intended}
    # the next morning: the pinned keys are where they were, the free ones hold recent codes
    app = QualcodeApp(day_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_interview(pilot, app)
        await wait_for(pilot, lambda: app.quick.code(1) is not None)
        await settle(pilot, app)
        assert app.quick.code(1) == behoerde and app.quick.code(3) == schule
        assert app.quick.pinned == {1, 3}


async def test_pins_are_the_coders_own_and_p_with_nothing_unpins(day_project):
    app = QualcodeApp(day_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_interview(pilot, app)
        await pin(pilot, app, "Treffen", "7")
        with Project.open(day_project) as project:
            assert quick_code_pins(project, "lena") == {7: code_id(app, "Treffen")}
            assert quick_code_pins(project, "anna") == {}
        await pin(pilot, app, "Treffen", "")  # empty: unpin; it stays on 7 for the session
        assert app.quick.code(7) == code_id(app, "Treffen") and app.quick.pinned == set()
        with Project.open(day_project) as project:
            assert quick_code_pins(project, "lena") == {}
        await pin(pilot, app, "Netzwerk", "12")  # refused, nothing changes
        assert app.quick.pinned == set()


async def test_the_keys_stay_in_view_with_labels_that_tell_codes_apart(day_project):
    with Project.open(day_project) as project:
        code_store.add_code(project, "Kooperation/Treffen")  # a second "Treffen"
    pins = [("Digitale Beratung/Messenger", "1"), ("Digitale Beratung/Telefon", "2"),
            ("Kooperation/Behörde", "3"), ("Kooperation/Schule", "4"), ("Treffen", "5"),
            ("Netzwerk", "6"), ("Kooperation/Treffen", "7")]
    app = QualcodeApp(day_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await open_interview(pilot, app)
        for path, key in pins:
            await pin(pilot, app, path, key)
        browser.select_offsets(*passage(app, 5))
        await pilot.pause()
        bar = app.query_one(QuickBar)
        assert bar.display and bar.region.height >= 2
        drawn = " ".join(str(bar.render_line(y).text) for y in range(bar.region.height))
        drawn = drawn.replace("\u00a0", " ")
        for key, label in [("1•", "Messenger"), ("2•", "Telefon"), ("3•", "Behörde"),
                           ("4•", "Schule"), ("5•", "Treffen "), ("6•", "Netzwerk")]:
            assert f"{key}■{label}" in drawn
        # the second Treffen is told apart by its parent, however short
        assert re.search(r"7•■Ko\S*/Treffen ", drawn)
        # the bar is below the browser, inside the screen, while the selection lasts
        assert browser.region.bottom <= bar.region.y
        assert bar.region.bottom <= app.size.height
        assert browser.selection_offsets() == passage(app, 5)
