"""Each side's preferred contact (an email address or a chat handle), changed after the start.

Both are kept on the relationship (:mod:`workbook.contacts`): they go into the sentence sent
with a shared copy and the calendar export. Each is checked as one printable line (empty
clears it); a bad one is said under its field and nothing changes until both are good.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from screens.form_screen import FormScreen, error_line, field
from screens.text_safety import user_line
from workbook.contacts import set_contacts
from workbook.errors import WorkbookError
from workbook.models import Relationship, Role
from workbook.service import WorkbookService
from workbook.text import check_contact

CONTACT_PLACEHOLDER = "email or chat handle (optional)"


def contact_input(role: Role, value: str = "") -> Input:
    """The field for ``role``'s contact (id ``<role>-contact``)."""
    return Input(
        value,
        id=f"{role.value}-contact",
        placeholder=CONTACT_PLACEHOLDER,
        max_length=200,
        compact=True,
    )


def checked_contacts(form: FormScreen[Any]) -> dict[Role, str] | None:
    """Both contact fields of ``form`` checked (errors shown under each); None when one is
    not good."""
    contacts: dict[Role, str] = {}
    for role in Role:
        value = form.query_one(f"#{role.value}-contact", Input).value
        try:
            contacts[role] = check_contact(value, f"the {role.value}'s contact")
            form.show_error(f"{role.value}-contact-error", "")
        except WorkbookError as error:
            form.show_error(f"{role.value}-contact-error", str(error))
    if len(contacts) < len(Role):
        form.reveal_first_error()
        return None
    return contacts


class ContactsForm(FormScreen[Relationship]):
    """The mentor's and the mentee's contacts; saves them to ``service`` (written at once)."""

    def __init__(self, service: WorkbookService) -> None:
        super().__init__()
        self.service = service

    def heading(self) -> Content:
        """``Contacts: Priya Shah & Sam Okafor``."""
        return Content(f"Contacts: {user_line(self.service.relationship.pair)}")

    def compose_fields(self) -> ComposeResult:
        """One field per side, under its name."""
        rel = self.service.relationship
        yield Static(
            "How each of you prefers to be reached. The sentence sent with a shared copy "
            "names the other person's.",
            classes="form-note",
            markup=False,
        )
        for role in Role:
            yield field(role.value.capitalize(), contact_input(role, rel.contact_of(role)))
            yield error_line(f"{role.value}-contact-error")

    def on_mount(self) -> None:
        """Focus this copy's own side."""
        self.query_one(f"#{self.service.relationship.owner_role.value}-contact", Input).focus()

    def action_save(self) -> None:
        """Check both, then record and write them."""
        contacts = checked_contacts(self)
        if contacts is None:
            return
        try:
            relationship = set_contacts(self.service, contacts)
            self.service.flush()
        except (WorkbookError, OSError) as error:
            self.show_error(f"{Role.MENTEE.value}-contact-error", f"Not saved: {error}")
            return
        self.dismiss(relationship)
