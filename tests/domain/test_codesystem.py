"""The code system as a tree."""

from __future__ import annotations

import pytest

from qualcode.domain.codesystem import CodeTree
from qualcode.domain.errors import NotFoundError

# id, parent, name, position
ROWS = [
    (1, None, "Zusammenarbeit", 2),
    (2, None, "Digitale Beratung", 1),
    (3, 2, "Telefon/E-Mail", 1),
    (4, 2, "Video", 2),
    (5, 1, "Jobcenter", 1),
    (6, 5, "Ansprechpartner", 1),
    (7, None, "Sonstiges", 2),  # same position as 1: ordered by name
]


@pytest.fixture
def tree():
    return CodeTree(ROWS)


def test_walk_is_depth_first_in_position_then_name_order(tree):
    assert [tree.name[c] for c in tree.walk()] == [
        "Digitale Beratung", "Telefon/E-Mail", "Video",
        "Sonstiges",
        "Zusammenarbeit", "Jobcenter", "Ansprechpartner",
    ]


def test_paths_escape_slashes_in_names(tree):
    assert tree.path_of(3) == "Digitale Beratung/Telefon\\/E-Mail"
    assert tree.path_of(6) == "Zusammenarbeit/Jobcenter/Ansprechpartner"
    assert tree.names_of(6) == ["Zusammenarbeit", "Jobcenter", "Ansprechpartner"]


def test_find_and_resolve(tree):
    assert tree.find("Digitale Beratung/Telefon\\/E-Mail") == 3
    assert tree.find("Zusammenarbeit/Jobcenter/Ansprechpartner") == 6
    assert tree.find("Jobcenter") is None  # not top-level
    assert tree.find("Digitale Beratung/Telefon") is None
    assert tree.resolve("Digitale Beratung/Video") == 4


def test_resolve_names_close_matches(tree):
    with pytest.raises(NotFoundError) as error:
        tree.resolve("Digitale Beratung/Vidoe")
    message = str(error.value)
    assert "Digitale Beratung/Vidoe" in message
    assert "did you mean" in message and "Digitale Beratung/Video" in message


def test_resolve_without_close_matches(tree):
    with pytest.raises(NotFoundError) as error:
        tree.resolve("Wohnen")
    assert "did you mean" not in str(error.value)


def test_depth_and_top_level(tree):
    assert tree.depth_of(1) == 0
    assert tree.depth_of(6) == 2
    assert tree.top_level_of(6) == 1
    assert tree.top_level_of(2) == 2


def test_descendants_exclude_the_code_itself(tree):
    assert tree.descendants(1) == [5, 6]
    assert tree.descendants(2) == [3, 4]
    assert tree.descendants(4) == []


def test_empty_tree():
    empty = CodeTree([])
    assert list(empty.walk()) == []
    assert empty.find("A") is None
