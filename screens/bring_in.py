"""Bringing in the other person's copy, and opening a file received from them, in the app.

Both start from a file picker (:class:`~screens.path_picker.PathPicker`, in the Downloads
folder when there is one). *Bring in their copy* merges the file into a relationship that is
open (the workbook's own service, which holds the file's lock; from the home screen, the
highlighted relationship opened for it) with :func:`workbook.sharing.merge_copy`, and shows
what came in. *Open a file* (the home screen) hands the file to :mod:`workbook.received`: a
received copy is imported into the home, or merged into the relationship it is a copy of,
and the download is never written to. A copy of another relationship between the same two
names asks first, showing both side by side (:class:`~screens.adoption_screen.AdoptionScreen`);
a copy between other names is one message. These run in a worker (they wait for dialogs).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from screens.adoption_screen import AdoptionScreen
from screens.message_screen import MessageScreen
from screens.notice_screen import NoticeScreen
from screens.path_picker import PathPicker, received_files_folder
from screens.text_safety import tell, user_line
from workbook.adoption import AdoptionNeededError, compare_with_copy
from workbook.errors import WorkbookError
from workbook.received import OpenAction, Opened, adopt_into, carry_out, plan_open
from workbook.service import WorkbookService
from workbook.sharing import MergeReport, merge_copy
from workbook.text import plural

if TYPE_CHECKING:
    from screens.app import MentorWorkbookApp
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack

PICK_NOTE = "Pick the file the other person sent you (its name ends in .json), or type its path."
NOT_BROUGHT_IN = "Their copy was not brought in"
NOT_OPENED = "This file cannot be opened"


def copy_picker(title: str) -> PathPicker:
    """The picker of a received copy, starting in the Downloads folder (or the home folder)."""
    return PathPicker(title, received_files_folder(), note=PICK_NOTE, choose_label="Open")


def merge_headline(report: MergeReport) -> str:
    """``4 added, 2 updated, 1 conflict`` (what changed), or ``Nothing new``."""
    if not report.changed:
        return "Nothing new"
    parts = [f"{report.added} added", f"{report.updated} updated"]
    if report.conflicts:
        parts.append(plural(report.conflicts, "conflict"))
    return ", ".join(parts)


def as_error(error: WorkbookError | OSError) -> WorkbookError:
    """A message screen's error for ``error`` (a file system error in one line)."""
    if isinstance(error, WorkbookError):
        return error
    return WorkbookError(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))


async def merge_with_consent(
    app: MentorWorkbookApp,
    service: WorkbookService,
    path: Path,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> MergeReport | None:
    """Merge the copy at ``path`` into ``service``; a copy of another relationship between the
    same names only once the user agrees to join them. Shows what came in (or why nothing
    did); returns the report (None when nothing was merged)."""
    try:
        try:
            report = merge_copy(service, path, pack=pack, catalog=catalog)
        except AdoptionNeededError as needed:
            join = await app.push_screen_wait(AdoptionScreen(needed.comparison, path.name))
            if not join:
                tell(app, "Not joined: nothing was brought in.", timeout=4)
                return None
            report = merge_copy(service, path, adopt=True, pack=pack, catalog=catalog)
    except (WorkbookError, OSError) as error:
        await app.push_screen_wait(MessageScreen(NOT_BROUGHT_IN, as_error(error)))
        return None
    await app.push_screen_wait(NoticeScreen(merge_headline(report), report.summary()))
    return report


async def bring_in_copy(
    app: MentorWorkbookApp,
    service: WorkbookService,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> MergeReport | None:
    """Pick the other person's copy and merge it into ``service`` (see
    :func:`merge_with_consent`)."""
    title = f"Bring in their copy: {user_line(service.relationship.pair)}"
    path = await app.push_screen_wait(copy_picker(title))
    if path is None:
        return None
    return await merge_with_consent(app, service, path, pack=pack, catalog=catalog)


async def bring_in_to_file(app: MentorWorkbookApp, target: Path) -> MergeReport | None:
    """Bring a copy into the relationship file ``target``, opened for it (its lock taken
    first: a relationship open elsewhere is said before anything is picked)."""
    try:
        service = WorkbookService.open(target)
    except WorkbookError as error:
        await app.push_screen_wait(MessageScreen(NOT_BROUGHT_IN, error))
        return None
    try:
        return await bring_in_copy(app, service, catalog=app.catalog)
    finally:
        service.close()


async def _joined_or_imported(app: MentorWorkbookApp, path: Path) -> Opened | None:
    """What opening the file at ``path`` did: imported, merged, joined (after asking) or
    opened in place; None when cancelled."""
    plan = plan_open(str(path))
    if plan.action is not OpenAction.IMPORT or not plan.same_names:
        return carry_out(plan, catalog=app.catalog)
    for candidate in plan.same_names:
        with WorkbookService.open(candidate, read_only=True) as ours:
            comparison = compare_with_copy(ours, plan.source)
        screen = AdoptionScreen(comparison, path.name, apart_label="Keep apart")
        join = await app.push_screen_wait(screen)
        if join is None:
            return None
        if join:
            return adopt_into(candidate, plan, catalog=app.catalog)
    return carry_out(plan, catalog=app.catalog)


async def open_received_file(app: MentorWorkbookApp, path: Path | None = None) -> Path | None:
    """Open a relationship file (picked when ``path`` is None): a received copy goes into the
    home first (:mod:`workbook.received`), then its workbook opens with one line saying what
    happened. Returns the relationship file opened (None: nothing was)."""
    if path is None:
        path = await app.push_screen_wait(copy_picker("Open a file you received"))
        if path is None:
            return None
    try:
        opened = await _joined_or_imported(app, path)
    except (WorkbookError, OSError) as error:
        await app.push_screen_wait(MessageScreen(NOT_OPENED, as_error(error)))
        return None
    if opened is None:
        return None
    app.open_relationship(opened.path, notice=opened.message)
    return opened.path
