"""The form that starts a new relationship, with inline validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Select, Static

from screens.marked_radio import MarkedRadioButton
from workbook.errors import WorkbookError
from workbook.models import Role
from workbook.service import WorkbookService


class NewRelationshipScreen(ModalScreen[Path | None]):
    """Names, programme pack and role; creates the file and returns its path."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, catalog: Any) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        """The form."""
        packs = [
            (Content(f"{s.title} ({s.id} {s.version})"), s.id) for s in self.catalog.summaries()
        ]
        default = "standard" if any(value == "standard" for _, value in packs) else None
        with Vertical(classes="form-box"):
            yield Static("Start a new mentoring relationship", classes="form-title")
            yield Label("Mentor's name")
            yield Input(id="mentor", placeholder="e.g. Priya Shah", max_length=200)
            yield Static("", id="mentor-error", classes="field-error")
            yield Label("Mentee's name")
            yield Input(id="mentee", placeholder="e.g. Sam Okafor", max_length=200)
            yield Static("", id="mentee-error", classes="field-error")
            yield Label("Programme pack")
            yield Select(
                packs, id="pack", value=default or Select.NULL, allow_blank=default is None
            )
            yield Static("", id="pack-error", classes="field-error")
            yield Label("This copy belongs to")
            with RadioSet(id="role"):
                yield MarkedRadioButton("the mentor", value=True)
                yield MarkedRadioButton("the mentee")
            with Horizontal(classes="form-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Start", id="start", variant="primary")

    def on_mount(self) -> None:
        """Focus the first field."""
        self.query_one("#mentor", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Clear a field's error as soon as it has text."""
        if event.value.strip():
            self.query_one(f"#{event.input.id}-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves on, or submits from the last one."""
        if event.input.id == "mentor":
            self.query_one("#mentee", Input).focus()
        else:
            self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Start or Cancel."""
        if event.button.id == "start":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without creating anything."""
        self.dismiss(None)

    def action_submit(self) -> None:
        """Validate every field; create the relationship when all are valid."""
        mentor = self.query_one("#mentor", Input).value.strip()
        mentee = self.query_one("#mentee", Input).value.strip()
        pack_value = self.query_one("#pack", Select).value
        errors = {
            "mentor": "" if mentor else "The mentor's name is required.",
            "mentee": "" if mentee else "The mentee's name is required.",
            "pack": "" if isinstance(pack_value, str) else "Choose a programme pack.",
        }
        for field, message in errors.items():
            self.query_one(f"#{field}-error", Static).update(message)
        if any(errors.values()):
            return
        role = Role.MENTOR if self.query_one("#role", RadioSet).pressed_index <= 0 else Role.MENTEE
        try:
            pack = self.catalog.load(pack_value)
            service = WorkbookService.create(
                mentor=mentor, mentee=mentee, pack_id=pack.id, pack_version=pack.version, role=role
            )
        except (WorkbookError, OSError) as error:
            self.query_one("#pack-error", Static).update(Content(str(error)))
            return
        path = service.path
        service.close()
        self.dismiss(path)
