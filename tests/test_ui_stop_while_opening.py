"""Stopping the app (SIGTERM, a closed terminal) while a workbook screen is still being put
together: the answers are saved and nothing is printed (before, the screen's ``on_mount`` and
``on_screen_resume`` ran after its steps had been taken down, and the exit printed a
NoMatches traceback with the relationship's names and contacts among its locals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.app import MentorWorkbookApp
from tests.ui_support import make_relationship
from workbook.models import Author
from workbook.service import WorkbookService


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "wide"])
async def test_stopping_while_a_workbook_opens_keeps_its_answers_and_prints_nothing(
    home: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        service.set_answer("own-expectations", Author.MENTOR, "written before")
        service.flush()
    app = MentorWorkbookApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.open_relationship(path)
        app.save_and_exit()  # (at once: the workbook screen is not mounted yet)
    # run_test raises here any exception a handler raised while the app stopped
    assert app.return_code == 0
    with WorkbookService.open(path, read_only=True) as service:
        answer = service.answer("own-expectations", Author.MENTOR)
    assert answer is not None and answer.value == "written before"
