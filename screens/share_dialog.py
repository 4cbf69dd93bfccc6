"""Share with the other person: write the copy they open on their own machine, then say where
it is and what to send them.

:class:`ShareDialog` asks where the copy goes: ``<home>/exports/`` unless the user types or
picks another folder (or a file name). The copy is written by the core
(:func:`workbook.sharing.share_with_other_side`: nothing private in it, never over a
relationship file); a refused path or a full disk is one line in the dialog, which stays open
to try another place. :class:`SharedScreen` then shows the full path and the one sentence to
paste into an email, with keys that copy either to the clipboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from screens.form_screen import FormScreen, error_line
from screens.path_picker import COPY_SUFFIX, PathPicker, shown_path, typed_path, user_home
from screens.text_safety import tell, user_line
from workbook.contacts import contact_line
from workbook.errors import UsageError, WorkbookError
from workbook.outputs import exports_dir
from workbook.sharing import SharedCopy, share_file_name, share_with_other_side

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack
    from workbook.service import WorkbookService


def destination(text: str, recipient_name: str) -> Path | None:
    """Where the copy goes for what the user typed: None for the exports folder (the core
    names the file there), a folder's ``for-<name>.json``, or the ``.json`` file named; a
    folder that is not there is a one-line :class:`UsageError`."""
    if not text.strip():
        return None
    path = typed_path(text)
    if path == exports_dir():
        return None
    if path.is_dir():
        return path / f"{share_file_name(recipient_name)}{COPY_SUFFIX}"
    if path.suffix.lower() != COPY_SUFFIX:
        raise UsageError(
            f"there is no folder {shown_path(path)}: choose one that exists, or give a file "
            f"name ending in {COPY_SUFFIX}"
        )
    return path


class ShareDialog(FormScreen[SharedCopy]):
    """Where to write the copy for the other person; writes it and returns what was written."""

    SAVE_LABEL = "Write the copy"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "choose_folder", "Choose folder", priority=True),
    ]

    def __init__(
        self,
        service: WorkbookService,
        *,
        pack: Pack | None = None,
        catalog: PackCatalog | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.pack = pack
        self.catalog = catalog
        rel = service.relationship
        self.recipient = rel.owner_role.other
        self.recipient_name = rel.name_of(self.recipient)

    def heading(self) -> Content:
        """``Share with Sam Okafor``."""
        return Content(f"Share with {user_line(self.recipient_name)}")

    def compose_fields(self) -> ComposeResult:
        """Whom it is for, what is left out, and where it goes."""
        rel = self.service.relationship
        yield Static(
            Content(
                contact_line(self.recipient_name, self.recipient, rel.contact_of(self.recipient))
            ),
            classes="share-recipient",
        )
        yield Static(
            "A copy of this relationship for them to open on their own computer. Nothing "
            "private is in it: no private answers, no private notes.",
            classes="form-note",
            markup=False,
        )
        with Horizontal(classes="form-row"):
            yield Label("Save it in", classes="field-label")
            yield Input(shown_path(exports_dir()), id="share-place", compact=True)
            yield Button("Choose…", id="share-choose", compact=True)
        yield Static(
            "Leave the folder as it is, or type or choose another (ctrl+o); a name ending in "
            ".json names the file itself.",
            classes="form-note",
            markup=False,
        )
        yield error_line("share-error")

    def on_mount(self) -> None:
        """Start on the button that writes (the usual place is already filled in)."""
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Choose… opens the folder picker; Save and Cancel are the form's own (Textual calls
        :class:`FormScreen`'s handler after this one: calling it here too would write the
        copy twice and close the screen under the dialog)."""
        if event.button.id == "share-choose":
            event.stop()
            self.action_choose_folder()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field writes the copy (and does not also move on, as in the form)."""
        event.stop()
        event.prevent_default()
        self.action_save()

    def action_choose_folder(self) -> None:
        """Pick the folder in a tree (it starts in the user's home folder)."""

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.query_one("#share-place", Input).value = str(folder)
                self.show_error("share-error", "")

        self.app.push_screen(
            PathPicker(
                "Choose the folder for the copy",
                user_home(),
                folders=True,
                note="Pick a folder you can find again to attach the file to an email.",
                choose_label="Use this folder",
            ),
            chosen,
        )

    def action_save(self) -> None:
        """Write the copy where asked; a refusal is one line here."""
        text = self.query_one("#share-place", Input).value
        try:
            shared = share_with_other_side(
                self.service,
                destination(text, self.recipient_name),
                pack=self.pack,
                catalog=self.catalog,
            )
        except WorkbookError as error:
            self.show_error("share-error", f"Not written: {error}")
            return
        except OSError as error:
            reason = error.strerror or str(error)
            self.show_error("share-error", f"Not written: {reason} ({shown_path(Path(text))})")
            return
        self.dismiss(shared)


class SharedScreen(ModalScreen[None]):
    """Where the copy is and the sentence to send with it; ``c`` copies the sentence, ``p``
    the path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy_sentence", "Copy the sentence"),
        Binding("p", "copy_path", "Copy the path"),
        Binding("escape,enter", "close", "Done"),
    ]

    def __init__(self, shared: SharedCopy) -> None:
        super().__init__()
        self.shared = shared

    def compose(self) -> ComposeResult:
        """The path, the sentence, the keys."""
        with Vertical(classes="form-box share-done"):
            yield Static(
                Content(f"The copy for {self.shared.recipient_name} is ready"),
                classes="form-title",
            )
            yield Static("It is saved as:", classes="form-note", markup=False)
            yield Static(Content(shown_path(self.shared.path)), id="shared-path")
            yield Static(
                "Attach it to an email or a message, with this sentence:",
                classes="form-note",
                markup=False,
            )
            yield Static(Content(user_line(self.shared.sentence)), id="shared-sentence")
            with Horizontal(classes="form-buttons"):
                yield Static("c copy the sentence · p copy the path", classes="form-keys")
                yield Button("Done", id="done", variant="primary", compact=True)

    def on_mount(self) -> None:
        """Done has the focus: enter closes."""
        self.query_one("#done", Button).focus()

    def action_copy_sentence(self) -> None:
        """Put the sentence on the clipboard (to paste into the email)."""
        self.app.copy_to_clipboard(self.shared.sentence)
        tell(self, "The sentence is on the clipboard: paste it into your email.", timeout=4)

    def action_copy_path(self) -> None:
        """Put the copy's full path on the clipboard (for the email's attach dialog)."""
        self.app.copy_to_clipboard(str(self.shared.path))
        tell(self, "The file's path is on the clipboard.", timeout=4)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Done closes."""
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)


async def share_from(
    app: App[Any],
    service: WorkbookService,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> SharedCopy | None:
    """Ask where, write the copy, then show where it is and what to send (run in a worker:
    it waits for both dialogs). Returns the copy written (None: cancelled)."""
    shared = await app.push_screen_wait(ShareDialog(service, pack=pack, catalog=catalog))
    if shared is not None:
        await app.push_screen_wait(SharedScreen(shared))
    return shared
