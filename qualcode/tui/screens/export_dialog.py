"""The workbench's export dialog (frequencies, quotes, coded segments, report): the file, whose
segments (one coder, the consensus coder or everyone), rollup, document group, document set
and attribution, as the CLI's ``export`` options. Dismisses with :class:`ExportChoice` or ``None``.

The coder defaults to the consensus coder when the project has one (the version a report
quotes), else the active coder when they coded anything, else everyone; the dialog says in
words whose segments the export uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select

#: The Select value meaning "every coder's segments" (coder names are never empty).
ALL_CODERS = ""
#: The Select value meaning "every document group".
ALL_GROUPS = ""
#: The Select value meaning "no document set: every document".
ALL_SETS = ""


@dataclass(frozen=True)
class ExportKind:
    """What an export offers: its title, suggested file, formats (by extension) and which of
    rollup, document group, document set and attribution apply (with the CLI's defaults)."""

    title: str
    path: str
    formats: tuple[str, ...]
    rollup: bool | None = None
    groups: bool = False
    attribution: str | None = None
    #: Offer the document sets (``--set``); every export of the dialog does.
    sets: bool = True


#: The exports of the palette's "Export …" entries; defaults as the CLI's.
KINDS = {
    "frequencies": ExportKind("Export code frequencies", "exports/frequencies.xlsx",
                              ("csv", "xlsx", "md"), rollup=False, groups=True),
    "quotes": ExportKind("Export a quote collection", "exports/quotes.docx", ("md", "docx"),
                         groups=True, attribution="name"),
    "segments": ExportKind("Export the coded segments as a table", "exports/segments.xlsx",
                           ("xlsx", "csv"), groups=True),
    "report": ExportKind("Export an analysis report", "exports/report.docx", ("docx", "md"),
                         rollup=True, attribution="none"),
}


@dataclass(frozen=True)
class ExportChoice:
    """The dialog's answer: ``coder`` ``None`` for every coder's segments, ``group`` ``None``
    for every document group, ``document_set`` ``None`` for no set (every document),
    ``rollup``/``attribution`` ``None`` where they do not apply."""

    path: Path
    coder: str | None
    rollup: bool | None
    group: str | None
    attribution: str | None
    document_set: str | None = None

    @property
    def fmt(self) -> str:
        """The format, from the file's extension (lower case, without the dot)."""
        return self.path.suffix.lstrip(".").lower()


def default_coder(coders: list[str], consensus: str, active: str) -> str | None:
    """The consensus coder when the project has one, else ``active`` when they are a coder of
    the project, else ``None`` (every coder)."""
    if consensus in coders:
        return consensus
    return active if active in coders else None


def whose(coder: str | None, consensus: str, note: bool = True) -> str:
    """Whose segments an export uses, in words (``note``: with the warning about everyone's
    segments)."""
    if coder is None:
        return "every coder's segments" + (" (a passage two coders coded appears twice)"
                                           if note else "")
    if coder == consensus:
        return f"{coder}'s segments (the consensus coder)"
    return f"{coder}'s segments"


def documents_scope(group: str | None, document_set: str | None) -> str:
    """Which documents an export uses, in words (``""`` for every document)."""
    parts = ([f"group {group}"] if group else []) + (
        [f"set {document_set}"] if document_set else [])
    return " and ".join(parts)


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Ask where to write ``kind`` and from whose segments; ctrl+s or Enter in the file field
    exports, Escape cancels."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: thick $accent; background: $surface;
    }
    ExportScreen Horizontal { height: 1; margin-bottom: 1; }
    ExportScreen .field { width: 16; }
    ExportScreen Select, ExportScreen Input { width: 1fr; height: 1; }
    ExportScreen #title { margin-bottom: 1; text-style: bold; }
    ExportScreen #whose { margin-bottom: 1; color: $text-muted; height: auto; }
    ExportScreen Checkbox { margin-bottom: 1; }
    ExportScreen #error { color: $error; height: auto; }
    ExportScreen #buttons { align-horizontal: right; margin: 0; height: 1; }
    ExportScreen Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "export", "Export", id="export.export"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, kind: str, coders: list[str], groups: list[str], consensus: str,
                 active: str, sets: list[str] = ()) -> None:
        super().__init__()
        self.kind, self.spec = kind, KINDS[kind]
        self.coders, self.groups, self.consensus = coders, groups, consensus
        #: The project's document sets; the choice is offered only when there is one.
        self.sets = list(sets)
        self.default = default_coder(coders, consensus, active)

    def compose(self) -> ComposeResult:
        spec = self.spec
        formats = ", ".join(f".{f}" for f in spec.formats)
        options = [(f"{name} (consensus)" if name == self.consensus else name, name)
                   for name in self.coders]
        options.append(("all coders", ALL_CODERS))
        with Vertical():
            yield Label(f"{spec.title} ({formats})", id="title")
            with Horizontal():
                yield Label("File", classes="field")
                yield Input(spec.path, compact=True, id="path")
            with Horizontal():
                yield Label("Coder", classes="field")
                yield Select(options, value=self.default or ALL_CODERS, allow_blank=False,
                             compact=True, id="coder")
            if spec.groups:
                with Horizontal():
                    yield Label("Document group", classes="field")
                    yield Select([("all groups", ALL_GROUPS),
                                  *((g, g) for g in self.groups)], value=ALL_GROUPS,
                                 allow_blank=False, compact=True, id="group")
            if spec.sets and self.sets:
                with Horizontal():
                    yield Label("Document set", classes="field")
                    yield Select([("no set (all documents)", ALL_SETS),
                                  *((name, name) for name in self.sets)], value=ALL_SETS,
                                 allow_blank=False, compact=True, id="set")
            if spec.attribution is not None:
                with Horizontal():
                    yield Label("Attribution", classes="field")
                    yield Input(spec.attribution, compact=True, id="attribution",
                                placeholder="name, group, a variable, none (group,Kommune)")
            if spec.rollup is not None:
                yield Checkbox("Count subcodes in their parents (rollup)", spec.rollup,
                               compact=True, id="rollup")
            yield Label("", id="whose")
            yield Label("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Export (ctrl+s)", variant="primary", compact=True, id="export")
                yield Button("Cancel (Esc)", compact=True, id="cancel")
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self._describe()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self._describe()

    def _describe(self) -> None:
        coder = self.query_one("#coder", Select).value or None
        documents = documents_scope(self._value("#group"), self._value("#set"))
        self.query_one("#whose", Label).update(
            f"Uses {whose(coder, self.consensus)}"
            + (f", only documents of {documents}." if documents else "."))

    def _value(self, selector: str) -> str | None:
        """The chosen group or set (``None``: all, or the choice is not offered)."""
        found = self.query(selector)
        return (str(found.first(Select).value) or None) if found else None

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_cancel()

    def chosen(self) -> ExportChoice | str:
        """The answer, or what is wrong with it (one line)."""
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return "name the file to write"
        path = Path(text).expanduser()
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in self.spec.formats:
            return f"{path}: use {', '.join(f'.{f}' for f in self.spec.formats)}"
        coder = str(self.query_one("#coder", Select).value) or None
        group, document_set = self._value("#group"), self._value("#set")
        attribution = None
        if self.spec.attribution is not None:
            attribution = self.query_one("#attribution", Input).value.strip()
            if not attribution:
                return "attribution: name, group, a document variable or none"
        rollup = self.query_one("#rollup", Checkbox).value if self.spec.rollup is not None \
            else None
        return ExportChoice(path, coder, rollup, group, attribution, document_set)

    def action_export(self) -> None:
        choice = self.chosen()
        if isinstance(choice, str):
            self.query_one("#error", Label).update(f"⚠ {choice}")
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
