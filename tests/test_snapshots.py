"""SVG snapshots of every main screen and dialog at 80x24 and 100x30 (pytest-textual-snapshot;
plain ``def`` tests).

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``, and
look at the report. Everything shown is fixed in advance (names, dates, answers, the
agreement's day), so a snapshot changes only when the screen does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from screens.app import MentorWorkbookApp
from screens.themes import LIGHT_THEME_NAME
from tests.ui_support import (
    all_tabs_built,
    make_relationship,
    settle,
    show_step,
    wait_for_text,
    wait_until,
)
from workbook.agreement import current_agreement
from workbook.content.catalog import PackCatalog
from workbook.debrief import record_outcome
from workbook.models import ActionItem, Author, DebriefOutcome, Note, Role
from workbook.service import WorkbookService
from workbook.sessions import close_session, record_missed

SIZES = [(80, 24), (100, 30)]
DAY = date(2026, 1, 5)
"""The day every snapshot is taken on, as far as the workbook can tell."""
STANDARD_STEPS = [tab.id for tab in PackCatalog.default().load("standard").tabs] + [
    "-session-notes"
]


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook's idea of today is :data:`DAY` (review dates, overdue items)."""
    for module in ("base", "agreement", "goals", "actions"):
        monkeypatch.setattr(f"screens.structured.{module}.today", lambda: DAY)


def _filled(home: Path) -> Path:
    """A standard relationship with a few answers and its agreement drafted on :data:`DAY`."""
    path = make_relationship(home)
    pack = PackCatalog.default().load("standard")
    with WorkbookService.open(path) as service:
        service.set_answer("current-role", Author.MENTOR, "Engineering manager [bold]not bold[/]")
        service.set_answer("current-role", Author.MENTEE, "Career changer, ex-teacher")
        service.set_answer("time-commitment", Author.MENTOR, "About an hour every two weeks")
        service.set_answer("about-me", Author.MENTOR, "I lead a data team.\nI started in support.")
        service.set_answer(
            "preparation-checklist", Author.MENTOR, ["I know how much time I can commit"]
        )
        service.set_answer("readiness", Author.MENTOR, 4)
        current_agreement(service, pack, DAY)
    return path


async def _still(pilot: Pilot) -> None:
    """No blinking cursor in the picture (its phase depends on the machine's speed)."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await settle(pilot)


async def _home_read(pilot: Pilot) -> None:
    """The home screen with its rows and its summary line read (both come after the first
    frame)."""
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "loaded", False), "the rows")
    if pilot.app.screen.rows:  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: pilot.app.screen.summary_line, "the summary line")  # type: ignore[attr-defined]
    await _still(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_home_screen(home: Path, snap_compare, size: tuple[int, int]) -> None:
    _filled(home)
    make_relationship(home, mentor="Alex Lee", mentee="Jo Park")
    assert snap_compare(MentorWorkbookApp(), terminal_size=size, run_before=_home_read)


@pytest.mark.parametrize("size", SIZES)
def test_home_screen_first_run(home: Path, snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(MentorWorkbookApp(), terminal_size=size, run_before=_home_read)


@pytest.mark.parametrize("size", SIZES)
def test_new_relationship_dialog(home: Path, snap_compare, size: tuple[int, int]) -> None:
    async def open_dialog(pilot: Pilot) -> None:
        await _home_read(pilot)
        await pilot.press("n")
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(), terminal_size=size, run_before=open_dialog)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", STANDARD_STEPS)
def test_standard_step(home: Path, snap_compare, size: tuple[int, int], step: str) -> None:
    path = _filled(home)

    async def show(pilot: Pilot) -> None:
        await settle(pilot)
        await show_step(pilot, step)
        await all_tabs_built(pilot)
        if step == "agreement":  # its status lines follow its first showing
            await wait_for_text(pilot, "press k or the button")
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(open_path=path), terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", SIZES)
def test_goal_form(home: Path, snap_compare, size: tuple[int, int]) -> None:
    path = _filled(home)

    async def add_goal(pilot: Pilot) -> None:
        await show_step(pilot, "goals")
        pilot.app.screen.query_one("#goals-smart-goals").focus()
        await pilot.press("a")
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(open_path=path), terminal_size=size, run_before=add_goal)


@pytest.mark.parametrize("size", SIZES)
def test_presenting_mode(home: Path, snap_compare, size: tuple[int, int]) -> None:
    path = _filled(home)

    async def present(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await all_tabs_built(pilot)
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(open_path=path), terminal_size=size, run_before=present)


@pytest.mark.parametrize("size", SIZES)
def test_light_theme(home: Path, snap_compare, size: tuple[int, int]) -> None:
    path = _filled(home)

    async def light(pilot: Pilot) -> None:
        pilot.app.theme = LIGHT_THEME_NAME
        await show_step(pilot, "rapport")
        await all_tabs_built(pilot)
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(open_path=path), terminal_size=size, run_before=light)


JOURNEY_START = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)
"""When the first session of the journey snapshots started (the clock's "now" in them)."""


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every clock the journey screens read says the same moment (the session clock in the
    header, the last save, the close dialog's suggestions): two weeks after
    :data:`JOURNEY_START`."""
    moment = JOURNEY_START + timedelta(weeks=2)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            return moment.astimezone(tz) if tz is not None else moment

    for module in ("workbook.service", "workbook.sessions", "screens.session_flow"):
        monkeypatch.setattr(f"{module}.utc_now", lambda: moment)
    monkeypatch.setattr("screens.header_bar.datetime", Frozen)
    return moment


def _journey(home: Path, *, open_second: bool) -> Path:
    """A relationship after one closed session (homework, a check-in, notes, a recap), a
    cancelled meeting moved, and a second session (open, or closed with its debrief)."""
    path = make_relationship(home)
    t0 = JOURNEY_START
    with WorkbookService.open(path) as service:
        service.start_session(held_on=t0.date(), now=t0)
        service.save(service.sessions()[0].model_copy(update={"shared_notes": "Met on video"}))
        service.save(Note(author=Role.MENTOR, session_number=1, text="Sam seemed unsure"))
        service.set_answer("since-last-time", Author.MENTOR, "We met at last", session=1)
        cv = service.save(ActionItem(text="Update the CV", owner=Role.MENTEE))
        close_session(
            service,
            next_meeting=t0 + timedelta(weeks=1),
            recap="Two goals agreed",
            homework=[cv.model_copy(update={"due_date": date(2026, 1, 12)})],
            now=t0 + timedelta(minutes=50),
        )
        record_missed(
            service,
            date(2026, 1, 12),
            by=Role.MENTEE,
            reason="ill",
            rescheduled_to=t0 + timedelta(weeks=2),
        )
        service.start_session(held_on=date(2026, 1, 19), now=t0 + timedelta(weeks=2))
        service.set_answer("since-last-time", Author.MENTOR, "The CV is half done", session=2)
        record_outcome(service, cv.uid, DebriefOutcome.PARTLY, "The summary", "The dates")
        if not open_second:
            close_session(
                service,
                next_meeting=t0 + timedelta(weeks=4),
                recap="CV next",
                now=t0 + timedelta(weeks=2, minutes=40),
            )
    return path


@pytest.mark.parametrize("size", SIZES)
def test_close_of_meeting_dialog(
    home: Path, snap_compare, size: tuple[int, int], frozen_clock: datetime
) -> None:
    path = _journey(home, open_second=True)

    async def close(pilot: Pilot) -> None:
        await all_tabs_built(pilot)
        await pilot.press("ctrl+f")
        await wait_for_text(pilot, "Close session 2")
        screen = pilot.app.screen
        screen.query_one("#next-date", Input).value = "2026-02-02"
        screen.query_one("#next-time", Input).value = "17:00"
        await _still(pilot)

    app = MentorWorkbookApp(open_path=path)
    assert snap_compare(app, terminal_size=size, run_before=close)


@pytest.mark.parametrize("size", SIZES)
def test_history_step(
    home: Path, snap_compare, size: tuple[int, int], frozen_clock: datetime
) -> None:
    path = _journey(home, open_second=False)

    async def history(pilot: Pilot) -> None:
        await all_tabs_built(pilot)
        await show_step(pilot, "-history")
        await wait_for_text(pilot, "2 sessions held")
        await _still(pilot)

    app = MentorWorkbookApp(open_path=path)
    assert snap_compare(app, terminal_size=size, run_before=history)


@pytest.mark.parametrize("size", SIZES)
def test_check_in_with_history(
    home: Path, snap_compare, size: tuple[int, int], frozen_clock: datetime
) -> None:
    path = _journey(home, open_second=True)

    async def check_in(pilot: Pilot) -> None:
        await all_tabs_built(pilot)
        await show_step(pilot, "check-in")
        await wait_for_text(pilot, "Session 1 · Mentor: We met at last")
        await _still(pilot)

    app = MentorWorkbookApp(open_path=path)
    assert snap_compare(app, terminal_size=size, run_before=check_in)
