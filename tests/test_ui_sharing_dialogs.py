"""The sharing dialogs one by one: where a copy may go and what a refusal looks like, the file
picker's typed paths and literal names, the contacts (new relationship, later from the home
screen and the workbook), the home rows read after the first frame, and ``open FILE``'s line
handed to the app."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from screens.app import MentorWorkbookApp
from screens.contacts_form import ContactsForm
from screens.home import HomeScreen
from screens.new_relationship import NewRelationshipScreen
from screens.path_picker import CopyTree, PathPicker
from screens.share_dialog import ShareDialog, SharedScreen
from screens.workbook_screen import WorkbookScreen
from tests.test_ui_two_machines import home_loaded, run_command, screen_is
from tests.ui_support import make_relationship, screen_text, wait_for_text, wait_until
from workbook import paths
from workbook.cli import main
from workbook.models import Role
from workbook.service import WorkbookService
from workbook.sharing import share_with_other_side

SIZE = (80, 24)


@pytest.fixture
def user(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own folder (``HOME``), with a Downloads folder."""
    folder = home.parent / "user"
    (folder / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


def error_text(pilot: Pilot, widget_id: str) -> str:
    """The text of an error line of the dialog shown."""
    return str(pilot.app.screen.query_one(f"#{widget_id}", Static).content)


async def tree_read(pilot: Pilot) -> CopyTree:
    """The open picker's tree, once it has listed its folder."""
    tree = pilot.app.screen.query_one(CopyTree)
    await wait_until(pilot, lambda: tree.root.children, "the folder read")
    return tree


async def open_share_dialog(pilot: Pilot) -> None:
    await home_loaded(pilot)
    await pilot.press("h")
    await screen_is(pilot, ShareDialog)


async def write_to(pilot: Pilot, place: str) -> None:
    field = pilot.app.screen.query_one("#share-place", Input)
    field.value = place
    await pilot.press("ctrl+s")


async def test_a_refused_place_is_one_line_and_the_dialog_stays(home: Path, user: Path) -> None:
    path = make_relationship(home)
    before = path.read_bytes()
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_share_dialog(pilot)
        await write_to(pilot, str(user / "no such folder" / "copy.json"))
        await wait_until(pilot, lambda: error_text(pilot, "share-error"), "the refusal")
        assert error_text(pilot, "share-error").startswith("Not written: no folder ")
        assert "\n" not in error_text(pilot, "share-error")
        await write_to(pilot, str(user / "Desktop"))  # no such folder, and not a file name
        await wait_until(
            pilot, lambda: "there is no folder ~/Desktop" in error_text(pilot, "share-error"), "it"
        )
        await write_to(pilot, str(path))  # the relationship file itself: never
        await wait_until(
            pilot, lambda: "relationship" in error_text(pilot, "share-error"), "the refusal"
        )
        assert isinstance(app.screen, ShareDialog)
        await write_to(pilot, str(user / "Downloads"))  # a folder: for-<name>.json in it
        await screen_is(pilot, SharedScreen)
        await pilot.press("p")
        assert app.clipboard == str((user / "Downloads" / "for-sam-okafor.json").resolve())
    assert path.read_bytes() == before
    copy = json.loads((user / "Downloads" / "for-sam-okafor.json").read_text("utf-8"))
    assert copy["relationship"]["1"]["owner_role"] == "mentee"


async def test_enter_on_write_the_copy_writes_it_once_and_keeps_the_home(
    home: Path, user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user does it: h, then enter on the focused button (the dialog's own handler and
    the form's both ran: two copies written, and the home screen closed under the dialog)."""
    import screens.share_dialog

    make_relationship(home)
    written: list[Path] = []
    real = screens.share_dialog.share_with_other_side

    def counted(*args: object, **kwargs: object) -> object:
        shared = real(*args, **kwargs)  # type: ignore[arg-type]
        written.append(shared.path)
        return shared

    monkeypatch.setattr("screens.share_dialog.share_with_other_side", counted)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_share_dialog(pilot)
        assert app.focused is app.screen.query_one("#save")
        await pilot.press("enter")
        await screen_is(pilot, SharedScreen)
        await pilot.press("enter")  # Done
        await screen_is(pilot, HomeScreen)
        assert [type(screen) for screen in app.screen_stack[1:]] == [HomeScreen]
        assert len(written) == 1


async def test_enter_moves_through_the_new_form_one_field_at_a_time(home: Path) -> None:
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await pilot.press("n")
        await screen_is(pilot, NewRelationshipScreen)
        app.screen.query_one("#mentor", Input).focus()
        await pilot.press(*"Priya Shah", "enter")
        await wait_until(pilot, lambda: app.focused is not None, "the focus")
        assert app.focused is app.screen.query_one("#mentor-contact", Input)
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#mentee", Input)


async def test_a_full_disk_is_one_line_and_nothing_is_lost(
    home: Path, user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_relationship(home)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("screens.share_dialog.share_with_other_side", full)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_share_dialog(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: error_text(pilot, "share-error"), "the refusal")
        said = error_text(pilot, "share-error")
        assert said.startswith("Not written: No space left on device (") and said.endswith(
            "/exports)"
        )
        assert isinstance(app.screen, ShareDialog)  # still there: try another place


async def test_the_folder_picker_fills_the_place(home: Path, user: Path) -> None:
    make_relationship(home)
    (user / "Desktop").mkdir()
    (user / "notes.json").write_text("{}")  # a file: not offered when a folder is wanted
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_share_dialog(pilot)
        await pilot.press("ctrl+o")
        await screen_is(pilot, PathPicker)
        tree = await tree_read(pilot)
        assert [str(node.label) for node in tree.root.children] == ["Desktop", "Downloads"]
        await pilot.press("down", "enter")  # Desktop: into the field
        field = app.screen.query_one("#picker-path", Input)
        await wait_until(pilot, lambda: field.value == str(user / "Desktop"), "the folder")
        await pilot.press("ctrl+s")
        await screen_is(pilot, ShareDialog)
        assert app.screen.query_one("#share-place", Input).value == str(user / "Desktop")
        await pilot.press("ctrl+s")
        await screen_is(pilot, SharedScreen)
    assert (user / "Desktop" / "for-sam-okafor.json").is_file()


async def test_the_picker_says_what_is_wrong_with_a_typed_path(home: Path, user: Path) -> None:
    make_relationship(home)
    hostile = user / "Downloads" / "[red]for-sam\x1b[2J.json"
    hostile.write_text("{}")
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await pilot.press("o")
        await screen_is(pilot, PathPicker)
        await tree_read(pilot)
        shown = await wait_for_text(pilot, "[red]for-sam")  # literally, not as markup
        assert "\x1b" not in shown
        field = app.screen.query_one("#picker-path", Input)
        for typed, said in (
            ("", "Pick a file below, or type its path."),
            ("~/nothing.json", "There is no file ~/nothing.json."),
            ("~/Downloads", "~/Downloads is a folder: pick the file in it."),
        ):
            field.value = typed
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda s=said: error_text(pilot, "picker-error") == s, said)
        field.value = f"'{hostile}'"  # pasted with quotes
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "cannot be opened" in screen_text(app), "the message")
        await pilot.press("escape")
        await screen_is(pilot, HomeScreen)
    assert hostile.read_text() == "{}"


async def test_the_new_relationship_form_asks_each_contact(home: Path) -> None:
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await pilot.press("n")
        await screen_is(pilot, NewRelationshipScreen)
        form = app.screen
        form.query_one("#mentor", Input).value = "Priya Shah"
        form.query_one("#mentee", Input).value = "Sam Okafor"
        form.query_one("#mentor-contact", Input).value = "priya\x07@example.org"
        await pilot.pause()  # (a change clears its field's error: let it land first)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: error_text(pilot, "mentor-contact-error"), "the error")
        assert "the mentor's contact" in error_text(pilot, "mentor-contact-error")
        assert "\n" not in error_text(pilot, "mentor-contact-error")
        assert not list(paths.relationships_dir().glob("*.json"))  # nothing created yet
        form.query_one("#mentor-contact", Input).value = "priya@example.org"
        form.query_one("#mentee-contact", Input).value = " @sam on chat "
        await pilot.press("ctrl+s")
        await screen_is(pilot, WorkbookScreen)
    rel = WorkbookService.open(paths.relationship_path("priya-shah-sam-okafor")).relationship
    assert (rel.mentor_contact, rel.mentee_contact) == ("priya@example.org", "@sam on chat")


async def test_contacts_are_changed_from_the_home_screen_and_the_workbook(home: Path) -> None:
    path = make_relationship(home)
    app = MentorWorkbookApp()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await home_loaded(pilot)
        await pilot.press("c")
        await screen_is(pilot, ContactsForm)
        app.screen.query_one("#mentee-contact", Input).value = "sam@example.org"
        await pilot.press("ctrl+s")
        await screen_is(pilot, HomeScreen)
        await wait_for_text(pilot, "Contacts saved.")
        assert WorkbookService.open(path, read_only=True).relationship.mentee_contact == (
            "sam@example.org"
        )
        await pilot.press("enter")  # the workbook holds the file's lock now
        await screen_is(pilot, WorkbookScreen)
        await run_command(pilot, "Contacts")
        await screen_is(pilot, ContactsForm)
        assert app.screen.query_one("#mentee-contact", Input).value == "sam@example.org"
        app.screen.query_one("#mentor-contact", Input).value = "\x1b[2J"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: error_text(pilot, "mentor-contact-error"), "the error")
        app.screen.query_one("#mentor-contact", Input).value = "priya@example.org"
        await pilot.press("ctrl+s")
        await screen_is(pilot, WorkbookScreen)
        on_disk = WorkbookService.open(path, read_only=True).relationship
        assert on_disk.mentor_contact == "priya@example.org"  # written at once
        await run_command(pilot, "Share with the other person")
        await screen_is(pilot, ShareDialog)
        await wait_for_text(pilot, "Sam Okafor (mentee): sam@example.org")


async def test_the_summary_line_comes_from_the_rows_and_reads_no_file_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line is made from the rows the home has just read (the summary index's), never by
    reading every file again through the report's reader (minutes of CPU at 1,000
    relationships, on main before this)."""
    from workbook.report import home_line

    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError("the summary line read the files again")

    monkeypatch.setattr(home_line, "home_summary", refused)
    make_relationship(home)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        await wait_until(pilot, lambda: screen.summary_line == "nothing due", "the line")


async def test_the_home_rows_come_after_the_first_frame(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame does not wait for the rows: they are read in a thread (held here
    until the first frame was checked), then the summary line."""
    import threading

    from workbook import library

    make_relationship(home)
    release = threading.Event()
    read = library.summaries

    def held(catalog: object = None) -> object:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(10)
        return read(catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "summaries", held)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Reading your relationships")
        screen = app.screen
        assert isinstance(screen, HomeScreen) and not screen.loaded
        await pilot.press("slash", *"sam")  # the screen answers meanwhile
        assert app.screen.query_one("#filter", Input).value == "sam"
        release.set()
        await wait_until(pilot, lambda: screen.summary_line == "nothing due", "the line")
        shown = await wait_for_text(pilot, "Sam Okafor")
        assert "in detail: mentor-workbook report" in shown


async def test_bring_in_on_a_relationship_open_elsewhere_says_so_first(
    home: Path, user: Path
) -> None:
    path = make_relationship(home)
    holder = WorkbookService.open(path)  # another window has it open
    try:
        app = MentorWorkbookApp()
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await home_loaded(pilot)
            await pilot.press("b")
            await wait_for_text(pilot, "Their copy was not brought in")
            assert not isinstance(app.screen, PathPicker)
    finally:
        holder.close()


def test_open_of_a_received_file_hands_its_line_to_the_app(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    theirs = WorkbookService.create(
        mentor="Priya Shah",
        mentee="Sam Okafor",
        pack_id="standard",
        pack_version="1.1",
        folder=tmp_path / "their-machine",
    )
    with theirs:
        copy = share_with_other_side(theirs, tmp_path / "for-sam-okafor.json").path
    seen: dict[str, object] = {}
    monkeypatch.setitem(
        sys.modules,
        "screens.app",
        types.SimpleNamespace(run_app=lambda **kwargs: seen.update(kwargs) or 0),
    )
    assert main(["open", str(copy)]) == 0
    assert seen["open_path"] == paths.relationship_path("priya-shah-sam-okafor")
    assert str(seen["notice"]).startswith("Imported for-sam-okafor.json into your relationships")
    assert WorkbookService.open(seen["open_path"], read_only=True).relationship.owner_role is (  # type: ignore[arg-type]
        Role.MENTEE
    )
