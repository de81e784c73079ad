"""Settings of the agreement review: the two coders, the level, the segment matching and the
consensus coder. Dismisses with :class:`~qualcode.tui.agreement_jobs.AgreementSettings`.

With three or more coders the review compares two at a time: any pair, or a coder against
the consensus coder (chosen as coder B; that review only reads). When the consensus coder
does not exist yet, the dialog offers to start it with every agreed passage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select

from qualcode.analysis.agreement.options import LEVELS, OVERLAPS, UNITS
from qualcode.tui.agreement_jobs import AgreementSettings

LEVEL_HINTS = {
    "segment": "segment — overlapping segments, as MAXQDA",
    "document": "document — code present per document",
    "frequency": "frequency — segments per document",
    "unit": "unit — sentences, turns or characters",
    "unitized": "unitized — Krippendorff's uα",
}
OVERLAP_HINTS = {"union": "÷ characters of either segment", "shorter": "÷ the shorter segment"}


class AgreementSetupScreen(ModalScreen[AgreementSettings | None]):
    """Choose coder A and B (with their numbers of segments), the level of the per-code table,
    the threshold and overlap that decide when two segments agree, and the consensus coder.
    ctrl+s (or Enter in a text field) compares; Escape cancels."""

    DEFAULT_CSS = """
    AgreementSetupScreen { align: center middle; }
    AgreementSetupScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: thick $accent; background: $surface;
    }
    AgreementSetupScreen Horizontal { height: 1; margin-bottom: 1; }
    AgreementSetupScreen .field { width: 18; }
    AgreementSetupScreen Select, AgreementSetupScreen Input { width: 1fr; height: 1; }
    AgreementSetupScreen #title { margin-bottom: 1; text-style: bold; }
    AgreementSetupScreen #error { color: $error; height: auto; }
    AgreementSetupScreen #hint { color: $text-muted; height: auto; }
    AgreementSetupScreen #buttons { align-horizontal: right; margin: 0; height: 1; }
    AgreementSetupScreen Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "compare", "Compare", id="agreement_setup.compare"),
        Binding("escape", "cancel", "Cancel", id="agreement_setup.cancel"),
    ]

    def __init__(self, coders: list[tuple[str, int]], settings: AgreementSettings) -> None:
        super().__init__()
        self.coders, self.settings = coders, settings
        #: Set on Compare: adopt the agreed passages into the new consensus coder.
        self.adopt_agreed = False

    def _consensus_exists(self, name: str) -> bool:
        return any(coder == name for coder, _ in self.coders)

    def compose(self) -> ComposeResult:
        s = self.settings
        names = [(f"{name} ({n} segments)", name) for name, n in self.coders]
        with Vertical():
            yield Label("Intercoder agreement: compare two coders", id="title")
            for label, widget in (
                ("Coder A", Select(names, value=s.coder_a, allow_blank=False, compact=True,
                                   id="coder_a")),
                ("Coder B", Select(names, value=s.coder_b, allow_blank=False, compact=True,
                                   id="coder_b")),
                ("Level", Select([(LEVEL_HINTS[v], v) for v in LEVELS], value=s.level,
                                 allow_blank=False, compact=True, id="level")),
                ("Unit (unit level)", Select([(v, v) for v in UNITS], value=s.unit,
                                             allow_blank=False, compact=True, id="unit")),
                ("Threshold %", Input(f"{s.threshold:g}", compact=True, id="threshold")),
                ("Overlap", Select([(f"{v} ({OVERLAP_HINTS[v]})", v) for v in OVERLAPS],
                                   value=s.overlap, allow_blank=False, compact=True,
                                   id="overlap")),
                ("Consensus coder", Input(s.consensus, compact=True, id="consensus")),
            ):
                with Horizontal():
                    yield Label(label, classes="field")
                    yield widget
            if len(self.coders) > 2:
                yield Label("3+ coders: compare two, or one against the consensus (as B)",
                            id="hint")
            yield Checkbox("Start the consensus with every agreed passage (resolve --agreed)",
                           False, compact=True, id="adopt")
            yield Label("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Compare (ctrl+s)", variant="primary", compact=True, id="compare")
                yield Button("Cancel (Esc)", compact=True, id="cancel")
            yield Footer()

    def on_mount(self) -> None:
        # Enter compares at once with the defaults; Tab / shift+Tab reach the fields.
        self.query_one("#compare", Button).focus()
        self._offer_adoption()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "consensus":
            self._offer_adoption()

    def _offer_adoption(self) -> None:
        """The adoption is offered when the consensus coder is created (a new name)."""
        name = self.query_one("#consensus", Input).value.strip()
        self.query_one("#adopt", Checkbox).display = bool(name) and not \
            self._consensus_exists(name)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "compare":
            self.action_compare()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_compare()

    def chosen(self) -> AgreementSettings | str:
        """The settings entered, or what is wrong with them (one line)."""
        value = {name: self.query_one(f"#{name}", Select).value
                 for name in ("coder_a", "coder_b", "level", "unit", "overlap")}
        consensus = self.query_one("#consensus", Input).value.strip()
        text = self.query_one("#threshold", Input).value.strip().replace(",", ".")
        try:
            threshold = float(text)
        except ValueError:
            return f"threshold {text!r} is not a number (percent, e.g. 90)"
        if not 0 < threshold <= 100:
            return f"threshold {threshold:g} outside (0, 100] percent"
        if value["coder_a"] == value["coder_b"]:
            return "choose two different coders"
        if not consensus:
            return "name the consensus coder (e.g. Konsens)"
        if consensus == value["coder_a"]:
            return (f"to compare a coder against the consensus, choose {consensus} as coder "
                    "B")
        return AgreementSettings(str(value["coder_a"]), str(value["coder_b"]),
                                 str(value["level"]), str(value["unit"]), threshold,
                                 str(value["overlap"]), consensus)

    def action_compare(self) -> None:
        settings = self.chosen()
        if isinstance(settings, str):
            self.query_one("#error", Label).update(f"⚠ {settings}")
            return
        adopt = self.query_one("#adopt", Checkbox)
        self.adopt_agreed = (adopt.display and adopt.value
                             and not settings.against_consensus)
        self.dismiss(settings)

    def action_cancel(self) -> None:
        self.dismiss(None)
