"""A tab is composed with just enough cards to cover the screen: the least height worked out
for each card (``screens.card_rows``) must never exceed the height the layout gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from screens.app import MentorWorkbookApp
from screens.card_rows import CARD_MARGIN, cards_to_fill, wrapped_rows
from screens.first_show import breakpoint_class
from screens.tab_view import TabView
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import background_done, make_relationship, wait_until
from workbook.content.catalog import PackCatalog
from workbook.models import Role

CASES = [(pack_id, (80, 24), Role.MENTOR) for pack_id in PackCatalog.default().pack_ids()] + [
    ("standard", (120, 40), Role.MENTEE),  # wide: "both" prompts side by side
]


def test_cards_to_fill_counts_until_the_screen_is_covered() -> None:
    assert cards_to_fill([5, 5, 5, 5], 12) == 3
    assert cards_to_fill([5, 5, 5, 5], 10) == 2
    assert cards_to_fill([20, 5], 10, least=2) == 2
    assert cards_to_fill([3, 3], 40) == 2  # not enough: all of them
    assert cards_to_fill([], 40) == 0


def test_wrapped_rows_and_breakpoints() -> None:
    assert wrapped_rows("", 10) == 1
    assert wrapped_rows("x" * 10, 10) == 1
    assert wrapped_rows("x" * 11, 10) == 2
    assert wrapped_rows("界" * 6, 10) == 2  # wide characters take two cells
    breakpoints = WorkbookScreen.HORIZONTAL_BREAKPOINTS
    assert breakpoint_class(80, breakpoints) == "-narrow"
    assert breakpoint_class(109, breakpoints) == "-narrow"
    assert breakpoint_class(110, breakpoints) == "-wide"


@pytest.mark.parametrize(("pack_id", "size", "role"), CASES)
async def test_least_card_heights_are_lower_bounds(
    home: Path, pack_id: str, size: tuple[int, int], role: Role
) -> None:
    app = MentorWorkbookApp(
        open_path=make_relationship(home, pack_id=pack_id, role=role), content=None
    )
    async with app.run_test(size=size) as pilot:
        await background_done(pilot)
        tabs = app.screen.query_one(TabbedContent)
        checked = 0
        for view in list(app.screen.query(TabView)):
            tabs.active = view.parent.id  # type: ignore[union-attr]

            def laid_out(view: TabView = view) -> bool:
                return (
                    bool(view.region.area)
                    and not view.building
                    and all(card.region.height for card in view.children if hasattr(card, "prompt"))
                )

            await wait_until(pilot, laid_out, f"tab {view.tab.id} laid out")
            for card in view.children:
                prompt = getattr(card, "prompt", None)
                if prompt is None:
                    continue  # the tab's introduction
                actual = CARD_MARGIN + card.outer_size.height
                assert actual >= view.least_rows(prompt), (pack_id, prompt.id, actual)
                checked += 1
        assert checked >= 10
