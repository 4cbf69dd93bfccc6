"""Building the hidden steps ahead changes nothing that is shown.

A workbook builds its hidden steps after the first frame so that switching is quick; most UI
tests turn that off (it is most of an app start's cost: see tests/conftest.py). These tests
are what makes that safe: every step of the standard pack shows the same rows whether it was
built ahead or when first shown: at the start, after an answer changed what a later step shows
(the agreement is drawn up from the expectations), and after a meeting was closed and the
next one started (homework to debrief, the history, the check-in of a new session).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.app import MentorWorkbookApp
from screens.editors.text import ShortTextEditor
from tests.journey_support import add_action, close_meeting, start_session
from tests.ui_support import (
    all_tabs_built,
    edit,
    make_relationship,
    screen_rows,
    settle,
    show_step,
    wait_until,
)
from workbook.content.catalog import PackCatalog
from workbook.models import Author
from workbook.service import WorkbookService

SIZE = (80, 24)
WIDE = (120, 36)
STEPS = [tab.id for tab in PackCatalog.default().load("standard").tabs] + [
    "-session-notes",
    "-history",
]


def _filled(home: Path) -> Path:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        service.set_answer("current-role", Author.MENTOR, "Engineering manager")
        service.set_answer("time-commitment", Author.MENTOR, "An hour every two weeks")
        service.set_answer("readiness", Author.MENTOR, 4)
    return path


async def _every_step(pilot: object) -> dict[str, dict[int, str]]:
    """The rows of every step, shown in turn."""
    shown: dict[str, dict[int, str]] = {}
    for step in STEPS:
        await show_step(pilot, step)
        view = pilot.app.screen.pane().view  # type: ignore[attr-defined]
        view.scroll_home(animate=False)  # (where a step was left scrolled is not its content)
        await settle(pilot)
        shown[step] = screen_rows(pilot.app)  # type: ignore[attr-defined]
    return shown


async def _rows(path: Path, ahead: bool, size: tuple[int, int] = SIZE) -> dict[str, dict[int, str]]:
    MentorWorkbookApp.build_steps_ahead = ahead
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.screen.build_ahead is ahead  # type: ignore[attr-defined]
        await all_tabs_built(pilot)
        return await _every_step(pilot)


@pytest.mark.long_running
async def test_every_step_shows_the_same_built_ahead_or_when_shown(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MentorWorkbookApp, "build_steps_ahead", True)
    path = _filled(home)
    ahead = await _rows(path, ahead=True)
    when_shown = await _rows(path, ahead=False)
    for step in STEPS:
        assert ahead[step] == when_shown[step], step


@pytest.mark.long_running
async def test_steps_built_ahead_follow_an_answer_typed_after_they_were_built(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The steps were built before the answer was typed; each then shows what a step built
    afterwards from the saved file shows (below the header, whose save state differs)."""
    monkeypatch.setattr(MentorWorkbookApp, "build_steps_ahead", True)
    path = _filled(home)
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=WIDE) as pilot:
        await all_tabs_built(pilot)
        await show_step(pilot, "expectations")
        editor = await edit(pilot, "meeting-platform", ShortTextEditor)
        editor.value = "Video call, camera on"
        await settle(pilot)
        app.screen.save_now()  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: not app.screen.context.service.dirty, "the save")  # type: ignore[attr-defined]
        typed_then_shown = await _every_step(pilot)
    fresh = await _rows(path, ahead=False, size=WIDE)
    for step in STEPS:
        if step == "expectations":  # the focused editor shows its cursor there
            continue
        below_header = {row: text for row, text in fresh[step].items() if row}
        assert {row: text for row, text in typed_then_shown[step].items() if row} == below_header
    agreement = "".join(fresh["agreement"].values())
    assert "Video call, camera on" in agreement, agreement


@pytest.mark.long_running
async def test_steps_built_ahead_follow_a_closed_meeting_and_the_next_one(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The steps were built before session 1 was closed and session 2 started; each then
    shows what a step built afterwards from the saved file shows (below the header, whose
    clock runs)."""
    monkeypatch.setattr(MentorWorkbookApp, "build_steps_ahead", True)
    path = _filled(home)
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=WIDE) as pilot:
        await all_tabs_built(pilot)
        await start_session(pilot, "2026-01-05", "Session 1")
        await add_action(pilot, "Update the CV")
        await close_meeting(pilot, "2031-01-19", "17:00", "Two goals agreed")
        await start_session(pilot, "2026-01-19", "Session 2")
        await all_tabs_built(pilot)
        app.screen.save_now()  # type: ignore[attr-defined]
        went_on = await _every_step(pilot)
    fresh = await _rows(path, ahead=False, size=WIDE)
    debrief = "".join(fresh["debrief"].values())
    assert "Update the CV" in debrief, debrief
    for step in STEPS:
        below_header = {row: text for row, text in fresh[step].items() if row}
        assert {row: text for row, text in went_on[step].items() if row} == below_header, step
