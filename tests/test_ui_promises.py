"""The app keeps the promises at its edges: a full disk while opening is one message screen,
a read-only or symlinked file opens read-only with a notice, and an answer given as private
stays hidden from the other side and from an audience however the pack marks its prompt."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.pilot import Pilot

from screens.app import MentorWorkbookApp
from screens.editors.text import LongTextEditor, ShortTextEditor
from screens.message_screen import MessageScreen
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import (
    KINDS_PACK_DIR,
    make_relationship,
    screen_text,
    settle,
    show_step,
    wait_for_text,
    wait_until,
)
from workbook.locking import lock_path_for
from workbook.models import Answer, Author, Visibility
from workbook.service import WorkbookService
from workbook.store import backup_path_for

SIZE = (100, 40)


async def test_a_full_disk_while_opening_is_one_message(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, the OSError escaped into a Textual traceback (exit status 0, the file's first
    bytes among the traceback's locals)."""
    path = make_relationship(home, pack_id="kinds")
    backup_path_for(path).unlink(missing_ok=True)  # opening has to write a backup

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("workbook.atomic._replace", full_disk)
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MessageScreen), "the message")
        message = str(app.screen.query_one("#message-text").content)
        assert message == (
            f"cannot open {path} (writing {backup_path_for(path)}): No space left on device"
        )
    assert not lock_path_for(path).exists()


@pytest.mark.parametrize("how", ["read-only", "symlink"])
async def test_a_file_that_must_not_be_written_opens_read_only(home: Path, how: str) -> None:
    path = make_relationship(home, pack_id="kinds")
    with WorkbookService.open(path) as service:
        service.set_answer("short", Author.JOINT, "as it was")
    opened = path
    if how == "read-only":
        path.chmod(0o444)
    else:
        opened = path.with_name("link.json")
        opened.symlink_to(path)
    before = path.read_bytes()
    app = MentorWorkbookApp(open_path=opened, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, WorkbookScreen), "the workbook")
        await settle(pilot)
        assert "Opened read-only." in screen_text(app)
        assert not app.screen.context.service.writable
        reason = "the file is read-only" if how == "read-only" else "is a symbolic link"
        await wait_for_text(pilot, "Opened read-only: ")
        assert reason in screen_text(app).replace("\n", " ")
        assert not app.screen.query(ShortTextEditor)  # nothing to type into
        await pilot.press("ctrl+s")
    assert path.read_bytes() == before
    assert opened.is_symlink() is (how == "symlink")


async def test_an_answer_given_as_private_stays_hidden_when_its_prompt_is_shared(
    home: Path,
) -> None:
    """The kinds pack's "Shared view" prompt is not private; the mentee's answer to it was
    given as private. The mentor does not see it, and nor does an audience (before: shown,
    under the banner saying private answers are hidden)."""
    path = make_relationship(home, pack_id="kinds")
    with WorkbookService.open(path) as service:
        service.set_answer("shared-view", Author.MENTEE, "GIVEN-IN-CONFIDENCE", Visibility.PRIVATE)
        service.set_answer("shared-view", Author.MENTOR, "MENTOR-SHARED-TEXT")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_step(pilot, "private")
        await settle(pilot)
        text = screen_text(app)
        assert "MENTOR-SHARED-TEXT" in text and "GIVEN-IN-CONFIDENCE" not in text
        await pilot.press("ctrl+r")  # the mentee sees their own answer
        await settle(pilot)
        assert "GIVEN-IN-CONFIDENCE" in screen_text(app)
        await pilot.press("ctrl+t")  # presenting: hidden even from its author's screen
        await settle(pilot)
        text = screen_text(app)
        assert "PRESENTING" in text and "GIVEN-IN-CONFIDENCE" not in text
        assert "MENTOR-SHARED-TEXT" in text


async def _editing_own_expectations(pilot: Pilot[None]) -> LongTextEditor:
    """The mentor's editor of the first prompt, opened."""
    from tests.ui_support import edit

    await settle(pilot)
    return await edit(pilot, "own-expectations", LongTextEditor, Author.MENTOR)


def _held(app: MentorWorkbookApp) -> Answer | None:
    """The mentor's answer to the first prompt as the open workbook holds it."""
    screen = app.screen
    assert isinstance(screen, WorkbookScreen)
    return screen.context.service.answer("own-expectations", Author.MENTOR)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "wide"])
@pytest.mark.parametrize("announced", [False, True], ids=["typed", "announced"])
async def test_what_is_on_the_screen_when_the_app_stops_is_saved(
    home: Path, size: tuple[int, int], announced: bool
) -> None:
    """A key changes the editor's text at once; the workbook hears of it a few messages later.
    Stopping in between (ctrl+q right after the key, a closed terminal on a slow machine)
    saves the text as shown, whether the app stops before the editor has handled its change
    or while its announcement is still bubbling up through the card (CI's tmux test lost a
    whole answer that way); the messages arriving afterwards change nothing."""
    path = make_relationship(home)
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=size) as pilot:
        editor = await _editing_own_expectations(pilot)
        editor.insert("typed just before the end")
        if announced:
            editor.announce_typed()  # (posted: on its way up, not handled yet)
        app.save_all()  # (at once)
        with WorkbookService.open(path, read_only=True) as service:
            answer = service.answer("own-expectations", Author.MENTOR)
        assert answer is not None and answer.value == "typed just before the end"
        await settle(pilot)  # the messages arrive: they hold the edit already saved
        held = _held(app)
        assert held is not None and held.value == "typed just before the end"
        assert dict(held.clock) == dict(answer.clock)


async def test_an_older_edit_arriving_after_a_newer_one_was_saved_is_dropped(home: Path) -> None:
    """Saving takes the editor's latest text; an older announcement of the same editor still
    on its way must not put the older text back."""
    app = MentorWorkbookApp(open_path=make_relationship(home))
    async with app.run_test(size=SIZE) as pilot:
        editor = await _editing_own_expectations(pilot)
        editor.insert("first")
        editor.announce_typed()  # "first" on its way
        editor.insert(" and second")  # its Changed message still queued
        screen = app.screen
        assert isinstance(screen, WorkbookScreen)
        screen.save_now()
        await settle(pilot)
        held = _held(app)
        assert held is not None and held.value == "first and second"
        assert editor.text == "first and second"
