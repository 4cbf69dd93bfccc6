"""The home screen: every relationship in a table that fits the window, sorted and filtered,
with open, new, end, archive (confirmed, with undo) and the archived ones to bring back; a
line of what is due across them; sharing with the other person, bringing in their copy, their
contacts, and opening a file received from them.

It reads and changes relationships only through the core (:mod:`workbook.library`,
:mod:`workbook.report.home_line`, and the sharing screens' own calls). The rows are read after
the first frame, in a thread (:func:`workbook.summary_index.relationship_summaries`: one small
index file while nothing changed, every file when it did), then the summary line: the first
frame costs the same with 1,000 relationships as with 10, and the screen stays responsive
while a cold index is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Header, Input, Static
from textual.worker import Worker, WorkerState

from screens.home_columns import CELL_PADDING, Column, column_width, columns_for, fitting_columns
from screens.key_bar import KeyBar
from screens.text_safety import tell, user_line
from workbook import library
from workbook.errors import WorkbookError
from workbook.report.home_line import summary_from_rows
from workbook.summary import RelationshipSummary

if TYPE_CHECKING:
    from screens.app import MentorWorkbookApp

EMPTY_TEXT = """\
No relationships yet.

Press  n  to start one: you give the mentor's and the mentee's names and choose a \
programme pack. Then work through the steps together, on a call or on your own.

Received a file from the other person? Press  o  to open it.

To look around first, quit (ctrl+q) and run:  mentor-workbook demo
"""
EMPTY_ARCHIVE_TEXT = """\
Nothing is archived.

Archiving (a) takes a relationship off the list without deleting anything; it comes
back here, where enter restores it. Press  v  to go back to the list.
"""
NOTHING_MATCHES = "No relationship matches the filter (escape clears it)."
READING_TEXT = "Reading your relationships…"
REPORT_HINT = "in detail: mentor-workbook report"
"""After the summary line: the command that reports on every relationship of this home."""
STATE_TEXTS = {
    "state-reading": READING_TEXT,
    "state-none": EMPTY_TEXT,
    "state-no-archive": EMPTY_ARCHIVE_TEXT,
    "state-no-match": NOTHING_MATCHES,
}
"""What the screen says instead of the table, by state (one widget each: switching shows
one, which lays the screen out again, where updating one widget's text in place could leave
it at its old height)."""
ROWS_WORKER = "home-rows"
UNDO_SECONDS = 10
"""How long the notification offering to undo an archive stays."""


PAIR_ACTIONS = ("share", "bring_in", "contacts")
"""Actions on the highlighted relationship with the other person."""


class RelationshipTable(DataTable[Text]):
    """The table of relationships; enter opens the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]


class HomeScreen(Screen[None]):
    """Lists relationships; the starting point of the app."""

    AUTO_FOCUS = "#relationships"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New"),
        Binding("o", "open_file", "Open file", tooltip="Open a file the other person sent you"),
        Binding("h", "share", "Share", tooltip="Write a copy for the other person"),
        Binding("b", "bring_in", "Bring in", tooltip="Merge the copy the other person sent"),
        Binding("e", "end", "End"),
        Binding("a", "archive", "Archive"),
        Binding("u", "undo_archive", "Undo archive"),
        Binding("v", "toggle_archived", "Archived"),
        Binding("c", "contacts", "Contacts", tooltip="Each side's preferred email or handle"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("s", "sort", "Sort"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("r", "refresh", "Refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RelationshipSummary] = []
        self.archived_view = False
        """True while the archived relationships are listed."""
        self.sort_key = ""
        """The column the rows are sorted by ("": the first, the other person's name)."""
        self.sort_reverse = False
        self.last_archived: tuple[Path, str] | None = None
        """Where the last archived relationship went, and its pair (for undo)."""
        self.columns: list[Column] = []
        self.loaded = False
        """True once the rows have been read (they are read after the first frame)."""
        self.summary_line = ""
        """What is due across the active relationships ("" until read, or with none)."""
        self.line_reads = 0
        """How many times the summary line was asked for (only the latest one is shown)."""

    @property
    def workbook_app(self) -> MentorWorkbookApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        """Header, the filter (shown by /), the table (or an explanation) and the keys."""
        yield Header()
        yield Static("", id="home-line", markup=False)
        field = Input(
            id="filter", placeholder="Filter by name or pack; enter keeps it, escape clears"
        )
        field.display = False
        yield field
        with ContentSwitcher(id="empty-state", initial="state-reading"):
            for state, text in STATE_TEXTS.items():
                yield Static(text, id=state, markup=False)
        yield RelationshipTable(id="relationships", cursor_type="row", cell_padding=CELL_PADDING)
        yield KeyBar()

    def on_mount(self) -> None:
        """The title; the rows and the summary line come after the first frame (see
        :meth:`on_screen_resume`)."""
        self.title = "Mentor Workbook"

    def on_screen_resume(self) -> None:
        """Shown (first, or back from a workbook: progress may have changed): read the rows,
        the first time only once the first frame is drawn."""
        if self.loaded:
            self.refresh_rows()
        else:
            self.call_after_refresh(self.refresh_rows)

    def on_resize(self, event: events.Resize) -> None:
        """Fewer or more columns fit now."""
        self.show_rows()

    # ------------------------------------------------------------------------- rows
    def refresh_rows(self) -> None:
        """Re-read every relationship's summary (or every archived one's) in a thread; the
        table keeps what it shows until they are in."""
        self.sub_title = (
            "Archived: enter restores one, v goes back" if self.archived_view else "Relationships"
        )
        self.run_worker(
            partial(self._read_rows, self.archived_view),
            name=ROWS_WORKER,
            group="rows",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _read_rows(self, archived: bool) -> tuple[bool, list[RelationshipSummary]]:
        catalog = self.workbook_app.catalog
        rows = library.archived_summaries(catalog) if archived else library.summaries(catalog)
        return archived, rows

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The rows are in (then the summary line is read), or could not be read."""
        worker = event.worker
        if worker.name != ROWS_WORKER:
            return
        if event.state is WorkerState.ERROR:
            tell(self, f"Could not read the relationships: {worker.error}", severity="error")
            return
        if event.state is not WorkerState.SUCCESS:
            return
        archived, rows = cast(tuple[bool, list[RelationshipSummary]], worker.result)
        if archived != self.archived_view:
            return  # the other list was asked for since: its rows are on the way
        self.rows = rows
        self.loaded = True
        self.show_rows()
        # The line comes from the rows just read (the summary index's): no file read again.
        self.show_summary_line("" if archived else summary_from_rows(rows).line())

    def show_summary_line(self, line: str) -> None:
        """Show what is due across the relationships (the line stays, blank, when there is
        nothing to say: the table never moves under the pointer)."""
        self.summary_line = line
        shown = (
            Content.assemble((user_line(line), "bold"), "   ", (REPORT_HINT, "$text-muted"))
            if line
            else Content("")
        )
        self.query_one("#home-line", Static).update(shown)

    def shown_rows(self) -> list[RelationshipSummary]:
        """The rows that match the filter, sorted."""
        needle = self.query_one("#filter", Input).value.strip().casefold()
        rows = [
            row
            for row in self.rows
            if not needle
            or any(
                needle in text.casefold()
                for text in (row.mentor, row.mentee, row.pack_id, row.slug)
            )
        ]
        return sorted(rows, key=self.sort_column().sort_key, reverse=self.sort_reverse)

    def sort_column(self) -> Column:
        """The column the rows are sorted by."""
        every = columns_for(self.rows)
        return next((c for c in every if c.key == self.sort_key), every[0])

    def show_rows(self) -> None:
        """Lay the table out for the width and fill it, keeping the highlighted row."""
        table = self.query_one(RelationshipTable)
        selected = self._selected()
        rows = self.shown_rows()
        self.columns = fitting_columns(self.rows or rows, self.size.width or self.app.size.width)
        table.clear(columns=True)
        sorted_by = self.sort_column().key
        for column in self.columns:
            mark = (" ▼" if self.sort_reverse else " ▲") if column.key == sorted_by else ""
            width = column_width(column, self.rows) - 2 * CELL_PADDING
            table.add_column(
                column.label + mark, width=max(width, len(column.label) + 2), key=column.key
            )
        for row in rows:
            table.add_row(*(Text(column.cell(row)) for column in self.columns), key=str(row.path))
        empty = self.query_one("#empty-state", ContentSwitcher)
        if not self.loaded:
            empty.current = "state-reading"
        elif not self.rows:
            empty.current = "state-no-archive" if self.archived_view else "state-none"
        elif not rows:
            empty.current = "state-no-match"
        empty.display = not rows
        table.display = bool(rows)
        if selected is not None and selected in rows:
            table.move_cursor(row=rows.index(selected))
        if rows and not isinstance(self.focused, Input):
            table.focus()
        self.refresh_bindings()

    def _selected(self) -> RelationshipSummary | None:
        table = self.query_one(RelationshipTable)
        if not table.row_count or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((row for row in self.rows if str(row.path) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each list offers what applies to it; undo only while there is one to undo."""
        if action in ("new", "end", "archive", *PAIR_ACTIONS) and self.archived_view:
            return False
        if action in PAIR_ACTIONS and not self.rows:
            return False
        if action == "undo_archive":
            return self.last_archived is not None and not self.archived_view
        if action == "clear_filter":
            return bool(self.query_one("#filter", Input).value) or None
        return True

    # ---------------------------------------------------------------------- actions
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a row opens it (restores it, in the archived list)."""
        self.action_open()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a heading sorts by that column (again: the other way round)."""
        key = str(event.column_key.value)
        self.sort_reverse = not self.sort_reverse if key == self.sort_column().key else False
        self.sort_key = key
        self.show_rows()

    def action_sort(self) -> None:
        """Sort by the next shown column."""
        keys = [column.key for column in self.columns]
        current = self.sort_column().key
        position = keys.index(current) if current in keys else -1
        self.sort_key = keys[(position + 1) % len(keys)] if keys else ""
        self.sort_reverse = False
        self.show_rows()
        tell(self, f"Sorted by {self.sort_column().label.lower()}", timeout=2)

    def action_filter(self) -> None:
        """Show the filter field and focus it."""
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the text is typed."""
        self.show_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter keeps the filter and goes back to the table."""
        if not event.value.strip():
            event.input.display = False
        self.query_one(DataTable).focus()

    def action_clear_filter(self) -> None:
        """Escape clears the filter."""
        field = self.query_one("#filter", Input)
        field.value = ""
        field.display = False
        self.show_rows()
        self.query_one(DataTable).focus()

    def action_open(self) -> None:
        """Open the highlighted relationship (restore it, in the archived list)."""
        row = self._selected()
        if row is None:
            return
        if self.archived_view:
            self._restore(row)
        else:
            self.workbook_app.open_relationship(row.path)

    def action_new(self) -> None:
        """Start a new relationship (a form)."""
        from screens.new_relationship import NewRelationshipScreen

        def created(path: Path | None) -> None:
            self.refresh_rows()
            if path is not None:
                self.workbook_app.open_relationship(path)

        self.app.push_screen(NewRelationshipScreen(self.workbook_app.catalog), created)

    def action_end(self) -> None:
        """Mark the highlighted relationship completed or ended early."""
        from screens.end_relationship import EndRelationshipScreen

        row = self._selected()
        if row is None or row.problem:
            return
        self.app.push_screen(EndRelationshipScreen(row), lambda _: self.refresh_rows())

    def action_archive(self) -> None:
        """Archive the highlighted relationship, once confirmed (it can be undone)."""
        from screens.structured.forms import ConfirmForm

        row = self._selected()
        if row is None:
            return
        pair = user_line(f"{row.mentor} & {row.mentee}" if not row.problem else row.slug)
        question = Content.assemble(
            "Archive ",
            (pair, "bold"),
            "?\nIt leaves this list and nothing is deleted: ",
            ("u", "bold"),
            " undoes it, and the archived list (",
            ("v", "bold"),
            ") brings it back any time.",
        )

        def confirmed(answer: bool | None) -> None:
            if answer:
                self._archive(row, pair)

        self.app.push_screen(ConfirmForm(question, confirm_label="Archive"), confirmed)

    def _archive(self, row: RelationshipSummary, pair: str) -> None:
        try:
            target = library.archive(row.path)
        except (WorkbookError, OSError) as error:
            tell(self, f"Not archived: {error}", severity="error")
            return
        self.last_archived = (target, pair)
        tell(self, f"Archived {pair}. Press u to undo.", timeout=UNDO_SECONDS)
        self.refresh_rows()

    def action_undo_archive(self) -> None:
        """Bring back the relationship archived last."""
        if self.last_archived is None:
            return
        target, pair = self.last_archived
        try:
            library.restore_archived(target)
        except (WorkbookError, OSError) as error:
            tell(self, f"Not brought back: {error}", severity="error")
            return
        self.last_archived = None
        tell(self, f"{pair} is back in the list.", timeout=4)
        self.refresh_rows()

    def _restore(self, row: RelationshipSummary) -> None:
        try:
            library.restore_archived(row.path)
        except (WorkbookError, OSError) as error:
            tell(self, f"Not restored: {error}", severity="error")
            return
        tell(
            self,
            f"{user_line(row.mentor)} & {user_line(row.mentee)} is back in the list.",
            timeout=4,
        )
        self.refresh_rows()

    def action_toggle_archived(self) -> None:
        """Switch between the relationships and the archived ones."""
        self.archived_view = not self.archived_view
        self.refresh_rows()

    def action_refresh(self) -> None:
        """Re-read the relationships."""
        self.refresh_rows()

    # ------------------------------------------------------------ the other person
    def _pair_row(self) -> RelationshipSummary | None:
        """The highlighted relationship, when it can be read (else None, said once)."""
        row = self._selected()
        if row is None:
            tell(self, "Highlight a relationship first (n starts one).", timeout=4)
        elif row.problem:
            tell(self, f"{row.slug} cannot be read: {row.problem}", severity="error")
            return None
        return row

    def action_open_file(self) -> None:
        """Open a file received from the other person (imported into this home first)."""
        from screens.bring_in import open_received_file

        self.run_worker(open_received_file(self.workbook_app), group="sharing", exclusive=True)

    def action_share(self) -> None:
        """Write a copy of the highlighted relationship for the other person."""
        from screens.share_dialog import share_from
        from workbook.service import WorkbookService

        row = self._pair_row()
        if row is None:
            return
        try:
            service = WorkbookService.open(row.path, read_only=True)
        except WorkbookError as error:
            tell(self, f"Not shared: {error}", severity="error")
            return
        app = self.workbook_app

        async def run() -> None:
            try:
                await share_from(app, service, catalog=app.catalog)
            finally:
                service.close()

        self.run_worker(run(), group="sharing")

    def action_bring_in(self) -> None:
        """Merge the other person's copy into the highlighted relationship."""
        from screens.bring_in import bring_in_to_file

        row = self._pair_row()
        if row is None:
            return

        async def run() -> None:
            report = await bring_in_to_file(self.workbook_app, row.path)
            if report is not None and report.changed:
                self.refresh_rows()

        self.run_worker(run(), group="sharing", exclusive=True)

    def action_contacts(self) -> None:
        """Change each side's contact of the highlighted relationship."""
        from screens.contacts_form import ContactsForm
        from workbook.service import WorkbookService

        row = self._pair_row()
        if row is None:
            return
        try:
            service = WorkbookService.open(row.path)
        except WorkbookError as error:
            tell(self, f"Contacts not changed: {error}", severity="error")
            return

        def closed(result: object) -> None:
            service.close()
            if result is not None:
                tell(self, "Contacts saved.", timeout=3)

        self.app.push_screen(ContactsForm(service), closed)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """The home screen's actions with the other person, for the command palette."""
        yield SystemCommand(
            "Open a file you received",
            "A copy the other person sent: it goes into your relationships, then opens",
            self.action_open_file,
        )
        if self.archived_view or self._selected() is None:
            return
        yield SystemCommand(
            "Share with the other person",
            "Write a copy of the highlighted relationship for them (nothing private in it)",
            self.action_share,
        )
        yield SystemCommand(
            "Bring in their copy",
            "Merge the file they sent into the highlighted relationship",
            self.action_bring_in,
        )
        yield SystemCommand(
            "Contacts", "Each side's preferred email or chat handle", self.action_contacts
        )
