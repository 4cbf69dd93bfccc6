"""The first look: what a workbook showed its owner when last closed, drawn at the next
opening before the models load, then replaced by the real screen showing the same text.

Each UI test opens a relationship once (closing it keeps its first look), then opens it in
:class:`HeldApp`, which keeps the first look on screen until the test lets the workbook load:
the look's rows are compared with the real screen's, at 80x24 and wide.
"""

from __future__ import annotations

import contextlib
import json
import re
import stat
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from ui_support import make_relationship, screen_rows, stored, wait_until

from screens.app import MentorWorkbookApp
from screens.first_look import OPENING, LookError, first_look_view
from screens.workbook_screen import WorkbookScreen
from workbook.archive import archive_relationship
from workbook.demo import create_demo
from workbook.first_look import FirstLook, look_path, read_first_look
from workbook.models import Role
from workbook.service import WorkbookService

SIZES = [(80, 24), (120, 36)]
SCROLLBAR_AT_END = re.compile(r"[\s\u2581-\u2588]+$")
"""A scrollbar's thumb (blocks) and the blanks at the end of a row."""


class HeldApp(MentorWorkbookApp):
    """Opens its workbook only once :meth:`release` is called, so that its first look stays
    on the screen for the test to read."""

    released = False
    held: tuple[Path, Role | None, str] | None = None

    def open_relationship(self, path: Path, role: Role | None = None, notice: str = "") -> None:
        """Hold the opening while the first look is shown (until :meth:`release`)."""
        if self.showing_first_look and not self.released:
            self.held = (path, role, notice)
            return
        super().open_relationship(path, role, notice)

    def release(self) -> None:
        """Let the workbook load and take the first look's place."""
        self.released = True
        assert self.held is not None
        super().open_relationship(*self.held)


async def _workbook_up(pilot: Pilot[int]) -> WorkbookScreen:
    app = pilot.app
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, WorkbookScreen) and not app.showing_first_look,  # type: ignore[attr-defined]
        "the workbook screen",
    )
    screen = app.screen
    assert isinstance(screen, WorkbookScreen)
    view = screen.pane().view
    await wait_until(pilot, lambda: not getattr(view, "building", False), "the first step built")
    for _ in range(3):
        await pilot.pause()
    return screen


async def _open_and_close(path: Path, size: tuple[int, int], role: Role | None = None) -> None:
    app = MentorWorkbookApp(open_path=path, role=role)
    async with app.run_test(size=size) as pilot:
        await _workbook_up(pilot)


@contextlib.asynccontextmanager
async def _held_at_first_look(
    path: Path, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[HeldApp, Pilot[int]]]:
    """``path`` opened in a :class:`HeldApp`, its first look on screen (checked)."""
    app = HeldApp(open_path=path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.showing_first_look
        yield app, pilot


def _view_rows(rows: dict[int, str], size: tuple[int, int]) -> list[str]:
    """Every row but the header (which says it is opening), each without the scrollbar's
    blocks at its end (the first look draws only the first screenful, so its thumb is
    longer)."""
    height = size[1]
    return [SCROLLBAR_AT_END.sub("", rows.get(row, "")) for row in range(1, height)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_first_look_shows_what_the_workbook_then_shows(
    home: Path, size: tuple[int, int]
) -> None:
    path = create_demo(home / "relationships")
    await _open_and_close(path, size)
    assert read_first_look(path) is not None
    async with _held_at_first_look(path, size) as (app, pilot):
        look_rows = screen_rows(app)
        assert OPENING in look_rows[0]
        assert "Priya Shah" in look_rows[0]
        app.release()
        await _workbook_up(pilot)
        real_rows = screen_rows(app)
    assert "All changes saved" in real_rows[0]
    assert _view_rows(look_rows, size) == _view_rows(real_rows, size)
    assert "What do you hope to get out of this relationship?" in "".join(look_rows.values())


async def test_a_mentees_empty_workbook_looks_the_same_first(home: Path) -> None:
    path = make_relationship(home, role=Role.MENTEE, pack_id="career")
    await _open_and_close(path, (80, 24))
    async with _held_at_first_look(path) as (app, pilot):
        look_rows = screen_rows(app)
        app.release()
        await _workbook_up(pilot)
        assert _view_rows(look_rows, (80, 24)) == _view_rows(screen_rows(app), (80, 24))
    assert "Mentee" in look_rows[0]


async def test_keys_typed_during_the_first_look_reach_the_first_answer_in_order(
    home: Path,
) -> None:
    path = make_relationship(home)
    await _open_and_close(path, (80, 24))
    async with _held_at_first_look(path) as (app, pilot):
        await pilot.press(*"Hello", "space", *"there")
        app.release()
        screen = await _workbook_up(pilot)
        await wait_until(
            pilot, lambda: getattr(app.focused, "text", None) == "Hello there", "the typing"
        )
        screen.save_now()
    answers = stored(path)
    assert "Hello there" in answers.values()


async def test_text_pasted_during_the_first_look_lands_after_the_keys_typed_before(
    home: Path,
) -> None:
    path = make_relationship(home)
    await _open_and_close(path, (80, 24))
    async with _held_at_first_look(path) as (app, pilot):
        await pilot.press(*"Typed")
        app.post_message(events.Paste(" and pasted\nover two lines"))
        await pilot.pause()
        app.release()
        await _workbook_up(pilot)
        wanted = "Typed and pasted\nover two lines"
        await wait_until(pilot, lambda: getattr(app.focused, "text", None) == wanted, "paste")


async def test_a_file_changed_since_the_look_was_kept_opens_without_it(home: Path) -> None:
    path = make_relationship(home)
    await _open_and_close(path, (80, 24))
    with WorkbookService.open(path) as service:  # another change (a merge, the command line)
        service.set_answer("own-expectations", "mentor", "changed since")
    assert read_first_look(path) is None
    app = HeldApp(open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.showing_first_look
        await _workbook_up(pilot)


async def test_the_look_is_kept_for_its_owner_only_and_never_while_presenting(
    home: Path,
) -> None:
    path = create_demo(home / "relationships")
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _workbook_up(pilot)
        await pilot.press("ctrl+t")  # presenting: private answers hidden from the audience
        await wait_until(pilot, lambda: screen.context.presenting, "presenting")
    look = read_first_look(path, role="mentor")
    assert look is not None
    text = json.dumps(look.parts)
    assert "PRESENTING" not in json.dumps(look.header)
    assert "To help Sam reach a first developer job" in text  # the mentor's own private answer
    assert read_first_look(path, role="mentee") is None  # opened as the other side: not used
    mode = stat.S_IMODE(look_path(path).stat().st_mode)
    assert mode == 0o600


async def test_archiving_a_relationship_removes_its_first_look(home: Path) -> None:
    path = make_relationship(home)
    await _open_and_close(path, (80, 24))
    assert look_path(path).exists()
    archive_relationship(path)
    assert not look_path(path).exists()


async def test_a_damaged_look_is_not_drawn_and_the_workbook_opens(home: Path) -> None:
    path = make_relationship(home)
    await _open_and_close(path, (80, 24))
    kept = look_path(path)
    stored_look = json.loads(kept.read_text("utf-8"))
    first_card = next(part for part in stored_look["parts"] if part["kind"] == "card")
    first_card["heading"] = "[/bold]"  # not valid markup
    kept.write_text(json.dumps(stored_look), "utf-8")
    look = read_first_look(path)
    assert look is not None
    with pytest.raises(LookError):
        first_look_view(look, 80, 24)
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.showing_first_look
        await _workbook_up(pilot)


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s.update(format=99),
        lambda s: s.update(program="0.0.1"),
        lambda s: s.update(path="/elsewhere/x.json"),
        lambda s: s.update(packs="another"),
        lambda s: s.update(steps="not a list"),
        lambda s: s.update(until=date.today().isoformat()),  # the agreement's review is due
        lambda s: s.update(until="someday"),
        lambda s: s.clear(),
    ],
    ids=["format", "program", "path", "packs", "steps", "due-today", "bad-day", "empty"],
)
def test_a_kept_look_that_does_not_match_is_not_used(home: Path, damage: object) -> None:
    path = make_relationship(home)
    from workbook.first_look import FileKey, write_first_look

    key = FileKey.of(path)
    assert key is not None
    write_first_look(path, FirstLook("mentor", {}, [], []), key)
    assert read_first_look(path) is not None
    kept = look_path(path)
    stored_look = json.loads(kept.read_text("utf-8"))
    damage(stored_look)  # type: ignore[operator]
    kept.write_text(json.dumps(stored_look), "utf-8")
    assert read_first_look(path) is None


def test_a_look_whose_day_has_not_come_is_used(home: Path) -> None:
    from workbook.first_look import FileKey, write_first_look

    path = make_relationship(home)
    key = FileKey.of(path)
    assert key is not None
    tomorrow = date.today() + timedelta(days=1)
    write_first_look(path, FirstLook("mentor", {}, [], [], tomorrow), key)
    look = read_first_look(path)
    assert look is not None and look.until == tomorrow


async def test_hostile_text_in_answers_is_drawn_literally_in_the_look(home: Path) -> None:
    path = make_relationship(home)
    hostile = "[bold red]not markup[/] \x1b[31m $text-muted"
    with WorkbookService.open(path) as service:
        service.set_answer("own-expectations", "mentor", hostile)
    await _open_and_close(path, (80, 24))
    async with _held_at_first_look(path) as (app, pilot):
        text = "".join(screen_rows(app).values())
        assert "[bold red]not markup[/]" in text
        assert "\x1b" not in text
        app.release()
        await _workbook_up(pilot)


async def test_a_look_of_a_file_open_in_another_window_gives_way_to_the_message(
    home: Path,
) -> None:
    from screens.message_screen import MessageScreen
    from workbook.locking import WriterLock

    path = make_relationship(home)
    await _open_and_close(path, (80, 24))
    other_window = WriterLock(path)
    other_window.acquire()
    try:
        async with _held_at_first_look(path) as (app, pilot):
            await pilot.press("escape", *"typed")  # meant for an answer: not for the message
            app.release()
            await wait_until(pilot, lambda: isinstance(app.screen, MessageScreen), "the message")
            for _ in range(3):
                await pilot.pause()
            assert isinstance(app.screen, MessageScreen)  # (escape would have closed it)
            assert not app.showing_first_look
            assert not app.query(".first-look")
    finally:
        other_window.release()


async def test_the_look_of_a_file_deleted_by_hand_is_swept_away(home: Path) -> None:
    gone = make_relationship(home, mentor="Ana Gone")
    await _open_and_close(gone, (80, 24))
    assert look_path(gone).exists()
    gone.unlink()  # deleted by hand: its look holds private answers
    kept = make_relationship(home)
    await _open_and_close(kept, (80, 24))
    assert not look_path(gone).exists()
    assert look_path(kept).exists()
