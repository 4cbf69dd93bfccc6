"""Pilot tests of the structured prompt widgets: goals, actions, cadence, agreement, homework."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, RadioButton, RadioSet, Static, TextArea

from screens.app import MentorWorkbookApp
from screens.structured.actions import ActionsPanel
from screens.structured.agreement import AgreementPanel
from screens.structured.base import ItemList
from screens.structured.cadence import CadenceForm
from screens.structured.forms import ActionForm, ConfirmForm, GoalForm, NameForm
from screens.structured.goals import EMPTY_TEXT, GoalsPanel
from screens.structured.homework import HomeworkItem, HomeworkReview
from screens.structured.notes import PRIVATE_HIDDEN_TEXT, SessionNotes
from screens.tab_view import TabView
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import (
    all_tabs_built,
    pack_version_of,
    screen_text,
    settle,
    show_step,
    wait_for_text,
    wait_until,
)
from workbook.debrief import finish_relationship
from workbook.models import (
    ActionItem,
    ActionStatus,
    DebriefOutcome,
    Goal,
    GoalStatus,
    RelationshipStatus,
    Role,
)
from workbook.service import WorkbookService

SIZE = (100, 40)


def make_relationship(home: Path, **setup: object) -> Path:
    """A new standard-pack relationship (Ana mentors Bo); ``setup`` runs on its service."""
    service = WorkbookService.create(
        mentor="Ana",
        mentee="Bo",
        pack_id="standard",
        pack_version=pack_version_of("standard"),
        folder=home / "relationships",
    )
    for _ in range(int(setup.get("sessions", 0))):  # type: ignore[call-overload]
        service.start_session()
    for item in setup.get("actions", []):  # type: ignore[attr-defined]
        service.save(item)
    if setup.get("finished"):
        finish_relationship(service, RelationshipStatus.COMPLETED)
    path = service.path
    service.close()
    return path


async def show_tab(app: MentorWorkbookApp, pilot: object, pane: str) -> None:
    """Switch the workbook to tab ``pane`` (e.g. "tab-goals") and let it build."""
    await show_step(pilot, pane.removeprefix("tab-"))


def fill_goal_form(form: GoalForm, title: str, target: str) -> None:
    """Type a complete SMART goal into the open form."""
    values = {
        "title": title,
        "specific": "Run the fortnightly demo",
        "measurable": "Two demos given",
        "achievable": "Team lead agreed",
        "relevant": "Needed for promotion",
        "target": target,
    }
    for field, value in values.items():
        form.query_one(f"#{field}", Input).value = value


def service_of(app: MentorWorkbookApp) -> WorkbookService:
    """The open workbook's service (also while a form is open over it)."""
    screen = next(s for s in reversed(app.screen_stack) if isinstance(s, WorkbookScreen))
    return screen.context.service


@pytest.fixture
def future() -> str:
    """A target date safely in the future."""
    return (date.today() + timedelta(days=90)).isoformat()


async def test_add_goal_saves_and_shows_title_literally(home: Path, future: str) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(app, pilot, "tab-goals")
        panel = app.screen.query_one("#prompt-smart-goals", GoalsPanel)
        assert "structured" in panel.classes
        assert EMPTY_TEXT in screen_text(app)
        panel.query_one(ItemList).focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm), "the form")
        form = app.screen
        assert isinstance(form, GoalForm)
        fill_goal_form(form, "[bold]x", future)
        await pilot.click("#preset-0")  # "By session two" adds a dated benchmark line
        await pilot.pause()
        assert "By session two |" in form.query_one("#benchmarks", TextArea).text
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, GoalForm), "closing the form")
        goals = service_of(app).goals()
        assert [goal.title for goal in goals] == ["[bold]x"]
        assert goals[0].target_date == date.fromisoformat(future)
        assert goals[0].benchmarks and goals[0].benchmarks[0].due is not None
        await wait_for_text(pilot, "[bold]x")
        # progress up twice, down once
        panel.query_one(ItemList).focus()
        await pilot.press("plus", "plus", "minus")
        await pilot.pause()
        goal = service_of(app).goals()[0]
        assert goal.progress == 10
        assert goal.status is GoalStatus.IN_PROGRESS


async def test_invalid_target_date_is_refused(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(app, pilot, "tab-goals")
        app.screen.query_one("#prompt-smart-goals", GoalsPanel).query_one(ItemList).focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm), "the form")
        form = app.screen
        assert isinstance(form, GoalForm)
        fill_goal_form(form, "Present at the meetup", "2026-13-40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)
        assert "is not a date" in str(form.query_one("#target-error", Static).content)
        past = (date.today() - timedelta(days=3)).isoformat()
        form.query_one("#target", Input).value = past
        form.query_one("#measurable", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)
        problems = str(form.query_one("#problems", Static).content)
        assert "target date has passed" in problems
        assert "measure" in problems
        assert service_of(app).goals() == []
        await pilot.press("escape")
        await pilot.pause()
        assert service_of(app).goals() == []


async def test_add_action_and_toggle_done(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home, sessions=1), content=None)
    async with app.run_test(size=SIZE) as pilot:
        service_of(app).save(Goal(title="Lead a demo"))
        await show_tab(app, pilot, "tab-goals")
        panel = app.screen.query_one("#prompt-action-plan", ActionsPanel)
        panel.query_one(ItemList).focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ActionForm), "the form")
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#text", Input).value = "Draft the [i]agenda"
        form.query_one("#due-date", Input).value = (date.today() - timedelta(days=1)).isoformat()
        await pilot.press("ctrl+s")
        await pilot.pause()
        (item,) = service_of(app).actions()
        assert item.text == "Draft the [i]agenda"
        assert item.set_in_session == 1
        assert item.status is ActionStatus.OPEN
        text = await wait_for_text(pilot, "Draft the [i]agenda")
        assert "OVERDUE" in text
        panel.query_one(ItemList).focus()
        await pilot.press("space")
        await pilot.pause()
        assert service_of(app).actions()[0].status is ActionStatus.DONE
        await pilot.press("space")
        await pilot.pause()
        assert service_of(app).actions()[0].status is ActionStatus.OPEN
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # cancelled: still there
        await pilot.pause()
        assert len(service_of(app).actions()) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert service_of(app).actions() == []


async def test_cadence_saves_valid_fields_only(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(app, pilot, "tab-expectations")
        form = app.screen.query_one(CadenceForm)
        form.query_one("#cadence-every", Input).value = "3"
        form.query_one("#cadence-minutes", Input).value = "45"
        form.query_one("#cadence-place", Input).value = "Zoom"
        await pilot.pause()
        cadence = service_of(app).relationship.cadence
        assert cadence is not None
        assert (cadence.every_weeks, cadence.duration_minutes, cadence.place) == (3, 45, "Zoom")
        form.query_one("#cadence-every", Input).value = "99"
        await pilot.pause()
        assert service_of(app).relationship.cadence.every_weeks == 3  # type: ignore[union-attr]
        assert "1 to 52" in str(form.query_one("#cadence-every-error", Static).content)
        form.query_one("#cadence-first-date", Input).value = "2030-05-06"
        form.query_one("#cadence-first-time", Input).value = "18:30"
        await pilot.pause()
        first = service_of(app).relationship.cadence.first_meeting  # type: ignore[union-attr]
        expected = datetime(2030, 5, 6, 18, 30).astimezone().astimezone(UTC)
        assert first == expected and first.tzinfo is not None


async def test_agreement_shows_and_mentor_acknowledges(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(app, pilot, "tab-agreement")
        panel = app.screen.query_one(AgreementPanel)
        shown = await wait_for_text(pilot, "Version 1")
        assert "awaiting acknowledgement" in shown
        assert service_of(app).agreements() == []  # a draft is derived, never stored
        panel.query_one("#acknowledge", Button).focus()
        await pilot.press("k")
        # Nothing is answered yet: acknowledging first says what is not settled, and asks.
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmForm), "the warning")
        warning = await wait_for_text(pilot, "Acknowledge this version anyway?")
        assert "not agreed yet:" in warning
        assert "Required questions still unanswered:" in warning
        assert service_of(app).agreements() == []  # nothing stored before the answer
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, NameForm), "the name form")
        form = app.screen
        assert form.query_one("#name", Input).value == "Ana"
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: any(v.acknowledged_by(Role.MENTOR) for v in service_of(app).agreements()),
            "the acknowledgement",
        )
        ack = service_of(app).agreements()[-1].acknowledged_by(Role.MENTOR)
        assert ack is not None and ack.name == "Ana"
        await wait_for_text(pilot, "acknowledged by Ana")


@pytest.mark.build_ahead
async def test_agreement_is_drawn_up_on_mount_shown_or_hidden_and_stores_nothing(
    home: Path,
) -> None:
    """Textual sends no Show to a widget mounted just after a scroll-only layout (and a step
    built in the background is shown later), so the panel draws the agreement up on mount,
    wherever it is; drafting writes nothing. (Before, a panel mounted hidden showed "Preparing
    the agreement…" until a Show that could fail to come: a snapshot under load caught it.)"""
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await all_tabs_built(pilot)
        screen = app.screen
        assert isinstance(screen, WorkbookScreen)
        assert service_of(app).agreements() == []  # built hidden: stored nothing
        prompt = next(
            p
            for tab in screen.context.pack.tabs
            for p in tab.prompts
            if p.kind.value == "agreement"
        )
        hidden_pane = next(pane for pane in screen.panes() if pane.id != screen.current_step)
        hidden = AgreementPanel(prompt, screen.context)
        await hidden_pane.mount(hidden)
        shown_view = screen.pane().query_one(TabView)
        shown = AgreementPanel(prompt, screen.context)
        await shown_view.mount(shown)  # mounted: no layout (so no Show) has run since
        for panel in (hidden, shown):
            assert panel.version is not None and panel.version.version == 1
        assert service_of(app).agreements() == []  # drafting writes nothing


def _with_homework(home: Path) -> tuple[MentorWorkbookApp, Path, ActionItem]:
    """The app on a relationship in its second session, with homework set in the first."""
    homework = ActionItem(text="Update the CV", set_in_session=1)
    path = make_relationship(home, sessions=2, actions=[homework])
    return MentorWorkbookApp(open_path=path, content=None), path, homework


async def _first_homework_row(app: MentorWorkbookApp, pilot: Pilot[None]) -> HomeworkItem:
    """The debrief step shown, and its first piece of homework."""
    await show_tab(app, pilot, "tab-debrief")
    review = app.screen.query_one(HomeworkReview)
    await pilot.pause()
    return review.query_one(HomeworkItem)


async def test_homework_review_records_outcome(home: Path) -> None:
    app, path, homework = _with_homework(home)
    async with app.run_test(size=SIZE) as pilot:
        row = await _first_homework_row(app, pilot)
        row.query_one(RadioSet).query(RadioButton)[1].value = True  # partly
        await pilot.pause()
        item = service_of(app).get(ActionItem, homework.uid)
        assert item is not None and item.outcome is DebriefOutcome.PARTLY
        row.query_one(".what-worked", Input).value = "Short sessions"
        await pilot.pause()
        item = service_of(app).get(ActionItem, homework.uid)
        assert item is not None and item.what_worked == "Short sessions"
        assert item.debrief_in(2) is not None and item.debrief_in(2).what_worked == "Short sessions"


async def test_homework_review_without_session_says_how(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(app, pilot, "tab-debrief")
        assert "ctrl+g" in screen_text(app)


async def test_finished_relationship_is_read_only(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home, finished=True), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(app, pilot, "tab-goals")
        assert "Read-only" in screen_text(app)
        app.screen.query_one("#prompt-smart-goals", GoalsPanel).query_one(ItemList).focus()
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, GoalForm)
        assert service_of(app).goals() == []


async def _mounted_notes(app: MentorWorkbookApp, pilot: Pilot[None]) -> SessionNotes:
    """The session notes of the open workbook, mounted on its screen."""
    await pilot.pause()
    context = app.screen.context  # type: ignore[attr-defined]
    await app.screen.mount(SessionNotes(context))
    await pilot.pause()
    return app.screen.query_one(SessionNotes)


async def test_session_notes_shared_and_private(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home, sessions=1), content=None)
    async with app.run_test(size=SIZE) as pilot:
        notes = await _mounted_notes(app, pilot)
        notes.query_one("#shared-notes", TextArea).focus()
        await pilot.press("h", "i")
        notes.query_one("#private-notes", TextArea).focus()
        await pilot.press("m", "e")
        await pilot.pause()
        service = service_of(app)
        assert service.current_session().shared_notes == "hi"  # type: ignore[union-attr]
        assert [note.text for note in service.notes(Role.MENTOR)] == ["me"]
        await notes.remove()
        context = notes.context
        context.presenting = True
        await app.screen.mount(SessionNotes(context))
        await pilot.pause()
        presenting = app.screen.query_one(SessionNotes)
        assert not presenting.query("#private-notes")
        assert PRIVATE_HIDDEN_TEXT in screen_text(app)


async def test_notes_typed_just_before_the_app_stops_are_saved(home: Path) -> None:
    """The notes' change messages are still queued when the app stops (ctrl+q, a closed
    terminal): the text the areas show is saved."""
    path = make_relationship(home, sessions=1)
    app = MentorWorkbookApp(open_path=path, content=None)
    async with app.run_test(size=SIZE) as pilot:
        notes = await _mounted_notes(app, pilot)
        notes.query_one("#shared-notes", TextArea).insert("said together")
        notes.query_one("#private-notes", TextArea).insert("kept to myself")
        app.save_all()  # (at once: neither area's Changed message has been handled)
        with WorkbookService.open(path, read_only=True) as service:
            session = service.current_session()
            assert session is not None and session.shared_notes == "said together"
            assert [note.text for note in service.notes(Role.MENTOR)] == ["kept to myself"]


async def test_homework_notes_typed_just_before_the_app_stops_are_saved(home: Path) -> None:
    app, path, homework = _with_homework(home)
    async with app.run_test(size=SIZE) as pilot:
        row = await _first_homework_row(app, pilot)
        row.query_one(RadioSet).query(RadioButton)[0].value = True  # done
        await settle(pilot)
        row.query_one(".what-worked", Input).value = "An hour each morning"
        app.save_all()  # (at once: the Input's Changed message is still queued)
        with WorkbookService.open(path, read_only=True) as service:
            item = service.get(ActionItem, homework.uid)
        debrief = item.debrief_in(2) if item is not None else None
        assert debrief is not None and debrief.what_worked == "An hour each morning"


async def test_clicking_save_on_the_goal_form_saves_once_and_keeps_the_workbook(
    home: Path, future: str
) -> None:
    """(Fails on the code before: the form's handler called FormScreen's, which Textual also
    runs itself, so Save dismissed twice and closed the workbook under the form.)"""
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(app, pilot, "tab-goals")
        app.screen.query_one("#prompt-smart-goals", GoalsPanel).query_one(ItemList).focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm), "the form")
        form = app.screen
        assert isinstance(form, GoalForm)
        fill_goal_form(form, "Clicked", future)
        form.query_one("#save", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, GoalForm), "closing the form")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        assert [goal.title for goal in service_of(app).goals()] == ["Clicked"]
