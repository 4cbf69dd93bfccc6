"""The core behind the pack settings the screens show: web addresses, scale labels, the rhythm
typed in words, the goals a programme requires and allows, what a condition depends on, and
statements left out of the step bar's count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbook.agreement import format_value
from workbook.cadence_input import (
    RHYTHM_EXAMPLE,
    TypedCadence,
    read_cadence,
    read_rhythm,
    typed_from,
)
from workbook.conditions import deciding_prompt_ids, pack_conditions
from workbook.content.catalog import PackCatalog
from workbook.content.model import Pack, Prompt, PromptKind, ShowIf, Tab
from workbook.exports.markdown_export import export_markdown
from workbook.goals import goal_limit_reached, goal_problems, is_smart
from workbook.models import Author, Cadence, Goal, GoalStatus, Role
from workbook.progress import tab_progress
from workbook.scales import labelled_points, scale_description
from workbook.service import WorkbookService
from workbook.typed_input import parse_web_address

FEATURES = Path(__file__).parent / "data" / "features"
TODAY = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://meet.example.org/abc", "https://meet.example.org/abc"),
        ("  http://zoom.us/j/123?pwd=x  ", "http://zoom.us/j/123?pwd=x"),
        ("HTTPS://Example.org", "HTTPS://Example.org"),
        ("https://[::1]:8080/room", "https://[::1]:8080/room"),
        ("https://münchen.de/raum", "https://münchen.de/raum"),
        ("zoom.us/j/123", None),
        ("www.example.org", None),
        ("ftp://files.example.org", None),
        ("javascript:alert(1)", None),
        ("https://", None),
        ("https:///path-only", None),
        ("https://example.org/a b", None),
        ("https://example.org:port", None),
        ("https://example.org/\x1b]8;;evil\x1b\\", None),
        ("https://example.org/\u202e", None),
        ("", None),
    ],
)
def test_a_link_must_be_a_web_address(typed: str, expected: str | None) -> None:
    assert parse_web_address(typed) == expected


def _scale(**fields: object) -> Prompt:
    return Prompt(id="doing", title="How are you doing?", kind=PromptKind.SCALE, **fields)  # type: ignore[arg-type]


def test_scale_labels_read_the_same_everywhere() -> None:
    prompt = _scale(scale_min=0, scale_max=10, scale_labels={10: "thriving", 0: "struggling"})
    assert labelled_points(prompt.scale_labels, 0, 10) == ["0 = struggling", "10 = thriving"]
    assert labelled_points({0: "x", 11: "beyond"}, 1, 10) == []  # outside the scale: left out
    assert scale_description(prompt) == "on a scale of 0 to 10: 0 = struggling, 10 = thriving"
    assert scale_description(_scale()) == "on a scale of 1 to 5"
    assert format_value(prompt, 7) == ["7 (on a scale of 0 to 10: 0 = struggling, 10 = thriving)"]
    starred = _scale(scale_labels={1: "*low*", 5: "[high](x)"})
    assert format_value(starred, 2) == [r"2 (on a scale of 1 to 5: 1 = \*low\*, 5 = \[high\](x))"]


def test_the_markdown_export_says_what_a_scale_answer_means(tmp_path: Path) -> None:
    pack = PackCatalog.default(extra=FEATURES).load("features")
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="features", pack_version="1.0", folder=tmp_path
    )
    service.set_answer("doing", Author.MENTEE, 8)
    text = export_markdown(service, pack=pack, today=TODAY)
    assert (
        "- Mentee: 8 (on a scale of 0 to 10: 0 = struggling, 5 = getting by, 10 = thriving)" in text
    )


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        ("2", {"every_weeks": 2, "times_per_month": None}),
        ("3 weeks", {"every_weeks": 3, "times_per_month": None}),
        ("every week", {"every_weeks": 1, "times_per_month": None}),
        ("Every  4 weeks", {"every_weeks": 4, "times_per_month": None}),
        ("fortnightly", {"every_weeks": 2, "times_per_month": None}),
        ("twice a month", {"times_per_month": 2}),
        ("once a month", {"times_per_month": 1}),
        ("3 times a month", {"times_per_month": 3}),
    ],
)
def test_the_rhythm_is_typed_in_words(typed: str, fields: dict[str, int | None]) -> None:
    assert read_rhythm(typed) == (fields, "")


def test_a_rhythm_that_is_not_one_or_out_of_range_says_so() -> None:
    assert read_rhythm("often") == ({}, RHYTHM_EXAMPLE)
    assert read_rhythm("every 60 weeks")[1] == "Every 1 to 52 weeks, or 1 to 8 times a month."
    assert read_rhythm("9 times a month")[1] == "Every 1 to 52 weeks, or 1 to 8 times a month."
    assert read_rhythm("99")[1] == "Weeks between meetings is a whole number from 1 to 52."


def test_twice_a_month_round_trips_through_the_form() -> None:
    stored = Cadence(every_weeks=3, duration_minutes=45)
    twice, errors = read_cadence(TypedCadence(every="twice a month", minutes="45"), stored)
    assert not any(errors.values())
    assert twice.times_per_month == 2 and twice.rhythm == "twice a month"
    assert typed_from(twice).every == "twice a month"
    back, _ = read_cadence(TypedCadence(every="every 3 weeks", minutes="45"), twice)
    assert (back.times_per_month, back.every_weeks) == (None, 3)
    assert Cadence(every_weeks=1).rhythm == "every week"
    assert Cadence(every_weeks=2, duration_minutes=50).describe() == "every 2 weeks, 50 minutes"


def _goal(**changes: object) -> Goal:
    fields: dict[str, object] = {"title": "Ship the planner", "specific": "Ten users"}
    fields.update(changes)
    return Goal(**fields)  # type: ignore[arg-type]


def test_only_the_parts_a_programme_requires_are_insisted_on() -> None:
    goal = _goal(target_date=date(2026, 5, 1))
    assert "Say how you will measure it." in goal_problems(goal, TODAY)  # all five by default
    assert goal_problems(goal, TODAY, ("specific", "target")) == []
    assert is_smart(goal, TODAY, ("specific", "target"))
    assert goal_problems(_goal(specific=""), TODAY, ("specific", "target")) == [
        "Say specifically what will be achieved.",
        "Set a target date.",
    ]
    assert goal_problems(_goal(), TODAY, ()) == []  # "required goal parts: none"
    late = _goal(target_date=date(2025, 1, 1))
    assert goal_problems(late, TODAY, ()) == [
        "The target date has passed: move it or close the goal."
    ]


def test_the_maximum_number_of_goals_leaves_out_dropped_ones() -> None:
    goals = [_goal(), _goal(status=GoalStatus.DROPPED)]
    assert goal_limit_reached(goals, None) is None
    assert goal_limit_reached(goals, 2) is None
    assert goal_limit_reached([*goals, _goal()], 2) == (
        "This programme sets at most 2 goals: mark one dropped or delete it to add another."
    )
    assert goal_limit_reached([_goal()], 1) == (
        "This programme sets at most 1 goal: mark one dropped or delete it to add another."
    )


def test_deciding_prompts_are_those_a_condition_names() -> None:
    pack = PackCatalog.default(extra=FEATURES).load("features")
    assert deciding_prompt_ids(pack) == {"meeting-place", "learning"}


def test_statements_do_not_count_in_a_tab_s_progress(tmp_path: Path) -> None:
    """(Fails on the code before: a statement counted as an unanswered question, 0/1.)"""
    statement = Prompt(id="voluntary", title="Taking part is voluntary", kind=PromptKind.STATEMENT)
    question = Prompt(id="hopes", title="Hopes?", kind=PromptKind.SHORT_TEXT)
    tab = Tab(id="terms", title="Terms", prompts=(statement, question))
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="p", pack_version="1", folder=tmp_path
    )
    pack = Pack(id="p", title="P", version="1", tabs=(tab,))

    def progress() -> tuple[int, int]:
        overall = tab_progress(service, pack, tab, Role.MENTOR).overall
        return overall.done, overall.total

    assert progress() == (0, 2)  # the mentor's and the mentee's answer to "hopes"
    service.set_answer("hopes", Author.MENTOR, "A lot")
    service.set_answer("hopes", Author.MENTEE, "More")
    assert progress() == (2, 2)
    assert pack.prompt("voluntary") is statement


def test_a_condition_s_decider_is_found_even_across_tabs() -> None:
    first = Prompt(id="mode", title="Mode", kind=PromptKind.YES_NO)
    later = Prompt(
        id="link",
        title="Link",
        kind=PromptKind.LINK,
        show_if=ShowIf(prompt="mode", values=("yes",)),
    )
    pack = Pack(
        id="p",
        title="P",
        version="1",
        tabs=(Tab(id="a", title="A", prompts=(first,)), Tab(id="b", title="B", prompts=(later,))),
    )
    assert deciding_prompt_ids(pack) == {"mode"}


def test_a_question_its_condition_hides_does_not_count_in_the_step_bar(tmp_path: Path) -> None:
    """(Fails on the code before: the step bar counted hidden follow-up questions.)"""
    pack = PackCatalog.default(extra=FEATURES).load("features")
    tab = pack.tab("meeting")
    assert tab is not None
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="features", pack_version="1.0", folder=tmp_path
    )

    def progress() -> tuple[int, int]:
        overall = tab_progress(
            service, pack, tab, Role.MENTOR, shown=pack_conditions(service, pack)
        ).overall
        return overall.done, overall.total

    assert progress() == (0, 1)
    service.set_answer("meeting-place", Author.JOINT, "Video call")
    assert progress() == (1, 2)
    service.set_answer("video-link", Author.JOINT, "https://meet.example.org/abc")
    assert progress() == (2, 2)
    service.set_answer("meeting-place", Author.JOINT, "In person")
    assert progress() == (1, 1)  # the link is hidden, and kept
    assert service.answer("video-link", Author.JOINT) is not None
