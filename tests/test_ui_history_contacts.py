"""The History step says how to reach each other, under the next meeting: each side's contact
when one is noted, literally, and never on a shared screen (presenting)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from screens.app import MentorWorkbookApp
from tests.ui_support import make_relationship, settle, show_step, wait_until
from workbook.contacts import set_contacts
from workbook.models import Role
from workbook.service import WorkbookService

SIZE = (80, 24)


def _summary(app: MentorWorkbookApp) -> str:
    return str(app.screen.query_one(".history-summary", Static).content)


async def test_history_shows_each_side_s_contact_but_not_while_presenting(home: Path) -> None:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        set_contacts(service, {Role.MENTOR: "priya@example.org [b]x[/b]"})
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_step(pilot, "-history")
        await wait_until(pilot, lambda: "Contacts:" in _summary(app), "the contacts line")
        summary = _summary(app)
        assert "Priya Shah (mentor): priya@example.org [b]x[/b]" in summary
        assert "Sam Okafor (mentee): not given" in summary
        assert summary.index("no next meeting agreed yet") < summary.index("Contacts:")

        await app.screen.action_toggle_presenting()  # type: ignore[attr-defined]
        await show_step(pilot, "-history")
        await wait_until(pilot, lambda: "session" in _summary(app), "the summary")
        assert "Contacts:" not in _summary(app)
        assert "priya@example.org" not in _summary(app)


async def test_history_without_any_contact_has_no_contacts_line(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_step(pilot, "-history")
        await wait_until(pilot, lambda: "session" in _summary(app), "the summary")
        assert "Contacts:" not in _summary(app)


async def test_the_history_opens_at_its_top_above_a_session_taller_than_the_screen(
    home: Path, tmp_path: Path
) -> None:
    """At 80x24 the demo's latest session is taller than the screen; showing the step still
    shows the summary and the contacts first (focus on the session, the view at its top)."""
    from workbook.demo import create_demo

    app = MentorWorkbookApp(open_path=create_demo(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_step(pilot, "-history")
        view = app.screen.pane().view  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: "Contacts:" in _summary(app), "the contacts line")
        await settle(pilot)
        assert view is not None and view.max_scroll_y > 0  # (taller than the screen)
        assert view.scroll_y == 0
        assert app.focused is not None and "history-entry" in app.focused.classes
