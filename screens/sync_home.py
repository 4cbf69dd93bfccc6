"""The home screen's way into a shared folder: take the relationship the other side keeps in
step there, and keep it in step too (the app's form of ``mentor-workbook sync SLUG DIR`` on a
machine that has no relationship yet, for a mentee who never uses the command line).

The palette's "Keep in step through a folder" asks for the folder
(:class:`~screens.sync_dialog.FolderDialog`); when it holds one relationship's copy (one side
only, named ``<slug>.<role>.json``), that relationship becomes this home's, as the other side
(:func:`workbook.sync.rounds.take_and_link`), and opens: its first check merges and writes
this side's copy. Anything else (no copy yet, several pairs' copies) is one message.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from screens.text_safety import tell
from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from screens.app import MentorWorkbookApp

WORKERS = "folder-take"


def home_folder_commands(app: MentorWorkbookApp) -> Iterable[SystemCommand]:
    """The home screen's folder command for the palette."""
    yield SystemCommand(
        "Keep in step through a folder",
        "Take the workbook the other side keeps in a folder you both sync, and keep it in step",
        lambda: choose_folder(app),
    )


def choose_folder(app: MentorWorkbookApp) -> None:
    """Ask for the folder, then take what it holds (in a worker) and open it."""
    from screens.sync_dialog import FolderDialog

    def chosen(folder: Path | None) -> None:
        if folder is not None:
            app.run_worker(lambda: _take(app, folder), thread=True, group=WORKERS)

    app.push_screen(FolderDialog(None), chosen)


def _take(app: MentorWorkbookApp, folder: Path) -> None:
    """In a worker: the one relationship kept in step through ``folder``, taken and linked."""
    from workbook.sync.links import LinkStore
    from workbook.sync.rounds import only_copy_in, take_and_link

    try:
        path = take_and_link(only_copy_in(folder), folder, LinkStore.default())
    except (WorkbookError, OSError) as error:
        app.call_from_thread(tell, app, error, severity="error", timeout=12)
        return
    app.call_from_thread(app.open_relationship, path)
