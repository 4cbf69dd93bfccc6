"""A sample relationship, filled in as after a first and a second session (``demo``).

Both sessions are closed (recap, next meeting, homework confirmed), each has its check-in
answers when the pack asks any at every session, one piece of homework carries forward from
the second session's debrief, and the next meeting is two weeks from today.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from workbook.agreement import acknowledge
from workbook.content.model import Pack, Prompt, PromptKind, SessionTag
from workbook.debrief import record_outcome
from workbook.goals import add_months, benchmark_from_preset
from workbook.models import (
    ActionItem,
    AnswerValue,
    Author,
    Cadence,
    DebriefOutcome,
    Goal,
    GoalStatus,
    Note,
    Role,
    Visibility,
)
from workbook.service import WorkbookService
from workbook.sessions import close_session, start_session
from workbook.visibility import authors_for

MENTOR, MENTEE = "Priya Shah", "Sam Okafor"
PACK_ID = "standard"
DEMO_ZONE = "Europe/London"
"""The zone the sample pair agreed their meetings in."""

_TEXTS = {
    Author.MENTOR: [
        "I lead a small data engineering team and have mentored three junior engineers.",
        "Honest, specific feedback, and a mentee who comes with questions.",
        "I learnt most from people who gave me time early on; this is my turn.",
        "Evenings after six are hard for me; Tuesday lunchtimes work well.",
    ],
    Author.MENTEE: [
        "I am a support analyst hoping to move into a junior developer role within a year.",
        "Help to plan my learning, and an outside view of my progress.",
        "Finding time to practise, and not knowing which skills matter most.",
        "I work shifts, so I need a week's notice to move a meeting.",
    ],
    Author.JOINT: [
        "Sam moves into a junior developer role; Priya helps plan and review the steps.",
        "We talk openly, and either of us can say when something is not working.",
        "Meetings stay between us unless we both agree to share something.",
    ],
}


_BY_PROMPT: dict[tuple[str, Author], str] = {
    ("about-me", Author.MENTOR): "I lead a data engineering team and mentor juniors.",
    ("about-me", Author.MENTEE): "I work in IT support and teach myself Python at night.",
    ("preferred-times", Author.MENTOR): "Tuesday or Thursday, 12:00 to 14:00",
    ("preferred-times", Author.MENTEE): "Weekdays after 17:00",
    ("current-role", Author.MENTOR): "Engineering manager, data platform",
    ("current-role", Author.MENTEE): "Support analyst",
    ("hobbies", Author.MENTOR): "Climbing and baking bread",
    ("hobbies", Author.MENTEE): "Football and board games",
    ("common-ground", Author.JOINT): "We both started out in customer support",
    ("meeting-platform", Author.JOINT): "Video call; the link is in the invitation",
    ("meeting-reminders", Author.JOINT): "A calendar invitation and a message the day before",
    ("key-objectives", Author.JOINT): _TEXTS[Author.JOINT][0],
    ("ending", Author.JOINT): "After six months we review; either of us may end it sooner "
    "by saying so in a session.",
    ("missed-meetings", Author.JOINT): "Whoever has to cancel says so a day ahead and "
    "offers two new times.",
    ("responsibilities", Author.JOINT): "Sam brings the agenda and does the homework; "
    "Priya gives honest feedback and introductions.",
    ("next-step", Author.JOINT): "Build the first screen of the ticket tracker.",
}


def _load_pack() -> tuple[Pack, bool]:
    try:
        from workbook.content.catalog import PackCatalog

        return PackCatalog.default().load(PACK_ID), True
    except Exception:  # noqa: BLE001 - no pack: a sample without prompt answers
        return Pack(id=PACK_ID, title="Standard mentoring journey", version="1.0"), False


def sample_value(prompt: Prompt, author: Author, number: int, today: date) -> AnswerValue:
    """A plausible answer to ``prompt`` by ``author`` that fits the prompt's kind."""
    options = list(prompt.options)
    kind = prompt.kind
    if kind in (PromptKind.SHORT_TEXT, PromptKind.LONG_TEXT):
        if (prompt.id, author) in _BY_PROMPT:
            return _BY_PROMPT[(prompt.id, author)]
        texts = _TEXTS[author]
        text = texts[number % len(texts)]
        return text.split(";")[0].split(",")[0] if kind is PromptKind.SHORT_TEXT else text
    if kind is PromptKind.SINGLE_CHOICE:
        return options[number % len(options)] if options else None
    if kind in (PromptKind.MULTIPLE_CHOICE, PromptKind.CHECKLIST):
        return options[: max(1, (len(options) + 1) // 2)]
    if kind is PromptKind.RANKING:
        shift = number % max(1, len(options))
        return options[shift:] + options[:shift]
    if kind is PromptKind.SCALE:
        return min(prompt.scale_max, max(prompt.scale_min, prompt.scale_max - 1))
    if kind is PromptKind.DATE:
        return add_months(today, 3).isoformat()
    if kind is PromptKind.YES_NO:
        return True
    return None


def _answer_prompts(service: WorkbookService, pack: Pack, today: date) -> None:
    for number, prompt in enumerate(pack.all_prompts()):
        if prompt.kind.is_structured or prompt.session is SessionTag.AFTER or prompt.repeat:
            continue
        for author in authors_for(prompt):
            value = sample_value(prompt, author, number, today)
            if value is None:
                continue
            visibility = Visibility.PRIVATE if prompt.private else Visibility.SHARED
            service.set_answer(prompt.id, author, value, visibility)


def _goals(service: WorkbookService, start: date) -> list[Goal]:
    rel = service.relationship
    made = []
    for title, specific, measurable, months, presets in (
        (
            "Build a portfolio project",
            "A small web app that tracks support tickets",
            "Deployed, with tests, and reviewed by Priya",
            3,
            ("by session two", "in one month", "by the target date"),
        ),
        (
            "Apply for junior developer roles",
            "Apply to five suitable roles",
            "Five applications sent and one interview",
            6,
            ("in three months", "in six months"),
        ),
    ):
        target = add_months(start, months)
        benchmarks = [
            benchmark_from_preset(
                label, started_on=start, cadence=rel.cadence, target_date=target, today=start
            )
            for label in presets
        ]
        goal = Goal(
            title=title,
            specific=specific,
            measurable=measurable,
            achievable="Sam already writes scripts at work and has evenings free",
            relevant="It leads directly to the role Sam wants",
            target_date=target,
            benchmarks=benchmarks,
            status=GoalStatus.IN_PROGRESS,
            progress=20 if months == 3 else 0,
        )
        made.append(service.save(goal))
    return made


_CHECK_INS: dict[int, dict[Author, str]] = {
    1: {Author.MENTOR: "A good start: clear goals", Author.MENTEE: "Yes, I know what to do next"},
    2: {
        Author.MENTOR: "On track, the CV needs time",
        Author.MENTEE: "Mostly: shifts got in the way",
    },
}
"""What each side says at each session's check-in (prompts asked at every session)."""


def _check_in(service: WorkbookService, pack: Pack, session: int, today: date) -> None:
    """Answer the pack's every-session prompts for ``session`` (check-ins)."""
    for number, prompt in enumerate(pack.all_prompts()):
        if not prompt.repeat or prompt.kind.is_structured:
            continue
        for author in authors_for(prompt):
            text = _CHECK_INS.get(session, {}).get(author)
            value: AnswerValue = (
                text if prompt.kind in (PromptKind.SHORT_TEXT, PromptKind.LONG_TEXT) else None
            )
            value = value or sample_value(prompt, author, number + session, today)
            if value is not None:
                service.set_answer(prompt.id, author, value, session=session)


def _at_five(day: date) -> datetime:
    return datetime.combine(day, time(17, 0), tzinfo=ZoneInfo(DEMO_ZONE))


def create_demo(folder: Path) -> Path:
    """Create a sample relationship in ``folder`` as after two sessions; return its file."""
    pack, loaded = _load_pack()
    today = date.today()
    start = today - timedelta(days=21)
    first, second = start + timedelta(days=7), start + timedelta(days=21)
    with WorkbookService.create(
        mentor=MENTOR,
        mentee=MENTEE,
        pack_id=pack.id,
        pack_version=pack.version,
        started_on=start,
        folder=folder,
    ) as service:
        service.update_relationship(
            cadence=Cadence(
                every_weeks=2,
                duration_minutes=60,
                place="Video call",
                first_meeting=_at_five(first),
                timezone=DEMO_ZONE,
            ),
            mentor_contact="priya.shah@example.org",
            mentee_contact="@sam.okafor on the programme chat",
        )
        if loaded:
            _answer_prompts(service, pack, start)
        session = start_session(service, pack, held_on=first, now=_at_five(first)).session
        service.save(
            session.model_copy(
                update={
                    "shared_notes": (
                        "Got to know each other. Agreed to meet every two weeks by video.\n"
                        "Set two goals and three pieces of homework."
                    )
                }
            )
        )
        goals = _goals(service, start)
        if loaded:
            _check_in(service, pack, 1, first)
        homework = [
            ActionItem(text="Sketch the ticket tracker's screens", goal_uid=goals[0].uid),
            ActionItem(text="List five companies hiring juniors", goal_uid=goals[1].uid),
            ActionItem(
                text="Send Sam two starter repositories", owner=Role.MENTOR, goal_uid=goals[0].uid
            ),
        ]
        homework = [
            service.save(item.model_copy(update={"set_in_session": 1, "due_session": 2}))
            for item in homework
        ]
        service.update_relationship(follow_up_on=add_months(today, 3))
        acknowledge(service, Role.MENTOR, MENTOR, pack=pack, today=first)
        acknowledge(service, Role.MENTEE, MENTEE, pack=pack, today=first)
        service.save(
            Note(
                author=Role.MENTOR,
                session_number=1,
                text="Sam seemed nervous about coding tests; bring it up gently.",
            )
        )
        service.save(
            Note(
                author=Role.MENTEE,
                session_number=1,
                text="I did not say how worried I am about money; maybe next time.",
            )
        )
        close_session(
            service,
            next_meeting=_at_five(second),
            recap="Sam aims for a junior developer role within a year. Two SMART goals, "
            "three pieces of homework, and we meet every two weeks by video.",
            now=_at_five(first) + timedelta(minutes=55),
        )
        session = start_session(service, pack, held_on=second, now=_at_five(second)).session
        service.save(
            session.model_copy(
                update={
                    "shared_notes": (
                        "Debriefed the homework: screens sketched, company list half done.\n"
                        "Next: start building the first screen."
                    )
                }
            )
        )
        for item, outcome, worked, did_not in zip(
            homework,
            (
                DebriefOutcome.DONE,
                DebriefOutcome.PARTLY,
                DebriefOutcome.DONE,
            ),
            (
                "Drawing on paper first was quick",
                "Job boards filtered by 'junior'",
                "Short READMEs made them easy to start",
            ),
            ("", "Ran out of time after two shift swaps", ""),
            strict=True,
        ):
            record_outcome(service, item.uid, outcome, worked, did_not, session_number=2)
        if loaded:
            _check_in(service, pack, 2, second)
        next_step = ActionItem(
            text="Build the first screen of the ticket tracker",
            goal_uid=goals[0].uid,
            due_session=3,
        )
        close_session(
            service,
            next_meeting=_at_five(today + timedelta(days=14)),
            recap="The screens are sketched; the company list carries over. Next: build the "
            "first screen.",
            homework=[next_step],
            now=_at_five(second) + timedelta(minutes=50),
        )
        service.save(
            Note(
                author=Role.MENTOR,
                session_number=2,
                text="Good energy today. Suggest a mock interview in a month.",
            )
        )
        return service.path
