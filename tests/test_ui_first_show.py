"""Opening a workbook styles its widgets once: no whole-screen restyle before the first frame."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from screens.app import MentorWorkbookApp
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import make_relationship, settle


@pytest.mark.parametrize(("size", "breakpoint"), [((80, 24), "-narrow"), ((120, 40), "-wide")])
async def test_first_showing_restyles_no_whole_screen(
    home: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], breakpoint: str
) -> None:
    whole_screen: list[int] = []
    update_nodes = Stylesheet.update_nodes

    def spy(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        if nodes and isinstance(nodes[0], WorkbookScreen) and len(nodes) > 1:
            whole_screen.append(len(nodes))
        update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", spy)
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkbookScreen)
        assert app.screen.has_class(breakpoint)
        assert whole_screen == []
        await pilot.press("ctrl+t")  # presenting: a real class change still restyles it all
        await pilot.pause()
        assert whole_screen
