"""The form that completes a relationship or ends it early, with a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, RadioSet

from screens.form_screen import FormScreen, error_line, field
from screens.marked_radio import MarkedRadioButton
from screens.text_safety import user_line
from workbook.errors import WorkbookError
from workbook.models import RelationshipStatus
from workbook.service import WorkbookService
from workbook.summary import RelationshipSummary


class EndRelationshipScreen(FormScreen[bool]):
    """Completed, or ended early with a reason; the relationship then opens read-only."""

    SAVE_LABEL = "End relationship"

    def __init__(self, row: RelationshipSummary) -> None:
        super().__init__()
        self.row = row

    def heading(self) -> Content:
        """Whose relationship ends."""
        pair = user_line(f"{self.row.mentor} & {self.row.mentee}")
        return Content.assemble("End the relationship of ", (pair, "bold"))

    def compose_fields(self) -> ComposeResult:
        """How it ended and why."""
        with Horizontal(classes="form-row"):
            yield Label("It was", classes="field-label")
            with RadioSet(id="how", compact=True):
                yield MarkedRadioButton("completed", value=True, compact=True)
                yield MarkedRadioButton("ended early", compact=True)
        yield field("Reason", Input(id="reason", max_length=500, compact=True))
        yield Label("(needed when it ended early)", classes="form-note")
        yield error_line("reason-error")

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the reason ends it."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Record the ending (the file keeps everything; it just becomes read-only)."""
        early = self.query_one("#how", RadioSet).pressed_index == 1
        reason = self.query_one("#reason", Input).value.strip()
        if early and not reason:
            self.show_error("reason-error", "Say briefly why it ended early.")
            return
        from workbook.debrief import finish_relationship

        status = RelationshipStatus.ENDED_EARLY if early else RelationshipStatus.COMPLETED
        try:
            with WorkbookService.open(self.row.path) as service:
                finish_relationship(service, status, reason)
        except (WorkbookError, OSError) as error:
            self.show_error("reason-error", str(error))
            return
        self.dismiss(True)
