"""Long runs from inside the workbench: import files and codebooks, export frequencies and
quotes. Each runs in a thread worker with its own connection and reports progress."""

from __future__ import annotations

from pathlib import Path

from textual import work

from qualcode.analysis.frequencies import code_frequencies
from qualcode.exports import frequencies as frequency_export
from qualcode.exports import quotes as quote_export
from qualcode.importers.batch import import_paths
from qualcode.importers.codebook import import_codebook
from qualcode.store.project import Project
from qualcode.tui.screens.dialogs import PromptScreen


class Tasks:
    """Import and export actions (palette entries) run off the UI thread."""

    def _ask(self, question: str, value: str, then) -> None:
        self.push_screen(PromptScreen(question, value), lambda answer: answer and then(answer))

    def action_import(self) -> None:
        def got_paths(answer: str) -> None:
            paths = [Path(p).expanduser() for p in answer.split()]
            self.push_screen(PromptScreen("Document group (empty: none)"),
                             lambda group: group is not None
                             and self.run_import(paths, group.strip() or None))

        self._ask("Import files or folders (separate with spaces)", "transcripts/", got_paths)

    @work(thread=True, group="tasks")
    def run_import(self, paths: list[Path], group: str | None) -> None:
        """Import in a worker; progress and the result arrive as notifications."""
        def progress(done: int, total: int, outcome) -> None:
            self.call_from_thread(self.notify, f"{done}/{total} {outcome.message}",
                                  severity="error" if outcome.status == "failed"
                                  else "information", timeout=3)

        with Project.open(self.path) as project:
            report = import_paths(project, paths, group, actor=self.coder, progress=progress)
        summary = (f"Import: {report.count('imported')} imported, {report.count('skipped')} "
                   f"skipped, {report.count('failed')} failed")
        self.call_from_thread(self._changed, summary)

    def action_import_codebook(self) -> None:
        self._ask("Codebook (YAML) to import", "codebooks/gemeinsam-klappts.yaml",
                  lambda answer: self.run_codebook_import(Path(answer).expanduser()))

    @work(thread=True, group="tasks")
    def run_codebook_import(self, path: Path) -> None:
        try:
            with Project.open(self.path) as project:
                result = import_codebook(project, path, actor=self.coder)
        except Exception as error:  # reported in the UI, the project is unchanged
            self.call_from_thread(self.report_error, error)
            return
        self.call_from_thread(self._changed, f"Codebook: {len(result.created)} created, "
                                             f"{len(result.updated)} updated")

    def action_export_frequencies(self) -> None:
        self._ask("Export frequencies to (.csv, .xlsx or .md)", "exports/frequencies.xlsx",
                  lambda answer: self.run_export("frequencies", Path(answer).expanduser()))

    def action_export_quotes(self) -> None:
        self._ask("Export quotes to (.md or .docx)", "exports/quotes.docx",
                  lambda answer: self.run_export("quotes", Path(answer).expanduser()))

    @work(thread=True, group="tasks")
    def run_export(self, kind: str, path: Path) -> None:
        """Write an export in a worker (all coders' segments, or the filtered coder's)."""
        fmt = path.suffix.lstrip(".").lower()
        coder = self.coder_filter
        try:
            with Project.open(self.path) as project:
                if kind == "frequencies":
                    if fmt not in frequency_export.FORMATS:
                        raise ValueError(f"{path}: use .csv, .xlsx or .md")
                    table = code_frequencies(project, rollup=True, coder=coder)
                    frequency_export.write(table, path, fmt)
                else:
                    if fmt not in quote_export.FORMATS:
                        raise ValueError(f"{path}: use .md or .docx")
                    chapters = quote_export.collect_quotes(project, None, coder, "name")
                    quote_export.write(chapters, path, fmt)
        except Exception as error:
            self.call_from_thread(self.notify, str(error), severity="error")
            return
        self.call_from_thread(self.notify, f"Wrote {path}")
