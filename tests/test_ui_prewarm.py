"""Hidden tabs are laid out in the background, and show exactly as a tab built on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from screens.app import MentorWorkbookApp
from screens.tab_view import TabView
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import (
    background_done,
    make_relationship,
    screen_rows,
    settle,
    wait_for_text,
)

SIZE = (100, 40)


async def test_hidden_tabs_are_laid_out_at_the_shown_size(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(pilot)
        tabs = app.screen.query_one(TabbedContent)
        shown = tabs.active_pane.query_one(TabView)  # type: ignore[union-attr]
        hidden = [view for view in app.screen.query(TabView) if view is not shown]
        assert hidden
        for view in hidden:
            assert view.laid_out_at == shown.outer_size, view.tab.id


async def _expectations_text(home: Path, prebuild: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    if not prebuild:
        monkeypatch.setattr(WorkbookScreen, "_start_prebuilding", lambda self: None)
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        if prebuild:
            await background_done(pilot)
        app.screen.query_one(TabbedContent).active = "tab-expectations"
        await wait_for_text(pilot, "Expectations")
        await settle(pilot)
        await pilot.pause(0.1)
        view = app.screen.query_one(TabbedContent).active_pane.query_one(TabView)  # type: ignore[union-attr]
        rows = screen_rows(app)
        shown = [rows.get(row, "") for row in range(view.region.y, view.region.bottom)]
        assert any("Expectations" in row or row.strip() for row in shown)
        return "\n".join(shown)


async def test_a_prewarmed_tab_shows_as_one_built_on_demand(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    warm = await _expectations_text(home / "warm", True, monkeypatch)
    cold = await _expectations_text(home / "cold", False, monkeypatch)
    assert warm == cold
