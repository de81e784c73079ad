"""Long runs from inside the workbench: import files and codebooks, export frequencies and
quotes. Each runs in a thread worker with its own connection and reports progress.

The exports of frequencies, quotes, coded segments and the report ask with
:class:`~qualcode.tui.screens.export_dialog.ExportScreen` (whose segments, rollup, document
group, document set, attribution, as the CLI's options) and say whose segments they wrote."""

from __future__ import annotations

from pathlib import Path

from textual import work

from qualcode.analysis.frequencies import code_frequencies
from qualcode.exports import frequencies as frequency_export
from qualcode.exports import quotes as quote_export
from qualcode.importers.batch import import_paths
from qualcode.importers.codebook import import_codebook
from qualcode.store.consensus import DEFAULT_CONSENSUS
from qualcode.store.project import Project
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.export_dialog import (
    ExportChoice,
    ExportScreen,
    documents_scope,
    whose,
)
from qualcode.tui.screens.path_prompt import PathPromptScreen


class Tasks:
    """Import and export actions (palette entries) run off the UI thread."""

    def _ask(self, question: str, value: str, then) -> None:
        self.push_screen(PromptScreen(question, value), lambda answer: answer and then(answer))

    def action_import(self) -> None:
        def got_paths(paths: list[Path] | None) -> None:
            if paths:
                self.push_screen(PromptScreen("Document group (empty: none)"),
                                 lambda group: group is not None
                                 and self.run_import(paths, group.strip() or None))

        start = "transcripts/" if Path("transcripts").is_dir() else ""
        self.push_screen(PathPromptScreen("Import files or folders (Tab completes; several "
                                          "separated by spaces)", start), got_paths)

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
        self._ask("Codebook to import (.yaml, .qdc or the code book of a .qdpx)",
                  "codebooks/gemeinsam-klappts.yaml",
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

    def consensus_name(self) -> str:
        """The consensus coder: the agreement review's, else ``Konsens``."""
        settings = getattr(self, "agreement_settings", None)
        return settings.consensus if settings is not None else DEFAULT_CONSENSUS

    def ask_export(self, kind: str) -> None:
        """The export dialog for ``kind`` (frequencies, quotes, segments, report), then the
        export in a worker."""
        state = self.state
        coders = list(state.coders) if state else []
        groups = list(dict.fromkeys(d.group for d in state.documents if d.group)) \
            if state else []
        sets = [name for name, _ in state.document_sets] if state else []
        consensus = self.consensus_name()
        self.push_screen(ExportScreen(kind, coders, groups, consensus, self.coder, sets),
                         lambda choice: choice is not None
                         and self.run_export(kind, choice.path, choice, consensus))

    def action_export_frequencies(self) -> None:
        self.ask_export("frequencies")

    def action_export_quotes(self) -> None:
        self.ask_export("quotes")

    def action_export_qdpx(self) -> None:
        self._ask("Export the project for other QDA programs (REFI-QDA)", "exports/project.qdpx",
                  lambda answer: self.run_export("qdpx", Path(answer).expanduser()))

    def action_export_segments(self) -> None:
        self.ask_export("segments")

    def action_export_report(self) -> None:
        self.ask_export("report")

    def action_import_qdpx(self) -> None:
        self._ask("Import a REFI-QDA project (.qdpx) into this project", "",
                  lambda answer: self.run_qdpx_import(Path(answer).expanduser()))

    @work(thread=True, group="tasks")
    def run_qdpx_import(self, path: Path) -> None:
        """Import a .qdpx in a worker (one transaction; nothing is stored on an error)."""
        from qualcode.importers.qdpx import import_qdpx

        try:
            with Project.open(self.path) as project:
                result = import_qdpx(project, path, actor=self.coder)
        except Exception as error:  # shown in the UI; the project is unchanged
            self.call_from_thread(self.report_error, error)
            return
        came_in = getattr(result, "came_in", None)
        summary = ", ".join(f"{n} {kind}" for kind, n in (came_in or {}).items() if n)
        self.call_from_thread(self._changed, f"Imported {path.name}: {summary or 'done'}")

    @work(thread=True, group="tasks")
    def run_export(self, kind: str, path: Path, choice: ExportChoice | None = None,
                   consensus: str = DEFAULT_CONSENSUS) -> None:
        """Write an export in a worker: with the dialog's ``choice`` (whose segments, rollup,
        group, document set, attribution), else everyone's segments with the CLI's defaults."""
        fmt = path.suffix.lstrip(".").lower()
        choice = choice or ExportChoice(path, None, None, None, None)
        coder, group = choice.coder, choice.group
        groups = [group] if group else None
        sets = [choice.document_set] if choice.document_set else None
        try:
            with Project.open(self.path) as project:
                if kind == "qdpx":
                    from qualcode.exports.refi import export_qdpx

                    export_qdpx(project, path)
                elif kind == "segments":
                    from qualcode.exports import segments_table
                    from qualcode.store.segments import SegmentFilter, query_segments

                    if fmt not in ("csv", "xlsx"):
                        raise ValueError(f"{path}: use .xlsx or .csv")
                    segments_table.write(query_segments(project, SegmentFilter(
                        coder=coder, group=group, sets=tuple(sets) if sets else None)),
                        path, fmt)
                elif kind == "report":
                    from qualcode.exports import report

                    if fmt not in ("docx", "md"):
                        raise ValueError(f"{path}: use .docx or .md")
                    built = report.build_report(
                        project, coder=coder, attribution=choice.attribution or "none",
                        rollup=True if choice.rollup is None else choice.rollup, sets=sets)
                    report.write(built, path, fmt)
                elif kind == "frequencies":
                    if fmt not in frequency_export.FORMATS:
                        raise ValueError(f"{path}: use .csv, .xlsx or .md")
                    table = code_frequencies(project, rollup=bool(choice.rollup), coder=coder,
                                             groups=groups, sets=sets)
                    frequency_export.write(table, path, fmt)
                else:
                    if fmt not in quote_export.FORMATS:
                        raise ValueError(f"{path}: use .md or .docx")
                    chapters = quote_export.collect_quotes(project, None, coder,
                                                           choice.attribution or "name",
                                                           groups=groups, sets=sets)
                    quote_export.write(chapters, path, fmt)
        except Exception as error:
            self.call_from_thread(self.notify, str(error), severity="error")
            return
        used = "" if kind == "qdpx" else f" — {whose(coder, consensus, note=False)}" \
            + (f", {documents_scope(group, choice.document_set)}"
               if group or choice.document_set else "")
        self.call_from_thread(self.notify, f"Wrote {path}{used}")
