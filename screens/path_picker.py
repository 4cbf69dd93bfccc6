"""Choosing a file or a folder without a desktop: Textual's ``DirectoryTree`` in a dialog, with a
typed path as the alternative.

Two uses: picking the copy the other person sent (``*.json`` files and the folders that hold
them; the tree starts in the user's Downloads folder when there is one, else their home), and
picking the folder a shared copy goes into (folders only). Hidden files and folders are left
out of the tree (a path typed in the field reaches them). File and folder names come from
the file system: they are shown literally, never read as markup (:meth:`CopyTree.process_label`).
Paths under the user's home folder are shown as ``~/...`` (:func:`shown_path`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DirectoryTree, Input, Static

from screens.form_screen import FormScreen, error_line, field
from screens.text_safety import user_line

COPY_SUFFIX = ".json"
"""The suffix of a relationship file (and of a shared copy)."""
DOWNLOADS = "Downloads"


def user_home() -> Path:
    """The user's own home folder (where the tree starts when there is no Downloads)."""
    return Path.home()


def received_files_folder() -> Path:
    """Where a file sent by email most likely is: ``~/Downloads`` if it exists, else ``~``."""
    home = user_home()
    downloads = home / DOWNLOADS
    return downloads if downloads.is_dir() else home


def shown_path(path: Path) -> str:
    """``path`` as one printable line, with the user's home folder as ``~``."""
    try:
        relative = path.relative_to(user_home())
    except ValueError:
        return user_line(str(path))
    return user_line("~" if relative == Path() else f"~/{relative.as_posix()}")


def typed_path(text: str) -> Path:
    """A path typed by the user (``~`` expanded; quotes pasted around it removed)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return Path(text).expanduser()


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class CopyTree(DirectoryTree):
    """A directory tree of folders and (unless ``folders_only``) ``*.json`` files, names shown
    literally."""

    def __init__(self, path: Path, *, folders_only: bool = False, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.folders_only = folders_only

    def process_label(self, label: str | Text) -> Text:
        """A label as plain text: a file name is never markup, and holds no control codes."""
        return Text(user_line(label.plain if isinstance(label, Text) else label))

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Folders and (unless only folders are wanted) copies; nothing hidden."""
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (_is_dir(path) or (not self.folders_only and path.suffix.lower() == COPY_SUFFIX))
        ]


class PathPicker(FormScreen[Path]):
    """A file (``folders=False``: an existing ``*.json`` file) or a folder, chosen in a tree or
    typed; returns its path (None when cancelled)."""

    def __init__(
        self,
        title: str,
        start: Path,
        *,
        folders: bool = False,
        note: str = "",
        choose_label: str = "Choose",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.start = start
        self.folders = folders
        self.note = note
        self.choose_label = choose_label

    @property
    def save_label(self) -> str:
        """The button that chooses."""
        return self.choose_label

    @property
    def keys_hint(self) -> str:
        """How to choose with the keys."""
        return "enter picks · ctrl+s chooses · esc cancel"

    def heading(self) -> Content:
        """The dialog's title."""
        return Content(self.title_text)

    def compose_fields(self) -> ComposeResult:
        """A note, the typed path, its error line and the tree."""
        if self.note:
            yield Static(Content(self.note), classes="form-note picker-note")
        what = "folder" if self.folders else "file"
        yield field(
            "Folder" if self.folders else "File",
            Input(
                id="picker-path",
                placeholder=f"type the {what}'s path, or pick it below",
                compact=True,
            ),
        )
        yield error_line("picker-error")
        yield Static(Content(f"In {shown_path(self.start)}:"), classes="form-note picker-start")
        yield CopyTree(self.start, folders_only=self.folders, id="picker-tree")

    def on_mount(self) -> None:
        """Start in the tree (arrows move, enter opens a folder or picks a file)."""
        self.query_one(CopyTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        """A file picked in the tree is the choice."""
        event.stop()
        self.query_one("#picker-path", Input).value = str(event.path)
        self.action_save()

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        """A folder picked in the tree goes into the field (to choose it, or look inside)."""
        event.stop()
        self.query_one("#picker-path", Input).value = str(event.path)
        self.show_error("picker-error", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field chooses what it names (and does not also move on, as in the
        form)."""
        event.stop()
        event.prevent_default()
        self.action_save()

    def action_save(self) -> None:
        """Choose the typed (or picked) path, if it names what is wanted."""
        text = self.query_one("#picker-path", Input).value
        if not text.strip():
            what = "folder" if self.folders else "file"
            self.show_error("picker-error", f"Pick a {what} below, or type its path.")
            return
        path = typed_path(text)
        if self.folders:
            if not _is_dir(path):
                self.show_error("picker-error", f"There is no folder {shown_path(path)}.")
                return
        elif _is_dir(path):
            self.show_error("picker-error", f"{shown_path(path)} is a folder: pick the file in it.")
            return
        elif not path.is_file():
            self.show_error("picker-error", f"There is no file {shown_path(path)}.")
            return
        self.dismiss(path)
