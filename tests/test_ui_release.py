"""Removed widgets are freed, not kept by Textual's watchers, signals or data bindings."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Footer, Input, TextArea
from textual.widgets._footer import FooterKey

from screens.app import MentorWorkbookApp
from screens.release import release_removed_widgets
from tests.ui_support import make_relationship, wait_until


class Editors(App[None]):
    """Two editors that are removed again."""

    def compose(self) -> ComposeResult:
        yield TextArea("notes", id="area")
        yield Input("name", id="name")
        yield Footer()


async def test_release_drops_what_textual_keeps_for_removed_editors() -> None:
    app = Editors()
    async with app.run_test() as pilot:
        area, name = app.screen.get_child_by_id("area"), app.screen.get_child_by_id("name")
        await area.remove()
        await name.remove()
        await pilot.pause()
        theme_watchers = getattr(app, "__watchers")["theme"]
        selection = app.screen.text_selection_started_signal._subscriptions
        assert any(node is area for node, _ in theme_watchers), (
            "Textual no longer keeps removed editors watching the theme: drop the workaround"
        )
        assert name in selection
        assert release_removed_widgets(app) >= 3
        assert not any(node is area for node, _ in getattr(app, "__watchers")["theme"])
        assert area not in selection and name not in selection
        assert release_removed_widgets(app) == 0  # nothing left to drop


async def test_moving_between_prompts_does_not_pile_up_footer_keys(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        for _ in range(12):  # each focus change rebuilds the footer's keys once focus settles
            await pilot.press("ctrl+n")
            await pilot.pause(0.15)
        await pilot.pause(0.3)
        gc.collect()
        alive = [obj for obj in gc.get_objects() if isinstance(obj, FooterKey)]
        shown = list(app.screen.query(FooterKey))
        await wait_until(pilot, lambda: bool(shown), "the footer keys")
        assert len(alive) <= 2 * len(shown), f"{len(alive)} footer keys alive, {len(shown)} shown"


async def test_reload_of_a_panel_taken_down_mid_mount_is_skipped_not_raised() -> None:
    from textual.containers import Vertical
    from textual.css.query import NoMatches
    from textual.widgets import Static

    from screens.structured.base import reload_unless_removed

    class Panel(App[None]):
        def compose(self) -> ComposeResult:
            with Vertical(id="panel"):
                yield Static("title", classes="prompt-title")

    app = Panel()
    async with app.run_test() as pilot:
        panel = app.query_one("#panel", Vertical)

        def reload() -> None:
            panel.query_one(".missing")

        with pytest.raises(NoMatches):  # alive, with children: a real error
            reload_unless_removed(panel, reload)
        await panel.remove_children()
        await pilot.pause()
        reload_unless_removed(panel, reload)  # children gone (being taken down): skipped
