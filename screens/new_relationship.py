"""The form that starts a new relationship, with inline validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, RadioSet, Select

from screens.contacts_form import checked_contacts, contact_input
from screens.form_screen import FormScreen, error_line, field
from screens.marked_radio import MarkedRadioButton
from screens.text_safety import user_line
from workbook.errors import WorkbookError
from workbook.models import Role
from workbook.service import WorkbookService

DEFAULT_PACK = "standard"


class NewRelationshipScreen(FormScreen[Path]):
    """Names, each side's contact, programme pack and role; creates the file and returns its
    path."""

    SAVE_LABEL = "Start"

    def __init__(self, catalog: Any) -> None:
        super().__init__()
        self.catalog = catalog

    def heading(self) -> Content:
        """The form's title."""
        return Content("Start a new mentoring relationship")

    def compose_fields(self) -> ComposeResult:
        """Both names, the pack and whose copy this is."""
        packs = [
            (Content(user_line(f"{s.title} ({s.id} {s.version})")), s.id)
            for s in self.catalog.summaries()
        ]
        default = DEFAULT_PACK if any(value == DEFAULT_PACK for _, value in packs) else None
        yield field(
            "Mentor's name",
            Input(id="mentor", placeholder="e.g. Priya Shah", max_length=200, compact=True),
        )
        yield error_line("mentor-error")
        yield field("Their contact", contact_input(Role.MENTOR))
        yield error_line("mentor-contact-error")
        yield field(
            "Mentee's name",
            Input(id="mentee", placeholder="e.g. Sam Okafor", max_length=200, compact=True),
        )
        yield error_line("mentee-error")
        yield field("Their contact", contact_input(Role.MENTEE))
        yield error_line("mentee-contact-error")
        yield field(
            "Programme",
            Select(
                packs,
                id="pack",
                value=default or Select.NULL,
                allow_blank=default is None,
                compact=True,
            ),
        )
        yield error_line("pack-error")
        with Horizontal(classes="form-row"):
            yield Label("This copy is", classes="field-label")
            with RadioSet(id="role", compact=True):
                yield MarkedRadioButton("the mentor's", value=True, compact=True)
                yield MarkedRadioButton("the mentee's", compact=True)

    def on_mount(self) -> None:
        """Focus the first field."""
        self.query_one("#mentor", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Clear a field's error as soon as it has text."""
        if event.value.strip():
            self.show_error(f"{event.input.id}-error", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves on to the next one, or submits from the last one (instead
        of the form's own move: both would skip a field)."""
        event.stop()
        event.prevent_default()
        fields = list(self.query(Input))
        if event.input is fields[-1]:
            self.action_save()
        else:
            fields[fields.index(event.input) + 1].focus()

    def action_save(self) -> None:
        """Validate every field; create the relationship when all are valid."""
        mentor = self.query_one("#mentor", Input).value.strip()
        mentee = self.query_one("#mentee", Input).value.strip()
        pack_value = self.query_one("#pack", Select).value
        errors = {
            "mentor": "" if mentor else "The mentor's name is required.",
            "mentee": "" if mentee else "The mentee's name is required.",
            "pack": "" if isinstance(pack_value, str) else "Choose a programme pack.",
        }
        for name, message in errors.items():
            self.show_error(f"{name}-error", message)
        contacts = checked_contacts(self)
        if any(errors.values()) or contacts is None:
            self.reveal_first_error()
            return
        role = Role.MENTOR if self.query_one("#role", RadioSet).pressed_index <= 0 else Role.MENTEE
        try:
            pack = self.catalog.load(pack_value)
            service = WorkbookService.create(
                mentor=mentor,
                mentee=mentee,
                pack_id=pack.id,
                pack_version=pack.version,
                role=role,
                mentor_contact=contacts[Role.MENTOR],
                mentee_contact=contacts[Role.MENTEE],
            )
        except (WorkbookError, OSError) as error:
            self.show_error("pack-error", str(error))
            return
        path = service.path
        service.close()
        self.dismiss(path)
