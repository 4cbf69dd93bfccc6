"""When meetings happen: the cadence's recurrence in the organiser's time zone, and each side's
own clock.

A recurring meeting keeps its local time: "Tuesdays at 17:00 in London" stays 17:00 in London
after the clocks change, so occurrences are counted in the meetings' zone
(``Cadence.timezone``) and only then turned into UTC. The calendar export writes the same rule
(:func:`recurrence_rule`), so what ``status`` and the workbook say and what a calendar shows
agree. "Twice a month" is the first meeting's weekday in two weeks of each month (the 1st and
3rd Tuesday, say).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workbook.errors import UsageError
from workbook.models import Cadence, Relationship, Role

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""iCalendar's names of the weekdays, Monday first (as ``date.weekday()``)."""
MAX_MONTHS_SCANNED = 1200
"""How far :func:`occurrences` looks ahead at most (a hundred years)."""


# ------------------------------------------------------------------------------ zones
def zone_of(name: str) -> tzinfo | None:
    """The time zone called ``name`` (an IANA name such as ``Europe/London``), or None when
    there is no such zone or ``name`` is empty."""
    if not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def check_timezone(name: str, what: str = "the time zone") -> str:
    """``name`` stripped when it is a known IANA time zone ("" is allowed: not given)."""
    name = name.strip()
    if name and zone_of(name) is None:
        raise UsageError(
            f"{what} {name!r} is not a time zone this computer knows: give a name such as "
            "Europe/London or America/New_York"
        )
    return name


def meeting_zone(cadence: Cadence | None) -> tzinfo:
    """The zone the meetings are agreed in (UTC for cadences without one)."""
    return (zone_of(cadence.timezone) if cadence else None) or UTC


DAYS_PER_MONTH = 365.25 / 12
"""The length of an average month, in days."""


def days_between_meetings(every_weeks: int | None, times_per_month: int | None) -> int | None:
    """The days a rhythm leaves between meetings: ``every_weeks`` weeks, or an average month
    shared by ``times_per_month`` meetings (twice a month: 15 days). None when neither is
    given. ``times_per_month`` wins, as in :class:`~workbook.models.Cadence`."""
    if times_per_month:
        return round(DAYS_PER_MONTH / times_per_month)
    if every_weeks:
        return 7 * every_weeks
    return None


def describe_moment(moment: datetime, zone_name: str = "") -> str:
    """``moment`` as local time in ``zone_name``: ``2025-03-25 17:00 Europe/London`` (UTC when
    the zone is empty or unknown)."""
    zone = zone_of(zone_name)
    if zone is None:
        return f"{moment.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC"
    return f"{moment.astimezone(zone).strftime('%Y-%m-%d %H:%M')} {zone_name.strip()}"


@dataclass(frozen=True)
class LocalTime:
    """A moment as one side (or the meeting's organiser) reads it on their own clock."""

    who: str
    """``meeting`` for the zone the meetings are agreed in, else a role value."""
    zone: str
    text: str
    """E.g. ``2025-03-25 13:00 America/New_York``."""


def local_times(moment: datetime, relationship: Relationship) -> list[LocalTime]:
    """``moment`` in the meetings' zone, then in each side's own zone where it differs (empty
    zones are the meetings' own). The first entry is always the meetings' time."""
    meeting = relationship.cadence.timezone if relationship.cadence else ""
    found = [LocalTime("meeting", meeting, describe_moment(moment, meeting))]
    seen = {zone_of(meeting) or UTC}
    for role in Role:
        zone_name = relationship.timezone_of(role)
        zone = zone_of(zone_name)
        if zone is None or zone in seen:
            continue
        seen.add(zone)
        found.append(LocalTime(role.value, zone_name, describe_moment(moment, zone_name)))
    return found


# ------------------------------------------------------------------------- recurrence
def _local_first(cadence: Cadence) -> datetime | None:
    if cadence.first_meeting is None:
        return None
    return cadence.first_meeting.astimezone(meeting_zone(cadence))


def _week_of_month(day: date) -> int:
    return (day.day - 1) // 7 + 1


def monthly_positions(cadence: Cadence, first: date) -> list[int]:
    """Which weeks of each month a "N times a month" cadence meets in (``-1`` is the last),
    chosen so that the first meeting is one of them."""
    times = cadence.times_per_month or 1
    week = _week_of_month(first)
    if week == 5:
        return {1: [-1], 2: [-3, -1]}.get(times, [-3, -2, -1])
    if times == 1:
        return [week]
    if times == 2:
        return [week, week + 2] if week <= 2 else [week - 2, week]
    start = min(week, 5 - times)
    return list(range(start, start + times))


def is_weekly(cadence: Cadence) -> bool:
    """True when the cadence repeats by weeks (every N weeks, or four or more times a month)."""
    return cadence.times_per_month is None or cadence.times_per_month >= 4


def recurrence_rule(cadence: Cadence) -> dict[str, object]:
    """The cadence as an iCalendar ``RRULE`` (for ``icalendar``): weekly with an interval, or
    monthly on the first meeting's weekday in given weeks of the month."""
    first = _local_first(cadence)
    rule: dict[str, object]
    if is_weekly(cadence) or first is None:
        interval = cadence.every_weeks if cadence.times_per_month is None else 1
        rule = {"freq": "weekly", "interval": interval}
    else:
        code = WEEKDAY_CODES[first.weekday()]
        rule = {
            "freq": "monthly",
            "byday": [f"{pos}{code}" for pos in monthly_positions(cadence, first.date())],
        }
    if cadence.count:
        rule["count"] = cadence.count
    return rule


def _nth_weekday(year: int, month: int, weekday: int, position: int) -> date | None:
    days = [
        date(year, month, day)
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, day).weekday() == weekday
    ]
    index = position - 1 if position > 0 else len(days) + position
    return days[index] if 0 <= index < len(days) else None


def occurrences(
    cadence: Cadence, *, after: datetime | None = None, limit: int = 1
) -> list[datetime]:
    """Up to ``limit`` meetings of the cadence (UTC), from the first one, or the first ones
    starting after ``after``; each keeps its local time in the meetings' zone."""
    first = _local_first(cadence)
    if first is None or limit < 1:
        return []
    zone = meeting_zone(cadence)
    wall = first.replace(tzinfo=None)
    found: list[datetime] = []
    for number, local in enumerate(_wall_times(cadence, wall), 1):
        if cadence.count and number > cadence.count:
            break
        moment = local.replace(tzinfo=zone).astimezone(UTC)
        if after is None or moment > after:
            found.append(moment)
            if len(found) >= limit:
                break
    return found


def _wall_times(cadence: Cadence, wall: datetime) -> Iterator[datetime]:
    """The local wall-clock times of every meeting, in order (an endless generator)."""
    if is_weekly(cadence):
        step = timedelta(weeks=cadence.every_weeks if cadence.times_per_month is None else 1)
        moment = wall
        while True:
            yield moment
            moment += step
    positions = monthly_positions(cadence, wall.date())
    year, month = wall.year, wall.month
    for _ in range(MAX_MONTHS_SCANNED):
        days = sorted(
            day
            for pos in positions
            if (day := _nth_weekday(year, month, wall.weekday(), pos)) is not None
        )
        for day in days:
            if day >= wall.date():
                yield datetime.combine(day, wall.time())
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def next_by_cadence(cadence: Cadence | None, after: datetime) -> datetime | None:
    """The first meeting of the cadence after ``after`` (None without a first meeting, or
    when its planned meetings are over)."""
    if cadence is None:
        return None
    found = occurrences(cadence, after=after, limit=1)
    return found[0] if found else None


def nth_meeting(cadence: Cadence, number: int) -> datetime | None:
    """The ``number``-th meeting of the cadence (1 is the first), if the cadence has one."""
    found = occurrences(cadence, limit=number)
    return found[number - 1] if len(found) >= number else None
