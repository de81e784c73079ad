"""The number keys 1-9 of the workbench: which code each key applies, kept stable.

A coder codes by number keys without looking, so a key must never change its code behind
the coder's back (issue 12: keys that re-ordered after every use gave wrong codings). Rules:

* a pinned code (MAXQDA's quick list) keeps its key until the coder pins or unpins;
* the other keys fill with the codes the coder used, in the order used, each into the first
  free key; a code that has a key keeps it for the session (no re-numbering), and when all
  keys are taken a newly used code gets none;
* a code that came onto a key by a coding of this session leaves its (unpinned) key when
  its codings of the session are undone; a code that was on its key before (pinned, or
  one of the last session's codes) keeps it, so an undo never re-numbers a familiar key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

KEYS = 9


@dataclass
class QuickCodes:
    """Code ids on the keys 1-9 (``slots[0]`` is key 1; ``None``: free) and the pinned keys."""

    slots: list[int | None] = field(default_factory=lambda: [None] * KEYS)
    pinned: set[int] = field(default_factory=set)
    #: Codes that came onto a key by this session's codings, with how many codings.
    fresh: dict[int, int] = field(default_factory=dict)

    @classmethod
    def start(cls, pins: Mapping[int, int], recent: Iterable[int]) -> QuickCodes:
        """The keys at the start of a session: ``pins`` (``{key: code id}``) on their keys,
        then the ``recent`` codes (newest first) on the free keys in order."""
        quick = cls()
        for key, code_id in pins.items():
            if 1 <= key <= KEYS:
                quick.slots[key - 1] = code_id
                quick.pinned.add(key)
        quick.fill(recent)
        return quick

    def code(self, key: int) -> int | None:
        """The code on number key ``key`` (1-9), or ``None``."""
        return self.slots[key - 1] if 1 <= key <= KEYS else None

    def key_of(self, code_id: int) -> int | None:
        """The number key showing ``code_id``, or ``None``."""
        return self.slots.index(code_id) + 1 if code_id in self.slots else None

    def used(self, code_id: int) -> int | None:
        """Note that ``code_id`` was applied: it keeps its key or takes the first free one.
        Returns its key (``None`` when every key is taken)."""
        key = self.key_of(code_id)
        if key is None:
            key = self._place(code_id)
            if key is not None:
                self.fresh[code_id] = 0
        if code_id in self.fresh:
            self.fresh[code_id] += 1
        return key

    def _place(self, code_id: int) -> int | None:
        key = self.key_of(code_id)
        if key is not None:
            return key
        for index, slot in enumerate(self.slots):
            if slot is None and index + 1 not in self.pinned:
                self.slots[index] = code_id
                return index + 1
        return None

    def fill(self, codes: Iterable[int]) -> None:
        """Put ``codes`` (in order) on free keys; codes already shown keep their keys."""
        for code_id in codes:
            if None not in self.slots:
                return
            self._place(code_id)

    def pin(self, key: int, code_id: int) -> None:
        """Pin ``code_id`` to ``key``: it leaves any other key; a code on ``key`` goes."""
        old = self.key_of(code_id)
        if old is not None:
            self.slots[old - 1] = None
            self.pinned.discard(old)
        self.slots[key - 1] = code_id
        self.pinned.add(key)
        self.fresh.pop(code_id, None)

    def unpin(self, key: int) -> None:
        """Take the pin off ``key``; its code stays on it for the session."""
        self.pinned.discard(key)

    def undone(self, code_ids: Iterable[int]) -> list[int]:
        """Note that codings with ``code_ids`` (one entry per coding) were undone. A code that
        came onto its key by this session's codings and has none of them left frees its
        key; returns the keys freed. No other key changes."""
        freed = []
        for code_id in code_ids:
            if code_id not in self.fresh:
                continue
            self.fresh[code_id] -= 1
            key = self.key_of(code_id)
            if self.fresh[code_id] <= 0:
                del self.fresh[code_id]
                if key is not None and key not in self.pinned:
                    self.slots[key - 1] = None
                    freed.append(key)
        return freed

    def keep_only(self, existing: Iterable[int]) -> None:
        """Free the keys of codes that no longer exist (deleted or merged away)."""
        alive = set(existing)
        for index, code_id in enumerate(self.slots):
            if code_id is not None and code_id not in alive:
                self.slots[index] = None
                self.pinned.discard(index + 1)

    def shown(self) -> list[tuple[int, int]]:
        """``(key, code id)`` of every key that has a code, by key."""
        return [(index + 1, c) for index, c in enumerate(self.slots) if c is not None]


def distinct_labels(names: Sequence[str], paths: Sequence[str], width: int) -> list[str]:
    """Short labels for codes shown side by side, each at most ``width`` characters where
    that suffices to tell it from the others (cut with …), longer where two would read alike:
    a label is cut no shorter than one character past what it shares with another label.
    Two codes of the same name are told apart by their parent (``Par…/Name``)."""
    full, tails = [], []
    for name, path in zip(names, paths):
        same = sum(1 for other in names if other == name)
        tail = ""
        if same > 1 and "/" in path:
            tail = "/" + name  # kept whole: the parent is what gets shortened
            name = path.rsplit("/", 2)[-2] + tail
        full.append(name)
        tails.append(tail)
    labels = []
    for i, label in enumerate(full):
        shared = max((_common_prefix(label, other) for j, other in enumerate(full) if j != i),
                     default=0)
        keep = max(width, shared + 2)
        if len(label) <= keep:
            labels.append(label)
        elif tails[i]:
            head = label[:-len(tails[i])]
            cut = max(keep - len(tails[i]) - 1, shared + 1)
            labels.append(label if cut >= len(head) else head[:cut].rstrip() + "…" + tails[i])
        else:
            labels.append(label[:keep - 1].rstrip() + "…")
    return labels


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.casefold(), b.casefold()):
        if x != y:
            break
        n += 1
    return n
