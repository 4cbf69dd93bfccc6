"""SMART goal checks, benchmark presets and the links between action items and goals."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from workbook.errors import NotFoundError
from workbook.meetings import meeting_zone, nth_meeting
from workbook.models import ActionItem, ActionStatus, Benchmark, Cadence, Goal, GoalStatus
from workbook.service import WorkbookService
from workbook.text import plural

CLOSED_GOAL_STATUSES = frozenset({GoalStatus.ACHIEVED, GoalStatus.DROPPED})
"""Goals in these states need no future target date."""

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}

BENCHMARK_PRESETS: tuple[str, ...] = (
    "by session two",
    "by session three",
    "by session four",
    "in two weeks",
    "in one month",
    "in three months",
    "in six months",
    "by the target date",
)
"""Ready-made benchmark labels the goals editor offers; :func:`preset_date` dates them."""


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (clamped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def session_date(number: int, cadence: Cadence | None, started_on: date) -> date:
    """The expected date of session ``number`` from the cadence (its meetings in their own
    time zone, "twice a month" included), else every two weeks from the start date."""
    if cadence is not None and cadence.first_meeting is not None:
        meeting = nth_meeting(cadence.model_copy(update={"count": None}), number)
        if meeting is not None:
            return meeting.astimezone(meeting_zone(cadence)).date()
    first = started_on
    every = cadence.every_weeks if cadence else 2
    return first + timedelta(weeks=every * (number - 1))


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def session_of_label(label: str) -> int | None:
    """The session a benchmark label names ("by session two" -> 2), if it names one."""
    words = label.lower().replace("-", " ").split()
    if words[:2] == ["by", "session"] and len(words) == 3:
        return _number(words[2])
    return None


def preset_date(
    label: str,
    *,
    started_on: date,
    cadence: Cadence | None = None,
    target_date: date | None = None,
    today: date | None = None,
) -> date | None:
    """The date a benchmark label means ("by session two", "in 3 months"...), or None.

    Sessions are counted from the cadence's first meeting (or the start date); "in ..." counts
    from ``today`` (default: the start date).
    """
    words = label.lower().replace("-", " ").split()
    base = today or started_on
    if words[:2] == ["by", "session"] and len(words) == 3:
        number = session_of_label(label)
        return session_date(number, cadence, started_on) if number else None
    if words[:1] == ["in"] and len(words) == 3:
        count = _number(words[1])
        unit = words[2].rstrip("s")
        if count is None:
            return None
        if unit == "week":
            return base + timedelta(weeks=count)
        if unit == "month":
            return add_months(base, count)
        if unit == "day":
            return base + timedelta(days=count)
        return None
    if label.lower() == "by the target date":
        return target_date
    return None


def benchmark_from_preset(
    label: str,
    *,
    started_on: date,
    cadence: Cadence | None = None,
    target_date: date | None = None,
    today: date | None = None,
) -> Benchmark:
    """A :class:`Benchmark` with ``label`` and the date the label means (if it means one)."""
    due = preset_date(
        label, started_on=started_on, cadence=cadence, target_date=target_date, today=today
    )
    return Benchmark(label=label, due=due)


SMART_PARTS: tuple[str, ...] = ("specific", "measurable", "achievable", "relevant", "target")
"""The SMART parts of a goal, each a field of :class:`Goal` (``target``: the target date); a
pack's ``required goal parts`` names some of them (:attr:`GoalSettings.required`)."""

_MISSING_PART = {
    "specific": "Say specifically what will be achieved.",
    "measurable": "Say how you will measure it.",
    "achievable": "Say why it is achievable.",
    "relevant": "Say why it matters.",
}


def goal_problems(goal: Goal, today: date, required: Iterable[str] = SMART_PARTS) -> list[str]:
    """What keeps ``goal`` from being SMART, as short sentences (empty when it is fine).

    ``required`` names the SMART parts that must be filled in (default: all five; a pack may
    ask for fewer). A title is always needed, a target date that has passed is always
    reported, and so is a benchmark without a description or due after the target date.
    """
    needed = set(required)
    problems: list[str] = []
    if not goal.title.strip():
        problems.append("Give the goal a title.")
    for part, sentence in _MISSING_PART.items():
        if part in needed and not str(getattr(goal, part)).strip():
            problems.append(sentence)
    if goal.target_date is None:
        if "target" in needed:
            problems.append("Set a target date.")
    elif goal.target_date <= today and goal.status not in CLOSED_GOAL_STATUSES:
        problems.append("The target date has passed: move it or close the goal.")
    for benchmark in goal.benchmarks:
        if not benchmark.label.strip():
            problems.append("A benchmark has no description.")
        if goal.target_date and benchmark.due and benchmark.due > goal.target_date:
            problems.append(f"Benchmark {benchmark.label!r} is due after the target date.")
    return problems


def is_smart(goal: Goal, today: date, required: Iterable[str] = SMART_PARTS) -> bool:
    """True when :func:`goal_problems` finds nothing."""
    return not goal_problems(goal, today, required)


def goals_counted_against_limit(goals: Iterable[Goal]) -> list[Goal]:
    """The goals a programme's ``maximum goals`` counts: every goal not dropped (and not
    deleted)."""
    return [goal for goal in goals if not goal.deleted and goal.status is not GoalStatus.DROPPED]


def goal_limit_reached(goals: Iterable[Goal], max_goals: int | None) -> str | None:
    """The one sentence to show when another goal would be more than the programme's
    ``max_goals`` (None: there is room, or no limit)."""
    if max_goals is None or len(goals_counted_against_limit(goals)) < max_goals:
        return None
    return (
        f"This programme sets at most {plural(max_goals, 'goal')}: mark one dropped or delete "
        "it to add another."
    )


def overdue_actions(actions: Iterable[ActionItem], today: date) -> list[ActionItem]:
    """The open, not deleted action items whose due date has passed, earliest first."""
    found = [item for item in actions if not item.deleted and item.is_overdue(today)]
    return sorted(found, key=lambda item: (item.due_date or today, item.text))


def overdue_benchmarks(goal: Goal, today: date) -> list[Benchmark]:
    """The benchmarks of ``goal`` not done whose date has passed."""
    return [b for b in goal.benchmarks if not b.done and b.due is not None and b.due < today]


def benchmark_progress(goal: Goal) -> int:
    """Per cent of ``goal``'s benchmarks marked done (0 when it has none)."""
    if not goal.benchmarks:
        return 0
    return round(100 * sum(b.done for b in goal.benchmarks) / len(goal.benchmarks))


def actions_for_goal(actions: Iterable[ActionItem], goal_uid: str) -> list[ActionItem]:
    """The action items linked to the goal ``goal_uid``."""
    return [item for item in actions if item.goal_uid == goal_uid and not item.deleted]


def unlinked_actions(actions: Iterable[ActionItem], goals: Iterable[Goal]) -> list[ActionItem]:
    """Action items linked to no goal, or to a goal that no longer exists."""
    known = {goal.uid for goal in goals if not goal.deleted}
    return [item for item in actions if not item.deleted and item.goal_uid not in known]


def link_action(service: WorkbookService, action_uid: str, goal_uid: str | None) -> ActionItem:
    """Link the action item ``action_uid`` to ``goal_uid`` (None unlinks it) and save it."""
    action = service.get(ActionItem, action_uid)
    if action is None:
        raise NotFoundError(f"no action item {action_uid}")
    if goal_uid is not None and service.get(Goal, goal_uid) is None:
        raise NotFoundError(f"no goal {goal_uid}")
    if action.goal_uid == goal_uid:
        return action
    return service.save(action.model_copy(update={"goal_uid": goal_uid}))


def open_actions(actions: Iterable[ActionItem]) -> list[ActionItem]:
    """The action items still open."""
    return [item for item in actions if item.status is ActionStatus.OPEN and not item.deleted]
