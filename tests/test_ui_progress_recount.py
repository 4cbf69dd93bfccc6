"""After an edit, the workbook counts again the progress of the steps the edit can change, and
only those: an answer the agreement is not drafted from never drafts it again (at 50,000
answers drafting costs tens of milliseconds of the UI thread), one it is drafted from changes
the agreement step's count (an acknowledged agreement whose terms change is no longer
acknowledged)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import screens.workbook_screen
from screens.app import MentorWorkbookApp
from screens.editors.text import LongTextEditor, ShortTextEditor
from screens.step_bar import StepBar
from tests.ui_support import edit, make_relationship, settle, show_step, wait_until
from workbook.agreement import acknowledge
from workbook.content.catalog import PackCatalog
from workbook.models import Author, Role
from workbook.service import WorkbookService

SIZE = (80, 24)


def _acknowledged(home: Path) -> Path:
    path = make_relationship(home)
    pack = PackCatalog.default().load("standard")
    with WorkbookService.open(path) as service:
        service.set_answer("meeting-platform", Author.JOINT, "Video call")
        for role in (Role.MENTOR, Role.MENTEE):
            acknowledge(service, role, role.value, pack=pack, today=date(2026, 1, 5))
    return path


def _agreement_done(app: MentorWorkbookApp) -> int:
    bar = app.screen.query_one(StepBar)
    return next(step.done for step in bar.steps if step.id == "step-agreement")


async def test_only_the_steps_an_answer_can_change_are_counted_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[str] = []
    original = screens.workbook_screen.tab_progress

    def counting(service, pack, tab, role, **options):  # type: ignore[no-untyped-def]
        counted.append(tab.id)
        return original(service, pack, tab, role, **options)

    monkeypatch.setattr(screens.workbook_screen, "tab_progress", counting)
    app = MentorWorkbookApp(open_path=_acknowledged(home))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        acknowledged = _agreement_done(app)
        assert acknowledged == 2  # both sides acknowledged it

        counted.clear()
        about = await edit(pilot, "about-me", LongTextEditor, Author.MENTOR)
        about.insert("I lead a data team.")
        screen = app.screen
        assert isinstance(screen, screens.workbook_screen.WorkbookScreen)
        # (the edit counts its step at once and schedules the recount in the same call)
        await wait_until(
            pilot, lambda: "preparation" in counted and not screen.recount_pending, "the recount"
        )
        assert set(counted) == {"preparation"}
        assert _agreement_done(app) == acknowledged

        counted.clear()
        await show_step(pilot, "expectations")
        platform = await edit(pilot, "meeting-platform", ShortTextEditor)
        platform.value = "Video call, cameras on"
        await wait_until(pilot, lambda: "agreement" in counted, "the agreement counted")
        await wait_until(pilot, lambda: not screen.recount_pending, "the recount")
        assert set(counted) == {"expectations", "agreement"}
        assert _agreement_done(app) == 0  # its terms changed: to be acknowledged again
