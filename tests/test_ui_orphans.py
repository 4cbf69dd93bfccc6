"""Pilot tests of the "Other answers" tab: answers to retired prompts, shown a page at a time."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from screens.app import MentorWorkbookApp
from screens.orphans import PAGE_SIZE, OrphanAnswers
from tests.ui_support import make_relationship, screen_text, show_step, wait_for_text
from workbook.models import Author
from workbook.service import WorkbookService

SIZE = (100, 40)


def with_orphans(home: Path, count: int) -> Path:
    """A relationship holding ``count`` answers to prompts the pack does not have."""
    path = make_relationship(home)
    service = WorkbookService.open(path)
    try:
        for i in range(count):
            service.set_answer(f"retired-prompt-{i}", Author.MENTOR, f"old answer {i}")
    finally:
        service.close()
    return path


async def show_orphans(app: MentorWorkbookApp, pilot) -> OrphanAnswers:
    """Switch to the "Other answers" tab and wait until its list is there."""
    await show_step(pilot, "step--other-answers")
    return app.screen.query_one(OrphanAnswers)


def status_of(view: OrphanAnswers) -> Static:
    """The paging status line."""
    return view.query_one(".orphan-pages", Static)


def first_prompt(option_list: OptionList) -> str:
    """The prompt id shown by the list's first entry."""
    return str(option_list.get_option_at_index(0).prompt).split("  ")[0]


async def test_many_orphans_are_paged(home: Path) -> None:
    assert PAGE_SIZE == 100
    app = MentorWorkbookApp(open_path=with_orphans(home, 250))
    async with app.run_test(size=SIZE) as pilot:
        view = await show_orphans(app, pilot)
        option_list = view.query_one(OptionList)
        status = status_of(view)
        assert option_list.option_count == 100
        assert status.display
        assert "Answers 1–100 of 250" in str(status.render())
        assert first_prompt(option_list) == "retired-prompt-0"

        option_list.focus()
        await pilot.pause()
        await pilot.press("]")
        await pilot.pause()
        assert option_list.option_count == 100
        assert "Answers 101–200 of 250" in str(status.render())
        assert first_prompt(option_list) == "retired-prompt-100"
        shown = await wait_for_text(pilot, "Previous 100")  # the footer settles a moment later
        assert "Answers 101–200 of 250" in shown and "Next 100" in shown

        await pilot.press("]")
        await pilot.pause()
        assert option_list.option_count == 50
        assert "Answers 201–250 of 250" in str(status.render())
        assert first_prompt(option_list) == "retired-prompt-200"

        await pilot.press("]")  # already on the last page: stays
        await pilot.pause()
        assert option_list.option_count == 50
        assert "Answers 201–250 of 250" in str(status.render())

        await pilot.press("[")
        await pilot.pause()
        assert option_list.option_count == 100
        assert "Answers 101–200 of 250" in str(status.render())
        assert first_prompt(option_list) == "retired-prompt-100"
        assert option_list.has_focus


async def test_few_orphans_show_without_paging(home: Path) -> None:
    app = MentorWorkbookApp(open_path=with_orphans(home, 3))
    async with app.run_test(size=SIZE) as pilot:
        view = await show_orphans(app, pilot)
        option_list = view.query_one(OptionList)
        assert option_list.option_count == 3
        assert not status_of(view).display
        option_list.focus()
        await pilot.pause()
        shown = screen_text(app)
        assert "old answer 2" in shown
        assert "Answers 1" not in shown and "Next 100" not in shown
        await pilot.press("]")
        await pilot.pause()
        assert option_list.option_count == 3
        assert first_prompt(option_list) == "retired-prompt-0"
