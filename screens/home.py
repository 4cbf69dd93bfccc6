"""The home screen: every relationship in a table that fits the window, sorted and filtered,
with open, new, end, archive (confirmed, with undo) and the archived ones to bring back.

It reads and changes relationships only through the core's library (:mod:`workbook.library`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from screens.home_columns import CELL_PADDING, COLUMNS, Column, column_width, fitting_columns
from screens.key_bar import KeyBar
from screens.text_safety import tell, user_line
from workbook import library
from workbook.errors import WorkbookError
from workbook.summary import RelationshipSummary

if TYPE_CHECKING:
    from screens.app import MentorWorkbookApp

EMPTY_TEXT = """\
No relationships yet.

Press  n  to start one: you give the mentor's and the mentee's names and choose a
programme pack. Then work through the steps together, on a call or on your own.

To look around first, quit (ctrl+q) and run:  mentor-workbook demo
"""
EMPTY_ARCHIVE_TEXT = """\
Nothing is archived.

Archiving (a) takes a relationship off the list without deleting anything; it comes
back here, where enter restores it. Press  v  to go back to the list.
"""
NOTHING_MATCHES = "No relationship matches the filter (escape clears it)."
UNDO_SECONDS = 10
"""How long the notification offering to undo an archive stays."""


class RelationshipTable(DataTable[Text]):
    """The table of relationships; enter opens the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]


class HomeScreen(Screen[None]):
    """Lists relationships; the starting point of the app."""

    AUTO_FOCUS = "#relationships"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New"),
        Binding("e", "end", "End"),
        Binding("a", "archive", "Archive"),
        Binding("u", "undo_archive", "Undo archive"),
        Binding("v", "toggle_archived", "Archived"),
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
        self.sort_key = "mentee"
        self.sort_reverse = False
        self.last_archived: tuple[Path, str] | None = None
        """Where the last archived relationship went, and its pair (for undo)."""
        self.columns: list[Column] = []

    @property
    def workbook_app(self) -> MentorWorkbookApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        """Header, the filter (shown by /), the table (or an explanation) and the keys."""
        yield Header()
        field = Input(
            id="filter", placeholder="Filter by name or pack; enter keeps it, escape clears"
        )
        field.display = False
        yield field
        yield Static(EMPTY_TEXT, id="empty-state", markup=False)
        yield RelationshipTable(id="relationships", cursor_type="row", cell_padding=CELL_PADDING)
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the table."""
        self.title = "Mentor Workbook"
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        """Coming back from a workbook: progress may have changed."""
        self.refresh_rows()

    def on_resize(self, event: events.Resize) -> None:
        """Fewer or more columns fit now."""
        self.show_rows()

    # ------------------------------------------------------------------------- rows
    def refresh_rows(self) -> None:
        """Re-read every relationship's summary (or every archived one's)."""
        catalog = self.workbook_app.catalog
        if self.archived_view:
            self.rows = library.archived_summaries(catalog)
        else:
            self.rows = library.summaries(catalog)
        self.sub_title = (
            "Archived: enter restores one, v goes back" if self.archived_view else "Relationships"
        )
        self.show_rows()

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
        column = next((c for c in COLUMNS if c.key == self.sort_key), COLUMNS[0])
        return sorted(rows, key=column.sort_key, reverse=self.sort_reverse)

    def show_rows(self) -> None:
        """Lay the table out for the width and fill it, keeping the highlighted row."""
        table = self.query_one(RelationshipTable)
        selected = self._selected()
        rows = self.shown_rows()
        self.columns = fitting_columns(self.rows or rows, self.size.width or self.app.size.width)
        table.clear(columns=True)
        for column in self.columns:
            mark = (" ▼" if self.sort_reverse else " ▲") if column.key == self.sort_key else ""
            width = column_width(column, self.rows) - 2 * CELL_PADDING
            table.add_column(
                column.label + mark, width=max(width, len(column.label) + 2), key=column.key
            )
        for row in rows:
            table.add_row(*(Text(column.cell(row)) for column in self.columns), key=str(row.path))
        empty = self.query_one("#empty-state", Static)
        if not self.rows:
            empty.update(EMPTY_ARCHIVE_TEXT if self.archived_view else EMPTY_TEXT)
        elif not rows:
            empty.update(NOTHING_MATCHES)
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
        if action in ("new", "end", "archive") and self.archived_view:
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
        self.sort_reverse = not self.sort_reverse if key == self.sort_key else False
        self.sort_key = key
        self.show_rows()

    def action_sort(self) -> None:
        """Sort by the next shown column."""
        keys = [column.key for column in self.columns]
        position = keys.index(self.sort_key) if self.sort_key in keys else -1
        self.sort_key = keys[(position + 1) % len(keys)] if keys else "mentee"
        self.sort_reverse = False
        self.show_rows()
        label = next((c.label for c in COLUMNS if c.key == self.sort_key), self.sort_key)
        tell(self, f"Sorted by {label.lower()}", timeout=2)

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
