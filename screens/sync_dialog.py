"""The dialog that chooses the folder a workbook is kept in step through: a typed path, or one
picked from a tree of folders (Textual's own ``DirectoryTree``; no desktop needed)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DirectoryTree, Input, Static

from screens.form_screen import FormScreen, error_line, field
from screens.text_safety import user_line
from workbook.errors import WorkbookError

EXPLANATION = (
    "Choose a folder both of you sync (Dropbox, OneDrive, Google Drive, Syncthing, a shared "
    "drive). After every save your copy goes there, without anything private; the other "
    "side's copy comes in as it arrives. Type its path, or pick it below."
)


def shown_path(path: Path) -> str:
    """``path`` as typed by a person: ``~/Dropbox/Mentoring`` under the home folder."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix() if path != Path.home() else "~"
    except ValueError:
        return str(path)


class FolderTree(DirectoryTree):
    """The folders under a starting folder (files and hidden folders left out)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Only folders that are not hidden."""
        return [path for path in paths if not path.name.startswith(".") and path.is_dir()]


class FolderDialog(FormScreen[Path | None]):
    """Which folder to keep the workbook in step through; returns it checked and resolved
    (:func:`workbook.sync.rounds.check_folder`), or None when cancelled."""

    SAVE_LABEL = "Keep in step"

    def __init__(self, current: Path | None = None) -> None:
        super().__init__()
        self.current = current
        """The folder it is kept in step through now (None: none yet)."""

    def heading(self) -> Content:
        """The title, with the folder used now when there is one."""
        if self.current is None:
            return Content("Keep in step through a folder")
        return Content.assemble(
            "Keep in step through a folder (now ",
            (user_line(shown_path(self.current)), "bold"),
            ")",
        )

    def _tree_root(self) -> Path:
        if self.current is not None and self.current.parent.is_dir():
            return self.current.parent
        return Path.home()

    def compose_fields(self) -> ComposeResult:
        """The explanation, the path, and the tree to pick it from."""
        yield Static(EXPLANATION, classes="form-note sync-explanation")
        start = self.current if self.current is not None else Path.home()
        yield field("Folder", Input(value=shown_path(start), id="sync-folder", compact=True))
        yield error_line("sync-folder-error")
        tree = FolderTree(self._tree_root(), id="sync-tree")
        tree.show_root = False
        yield tree

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        """A folder picked in the tree becomes the path."""
        event.stop()
        self.query_one("#sync-folder", Input).value = shown_path(event.path)
        self.show_error("sync-folder-error", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path chooses it."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Check the folder (it must exist, outside this home's relationships) and return it."""
        from workbook.sync.rounds import check_folder

        typed = self.query_one("#sync-folder", Input).value.strip()
        if not typed:
            self.show_error("sync-folder-error", "Type the folder's path, or pick it below.")
            return
        try:
            folder = check_folder(Path(typed))
        except (WorkbookError, OSError) as error:
            self.show_error("sync-folder-error", str(error))
            return
        self.dismiss(folder)
