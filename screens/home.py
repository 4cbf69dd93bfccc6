"""The home screen: every relationship in a table, with open, new, end and archive."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from screens.key_bar import KeyBar
from workbook.refs import relationship_files
from workbook.summary import AgreementState, RelationshipSummary, lenient_lookup, summarize

if TYPE_CHECKING:
    from screens.app import MentorWorkbookApp

EMPTY_TEXT = """\
No relationships yet.

Press  n  to start one: you give the mentor's and the mentee's names and choose a
programme pack. Then work through the tabs together, on a call or on your own.

To look around first, quit (ctrl+q) and run:  mentor-workbook demo
"""

COLUMNS = ("Mentor", "Mentee", "Pack", "Started", "Last session", "Progress", "Agreement")


class HomeScreen(Screen[None]):
    """Lists relationships; the starting point of the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=True),
        Binding("n", "new", "New"),
        Binding("e", "end", "End"),
        Binding("a", "archive", "Archive"),
        Binding("r", "refresh", "Refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, RelationshipSummary] = {}

    @property
    def workbook_app(self) -> MentorWorkbookApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        """Header, the table (or the first-run explanation) and the footer."""
        yield Header()
        yield Static(EMPTY_TEXT, id="empty-state", markup=False)
        table: DataTable[Text | str] = DataTable(id="relationships", cursor_type="row")
        table.add_columns(*COLUMNS)
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the table."""
        self.title = "Mentor Workbook"
        self.sub_title = "Relationships"
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        """Coming back from a workbook: progress may have changed."""
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Re-read every relationship file's summary."""
        table = self.query_one(DataTable)
        table.clear()
        self.rows.clear()
        find_pack = lenient_lookup(self.workbook_app.catalog)
        for path in relationship_files():
            summary = summarize(path, find_pack)
            self.rows[str(path)] = summary
            table.add_row(*self._cells(summary), key=str(path))
        empty = not self.rows
        self.query_one("#empty-state").display = empty
        table.display = not empty
        if not empty:
            table.focus()

    @staticmethod
    def _cells(row: RelationshipSummary) -> list[Text | str]:
        if row.problem:
            return [Text(row.slug), Text("(cannot be read)"), "", "", "", "", "damaged"]
        agreement = row.agreement.value
        if row.agreement is AgreementState.REVIEW_DUE:
            agreement = "REVIEW DUE"
        status = "" if row.status == "active" else f" ({row.status})"
        return [
            Text(row.mentor),
            Text(row.mentee + status),
            Text(row.pack_id),
            str(row.started_on or ""),
            str(row.last_session or "-"),
            row.progress,
            agreement,
        ]

    def _selected(self) -> RelationshipSummary | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.rows.get(str(key))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a row opens it."""
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted relationship."""
        row = self._selected()
        if row is not None:
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
        """Move the highlighted relationship's file to ``<home>/archive``."""
        from workbook.archive import archive_relationship

        row = self._selected()
        if row is None:
            return
        try:
            target = archive_relationship(row.path)
        except Exception as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Archived to {target}", timeout=5)
        self.refresh_rows()

    def action_refresh(self) -> None:
        """Re-read the relationships."""
        self.refresh_rows()
