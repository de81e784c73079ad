"""Speaker autocoding in the workbench: code every turn of one speaker (e.g. all answers of
the respondents, ``B``) with one code, as ``qualcode autocode CODEPATH --speaker B`` does.

A mixin of :class:`~qualcode.tui.app.QualcodeApp`. The work is one change on the database
thread (one ``ctrl+z`` takes it back); a turn lying inside a segment the active coder already
coded with the code is skipped and counted, never coded twice. The scope is the activated
documents, or every document when none is activated.
"""

from __future__ import annotations

from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code_by_id
from qualcode.store.documents import list_documents
from qualcode.store.segments import autocode_speaker
from qualcode.tui.screens.picker import Choice, PickerScreen


def speaker_counts(project) -> list[tuple[str, int]]:
    """``(label, number of turns)`` of every speaker in the project, most turns first."""
    rows = project.db.execute(
        "SELECT speaker, COUNT(*) FROM turns WHERE speaker IS NOT NULL AND speaker != '' "
        "GROUP BY speaker ORDER BY COUNT(*) DESC, speaker").fetchall()
    return [(row[0], row[1]) for row in rows]


def code_speaker_turns(project, code_id: int, coder: str, speaker: str,
                       document_ids: frozenset[int]) -> tuple[int, int, int, str]:
    """Code every turn of ``speaker`` in the documents ``document_ids`` (empty: all) with
    code ``code_id`` as ``coder``; returns ``(created, skipped, documents, codepath)``."""
    code = get_code_by_id(project, code_id)
    documents = [d for d in list_documents(project)
                 if not document_ids or d.id in document_ids]
    who = ensure_coder(project, coder)
    created, skipped = autocode_speaker(project, code, who, speaker, documents, actor=coder)
    return created, skipped, len(documents), code.path


class SpeakerAutocoding:
    """``action_autocode_speaker``: pick a speaker, pick a code, code their turns."""

    def action_autocode_speaker(self) -> None:
        if self.refuse_readonly():
            return

        def speakers_found(found: list[tuple[str, int]]) -> None:
            if not found:
                self.notify("No speaker turns in the project (I:/B: labels).",
                            severity="warning", timeout=3)
                return
            choices = [Choice(label, f"{label} ({turns} turns)") for label, turns in found]
            self.push_screen(PickerScreen("Autocode every turn of speaker…", choices),
                             speaker_chosen)

        def speaker_chosen(speaker) -> None:
            if isinstance(speaker, str):
                self.push_screen(PickerScreen(f"Code every turn of {speaker} with…",
                                              self.code_choices()),
                                 lambda code_id: code_chosen(speaker, code_id))

        def code_chosen(speaker: str, code_id) -> None:
            if not isinstance(code_id, int):
                return
            coder, scope = self.coder, self.active_documents

            def done(result: tuple[int, int, int, str]) -> None:
                created, skipped, documents, path = result
                self._changed(
                    f"Coded {created} turn(s) of {speaker} in {documents} document(s) with "
                    f"{path}"
                    + (f", skipped {skipped} already coded with {path} by {coder}"
                       if skipped else "")
                    + (" · ctrl+z undoes all of it" if created else ""))

            self.db.submit(lambda p: code_speaker_turns(p, code_id, coder, speaker, scope),
                           done, self.report_error, write=True)

        self.db.submit(speaker_counts, speakers_found)
