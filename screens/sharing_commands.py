"""The workbook's palette commands for the other person: share, bring in their copy, contacts.

They act on the workbook's own service (it holds the file's lock): pending edits are saved
first; after a merge that changed something, the steps are rebuilt to show what came in. The
dialogs are imported when used, not with the workbook (its first frame does not need them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from screens.text_safety import tell

if TYPE_CHECKING:
    from screens.app import MentorWorkbookApp
    from screens.workbook_screen import WorkbookScreen
    from workbook.models import Relationship


def sharing_commands(screen: WorkbookScreen) -> Iterable[SystemCommand]:
    """Share with the other person, bring in their copy, and each side's contact."""
    other = screen.context.service.relationship.owner_role.other.value
    yield SystemCommand(
        "Share with the other person",
        f"Write a copy for the {other} (nothing private in it) and the sentence to send",
        lambda: share_in_workbook(screen),
    )
    yield SystemCommand(
        "Bring in their copy",
        f"Merge the file the {other} sent you into this relationship",
        lambda: bring_in_workbook(screen),
    )
    yield SystemCommand(
        "Contacts",
        "Each side's preferred email or chat handle",
        lambda: edit_contacts_in_workbook(screen),
    )


def share_in_workbook(screen: WorkbookScreen) -> None:
    """Save, then the share dialog."""
    from screens.share_dialog import share_from

    screen.save_now()
    context = screen.context
    app: MentorWorkbookApp = screen.app  # type: ignore[assignment]
    screen.run_worker(
        share_from(app, context.service, pack=context.pack, catalog=app.catalog),
        group="sharing",
        exclusive=True,
    )


def bring_in_workbook(screen: WorkbookScreen) -> None:
    """Save, pick their copy, merge it; rebuild the steps when it changed something."""
    from screens.bring_in import bring_in_copy

    service = screen.context.service
    if not service.writable:
        tell(screen, "This relationship is open read-only: nothing can be brought in.")
        return
    screen.save_now()

    async def run() -> None:
        app: MentorWorkbookApp = screen.app  # type: ignore[assignment]
        report = await bring_in_copy(app, service, pack=screen.context.pack, catalog=app.catalog)
        if report is not None and report.changed:
            await screen.rebuild()

    screen.run_worker(run(), group="sharing", exclusive=True)


def edit_contacts_in_workbook(screen: WorkbookScreen) -> None:
    """The contacts form, on the workbook's service."""
    from screens.contacts_form import ContactsForm

    service = screen.context.service
    if not service.writable:
        tell(screen, "This relationship is open read-only: contacts cannot be changed.")
        return

    def saved(relationship: Relationship | None) -> None:
        if relationship is not None:
            tell(screen, "Contacts saved.", timeout=3)

    screen.app.push_screen(ContactsForm(service), saved)
