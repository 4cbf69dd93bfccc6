"""The cadence form's fields read by the core: the model's limits, blanks, the meetings' zone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from workbook.cadence_input import (
    TypedCadence,
    first_meeting_fields,
    local_zone_name,
    read_cadence,
    read_meeting_time,
    typed_from,
)
from workbook.models import Cadence
from workbook.typed_input import field_limits, parse_clock_time, parse_whole_number


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's local zone is New York for the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_limits_come_from_the_model() -> None:
    assert field_limits(Cadence, "every_weeks") == (1, 52)
    assert field_limits(Cadence, "duration_minutes") == (5, 600)
    low, high = field_limits(Cadence, "count")
    assert parse_whole_number(str(high), Cadence, "count", "Sessions") == (high, "")
    value, message = parse_whole_number(str(high + 1), Cadence, "count", "Sessions")
    assert value is None and message == f"Sessions is a whole number from {low} to {high}."
    assert parse_whole_number("two", Cadence, "every_weeks", "Weeks")[0] is None


def test_wrong_or_blank_fields_keep_the_stored_value() -> None:
    stored = Cadence(every_weeks=3, duration_minutes=45, place="Zoom")
    cadence, errors = read_cadence(
        TypedCadence(every="99", minutes="", count="4", place=" Teams "), stored
    )
    assert (cadence.every_weeks, cadence.duration_minutes) == (3, 45)
    assert (cadence.count, cadence.place) == (4, "Teams")
    assert errors["every"] == "Weeks between meetings is a whole number from 1 to 52."
    assert errors["minutes"] == "" and errors["count"] == ""


def test_half_a_first_meeting_says_what_is_missing() -> None:
    _, errors = read_cadence(TypedCadence(first_date="2030-05-06"), None)
    assert errors["first_time"] == "Add the time of the first meeting (HH:MM)."
    _, errors = read_cadence(TypedCadence(first_time="25:00"), None)
    assert "not a time" in errors["first_time"]
    assert parse_clock_time("7:05") is not None and parse_clock_time("7pm") is None


def test_first_meeting_is_typed_in_the_meetings_zone_across_summer_time() -> None:
    stored = Cadence(timezone="Europe/London")
    summer, _ = read_cadence(TypedCadence(first_date="2030-07-01", first_time="18:30"), stored)
    winter, _ = read_cadence(TypedCadence(first_date="2030-01-07", first_time="18:30"), stored)
    assert summer.first_meeting == datetime(2030, 7, 1, 17, 30, tzinfo=UTC)
    assert winter.first_meeting == datetime(2030, 1, 7, 18, 30, tzinfo=UTC)
    assert first_meeting_fields(summer) == ("2030-07-01", "18:30")
    assert typed_from(winter).first_time == "18:30"


def test_without_a_zone_the_local_one_is_used_and_recorded(new_york: None) -> None:
    assert local_zone_name() == "America/New_York"
    cadence, _ = read_cadence(TypedCadence(first_date="2030-07-01", first_time="18:30"), None)
    assert cadence.first_meeting == datetime(2030, 7, 1, 22, 30, tzinfo=UTC)
    assert cadence.timezone == "America/New_York"
    cleared, _ = read_cadence(TypedCadence(), cadence)
    assert cleared.first_meeting is None


def test_a_meeting_time_must_be_in_the_future_with_one_error() -> None:
    cadence = Cadence(timezone="UTC")
    now = datetime(2030, 5, 6, 12, 0, tzinfo=UTC)
    later = read_meeting_time("2030-05-06", "18:30", cadence)
    assert later.in_future(now, "Too early.") == (datetime(2030, 5, 6, 18, 30, tzinfo=UTC), "")
    earlier = read_meeting_time("2030-05-06", "09:00", cadence)
    assert earlier.in_future(now, "Too early.") == (None, "Too early.")
    wrong = read_meeting_time("2030-05-06", "25:00", cadence)
    assert wrong.in_future(now, "Too early.") == (
        None,
        "'25:00' is not a time: use HH:MM (24-hour).",
    )
    assert read_meeting_time("", "", cadence).in_future(now, "Too early.") == (None, "")
