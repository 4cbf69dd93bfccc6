"""Progress by part (yours, theirs, together), structured prompts counted by what they hold,
check-ins with their history, and preparation offered as starting points."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core_helpers import PRIVATE_MARKER, new_service

from workbook.agreement import acknowledge
from workbook.checkins import answer_history, answer_session, current_answer
from workbook.content.model import Audience, Pack, Prompt, PromptKind, ShowIf, Tab
from workbook.debrief import record_outcome
from workbook.models import ActionItem, Author, Cadence, Goal, Role, Visibility
from workbook.preparation import (
    action_from_contact,
    draft_goals,
    first_session_agenda,
    suggested_contacts,
)
from workbook.progress import Count, pack_progress, tab_progress

TODAY = date(2025, 1, 20)


def _prompt(pid: str, kind: PromptKind, audience: Audience, **extra: object) -> Prompt:
    return Prompt(id=pid, title=pid.replace("-", " "), kind=kind, audience=audience, **extra)  # type: ignore[arg-type]


PREP = Tab(
    id="prep",
    title="Preparation",
    prompts=(
        _prompt("about-me", PromptKind.LONG_TEXT, Audience.BOTH),
        _prompt("own-goals", PromptKind.LONG_TEXT, Audience.BOTH, private=True),
        _prompt("reason", PromptKind.LONG_TEXT, Audience.MENTEE),
        _prompt("first-meeting-topics", PromptKind.LONG_TEXT, Audience.BOTH),
        _prompt("term", PromptKind.STATEMENT, Audience.JOINT, agreement="expectations"),
    ),
)
SESSION = Tab(
    id="session",
    title="Session",
    prompts=(
        _prompt("goals", PromptKind.GOAL_LIST, Audience.JOINT, agreement="objectives"),
        _prompt("actions", PromptKind.ACTION_LIST, Audience.BOTH),
        _prompt("cadence", PromptKind.CADENCE, Audience.JOINT, agreement="cadence"),
        _prompt("ending", PromptKind.LONG_TEXT, Audience.JOINT, agreement="ending"),
        _prompt("agreement", PromptKind.AGREEMENT, Audience.JOINT),
        _prompt("homework", PromptKind.HOMEWORK_REVIEW, Audience.JOINT),
        _prompt("on-track", PromptKind.SHORT_TEXT, Audience.BOTH, repeat=True),
        _prompt("introductions", PromptKind.LONG_TEXT, Audience.MENTOR),
    ),
)
PACK = Pack(id="standard", title="Test", version="1.0", tabs=(PREP, SESSION))


def test_each_side_sees_its_own_part_and_the_others(tmp_path: Path) -> None:
    """On the old code a tab counted only prompts answered by both, and nothing structured."""
    with new_service(tmp_path) as svc:
        svc.set_answer("about-me", Author.MENTOR, "Engineer")
        svc.set_answer("own-goals", Author.MENTOR, "Give back")
        svc.set_answer("first-meeting-topics", Author.MENTOR, "Careers")
        svc.set_answer("reason", Author.MENTEE, "New job")
        mentor = tab_progress(svc, PACK, PREP, Role.MENTOR)
        assert (mentor.yours, mentor.theirs) == (Count(3, 3), Count(1, 3))
        assert mentor.label() == "yours 3/3 · theirs 1/3"
        mentee = tab_progress(svc, PACK, PREP, Role.MENTEE)
        # The mentor's private prompt is not counted for the mentee.
        assert (mentee.yours, mentee.theirs) == (Count(1, 4), Count(2, 2))
        presenting = tab_progress(svc, PACK, PREP, Role.MENTOR, presenting=True)
        assert presenting.yours == Count(2, 2)


def test_structured_prompts_count_by_what_they_hold(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        empty = tab_progress(svc, PACK, SESSION, Role.MENTOR, today=TODAY)
        assert empty.together == Count(0, 3) and empty.yours == Count(0, 4)
        svc.start_session()
        svc.save(Goal(title="Portfolio"))
        svc.save(ActionItem(text="Draft CV", owner=Role.MENTEE, set_in_session=1))
        svc.update_relationship(cadence=Cadence())
        svc.set_answer("ending", Author.JOINT, "After a year")
        acknowledge(svc, Role.MENTOR, "Ada", pack=PACK, today=TODAY)
        progress = tab_progress(svc, PACK, SESSION, Role.MENTOR, today=TODAY)
        # Goals, cadence and ending done together; homework has nothing to debrief yet.
        assert progress.together == Count(3, 3)
        # Yours: agreement acknowledged; actions: none owned by the mentor; no check-in.
        assert progress.yours == Count(1, 4)
        assert progress.theirs == Count(1, 3)  # the mentee owns an action
        svc.start_session()
        svc.set_answer("on-track", Author.MENTOR, "Yes", session=2)
        before = tab_progress(svc, PACK, SESSION, Role.MENTOR, today=TODAY)
        assert before.together == Count(3, 4)  # the homework waits for its debrief
        item = svc.actions()[0]
        record_outcome(svc, item.uid, "done")
        after = tab_progress(svc, PACK, SESSION, Role.MENTOR, today=TODAY)
        assert after.together == Count(4, 4) and after.yours == Count(2, 4)
        # The agreement changes: nobody's acknowledgement counts until they acknowledge again.
        svc.set_answer("ending", Author.JOINT, "After two years")
        stale = tab_progress(svc, PACK, SESSION, Role.MENTOR, today=TODAY)
        assert stale.yours == Count(1, 4)


def test_hidden_prompts_are_not_counted(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        shown = lambda prompt, author: prompt.id != "reason"  # noqa: E731
        progress = pack_progress(svc, PACK, Role.MENTEE, shown=shown, today=TODAY)
        everything = pack_progress(svc, PACK, Role.MENTEE, today=TODAY)
        assert everything.yours.total - progress.yours.total == 1


def test_check_ins_keep_one_answer_per_session_and_their_history(tmp_path: Path) -> None:
    prompt = PACK.prompt("on-track")
    assert prompt is not None
    with new_service(tmp_path) as svc:
        assert answer_session(svc, prompt) is None
        for number, value in ((1, "Yes"), (2, "Mostly"), (3, "")):
            svc.start_session()
            assert answer_session(svc, prompt) == number
            svc.set_answer(prompt.id, Author.MENTEE, value, session=number)
        current = current_answer(svc, prompt, Author.MENTEE)
        assert current is not None and current.session_number == 3
        history = answer_history(svc, prompt.id, Author.MENTEE, before=3)
        assert [(a.session_number, a.value) for a in history] == [(1, "Yes"), (2, "Mostly")]
        about = PACK.prompt("about-me")
        assert about is not None and answer_session(svc, about) is None


def test_preparation_flows_into_the_session(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.set_answer(
            "own-goals",
            Author.MENTEE,
            "- Move into a junior role\n- Build a portfolio",
            Visibility.PRIVATE,
        )
        svc.set_answer("own-goals", Author.MENTOR, PRIVATE_MARKER, Visibility.PRIVATE)
        svc.set_answer("first-meeting-topics", Author.MENTEE, "CV feedback; interview nerves")
        svc.set_answer("introductions", Author.MENTOR, "1. Kim, a hiring manager\n2. Lee in QA")
        goals = draft_goals(svc, PACK, Role.MENTEE)
        assert [g.text for g in goals] == ["Move into a junior role", "Build a portfolio"]
        assert draft_goals(svc, PACK, None) == []  # private: not on a shared screen
        assert PRIVATE_MARKER not in {g.text for g in draft_goals(svc, PACK, Role.MENTEE)}
        agenda = first_session_agenda(svc, PACK, None)
        assert [a.text for a in agenda] == ["CV feedback", "interview nerves"]
        contacts = suggested_contacts(svc, PACK, Role.MENTOR)
        assert [c.text for c in contacts] == ["Kim, a hiring manager", "Lee in QA"]
        svc.start_session()
        action = action_from_contact(svc, contacts[0].text)
        assert action.text == "Speak to Kim, a hiring manager"
        assert action.owner is Role.MENTEE and action.set_in_session == 1


def test_a_question_hidden_by_show_if_does_not_count(tmp_path: Path) -> None:
    """A follow-up shown only for "Other" counts once someone picks "Other", and not before;
    its answer is kept when the choice changes back."""
    mode = _prompt("mode", PromptKind.SINGLE_CHOICE, Audience.JOINT, options=("Video", "Other"))
    other = _prompt(
        "mode-other",
        PromptKind.SHORT_TEXT,
        Audience.JOINT,
        show_if=ShowIf(prompt="mode", values=("Other",)),
    )
    pack = Pack(
        id="standard",
        title="Test",
        version="1.0",
        tabs=(Tab(id="t", title="T", prompts=(mode, other)),),
    )
    tab = pack.tabs[0]
    with new_service(tmp_path) as service:
        service.set_answer("mode", Author.JOINT, "Video")
        assert tab_progress(service, pack, tab, Role.MENTOR).together == Count(1, 1)
        service.set_answer("mode", Author.JOINT, "Other")
        assert tab_progress(service, pack, tab, Role.MENTOR).together == Count(1, 2)
        service.set_answer("mode-other", Author.JOINT, "A walk in the park")
        assert pack_progress(service, pack, Role.MENTOR).together == Count(2, 2)
        service.set_answer("mode", Author.JOINT, "Video")
        assert tab_progress(service, pack, tab, Role.MENTOR).together == Count(1, 1)
        assert service.answer("mode-other", Author.JOINT).value == "A walk in the park"  # type: ignore[union-attr]
