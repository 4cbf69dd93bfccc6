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
from workbook.conditions import is_shown
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

M, E, J = Author.MENTOR, Author.MENTEE, Author.JOINT

DEMO_ANSWERS: dict[tuple[str, Author], AnswerValue] = {
    # Preparation
    ("own-expectations", M): "To help Sam reach a first developer job, and to get better at "
    "coaching rather than telling.",
    ("own-expectations", E): "A clear plan for moving from support into a junior developer "
    "role, and someone honest to check my progress with.",
    ("own-goals", M): "Ask more open questions; introduce Sam to two people who hire juniors.",
    ("own-goals", E): "Finish one portfolio project I can show, and apply for junior roles "
    "by the summer.",
    ("about-me", M): "I lead a data engineering team of five and have mentored three junior "
    "engineers. I started out on a help desk myself.",
    ("about-me", E): "I work in IT support on shifts and teach myself Python in the evenings.",
    ("about-them", M): "What Sam enjoys about support work, and what made them start coding.",
    ("about-them", E): "How Priya moved from support into engineering, and what she looks for "
    "when she hires.",
    ("time-commitment", M): "About an hour every two weeks",
    ("time-commitment", E): "About an hour every two weeks",
    ("preferred-times", M): "Tuesdays or Thursdays, 12:00-13:00 or 17:00-18:00",
    ("preferred-times", E): "Weekdays after 17:00, but not Wednesdays",
    ("reason-for-mentoring", E): "I have taught myself the basics, but I do not know what to "
    "learn next or how to get a first developer job.",
    ("future-role-descriptions", E): "Junior Python developer and graduate data engineer "
    "adverts: writing and testing code, SQL, working in a small team.",
    ("projects-of-interest", E): "Internal tools that save support staff time, like a ticket "
    "tracker, and small data dashboards.",
    ("current-barriers", E): "Shift work leaves little time to practise, and I never know "
    "which skills employers care about most.",
    ("readiness", M): 4,
    ("readiness", E): 3,
    ("preparation-checklist", M): [
        "I know what I want from the relationship",
        "I know how much time I can commit",
        "I have questions ready for the other person",
        "The date, time and platform are agreed",
        "I have a quiet, comfortable place for the call",
    ],
    ("preparation-checklist", E): [
        "I know what I want from the relationship",
        "I have questions ready for the other person",
        "The date, time and platform are agreed",
    ],
    # Rapport
    ("settle-in", J): [
        "We each have a drink to hand",
        "We are somewhere quiet and comfortable",
        "Cameras on, if both of us are happy with that",
        "Notifications are off",
    ],
    ("tell-about-yourself", M): "I grew up in Leeds, started on a help desk, and now run a "
    "team of five data engineers.",
    ("why-involved", M): "Someone gave me an hour a fortnight when I switched into "
    "engineering; I want to do the same for someone else.",
    ("current-role", M): "Engineering manager, data platform",
    ("current-role", E): "IT support analyst (second line)",
    ("workload-background", M): "Busy: we are moving our pipelines to a new platform this "
    "quarter, so my calendar is full.",
    ("workload-background", E): "Steady: about forty tickets a week, with two late shifts.",
    ("job-likes-dislikes", M): "I like growing people and untangling hard problems; I dislike "
    "the budget paperwork.",
    ("job-likes-dislikes", E): "I like fixing things for people; I dislike doing the same fix "
    "by hand again and again.",
    ("professional-background", M): "Help desk, then scripting for the support team, then "
    "data engineering, then leading the team.",
    ("professional-background", E): "A history degree, two years in retail, then three years "
    "in IT support.",
    ("hobbies", M): "Climbing and baking bread",
    ("hobbies", E): "Five-a-side football and board games",
    ("mentoring-interests", E): "Which skills to learn first, how to build a portfolio, and "
    "how to prepare for technical interviews.",
    ("common-ground", J): "We both started out answering support calls",
    ("rapport-comfort", M): 5,
    ("rapport-comfort", E): 4,
    # Expectations
    ("expect-from-other", M): "That Sam brings the topics and tells me when my advice is not "
    "useful.",
    ("expect-from-other", E): "Honest feedback on my code and plans, and advice on what "
    "employers look for.",
    ("key-objectives", J): "Sam moves into a junior developer role within a year; Priya helps "
    "plan the steps and reviews progress.",
    ("duration", J): "Six months",
    ("meeting-place", J): "Video call",
    ("meeting-platform", J): "Google Meet; the link is in the calendar invitation",
    ("stay-in-touch", J): ["Chat or messaging app", "Calendar invitations"],
    ("meeting-reminders", J): "The calendar invitation, and a message the day before",
    ("between-sessions", J): "Quick questions by message",
    ("availability-limits", M): "Tuesday and Thursday lunchtimes and early evenings; not in "
    "the first week of each quarter.",
    ("availability-limits", E): "Weekday evenings after 17:00; not on Wednesdays, when I work "
    "the late shift.",
    ("who-organises", J): "The mentee",
    ("work-with-me-tips", M): "Send me the agenda the day before: I think better with "
    "something written down.",
    ("work-with-me-tips", E): "Give me a moment to think before I answer; examples help me "
    "more than theory.",
    ("coaching-style", E): "A mix of both",
    ("accommodations", M): "Nothing needed, thank you.",
    ("accommodations", E): "Please send links and next steps in writing: I take in a call "
    "better when I can read it again.",
    ("feedback-preference", M): "In the moment, straight away",
    ("feedback-preference", E): "At the end of the session",
    ("conflict-handling", M): "I say so early and calmly, and ask what the other person sees.",
    ("conflict-handling", E): "I tend to go quiet, so I will try to say when I disagree; "
    "please ask me if you are unsure.",
    ("confidentiality", J): True,
    ("responsibilities", J): "Sam brings the agenda and does the homework; Priya gives honest "
    "feedback, reviews code and makes introductions.",
    ("records", J): "Shared notes in this workbook",
    ("missed-meetings", J): "Whoever has to cancel says so a day ahead and offers two new "
    "times; unfinished homework moves to the next session.",
    ("ending", J): "We review after six months; either of us can end it sooner by saying so "
    "in a session.",
    # Goals and action plan
    ("priority-ranking", E): [
        "Building skills",
        "Moving on in my career",
        "Growing confidence",
        "Delivering a specific project",
        "Widening my network",
    ],
    ("input-areas", E): [
        "Technical skills",
        "Finding or changing a job",
        "Confidence and communication",
    ],
    ("goal-confidence", E): 7,
    # Agreement
    ("agreement-questions", M): "Nothing unclear; I would like us to check the cadence after "
    "the first month.",
    ("agreement-questions", E): "Could we agree how quickly we reply to messages? Within a "
    "day is fine for me.",
    # Check-in (the every-session questions are in _CHECK_INS)
    ("pairing-fit", M): "Good fit",
    ("pairing-fit", E): "Good fit",
    # Debrief
    ("next-step", J): "Build the first screen of the ticket tracker and share the repository "
    "before the next session.",
    ("adjustments", J): ["Nothing: carry on as we are"],
    ("progress-scale", E): 4,
    ("post-programme-plan", E): "Keep building small tools at work and apply for two junior "
    "roles a month.",
    ("introductions", M): "Dev, who runs the graduate scheme, and Mei, who moved from support "
    "to testing last year.",
    ("successes", J): "The ticket tracker's screens are sketched and the list of companies is "
    "started.",
    ("continue-meeting", J): True,
}
"""What Priya and Sam answered, prompt by prompt (the standard pack's ids). Dates are set
relative to the day the demo is made (:func:`sample_value`)."""
DATED_PROMPTS: dict[str, int] = {"agreement-review-date": 3}
"""Date prompts answered with a date this many months after the relationship started."""


def _load_pack() -> tuple[Pack, bool]:
    try:
        from workbook.content.catalog import PackCatalog

        return PackCatalog.default().load(PACK_ID), True
    except Exception:  # noqa: BLE001 - no pack: a sample without prompt answers
        return Pack(id=PACK_ID, title="Standard mentoring journey", version="1.0"), False


def sample_value(prompt: Prompt, author: Author, number: int, today: date) -> AnswerValue:
    """What ``author`` answers to ``prompt``: the demo's own answer when it has one; for a
    prompt it does not know (another pack), a value of the right kind where any option fits,
    and None for free text (an invented sentence would not fit the question)."""
    if (prompt.id, author) in DEMO_ANSWERS:
        return DEMO_ANSWERS[(prompt.id, author)]
    options = list(prompt.options)
    kind = prompt.kind
    if kind is PromptKind.SINGLE_CHOICE:
        return options[number % len(options)] if options else None
    if kind in (PromptKind.MULTIPLE_CHOICE, PromptKind.CHECKLIST):
        return options[: max(1, (len(options) + 1) // 2)] or None
    if kind is PromptKind.RANKING:
        shift = number % max(1, len(options))
        return options[shift:] + options[:shift] or None
    if kind is PromptKind.SCALE:
        return min(prompt.scale_max, max(prompt.scale_min, prompt.scale_max - 1))
    if kind is PromptKind.DATE:
        return add_months(today, DATED_PROMPTS.get(prompt.id, 3)).isoformat()
    if kind is PromptKind.YES_NO:
        return True
    return None


def _answer_prompts(service: WorkbookService, pack: Pack, today: date) -> None:
    """Answer every once-only question a pair answers before or in its sessions (the
    deciding questions come first, so a follow-up is answered only when it is shown)."""
    for number, prompt in enumerate(pack.all_prompts()):
        if not prompt.kind.takes_answer or prompt.session is SessionTag.AFTER or prompt.repeat:
            continue
        for author in authors_for(prompt):
            if not is_shown(prompt, author, pack, service.answer):
                continue
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


_CHECK_INS: dict[tuple[str, int], dict[Author, AnswerValue]] = {
    ("since-last-time", 1): {
        Author.MENTOR: "I read Sam's preparation the evening before and noted three questions.",
        Author.MENTEE: "I filled in my preparation and wrote down what I want to ask.",
    },
    ("since-last-time", 2): {
        Author.MENTOR: "I found Sam two starter repositories and sent them with short notes.",
        Author.MENTEE: "The screen sketches are done; two shift swaps ate my evenings.",
    },
    ("on-track", 1): {Author.MENTEE: 4},
    ("on-track", 2): {Author.MENTEE: 4},
    ("session-feedback", 1): {
        Author.MENTOR: "Useful: we left with two clear goals and a date for the next call.",
        Author.MENTEE: "Less nervous than I expected; the goals feel doable.",
    },
    ("session-feedback", 2): {
        Author.MENTOR: "Good energy, but we spent too long on job boards.",
        Author.MENTEE: "Going through the homework showed me how much I had actually done.",
    },
}
"""What each side answers to each every-session question (check-ins), session by session; a
question the demo has no answer for is left unanswered rather than given invented text."""


def _check_in(service: WorkbookService, pack: Pack, session: int) -> None:
    """Answer the pack's every-session questions for ``session`` (check-ins), those shown."""
    for prompt in pack.all_prompts():
        if not prompt.repeat or not prompt.kind.takes_answer:
            continue
        for author, value in _CHECK_INS.get((prompt.id, session), {}).items():
            if is_shown(prompt, author, pack, service.answer, session):
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
            _check_in(service, pack, 1)
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
            _check_in(service, pack, 2)
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
