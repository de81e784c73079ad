"""The workbench application: layout, panels, navigation, coder, help and command palette."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from qualcode.analysis.find import Hit, find_in_project
from qualcode.domain.quick_codes import QuickCodes
from qualcode.domain.spans import Span
from qualcode.tui import jobs
from qualcode.tui.agreement_review import AgreementReview
from qualcode.tui.analysis import ANALYSIS_BINDINGS, Analysis
from qualcode.tui.code_editing import CodeEditing
from qualcode.tui.coding import Coding
from qualcode.tui.database import Database, JobDone, change_marks
from qualcode.tui.document_editing import DocumentEditing
from qualcode.tui.memos import MemoManagement
from qualcode.tui.model import DocumentView
from qualcode.tui.navigation import Navigation
from qualcode.tui.quick_keys import QuickKeys
from qualcode.tui.reading_view import ReadingView
from qualcode.tui.resume import Resume
from qualcode.tui.screens.agreement import HELP_BINDINGS as AGREEMENT_BINDINGS
from qualcode.tui.sentences import SentenceSplitter
from qualcode.tui.screens.help import HelpScreen
from qualcode.tui.screens.memo_manager import MemoManagerScreen
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.picker import Choice, PickerScreen
from qualcode.tui.screens.reading import ReadingScreen
from qualcode.tui.screens.search import SearchScreen
from qualcode.tui.screens.variables import VariablesScreen
from qualcode.tui.shutdown import Shutdown
from qualcode.tui.speaker_autocoding import SpeakerAutocoding
from qualcode.tui.tasks import Tasks
from qualcode.tui.variables import Variables
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.document_system import DocumentSystem
from qualcode.tui.widgets.quick_bar import QuickBar
from qualcode.tui.widgets.retrieved import PAGE_SIZE, RetrievedSegments


class QualcodeApp(Resume, DocumentEditing, Variables, Shutdown, Analysis, AgreementReview,
                  QuickKeys, Navigation, Coding, CodeEditing, MemoManagement, Tasks,
                  ReadingView, SpeakerAutocoding, App):
    """MAXQDA's four windows in a terminal: Document System, Code System, Document Browser,
    Retrieved Segments. ``path`` is an existing project file; ``coder`` the active coder."""

    TITLE = "qualcode"
    CSS = """
    #main { height: 1fr; }
    #left { width: 30; }
    #right { width: 1fr; }
    #status { height: 1; color: $text-muted; padding: 0 1; }
    #retrieved-box { height: 8; }
    .-wide #left { width: 42; }
    .-wide #retrieved-box { height: 14; }
    .-tall #retrieved-box { height: 14; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]

    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding("f2", "focus('documents')", "Documents", show=False, id="app.focus_documents"),
        Binding("f3", "focus('codes')", "Codes", show=False, id="app.focus_codes"),
        Binding("f4", "focus('browser')", "Browser", show=False, id="app.focus_browser"),
        Binding("f5", "focus('retrieved')", "Retrieved", show=False, id="app.focus_retrieved"),
        Binding("ctrl+f", "search_project", "Find in project", id="app.search"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo"),
        Binding("f8", "switch_coder", "Coder", id="app.coder"),
        Binding("f9", "toggle_coder_filter", "Filter", show=False, id="app.filter"),
        Binding("f10", "read_retrieved", "Read segments", show=False, id="app.read_retrieved"),
        Binding("f11", "variables", "Variables", show=False, id="app.variables"),
        Binding("f12", "memo_manager", "Memo manager", show=False, id="app.memo_manager"),
        # Listed in help under "Intercoder agreement" (screens.agreement.HELP_BINDINGS).
        Binding("ctrl+g", "agreement", "", show=False, id="app.agreement"),
        *ANALYSIS_BINDINGS,
    ]

    def __init__(self, path: Path, coder: str, ask_coder: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.coder = coder
        # True when nobody chose the coder (no --coder, no $QUALCODE_CODER): then, if the
        # project's coders do not include the default, the workbench asks at the start.
        self._ask_coder = ask_coder
        self.coder_filter: str | None = None
        self.db = Database(self.path, self._post_from_thread)
        self.sentences = SentenceSplitter()
        self._warming = None
        self.state: jobs.PanelState | None = None
        self.view: DocumentView | None = None
        self.active_codes: frozenset[int] = frozenset()
        self.active_documents: frozenset[int] = frozenset()
        self.quick = QuickCodes()
        self.retrieved_offset = 0
        self._drawn_colors: dict[int, str] = {}
        self._select_after_refresh: int | None = None
        self._retrieved_timer = None

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield DocumentSystem(id="documents")
                yield CodeSystem(id="codes")
            with Vertical(id="right"):
                yield DocumentBrowser(id="browser")
                yield Static("Open a document: F2, then Enter. Help: ? or F1.", id="status")
                yield QuickBar(id="quick")
                with Vertical(id="retrieved-box"):
                    yield RetrievedSegments(id="retrieved")
        yield Footer()

    def _post_from_thread(self, message) -> None:
        # Wake the event loop: a bare post_message from another thread is only noticed at
        # the next timer tick.
        self._loop.call_soon_threadsafe(self.post_message, message)

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.db.start()
        self.install_signal_handlers()
        # Another program (the CLI, a colleague's merge) may change the project file while
        # the workbench is open: SQLite's data_version tells, and the panels follow. The
        # baseline is the version at opening, so a change in the first seconds counts too.
        self._data_version: tuple[int, int] | None = self.db.opened_version
        self.set_interval(2.0, self._check_outside_changes)
        # After the first screen is drawn: the spaCy import should not delay it.
        self.set_timer(0.3, self._warm_up)
        self.title = f"qualcode — {self.path.name}"
        self._update_subtitle()
        self.query_one(DocumentBrowser).border_title = "Document Browser"
        self.query_one(DocumentSystem).focus()
        self.refresh_all()
        self.load_quick_codes()
        self.restore_workbench_state()

    def _check_outside_changes(self) -> None:
        def compare(marks: tuple[int, int]) -> None:
            before, self._data_version = self._data_version, marks
            # Another program committed (data_version) and project data changed (the event
            # log): a view setting saved by another workbench alone reloads nothing.
            if before is not None and marks[0] != before[0] and marks[1] != before[1]:
                self.refresh_all()

        self.db.submit(change_marks, compare)

    def _warm_up(self) -> None:
        self._warming = self.sentences.warm_up()

    @property
    def sentences_ready(self) -> bool:
        """True once spaCy is loaded in the background (a few seconds after start)."""
        return self._warming is not None and self._warming.done()

    def on_unmount(self) -> None:
        self.remove_signal_handlers()
        self.before_last_commit()  # the place to reopen at, when not quit with ctrl+q
        self.db.stop()  # commits every queued change before the process may end
        self.sentences.shutdown()

    def _update_subtitle(self) -> None:
        shown = "all coders" if self.coder_filter is None else f"only {self.coder_filter}"
        also = self.browser_coders()
        if isinstance(also, tuple) and len(also) > 1:  # an agreement review is open
            shown += f" + {', '.join(also[1:])} (review)"
        readonly = " · read-only" if self.db.readonly else ""
        self.sub_title = f"Coder: {self.coder} · showing {shown}{readonly}"

    # -- data flow -----------------------------------------------------------------------
    def on_job_done(self, message: JobDone) -> None:
        if self._exit or not self.is_running:
            return  # quitting: the panels are being taken down (the change itself is saved)
        if message.error is not None:
            if message.errback is not None:
                message.errback(message.error)
            else:
                self.notify(str(message.error), severity="error")
        elif message.callback is not None:
            message.callback(message.result)

    def report_error(self, error: Exception) -> None:
        """Show a failed change and redraw from the project (undoing optimistic drawing)."""
        self.notify(str(error), severity="error", timeout=6)
        self.refresh_all()

    def refresh_all(self) -> None:
        """Reload panels, the open document's codings and Retrieved Segments."""
        coder, shown = self.coder_filter, self.browser_coders()
        self.db.submit(lambda p: jobs.load_state(p, coder), self._show_state)
        if self.view is not None:
            document_id = self.view.id
            self.db.submit(lambda p: jobs.reload_segments(p, document_id, shown),
                           lambda segments: self._show_segments(document_id, segments))
            self.refresh_text_memos()
        # Retrieved Segments follow a moment later, so a burst of keystrokes is not held up
        # by rebuilding the table after each of them.
        if self._retrieved_timer is not None:
            self._retrieved_timer.stop()
        self._retrieved_timer = self.set_timer(0.15, self.refresh_retrieved)

    def _show_state(self, state: jobs.PanelState) -> None:
        self.state = state
        if self._ask_coder:
            self._ask_coder = False
            if not state.coders:  # a new project: nobody is recorded yet, so ask
                self.call_after_refresh(self.ask_first_coder)
            elif self.coder not in state.coders:
                self.call_after_refresh(self.action_switch_coder,
                                        f"Who is coding? (the project's coders; "
                                        f"type a new name to add one; Esc: {self.coder})")
        documents = self.query_one(DocumentSystem)
        documents.open_id = self.view.id if self.view else None
        documents.set_documents(state.documents, state.document_counts, state.document_memos,
                                state.document_sets)
        self.query_one(CodeSystem).set_codes(state.codes)
        self.show_quick_keys()
        if self._select_after_refresh is not None:
            code_id, self._select_after_refresh = self._select_after_refresh, None
            self.call_after_refresh(self.query_one(CodeSystem).select_code, code_id)
        colors = self.code_colors()
        if self.view is not None and colors != self._drawn_colors:
            self.query_one(DocumentBrowser).update_codings(self.view, colors)
        self._drawn_colors = colors

    def _show_segments(self, document_id: int, segments) -> None:
        if self.view is not None and self.view.id == document_id:
            self.view.segments = segments
            self.query_one(DocumentBrowser).update_codings(self.view, self.code_colors())
            self.update_status()

    def code_colors(self) -> dict[int, str]:
        return {c.id: c.color for c in self.state.codes.codes} if self.state else {}

    def code_by_id(self, code_id: int):
        return self.state.codes.by_id().get(code_id) if self.state else None

    def refresh_retrieved(self, offset: int | None = None) -> None:
        if offset is not None:
            self.retrieved_offset = offset
        codes, documents, coder = self.active_codes, self.active_documents, self.coder_filter
        start = self.retrieved_offset

        def show(result) -> None:
            segments, total = result
            scope = []
            scope.append(f"{len(codes)} code(s)" if codes else "all codes")
            scope.append(f"{len(documents)} document(s)" if documents else "all documents")
            self.query_one(RetrievedSegments).set_segments(segments, total, start,
                                                           " · ".join(scope))

        self.db.submit(lambda p: jobs.retrieve(p, codes, documents, coder, start, PAGE_SIZE),
                       show)

    # -- documents -----------------------------------------------------------------------
    @on(DocumentSystem.Opened)
    def _opened(self, message: DocumentSystem.Opened) -> None:
        self.open_document(message.document_id)

    def open_document(self, document_id: int, select: tuple[int, int] | None = None,
                      focus: bool = True) -> None:
        """Load a document into the browser, then optionally select ``[start, end)``."""
        if self.view is not None and self.view.id == document_id:
            if select:
                self.query_one(DocumentBrowser).select_offsets(*select)
            if focus:
                self.query_one(DocumentBrowser).focus()
            return
        coder = self.browser_coders()

        def show(view: DocumentView) -> None:
            self.view = view
            browser = self.query_one(DocumentBrowser)
            browser.border_title = f"Document Browser — {view.document.name}"
            self._drawn_colors = self.code_colors()
            browser.show_document(view, self._drawn_colors)
            self.refresh_text_memos()
            documents = self.query_one(DocumentSystem)
            documents.open_id = view.id
            documents.refresh_labels()
            if select:
                browser.select_offsets(*select)
            if focus:
                browser.focus()
            self.update_status()
            self.compute_sentences(view)
            self.note_workbench_state()

        self.db.submit(lambda p: jobs.load_document(p, document_id, coder), show)

    def compute_sentences(self, view: DocumentView) -> None:
        """Split the open document into sentences (spaCy, in a helper process)."""
        future = self.sentences.split(view.text)

        def done(finished) -> None:
            if not finished.cancelled() and finished.exception() is None:
                spans = [Span(*span) for span in finished.result()]
                self._loop.call_soon_threadsafe(setattr, view, "sentences", spans)

        future.add_done_callback(done)

    @on(DocumentSystem.ActivationChanged)
    def _documents_activated(self, message: DocumentSystem.ActivationChanged) -> None:
        self.active_documents = message.active
        self.refresh_retrieved(0)
        self.note_workbench_state()

    @on(CodeSystem.ActivationChanged)
    def _codes_activated(self, message: CodeSystem.ActivationChanged) -> None:
        self.active_codes = message.active
        self.refresh_retrieved(0)
        self.note_workbench_state()

    @on(RetrievedSegments.Jump)
    def _jump(self, message: RetrievedSegments.Jump) -> None:
        segment = message.segment
        self.open_document(segment.document_id, (segment.start, segment.end))

    @on(RetrievedSegments.ReadRequested)
    def _read(self) -> None:
        self.action_read_retrieved()

    @on(RetrievedSegments.PageRequested)
    def _page(self, message: RetrievedSegments.PageRequested) -> None:
        self.refresh_retrieved(message.offset)

    @on(TextArea.SelectionChanged, "#browser")
    def _selection_changed(self) -> None:
        self.update_status()
        self.note_workbench_state()

    def update_status(self) -> None:
        """The line under the browser: position and codes at the cursor."""
        status = self.query_one("#status", Static)
        if self.view is None:
            return
        browser = self.query_one(DocumentBrowser)
        start, end = browser.selection_offsets()
        line = self.view.lines.line_of(start)
        here = self.view.segments_overlapping(start, end)
        names = []
        for segment in here[:3]:
            code = self.code_by_id(segment.code_id)
            names.append(f"{code.name if code else '?'} ({segment.coder})")
        if len(here) > 3:
            names.append(f"+{len(here) - 3}")
        selected = f" · {end - start} chars selected" if end > start else ""
        status.update(f"Z. {line}{selected} · {', '.join(names) or 'not coded'}")

    # -- navigation, search, coder -----------------------------------------------------------
    def action_focus(self, widget_id: str) -> None:
        self.query_one(f"#{widget_id}").focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen([
            ("Global", self.BINDINGS),
            ("Document Browser", DocumentBrowser.BINDINGS),
            ("Document System", DocumentSystem.BINDINGS),
            ("Code System", CodeSystem.BINDINGS),
            ("Retrieved Segments", RetrievedSegments.BINDINGS),
            ("Reading view (F10)", ReadingScreen.BINDINGS),
            ("Intercoder agreement", AGREEMENT_BINDINGS),
            ("Variables editor (F11)", VariablesScreen.BINDINGS),
            ("Memo manager", MemoManagerScreen.BINDINGS),
            *self.analysis_help_areas(),
        ]))

    project_query: str = ""

    def action_search_project(self) -> None:
        def search(query: str) -> None:
            self.project_query = query
            self.db.submit(lambda p: find_in_project(p, query),
                           lambda hits: screen.show_hits(query, hits))

        def chosen(hit: Hit | None) -> None:
            if hit is not None:
                self.open_document(hit.document_id, (hit.start, hit.end))

        screen = SearchScreen(search, self.project_query)
        self.push_screen(screen, chosen)

    def action_switch_coder(self, title: str = "Active coder (type a new name to add one)"
                            ) -> None:
        coders = self.state.coders if self.state else []
        choices = [Choice(name, name, hint="(active)" if name == self.coder else "")
                   for name in coders]

        def chosen(value) -> None:
            if value is None:
                return
            name = value[1] if isinstance(value, tuple) else value
            previous, self.coder = self.coder, str(name).strip() or self.coder
            self._update_subtitle()
            if self.coder != previous:
                self.quick = QuickCodes()
                self.load_quick_codes()
                self.coder_changed()
            self.notify(f"Active coder: {self.coder}")

        self.push_screen(PickerScreen(title, choices, allow_new=True), chosen)

    def ask_first_coder(self) -> None:
        """Ask for the name of the first coder of a project (prefilled with the default)."""
        def chosen(name: str | None) -> None:
            name = (name or "").strip()
            if name and name != self.coder:
                self.coder = name
                self._update_subtitle()
            self.notify(f"Active coder: {self.coder}")

        self.push_screen(PromptScreen("Who is coding? Your name is recorded with every "
                                      "coding (F8 switches later).", self.coder), chosen)

    def action_toggle_coder_filter(self) -> None:
        self.coder_filter = None if self.coder_filter is not None else self.coder
        self._update_subtitle()
        if self.view is not None:
            self.query_one(DocumentBrowser).update_codings(self.view, self.code_colors())
        self.refresh_all()
        self.note_workbench_state()

    # -- command palette -----------------------------------------------------------------
    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        commands = [
            ("Open document…", "Pick a document to open", self.action_open_document),
            ("Apply code…", "Code the selection with a code picked by name",
             lambda: self.query_one(DocumentBrowser).action_code_picker()),
            ("Select sentence", "Extend the selection to whole sentences",
             lambda: self.query_one(DocumentBrowser).action_select_sentence()),
            ("Select speaker turn", "Extend the selection to the whole turn",
             lambda: self.query_one(DocumentBrowser).action_select_turn()),
            ("Uncode", "Remove the coded segment at the cursor",
             lambda: self.query_one(DocumentBrowser).action_remove()),
            ("Re-code", "Give the segment at the cursor another code",
             lambda: self.query_one(DocumentBrowser).action_recode()),
            ("Set segment boundaries", "Make the selection the segment's new extent",
             lambda: self.query_one(DocumentBrowser).action_bounds()),
            ("Comment segment", "Comment the segment at the cursor",
             lambda: self.query_one(DocumentBrowser).action_comment()),
            ("Weight segment", "Set the weight (0-100) of the segment at the cursor",
             lambda: self.query_one(DocumentBrowser).action_weight()),
            ("Go to line…", "Jump to a line of the open document (:)",
             lambda: self.query_one(DocumentBrowser).action_goto_line()),
            ("Beginning of document", "Jump to the first line (ctrl+home)",
             lambda: self.query_one(DocumentBrowser).action_document_start()),
            ("End of document", "Jump to the last line (ctrl+end)",
             lambda: self.query_one(DocumentBrowser).action_document_end()),
            ("Next coded segment", "Of the activated codes, or any code (.)",
             lambda: self.query_one(DocumentBrowser).action_next_coded()),
            ("Previous coded segment", "Of the activated codes, or any code (,)",
             lambda: self.query_one(DocumentBrowser).action_previous_coded()),
            ("Next turn of this speaker", "The speaker's next turn (>)",
             lambda: self.query_one(DocumentBrowser).action_speaker_turn(True)),
            ("Previous turn of this speaker", "The speaker's previous turn (<)",
             lambda: self.query_one(DocumentBrowser).action_speaker_turn(False)),
            ("Autocode a speaker's turns…", "Code every turn of one speaker (e.g. B) with a "
             "code; turns already coded so are skipped", self.action_autocode_speaker),
            ("In-vivo code", "Code the selection with a new code named after its words (i)",
             lambda: self.query_one(DocumentBrowser).action_invivo()),
            ("In-vivo parent…", "Choose the code under which in-vivo codes are created",
             self.action_invivo_parent),
            ("Read retrieved segments", "The segments of the activated codes and documents as "
             "whole text: sort, filter, export (F10)", self.action_read_retrieved),
            ("Undo", "Undo the last change", self.action_undo),
            ("Redo", "Redo the last undone change", self.action_redo),
            ("Find in document", "Search the open document (/, n, N)",
             lambda: self.query_one(DocumentBrowser).action_find()),
            ("Find in project", "Search all documents", self.action_search_project),
            ("Switch coder", "Choose or add the active coder", self.action_switch_coder),
            ("Toggle coder filter", "Show only the active coder's codings, or everyone's",
             self.action_toggle_coder_filter),
            ("New code", "Add a top-level code", lambda: self.edit_code("add_top", None)),
            ("New subcode", "Add a subcode under the code in the Code System",
             lambda: self.edit_code("add", self.query_one(CodeSystem).selected_code())),
            ("Rename code", "Rename the code in the Code System",
             lambda: self.edit_code("rename", self.query_one(CodeSystem).selected_code())),
            ("Edit code details", "Definition, anchor example, coding rules, colour",
             lambda: self.edit_code("details", self.query_one(CodeSystem).selected_code())),
            ("Move code up", "Move the code in the Code System before its previous sibling",
             lambda: self.edit_code("up", self.query_one(CodeSystem).selected_code())),
            ("Move code down", "Move the code in the Code System after its next sibling",
             lambda: self.edit_code("down", self.query_one(CodeSystem).selected_code())),
            ("Pin code to a number key", "Quick code: keys 1-9 apply the pinned code",
             lambda: self.edit_code("pin", self.query_one(CodeSystem).selected_code())),
            ("Merge code", "Merge the code in the Code System into another",
             lambda: self.edit_code("merge", self.query_one(CodeSystem).selected_code())),
            ("Delete code", "Delete the code in the Code System (asks first)",
             lambda: self.edit_code("delete", self.query_one(CodeSystem).selected_code())),
            ("Rename document or group", "Rename the document, group or set under the "
             "Document System's cursor (R)", lambda: self.edit_documents("rename")),
            ("Delete document", "Delete the document under the Document System's cursor, "
             "asking first (Del)", lambda: self.edit_documents("delete")),
            ("Move document to group", "Move the document under the Document System's "
             "cursor to another or a new group (g)", lambda: self.edit_documents("move")),
            ("Move document or group up", "One place up in the Document System (ctrl+up)",
             lambda: self.edit_documents("up")),
            ("Move document or group down", "One place down in the Document System "
             "(ctrl+down)", lambda: self.edit_documents("down")),
            ("Document set…", "Add the document under the cursor to a set, create one, or "
             "remove it from a set (s)", lambda: self.edit_documents("set")),
            ("Variables editor", "Documents × variables: edit values, add a variable (F11)",
             self.action_variables),
            ("Document memo", "Edit the memo of the open document", self.action_document_memo),
            ("Code memo", "Edit the memo of the code in the Code System",
             lambda: self.edit_code("memo", self.query_one(CodeSystem).selected_code())),
            ("Free memos", "Read and write free memos", self.action_free_memos),
            ("Memo manager", "Every memo (free, document, code, segment, in-text): filter, "
             "jump, edit, delete (f12)", self.action_memo_manager),
            ("In-text memo", "Write or open the memo at the cursor's line (M)",
             lambda: self.query_one(DocumentBrowser).action_text_memo()),
            ("Import files…", "Import transcripts (files or a folder)", self.action_import),
            ("Import codebook…", "Merge a codebook (YAML, REFI-QDA .qdc/.qdpx) into the code "
             "system", self.action_import_codebook),
            ("Import REFI-QDA project…", "Bring in a .qdpx from MAXQDA, ATLAS.ti, NVivo ...",
             self.action_import_qdpx),
            ("Export REFI-QDA project…", "Write a .qdpx for other QDA programs",
             self.action_export_qdpx),
            ("Export coded segments…", "One row per coded segment (xlsx, csv)",
             self.action_export_segments),
            ("Export analysis report…", "Frequencies, charts and representative quotes "
             "(docx, md)", self.action_export_report),
            ("Export frequencies…", "Write code frequencies (csv, xlsx, md)",
             self.action_export_frequencies),
            ("Export quotes…", "Write a quote collection (md, docx)", self.action_export_quotes),
            ("Intercoder agreement…", "Compare two coders, resolve disagreements (ctrl+g)",
             self.action_agreement),
            ("Help", "Show every key", self.action_help),
            *self.analysis_commands(screen),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)

    def action_open_document(self) -> None:
        documents = self.state.documents if self.state else []
        choices = [Choice(d.id, d.name, hint=d.group or "") for d in documents]
        self.push_screen(PickerScreen("Open document", choices),
                         lambda value: value is not None and self.open_document(value))

    def action_document_memo(self) -> None:
        if self.view is not None:
            self.edit_memo("document", self.view.id, f"Memo: {self.view.document.name}")

    @on(DocumentSystem.MemoRequested)
    def _document_memo(self, message: DocumentSystem.MemoRequested) -> None:
        document = next((d for d in self.state.documents if d.id == message.document_id), None)
        if document is not None:
            self.edit_memo("document", document.id, f"Memo: {document.name}")
