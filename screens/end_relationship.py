"""The form that completes a relationship or ends it early, with a reason."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static

from screens.marked_radio import MarkedRadioButton
from workbook.errors import WorkbookError
from workbook.models import RelationshipStatus
from workbook.service import WorkbookService
from workbook.summary import RelationshipSummary


class EndRelationshipScreen(ModalScreen[bool]):
    """Completed, or ended early with a reason; the relationship then opens read-only."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, row: RelationshipSummary) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        """The form."""
        with Vertical(classes="form-box"):
            yield Static(
                Content.assemble(
                    "End the relationship of ", (f"{self.row.mentor} & {self.row.mentee}", "bold")
                ),
                classes="form-title",
            )
            with RadioSet(id="how"):
                yield MarkedRadioButton("Completed", value=True)
                yield MarkedRadioButton("Ended early")
            yield Label("Reason (needed when ending early)")
            yield Input(id="reason", max_length=500)
            yield Static("", id="reason-error", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("End relationship", id="end", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """End or Cancel."""
        if event.button.id == "end":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(False)

    def action_submit(self) -> None:
        """Record the ending (the file keeps everything; it just becomes read-only)."""
        early = self.query_one("#how", RadioSet).pressed_index == 1
        reason = self.query_one("#reason", Input).value.strip()
        if early and not reason:
            self.query_one("#reason-error", Static).update("Say briefly why it ended early.")
            return
        from workbook.debrief import finish_relationship

        status = RelationshipStatus.ENDED_EARLY if early else RelationshipStatus.COMPLETED
        try:
            with WorkbookService.open(self.row.path) as service:
                finish_relationship(service, status, reason)
        except (WorkbookError, OSError) as error:
            self.query_one("#reason-error", Static).update(Content(str(error)))
            return
        self.dismiss(True)
