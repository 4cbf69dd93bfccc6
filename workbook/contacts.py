"""Each side's preferred contact (an email address or a chat handle).

Kept on the relationship (``Relationship.mentor_contact`` / ``mentee_contact``), given in
``new`` and changed later with ``contact``. Shown in ``status``, used as attendees in the
calendar export (where it is an email address) and in the sentence that goes with a shared
copy. Either side may record both contacts in its own file (a programme may hand the mentor the
mentee's email), but a merge takes a side's contact only from that side's copy (see
:mod:`workbook.authority`): each side owns its own.
"""

from __future__ import annotations

from workbook.models import Relationship, Role
from workbook.service import WorkbookService
from workbook.text import check_contact, one_line

CONTACT_FIELDS: dict[Role, str] = {Role.MENTOR: "mentor_contact", Role.MENTEE: "mentee_contact"}
"""The relationship field holding each side's contact."""


def set_contacts(service: WorkbookService, contacts: dict[Role, str]) -> Relationship:
    """Record the contacts given (``""`` clears one), each checked with
    :func:`~workbook.text.check_contact` before anything changes; unchanged ones are not
    re-saved. Returns the relationship as it now is."""
    changes: dict[str, str] = {}
    for role, value in contacts.items():
        checked = check_contact(value, f"the {role.value}'s contact")
        if checked != service.relationship.contact_of(role):
            changes[CONTACT_FIELDS[role]] = checked
    if changes:
        return service.update_relationship(**changes)
    return service.relationship


def contact_line(name: str, role: Role, contact: str) -> str:
    """``Sam Okafor (mentee): sam@example.org``, or ``...: not given``, as one plain line."""
    return f"{one_line(name)} ({role.value}): {one_line(contact) or 'not given'}"
