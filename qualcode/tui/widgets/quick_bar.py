"""The quick-code bar under the Document Browser: which code each number key 1-9 applies."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from qualcode.domain.models import Code
from qualcode.domain.quick_codes import QuickCodes, distinct_labels

#: Narrowest label: enough for most German code names' first word.
MIN_LABEL = 8


def fitted_labels(names: list[str], paths: list[str], width: int) -> list[str]:
    """Labels as long as fits: whole names on one line of ``width`` if possible, else on two,
    else three; never shorter than :data:`MIN_LABEL` (or than telling codes apart takes)."""
    longest = max(len(p) for p in paths)
    for lines in (1, 2, 3):
        for cut in range(longest, MIN_LABEL - 1, -1):
            labels = distinct_labels(names, paths, cut)
            items = [len(label) + 5 for label in labels]  # "1•■" + label + two spaces
            # wrapping between keys wastes up to one key's width per extra line
            if 5 + sum(items) <= lines * width - (lines - 1) * max(items):
                return labels
    return distinct_labels(names, paths, MIN_LABEL)


class QuickBar(Static):
    """``1 Name  2• Name …``: each key with its code's colour and a label long enough to tell
    the codes apart; ``•`` marks a pinned key. Wraps between keys, never inside a label."""

    DEFAULT_CSS = """
    QuickBar { height: auto; max-height: 3; padding: 0 1; color: $text-muted; display: none; }
    """

    _shown: tuple[QuickCodes, dict[int, Code]] | None = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show_keys(*self._shown)  # labels get the new width

    def show_keys(self, quick: QuickCodes, codes: dict[int, Code]) -> None:
        """Draw the keys of ``quick`` (codes looked up in ``codes``; unknown ones skipped)."""
        self._shown = (quick, codes)
        shown = [(key, codes[c]) for key, c in quick.shown() if c in codes]
        self.display = bool(shown)
        if not shown:
            return
        width = max(self.size.width or 78, 40) - 2
        labels = fitted_labels([c.name for _, c in shown], [c.path for _, c in shown], width)
        text = Text("keys ", style="dim")
        for (key, code), label in zip(shown, labels):
            text.append(f"{key}{'•' if key in quick.pinned else ''}", style="bold")
            text.append("■", style=code.color)
            text.append(label.replace(" ", "\u00a0"))  # wrap between keys only
            text.append("  ")
        self.update(text)
