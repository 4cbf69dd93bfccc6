"""Focus always lands in a field: after the palette's "Go to", a click on the step bar, a
closed dialog; typing then goes into the answer, never into a hidden step."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.app import MentorWorkbookApp
from screens.step_bar import StepBar
from screens.structured.base import ItemList
from screens.structured.forms import GoalForm
from screens.themes import LIGHT_THEME_NAME
from tests.ui_support import (
    KINDS_PACK_DIR,
    make_relationship,
    settle,
    show_step,
    stored,
    wait_for_text,
    wait_until,
)

SIZE = (80, 24)


@pytest.mark.build_ahead
async def test_typing_after_a_palette_jump_goes_into_the_new_step(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.id == "--command-palette", "the palette")
        await pilot.press(*"Go to: Private", "enter")
        await wait_until(
            pilot, lambda: getattr(app.screen, "current_step", "") == "step-private", "the jump"
        )
        await settle(pilot)
        await pilot.press(*"after the jump")
        await pilot.press("ctrl+s")
    assert stored(path)[("mentor-secret", "mentor")] == "after the jump"


async def test_a_click_on_the_step_bar_shows_that_step_with_focus_in_it(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(StepBar)
        x = bar.x_of("step-private")
        assert x is not None
        await pilot.click(StepBar, offset=(x + 1, 0))
        await wait_until(pilot, lambda: app.screen.current_step == "step-private", "the step")
        await settle(pilot)
        assert getattr(app.focused, "prompt_id", None) == "mentor-secret"


async def test_closing_a_dialog_gives_focus_back_to_where_it_was(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home))
    async with app.run_test(size=SIZE) as pilot:
        await show_step(pilot, "goals")
        goals = app.screen.query_one("#goals-smart-goals", ItemList)
        goals.focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm), "the goal form")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, GoalForm), "closing it")
        await settle(pilot)
        assert app.focused is goals


@pytest.mark.long_running
@pytest.mark.build_ahead
async def test_ctrl_n_walks_every_step_and_focus_follows(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = [app.screen.current_step]
        for _ in range(200):
            await pilot.press("ctrl+n")
            if app.screen.current_step != seen[-1]:
                seen.append(app.screen.current_step)
                await settle(pilot)
                focused = app.focused
                assert focused is not None
                assert app.screen.pane().view in focused.ancestors  # in the shown step
            if seen[-1] == app.screen.panes()[-1].id:  # the history, last
                break
        assert seen == [pane.id for pane in app.screen.panes()]


async def test_the_light_theme_is_one_command_away(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.theme
        app.action_toggle_light_theme()
        assert app.theme == LIGHT_THEME_NAME
        app.action_toggle_light_theme()
        assert app.theme == before
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.id == "--command-palette", "the palette")
        await pilot.press(*"Light theme", "enter")
        await wait_until(pilot, lambda: app.theme == LIGHT_THEME_NAME, "the light theme")


async def test_answers_read_the_same_without_colour(home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        shown = await wait_for_text(pilot, "( ) Weekly")
        assert "( ) Monthly" in shown and "[ ] Email" in shown  # marks, not colours
