"""A long step is shown in two parts: the cards a screen can hold with it, then the rest,
mounted right after that frame. Nothing of the step may be missing once it is shown, and
nothing a key does may depend on whether the rest has arrived yet."""

from __future__ import annotations

from pathlib import Path

from screens.app import MentorWorkbookApp
from screens.focus import card_of
from screens.tab_view import TabView
from screens.workbook_look import ROWS_PER_CARD_AT_LEAST
from tests.ui_support import make_relationship, settle, wait_until

SIZE = (80, 24)
LONG_STEP = "step-expectations"
"""The career pack's expectations: 21 cards, more than 80x24 holds."""


def _view(app: MentorWorkbookApp) -> TabView:
    view = app.screen.pane(LONG_STEP).view  # type: ignore[attr-defined]
    assert isinstance(view, TabView)
    return view


def _mounted_card_ids(view: TabView) -> list[str | None]:
    return [card.id for card in view.children if card.id and card.id.startswith("prompt-")]


async def test_a_long_step_shows_a_screenful_first_then_every_card_in_order(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home, pack_id="career"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.screen.show_step(LONG_STEP)  # type: ignore[attr-defined]
        view = _view(app)
        expected = [f"prompt-{prompt.id}" for prompt in view.shown_prompts()]
        assert len(expected) > SIZE[1] // ROWS_PER_CARD_AT_LEAST  # (else one part only)
        first = _mounted_card_ids(view)
        assert view.building
        assert first == expected[: len(first)]
        assert len(first) == SIZE[1] // ROWS_PER_CARD_AT_LEAST
        await wait_until(pilot, lambda: not view.building, "the rest of the step")
        assert _mounted_card_ids(view) == expected
        assert app.screen.all_built or not app.screen.build_ahead  # type: ignore[attr-defined]


async def test_next_prompt_from_the_last_card_of_the_first_part_goes_to_the_next_card(
    home: Path,
) -> None:
    """``ctrl+n`` pressed before the rest is mounted waits for it: it never jumps to the next
    step past cards the user has not seen."""
    app = MentorWorkbookApp(open_path=make_relationship(home, pack_id="career"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await screen.show_step(LONG_STEP)  # type: ignore[attr-defined]
        view = _view(app)
        assert view.building
        last_first = _mounted_card_ids(view)[-1]
        screen.focus_field(card_id=last_first)  # type: ignore[attr-defined]
        await screen.action_step(1)  # type: ignore[attr-defined]
        assert screen.current_step == LONG_STEP  # type: ignore[attr-defined]
        focused = app.focused
        assert focused is not None
        card = card_of(focused)
        assert card is not None
        cards = _mounted_card_ids(view)
        assert cards.index(card.id) == cards.index(last_first) + 1
