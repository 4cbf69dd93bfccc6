"""A four-session relationship run in the app, as a pair would run it (issue #18), at 80x24
and wide: every screen agrees with the answers at every step.

Session 1 starts with a date and closes with the next meeting, homework and a recap; a
check-in is answered; session 2 debriefs the homework (partly done), the agreement is
acknowledged by both, goes stale after an edit and is acknowledged again; a meeting is
cancelled and moved; session 3 debriefs the homework that came back; session 4 is left open
on quit, its clock stopped, resumed on reopening, and closed from the quit question.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Select, Static

from screens.app import MentorWorkbookApp
from screens.checkin_history import EarlierAnswers
from screens.editors.text import LongTextEditor
from screens.missed_meeting import MissedMeetingForm
from screens.structured.actions import ActionsPanel
from screens.structured.forms import GoalForm
from screens.structured.goals import GoalsPanel
from screens.structured.starting_points import STARTING_POINT_ID, SUGGESTION_PREFIX
from tests.journey_support import (
    acknowledge,
    add_action,
    choose,
    close_meeting,
    debrief,
    start_session,
    type_into,
    wait_for_screen,
    wait_for_workbook,
    workbook,
)
from tests.ui_support import (
    all_tabs_built,
    edit,
    make_relationship,
    screen_text,
    show_step,
    wait_for_text,
    wait_until,
)
from workbook.agreement import draft_agreement
from workbook.agreement_state import AgreementState, agreement_status
from workbook.content.catalog import PackCatalog
from workbook.models import (
    ActionItem,
    ActionStatus,
    Author,
    DebriefOutcome,
    MissedKind,
    Note,
    Role,
)
from workbook.service import WorkbookService
from workbook.sessions import missed_meetings

SIZES = [(80, 24), (120, 40)]
CV = "Update the CV"
LETTER = "Draft a cover letter"


def _prepared(home: Path) -> Path:
    """A standard relationship whose preparation both sides filled in (topics for the first
    session's agenda, what each expects of the other)."""
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        service.set_answer("about-them", Author.MENTOR, "How Sam got into support")
        service.set_answer("about-them", Author.MENTEE, "MENTEE-PRIVATE-TOPIC")
        service.set_answer("mentoring-interests", Author.MENTEE, "How Priya moved into engineering")
        service.set_answer("expect-from-other", Author.MENTOR, "Come with one question")
        service.set_answer("expect-from-other", Author.MENTEE, "Honest feedback")
    return path


def _action(service: WorkbookService, text: str) -> ActionItem:
    return next(item for item in service.actions() if item.text == text)


async def _palette(pilot, command: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*command)
    await wait_for_text(pilot, command)
    await pilot.press("enter")


@pytest.mark.long_running
@pytest.mark.parametrize("size", SIZES[:1])
async def test_four_sessions_in_the_app(home: Path, size: tuple[int, int]) -> None:
    """Four sessions at 80x24, the size that squeezes every dialog and step (the wide size is
    covered by the shorter journey tests and the 100x30 snapshots: this walk alone costs
    about a minute of the suite's time at each size). Steps are built as they are shown:
    that steps built ahead follow a closed meeting and the next session is
    tests/test_build_ahead.py's."""
    path = _prepared(home)
    pack = PackCatalog.default().load("standard")
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=size) as pilot:
        await all_tabs_built(pilot)
        service = workbook(pilot).context.service

        # ---- Session 1: started with a date; the agenda, a check-in, homework, the close.
        said = await start_session(pilot, "2026-01-05", "Session 1")
        assert "Start session 1" in said
        assert [s.held_on.isoformat() for s in service.sessions()] == ["2026-01-05"]
        assert "Session 1 00:0" in screen_text(app)  # its clock runs in the header
        await show_step(pilot, "-session-notes")
        await wait_for_text(pilot, "Agenda from the preparation")
        agenda = str(workbook(pilot).query_one(".session-agenda", Static).content)
        assert "• How Sam got into support  (mentor)" in agenda
        assert "• How Priya moved into engineering  (mentee)" in agenda
        assert "MENTEE-PRIVATE-TOPIC" not in agenda  # the mentee's private notes stay theirs
        await show_step(pilot, "check-in")
        assert "this is session 1's answer" in screen_text(app)
        await edit(pilot, "since-last-time", LongTextEditor, Author.MENTOR)
        await pilot.press(*"We met at last")
        await add_action(pilot, CV)
        dialog, recap = await close_meeting(
            pilot, "2031-01-19", "17:00", "Two goals agreed", due={0: "2031-01-18"}
        )
        assert CV in dialog
        assert "Required questions still unanswered:" in dialog
        session = service.sessions()[0]
        assert not session.is_open and session.recap == "Two goals agreed"
        assert session.next_meeting is not None and session.running_since is None
        assert _action(service, CV).due_date is not None
        saved = home / "exports" / f"recap-{path.stem}-session-1.md"
        assert "Saved to" in recap and saved.exists()
        text = saved.read_text("utf-8")
        assert "Two goals agreed" in text and CV in text and "2031-01-19 17:00" in text
        await wait_for_text(pilot, "Session 1 closed")
        assert [
            a.session_number for a in service.answers() if a.prompt_id == "since-last-time"
        ] == [1]

        # ---- Session 2: debrief, a check-in with history, the agreement by both, stale.
        await start_session(pilot, "2026-01-19", "Session 2")
        await debrief(pilot, CV, 1)  # partly done
        await wait_until(
            pilot,
            lambda: _action(service, CV).debrief_in(2) is not None,
            "the debrief recorded",
        )
        assert _action(service, CV).debrief_in(2).outcome is DebriefOutcome.PARTLY  # type: ignore[union-attr]
        await add_action(pilot, LETTER)
        await show_step(pilot, "check-in")
        shown = await wait_for_text(pilot, "Session 1 · Mentor: We met at last")
        assert "Earlier sessions, newest first" in shown
        await edit(pilot, "since-last-time", LongTextEditor, Author.MENTOR)
        await pilot.press(*"The CV is half done")
        await acknowledge(pilot, warned=True)
        await wait_for_text(pilot, "awaiting Sam Okafor (mentee)")
        await pilot.press("ctrl+r")  # the mentee acknowledges on the same screen
        await wait_until(pilot, lambda: workbook(pilot).context.role is Role.MENTEE, "mentee")
        await acknowledge(pilot, warned=True)
        shown = await wait_for_text(pilot, "acknowledged by both")
        assert "Version 1" in shown
        agreement = draft_agreement(service, pack).body
        assert "Mentor: Come with one question" in agreement
        assert "Mentee: Honest feedback" in agreement  # both people's answers
        await pilot.press("ctrl+r")
        await show_step(pilot, "expectations")
        await edit(pilot, "expect-from-other", LongTextEditor, Author.MENTOR)
        await pilot.press(*" and a goal")
        await show_step(pilot, "agreement")
        await wait_for_text(pilot, "changed since acknowledged: 1 section")
        meta = str(workbook(pilot).query_one(".agreement-meta", Static).content)
        assert "Version 2" in meta
        assert "changed since acknowledged: 1 section (What we expect of each other)" in meta
        assert agreement_status(service, pack, datetime.now().date()).state is (
            AgreementState.CHANGED
        )
        await acknowledge(pilot, warned=True)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: workbook(pilot).context.role is Role.MENTEE, "mentee")
        await acknowledge(pilot, warned=True)
        await pilot.press("ctrl+r")
        await wait_for_text(pilot, "acknowledged by both")
        meta = str(workbook(pilot).query_one(".agreement-meta", Static).content)
        assert "Version 2" in meta and "1 earlier version kept" in meta
        await close_meeting(pilot, "2031-02-02", "17:00", "CV next, then the letter")

        # ---- A cancelled meeting, moved: the history and the next meeting follow.
        await _palette(pilot, "Record a missed or cancelled meeting")
        await wait_for_screen(pilot, MissedMeetingForm)
        form = pilot.app.screen
        assert form.query_one("#planned-on").value == "2031-02-02"  # the one agreed
        form.query_one("#by").value = Role.MENTEE.value
        await type_into(pilot, "#reason", "ill")
        await type_into(pilot, "#new-date", "2031-02-09")
        await type_into(pilot, "#new-time", "17:00")
        await pilot.press("ctrl+s")
        await wait_for_workbook(pilot)
        (missed,) = missed_meetings(service)
        assert missed.kind is MissedKind.CANCELLED and missed.by is Role.MENTEE
        await show_step(pilot, "-history")
        await wait_for_text(pilot, "2031-02-02: cancelled by the mentee: ill")
        summary = str(workbook(pilot).query_one(".history-summary", Static).content)
        assert "2 sessions held" in summary
        assert "next meeting 2031-02-09 17:00" in summary and "(rescheduled)" in summary

        # ---- Session 3: the partly done homework comes back, with how it went last time.
        await start_session(pilot, "2026-02-09", "Session 3")
        await show_step(pilot, "debrief")
        shown = await wait_for_text(pilot, "Back from session 2: partly done")
        assert LETTER in shown
        await debrief(pilot, CV, 1)  # partly again
        await debrief(pilot, LETTER, 0)
        await wait_until(
            pilot,
            lambda: (
                _action(service, LETTER).status is ActionStatus.DONE
                and _action(service, CV).debrief_in(3) is not None
            ),
            "session 3's debrief",
        )
        await show_step(pilot, "check-in")
        await wait_for_text(pilot, "Session 2 · Mentor: The CV is half done")
        card = workbook(pilot).query_one("#prompt-since-last-time")
        earlier = str(card.query_one(EarlierAnswers).content)
        assert earlier.index("Session 2 · Mentor") < earlier.index("Session 1 · Mentor")
        await close_meeting(pilot, "2031-02-23", "17:00", "Nearly there")

        # ---- Session 4: left open on quit; the clock stops and does not run while closed.
        await start_session(pilot, "2026-02-23", "Session 4")
        await pilot.press("ctrl+q")
        await choose(pilot, "k")  # quit, keep it open
        await wait_until(pilot, lambda: not app.is_running, "quitting")
    with WorkbookService.open(path) as service:
        fourth = service.sessions()[-1]
        assert fourth.is_open and fourth.running_since is None
        assert fourth.clock_seconds < 600
        # Three hours pass before it is opened again (a crash-free quit and reopen).
        earlier = fourth.started_at - timedelta(hours=3)  # type: ignore[operator]
        service.save(fourth.model_copy(update={"started_at": earlier}), touch=False)
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=size) as pilot:
        await all_tabs_built(pilot)
        header = screen_text(app).splitlines()[0]
        assert re.search(r"Session 4 00:\d\d$", header), header  # seconds, not three hours
        service = workbook(pilot).context.service
        assert service.sessions()[-1].running_since is not None  # resumed
        await show_step(pilot, "debrief")
        await wait_for_text(pilot, "Back from session 3: partly done")  # a third time
        await debrief(pilot, CV, 0)
        await wait_until(
            pilot, lambda: _action(service, CV).status is ActionStatus.DONE, "the CV done"
        )
        await show_step(pilot, "-history")
        shown = await wait_for_text(pilot, "4 sessions held")
        assert "Session 3 · regular · 2026-02-09" in shown
        assert "What we agreed" in shown
        await pilot.press("ctrl+q")
        await choose(pilot, "c")  # close the meeting, then quit
        await close_meeting(pilot, "2031-03-09", "17:00", "Done with the CV", open_with="")
        await wait_until(pilot, lambda: not app.is_running, "quitting")
    with WorkbookService.open(path) as service:
        assert all(not s.is_open and s.running_since is None for s in service.sessions())
        assert [len(_action(service, CV).debriefs)] == [3]  # sessions 2, 3 and 4


@pytest.mark.build_ahead
async def test_the_close_lists_required_questions_with_their_step(home: Path) -> None:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        service.start_session()
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_tabs_built(pilot)
        await pilot.press("ctrl+f")
        await wait_for_text(pilot, "Required questions still unanswered:")
        listed = str(pilot.app.screen.query_one("#required-missing", Static).content)
        assert "• Preparation: What do you hope to get out of this relationship? (mentor)" in listed
        assert "… and " in listed  # one short list: the rest counted
        assert listed.count("•") == 5


@pytest.mark.build_ahead
async def test_history_shows_private_notes_only_in_their_role_and_never_presenting(
    home: Path,
) -> None:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        session = service.start_session()
        service.save(session.model_copy(update={"shared_notes": "SHARED-NOTE"}))
        service.save(Note(author=Role.MENTOR, session_number=1, text="MENTOR-PRIVATE"))
        service.save(Note(author=Role.MENTEE, session_number=1, text="MENTEE-PRIVATE"))
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await all_tabs_built(pilot)
        await show_step(pilot, "-history")
        shown = await wait_for_text(pilot, "SHARED-NOTE")
        assert "MENTOR-PRIVATE" in shown and "MENTEE-PRIVATE" not in shown
        await pilot.press("ctrl+t")
        await all_tabs_built(pilot)
        await show_step(pilot, "-history")
        shown = await wait_for_text(pilot, "SHARED-NOTE")
        assert "PRIVATE" not in shown


@pytest.mark.parametrize("size", SIZES)
async def test_preparation_offers_draft_goals_and_suggested_contacts(
    home: Path, size: tuple[int, int]
) -> None:
    """The mentee's draft goals are the goal form's starting points (one picked fills the
    title; the mentor's own private drafts are not offered to the mentee), and a person the
    mentor suggested becomes an action with enter, then is no longer offered."""
    path = make_relationship(home, role=Role.MENTEE)
    with WorkbookService.open(path) as service:
        service.set_answer("own-goals", Author.MENTEE, "- Lead a project\n- Speak at a meetup")
        service.set_answer("own-goals", Author.MENTOR, "MENTOR-PRIVATE-GOAL")
        service.set_answer("introductions", Author.MENTOR, "Ana Ruiz; Ben Cole")
        service.start_session()
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=size) as pilot:
        await all_tabs_built(pilot)
        service = workbook(pilot).context.service
        await show_step(pilot, "goals")
        goals = pilot.app.screen.query_one(GoalsPanel)
        goals.item_list.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, GoalForm)
        form = pilot.app.screen
        select = form.query_one(f"#{STARTING_POINT_ID}", Select)
        assert isinstance(form, GoalForm)
        assert list(form.starting_points) == ["Lead a project", "Speak at a meetup"]
        select.value = "Speak at a meetup"
        await wait_until(
            pilot,
            lambda: form.query_one("#title", Input).value == "Speak at a meetup",
            "the title filled from the draft",
        )
        await pilot.press("escape")
        await wait_for_workbook(pilot)

        actions = pilot.app.screen.query_one(ActionsPanel)
        await wait_until(pilot, lambda: actions.suggestions == ["Ana Ruiz", "Ben Cole"], "offers")
        actions.item_list.focus()
        row = next(
            n
            for n in range(actions.item_list.option_count)
            if actions.item_list.get_option_at_index(n).id == f"{SUGGESTION_PREFIX}0"
        )
        actions.item_list.highlighted = row
        await wait_for_text(pilot, "enter makes it an action")  # shown, with how to add it
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: [a.text for a in service.actions()] == ["Speak to Ana Ruiz"], "saved"
        )
        (added,) = service.actions()
        assert added.owner is Role.MENTEE and added.set_in_session == 1
        await wait_until(
            pilot, lambda: actions.suggestions == ["Ben Cole"], "Ana no longer offered"
        )
