"""SMART checks, benchmark presets, overdue items and goal links."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from core_helpers import new_service

from workbook.errors import NotFoundError
from workbook.goals import (
    BENCHMARK_PRESETS,
    actions_for_goal,
    add_months,
    benchmark_from_preset,
    benchmark_progress,
    goal_problems,
    is_smart,
    link_action,
    overdue_actions,
    overdue_benchmarks,
    preset_date,
    unlinked_actions,
)
from workbook.models import ActionItem, ActionStatus, Benchmark, Cadence, Goal, GoalStatus

TODAY = date(2025, 3, 1)


def smart_goal(**changes: object) -> Goal:
    fields = dict(
        title="Get a junior role",
        specific="Backend role",
        measurable="Offer letter",
        achievable="Two years of scripting",
        relevant="Career change",
        target_date=date(2025, 9, 1),
    )
    fields.update(changes)
    return Goal(**fields)


def test_a_complete_goal_has_no_problems() -> None:
    assert goal_problems(smart_goal(), TODAY) == []
    assert is_smart(smart_goal(), TODAY)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"title": " "}, "title"),
        ({"measurable": ""}, "measure"),
        ({"specific": ""}, "specifically"),
        ({"target_date": None}, "target date"),
        ({"target_date": date(2025, 2, 1)}, "passed"),
        ({"benchmarks": [Benchmark(label="halfway", due=date(2025, 10, 1))]}, "after the target"),
    ],
)
def test_problems_are_reported(changes: dict, fragment: str) -> None:
    problems = goal_problems(smart_goal(**changes), TODAY)
    assert any(fragment in problem for problem in problems), problems


def test_closed_goals_may_have_a_past_target() -> None:
    goal = smart_goal(target_date=date(2025, 2, 1), status=GoalStatus.ACHIEVED)
    assert goal_problems(goal, TODAY) == []


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)


def test_presets_give_dates() -> None:
    start = date(2025, 1, 6)
    cadence = Cadence(every_weeks=2, first_meeting=datetime(2025, 1, 13, 17, tzinfo=UTC))
    assert preset_date("by session two", started_on=start, cadence=cadence) == date(2025, 1, 27)
    assert preset_date("by session 3", started_on=start) == date(2025, 2, 3)
    assert preset_date("in three months", started_on=start) == date(2025, 4, 6)
    assert preset_date("in two weeks", started_on=start, today=TODAY) == date(2025, 3, 15)
    assert preset_date(
        "by the target date", started_on=start, target_date=date(2025, 9, 1)
    ) == date(2025, 9, 1)
    assert preset_date("when we feel like it", started_on=start) is None
    for label in BENCHMARK_PRESETS:
        bench = benchmark_from_preset(label, started_on=start, target_date=date(2025, 9, 1))
        assert bench.label == label and bench.due is not None


def test_overdue_and_progress() -> None:
    items = [
        ActionItem(text="late", due_date=date(2025, 2, 1)),
        ActionItem(text="done late", due_date=date(2025, 2, 1), status=ActionStatus.DONE),
        ActionItem(text="future", due_date=date(2025, 4, 1)),
        ActionItem(text="earlier", due_date=date(2025, 1, 1)),
    ]
    assert [i.text for i in overdue_actions(items, TODAY)] == ["earlier", "late"]
    goal = smart_goal(
        benchmarks=[
            Benchmark(label="a", due=date(2025, 2, 1)),
            Benchmark(label="b", due=date(2025, 2, 1), done=True),
        ]
    )
    assert [b.label for b in overdue_benchmarks(goal, TODAY)] == ["a"]
    assert benchmark_progress(goal) == 50 and benchmark_progress(smart_goal()) == 0


def test_linking_actions_to_goals(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        goal = svc.save(smart_goal())
        action = svc.save(ActionItem(text="Update CV"))
        assert unlinked_actions(svc.actions(), svc.goals()) == [action]
        linked = link_action(svc, action.uid, goal.uid)
        assert linked.goal_uid == goal.uid
        assert actions_for_goal(svc.actions(), goal.uid) == [linked]
        assert link_action(svc, action.uid, goal.uid) is linked
        assert link_action(svc, action.uid, None).goal_uid is None
        with pytest.raises(NotFoundError):
            link_action(svc, action.uid, "nope")
        with pytest.raises(NotFoundError):
            link_action(svc, "nope", goal.uid)
