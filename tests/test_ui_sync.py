"""Two app instances, one per home, kept in step through one folder (Pilot): an edit typed on
one side appears on the other after its save and the other's next check; a merge never
changes the answer being typed; nothing private reaches the folder; leftovers are said once;
the folder dialog (typed path, or picked from the tree); the last copy on quit."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sync_helpers import MENTEE, SLUG, Side, carry, linked_pair
from textual.pilot import Pilot
from textual.widgets import DirectoryTree, Input, Static

import screens.sync_watch as sync_watch
from screens.app import MentorWorkbookApp
from screens.editors.text import LongTextEditor, ShortTextEditor
from screens.sync_dialog import FolderDialog
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import (
    edit,
    make_relationship,
    settle,
    show_step,
    wait_for_text,
    wait_until,
)
from workbook import paths
from workbook.models import Author
from workbook.service import WorkbookService

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _quick_checks(monkeypatch: pytest.MonkeyPatch) -> object:
    """Checks every 0.2 s (the real interval is a few seconds); no home left behind."""
    monkeypatch.setattr(sync_watch, "CHECK_SECONDS", 0.2)
    monkeypatch.delenv(paths.HOME_ENV_VAR, raising=False)
    yield
    paths.set_home_override(None)


def workbook(app: MentorWorkbookApp) -> WorkbookScreen:
    screen = app.screen
    assert isinstance(screen, WorkbookScreen)
    return screen


async def opened(pilot: Pilot, *, linked: bool = True) -> WorkbookScreen:
    """Wait for the workbook (and its first folder check, when linked)."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, WorkbookScreen), "the workbook")
    screen = workbook(app)  # type: ignore[arg-type]
    if linked:
        await wait_until(pilot, lambda: screen.folder_sync.checks > 0, "the first check")
    return screen


async def dialog_shown(pilot: Pilot) -> FolderDialog:
    """Wait until the folder dialog is up, with its tree."""

    def shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, FolderDialog) and bool(screen.query(DirectoryTree))

    await wait_until(pilot, shown, "the folder dialog")
    dialog = pilot.app.screen
    assert isinstance(dialog, FolderDialog)
    return dialog


@asynccontextmanager
async def running(side: Side, *, linked: bool = True) -> AsyncIterator[Pilot]:
    """``side``'s app on its relationship (its home is the process's while it opens)."""
    side.use()
    app = MentorWorkbookApp(open_path=side.file)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, linked=linked)
        yield pilot


def copy_holds(side: Side, text: str) -> bool:
    """True when ``side``'s copy in the folder holds ``text``."""
    return text.encode() in side.link().copy_path.read_bytes()


@pytest.mark.build_ahead
async def test_an_edit_typed_on_one_side_appears_on_the_other(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    async with running(mentor) as pa:
        await show_step(pa, "rapport")
        workbook(pa.app).query_one("#prompt-hobbies").scroll_visible(animate=False)  # type: ignore[arg-type]
        async with running(mentee) as pb:
            await show_step(pb, "rapport")
            await edit(pb, "hobbies", ShortTextEditor, Author.MENTEE)
            await pb.press(*"Chess")
            await wait_until(pb, lambda: copy_holds(mentee, "Chess"), "the mentee's save")
            await wait_for_text(pa, "Chess")
            header = workbook(pa.app).header_bar  # type: ignore[arg-type]
            # (the card is redrawn as the changes arrive; the header's note follows at the end
            # of the same check)
            said = f"{MENTEE}'s changes arrived: 1 answer"
            await wait_until(pa, lambda: header.note == said, "the header's note")
            await wait_for_text(pa, f"{MENTEE}'s changes arrived")
            await wait_until(pa, lambda: "Chess" in mentor.file.read_text(), "the mentor's save")


async def test_a_merge_never_changes_the_answer_being_typed(tmp_path: Path) -> None:
    """Both type in the joint "common ground": the mentee's edit waits while the mentor is in
    that answer, and arrives once they move on, both versions kept as a conflict."""
    mentor, mentee = linked_pair(tmp_path)
    async with running(mentor) as pa:
        screen = workbook(pa.app)  # type: ignore[arg-type]
        await show_step(pa, "rapport")
        await edit(pa, "common-ground", ShortTextEditor)
        await pa.press(*"Cycling")
        service = screen.context.service

        def typed() -> object:
            joint = service.answer("common-ground", Author.JOINT)
            return joint.value if joint is not None else None

        await wait_until(pa, lambda: typed() == "Cycling", "the typing held in memory")
        with mentee.service() as theirs:
            theirs.set_answer("common-ground", Author.JOINT, "Jazz")
        mentee.sync()
        checks = screen.folder_sync.checks
        await wait_until(pa, lambda: screen.folder_sync.checks >= checks + 3, "three checks")
        assert service.answer("common-ground", Author.JOINT).value == "Cycling"  # type: ignore[union-attr]
        await pa.press(*" and hills")
        await wait_until(pa, lambda: typed() == "Cycling and hills", "the rest of the typing")
        screen.focus_field(card_id="prompt-hobbies")

        def versions() -> set[object]:
            joint = service.answer("common-ground", Author.JOINT)
            assert joint is not None
            return {joint.value, *(copy.value for copy in joint.conflicts)}

        await wait_until(pa, lambda: versions() == {"Cycling and hills", "Jazz"}, "the merge")
        card = screen.query_one("#prompt-common-ground")
        await wait_until(pa, lambda: card.query(".conflict"), "the conflict shown on its card")
        # (Read from the card, not the screen: the focus moving to the next card scrolls the
        # step after this, which could leave the conflict's line below the window.)
        conflict = card.query_one(".conflict", Static)
        assert "Also edited in the" in str(conflict.render())


async def test_nothing_private_typed_in_the_app_reaches_the_folder(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    async with running(mentor) as pa:
        await edit(pa, "about-them", LongTextEditor, Author.MENTOR)  # private in the pack
        await pa.press(*"Worried-about-them-7781")
        await edit(pa, "about-me", LongTextEditor, Author.MENTOR)
        await pa.press(*"Shared-words-1234")
        await wait_until(pa, lambda: copy_holds(mentor, "Shared-words-1234"), "the save")
        assert "Worried-about-them-7781" in mentor.file.read_text()
    for path in mentor.folder.iterdir():
        assert b"Worried-about-them-7781" not in path.read_bytes()
    mentee.sync()
    assert mentee.read().answer("about-them", Author.MENTOR) is None


async def test_a_half_synced_file_is_said_once_and_the_whole_one_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    real_tell = sync_watch.tell

    def recording_tell(node: object, message: object, **options: object) -> None:
        told.append(str(message))
        real_tell(node, message, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_watch, "tell", recording_tell)
    mentor, mentee = linked_pair(tmp_path, separate_folders=True)
    with mentee.service() as theirs:
        theirs.set_answer("hobbies", Author.MENTEE, "Chess")
    mentee.sync()
    name = f"{SLUG}.mentee (Sam's conflicted copy).json"
    async with running(mentor) as pa:
        screen = workbook(pa.app)  # type: ignore[arg-type]
        carry(mentee, mentor, name, cut=120)
        said = f"{name}: incomplete or damaged"
        await wait_until(pa, lambda: any(said in text for text in told), "the note")
        checks = screen.folder_sync.checks
        await wait_until(pa, lambda: screen.folder_sync.checks >= checks + 2, "two more checks")
        assert len([text for text in told if said in text]) == 1
        assert screen.context.service.answer("hobbies", Author.MENTEE) is None
        carry(mentee, mentor, name)
        await wait_until(
            pa,
            lambda: (
                getattr(screen.context.service.answer("hobbies", Author.MENTEE), "value", "")
                == "Chess"
            ),
            "the whole copy merged",
        )


async def test_the_last_copy_is_written_on_quit(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    async with running(mentor) as pa:
        workbook(pa.app).context.service.set_answer("hobbies", Author.MENTOR, "Rowing")  # type: ignore[arg-type]
        await pa.press("ctrl+q")
    assert copy_holds(mentor, "Rowing")


async def test_the_folder_dialog_links_a_typed_path(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    mentor.run("sync", SLUG, "--off")
    elsewhere = tmp_path / "OneDrive" / "Mentoring"
    elsewhere.mkdir(parents=True)
    async with running(mentor, linked=False) as pa:
        screen = workbook(pa.app)  # type: ignore[arg-type]
        assert screen.folder_sync.link is None
        await pa.press("ctrl+p")
        await settle(pa)
        await pa.press(*"Keep in step")
        await wait_for_text(pa, "through a folder")
        await pa.press("enter")
        field = (await dialog_shown(pa)).query_one("#sync-folder", Input)
        field.value = str(tmp_path / "missing")
        await pa.press("ctrl+s")
        await wait_for_text(pa, "no folder")
        field.value = str(elsewhere)
        await pa.press("ctrl+s")
        await wait_until(pa, lambda: screen.folder_sync.link is not None, "the link")
        await wait_until(pa, lambda: (elsewhere / f"{SLUG}.mentor.json").exists(), "the copy")
        await wait_for_text(pa, "Keeping in step through")
        assert mentor.link().folder == elsewhere.resolve()


async def test_the_folder_dialog_picks_from_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "person"))
    (tmp_path / "person" / "Dropbox" / "Mentoring").mkdir(parents=True)
    (tmp_path / "person" / ".hidden").mkdir()
    path = tmp_path / "home" / "relationships"
    paths.set_home_override(tmp_path / "home")
    with WorkbookService.create(
        mentor="Priya Shah", mentee="Sam Okafor", pack_id="standard", pack_version="1.1"
    ) as service:
        path = service.path
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, linked=False)
        screen.folder_sync.choose_folder()
        dialog = await dialog_shown(pilot)
        assert dialog.query_one("#sync-folder", Input).value == "~"
        tree = dialog.query_one(DirectoryTree)
        await wait_until(pilot, lambda: tree.root.children, "the folders")
        assert [str(node.label) for node in tree.root.children] == ["Dropbox"]
        tree.focus()
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: len(tree.root.children[0].children) == 1, "opening it")
        await pilot.press("down", "enter")
        field = dialog.query_one("#sync-folder", Input)
        await wait_until(pilot, lambda: field.value == "~/Dropbox/Mentoring", "the pick")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.folder_sync.link is not None, "the link")
        target = tmp_path / "person" / "Dropbox" / "Mentoring"
        await wait_until(pilot, lambda: (target / f"{SLUG}.mentor.json").is_file(), "the copy")
        data = json.loads((target / f"{SLUG}.mentor.json").read_text("utf-8"))
        assert data["relationship"]["1"]["owner_role"] == "mentor"


async def test_a_read_only_workbook_offers_no_folder(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    mentor.file.chmod(0o400)
    mentor.use()
    app = MentorWorkbookApp(open_path=mentor.file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, linked=False)
        await settle(pilot)
        assert screen.folder_sync.link is None
        assert not list(screen.folder_sync.palette_commands())


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_folder_dialog_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snap_compare, size: tuple[int, int]
) -> None:
    """The folder dialog over a workbook, everything fixed: ``~`` is a folder made here."""
    monkeypatch.setenv("HOME", str(tmp_path / "person"))
    for folder in ("Dropbox/Mentoring", "Google Drive", "OneDrive"):
        (tmp_path / "person" / folder).mkdir(parents=True)
    paths.set_home_override(tmp_path / "home")
    path = make_relationship(tmp_path / "home")

    async def open_dialog(pilot: Pilot) -> None:
        screen = await opened(pilot, linked=False)
        screen.folder_sync.choose_folder()
        tree = (await dialog_shown(pilot)).query_one(DirectoryTree)
        await wait_until(pilot, lambda: len(tree.root.children) == 3, "the folders")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    assert snap_compare(
        MentorWorkbookApp(open_path=path), terminal_size=size, run_before=open_dialog
    )


async def test_the_home_screen_takes_a_relationship_from_a_folder(tmp_path: Path) -> None:
    """A mentee who never uses the command line: start the app, choose the folder, and the
    mentor's copy there opens as their own workbook, kept in step."""
    mentor, _ = linked_pair(tmp_path)
    fresh = Side(tmp_path / "laptop-home", mentor.folder)
    (mentor.folder / f"{SLUG}.mentee.json").unlink()  # only the mentor's copy is there yet
    fresh.use()
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "No relationships yet")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Keep in step")
        await wait_for_text(pilot, "through a folder")
        await pilot.press("enter")
        (await dialog_shown(pilot)).query_one("#sync-folder", Input).value = str(mentor.folder)
        await pilot.press("ctrl+s")
        screen = await opened(pilot)
        assert screen.context.role.value == "mentee"
        await wait_until(pilot, lambda: (mentor.folder / f"{SLUG}.mentee.json").is_file(), "copy")
    assert fresh.read().relationship.owner_role.value == "mentee"
