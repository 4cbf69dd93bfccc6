"""The meeting cadence as typed into a form: every field checked against the model's own
limits, and the first meeting read and shown in the meetings' time zone.

The form keeps its fields as text; :func:`read_cadence` turns them into a :class:`Cadence`,
keeping the stored value of any field that is blank or wrong, and says what is wrong with
each. The first meeting is typed as a local date and time in the meetings' zone (the
cadence's own ``timezone``, else this computer's zone) and stored in UTC; so is every other
meeting time a form asks for (:func:`read_meeting_time`: the next meeting agreed at the close
of a session, a missed meeting's new time), so the same "17:00" is the same moment in each.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workbook.content.phrases import parse_rhythm
from workbook.models import Cadence
from workbook.typed_input import field_limits, parse_clock_time, parse_date, parse_whole_number

ZONEINFO_MARKER = "zoneinfo/"
"""What precedes the zone name in the target of ``/etc/localtime`` (``.../zoneinfo/Europe/London``)."""


RHYTHM_EXAMPLE = "Write e.g. 'every 2 weeks' or 'twice a month'."
"""What the rhythm field says when what is typed is not a rhythm."""


@dataclass(frozen=True)
class TypedCadence:
    """The cadence form's fields, as typed."""

    every: str = ""
    """How often, in words (``every 2 weeks``, ``twice a month``); a bare number is weeks."""
    minutes: str = ""
    count: str = ""
    """How many meetings are planned ("" for no fixed number)."""
    first_date: str = ""
    """The first meeting's local date, ``YYYY-MM-DD``."""
    first_time: str = ""
    """The first meeting's local time, ``HH:MM``."""
    place: str = ""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The field names, in form order."""
        return tuple(field.name for field in fields(cls))

    @property
    def started(self) -> bool:
        """True once anything has been typed."""
        return any(getattr(self, name).strip() for name in self.names())


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_zone_name() -> str:
    """This computer's IANA time zone (``Europe/London``), or "" when it cannot be told."""
    from_env = os.environ.get("TZ", "").removeprefix(":")
    if _zone(from_env) is not None:
        return from_env
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return ""
    name = target.rpartition(ZONEINFO_MARKER)[2] if ZONEINFO_MARKER in target else ""
    return name if _zone(name) is not None else ""


def meeting_zone(cadence: Cadence | None) -> ZoneInfo | None:
    """The zone the meetings are agreed in: the cadence's own, or None for this computer's
    (whose rules, summer time included, Python applies to local times)."""
    return _zone(cadence.timezone) if cadence is not None else None


def in_meeting_zone(moment: datetime, cadence: Cadence | None) -> datetime:
    """``moment`` (aware) as a time in the meetings' zone."""
    zone: tzinfo | None = meeting_zone(cadence)
    return moment.astimezone(zone)


def from_meeting_zone(local: datetime, cadence: Cadence | None) -> datetime:
    """A naive local date and time in the meetings' zone as an aware datetime."""
    zone = meeting_zone(cadence)
    return local.replace(tzinfo=zone) if zone is not None else local.astimezone()


def meeting_fields(moment: datetime | None, cadence: Cadence | None) -> tuple[str, str]:
    """``moment`` as (date, time) text in the meetings' zone, or blanks."""
    if moment is None:
        return "", ""
    local = in_meeting_zone(moment, cadence)
    return local.date().isoformat(), local.strftime("%H:%M")


def first_meeting_fields(cadence: Cadence | None) -> tuple[str, str]:
    """The first meeting as (date, time) text in the meetings' zone, or blanks."""
    return meeting_fields(cadence.first_meeting if cadence else None, cadence)


def meeting_zone_label(cadence: Cadence | None) -> str:
    """The zone meeting times are typed in, for a form: ``Europe/London``, or "this
    computer's time" when no zone name can be told."""
    name = (cadence.timezone if cadence is not None else "") or local_zone_name()
    return name or "this computer's time"


def typed_from(cadence: Cadence | None) -> TypedCadence:
    """What the form shows for a stored cadence (all blank when none was agreed)."""
    if cadence is None:
        return TypedCadence()
    first_date, first_time = first_meeting_fields(cadence)
    return TypedCadence(
        every=cadence.rhythm,
        minutes=str(cadence.duration_minutes),
        count=str(cadence.count) if cadence.count else "",
        first_date=first_date,
        first_time=first_time,
        place=cadence.place,
    )


def read_cadence(typed: TypedCadence, stored: Cadence | None) -> tuple[Cadence, dict[str, str]]:
    """The cadence the typed fields give, and an error sentence per field ("" when fine).

    A field that is wrong keeps the stored value (the others still count); a blank number of
    weeks or minutes also keeps it, without a message (it is being retyped). The result is
    validated by the model.
    """
    base = stored or Cadence()
    update: dict[str, object] = {}
    errors = dict.fromkeys(TypedCadence.names(), "")
    if typed.every.strip():
        rhythm, errors["every"] = read_rhythm(typed.every)
        update.update(rhythm)
    if typed.minutes.strip():
        minutes, errors["minutes"] = parse_whole_number(
            typed.minutes, Cadence, "duration_minutes", "Minutes"
        )
        if minutes is not None:
            update["duration_minutes"] = minutes
    if not typed.count.strip():
        update["count"] = None
    else:
        count, errors["count"] = parse_whole_number(typed.count, Cadence, "count", "Sessions")
        if count is not None:
            update["count"] = count
    update["place"] = typed.place.strip()
    first, first_errors = _first_meeting(typed, base)
    errors.update(first_errors)
    if first is not None or not (typed.first_date.strip() or typed.first_time.strip()):
        update["first_meeting"] = first
        if first is not None and first != base.first_meeting and not base.timezone:
            update["timezone"] = local_zone_name()  # the zone it was typed in
    cadence = Cadence.model_validate(base.model_copy(update=update).model_dump())
    return cadence, errors


def read_rhythm(text: str) -> tuple[dict[str, int | None], str]:
    """How often meetings happen, as typed: the cadence fields it sets (``every_weeks``, or
    ``times_per_month``), and an error sentence ("" when fine; then nothing is set).

    The words a pack's ``meetings`` takes (``every 2 weeks``, ``fortnightly``, ``once a
    month``, ``twice a month``, ``3 times a month``); a bare number (``2``) or ``2 weeks``
    means every so many weeks. Limits are the model's.
    """
    words = " ".join(text.lower().split())
    if words.isdigit():
        weeks, error = parse_whole_number(words, Cadence, "every_weeks", "Weeks between meetings")
        return ({"every_weeks": weeks, "times_per_month": None}, "") if weeks else ({}, error)
    rhythm = parse_rhythm(words) or parse_rhythm(f"every {words}")
    if rhythm is None:
        return {}, RHYTHM_EXAMPLE
    low_weeks, high_weeks = field_limits(Cadence, "every_weeks")
    low_times, high_times = field_limits(Cadence, "times_per_month")
    if rhythm.times_per_month is not None:
        if low_times <= rhythm.times_per_month <= high_times:
            return {"times_per_month": rhythm.times_per_month}, ""
    elif rhythm.every_weeks is not None and low_weeks <= rhythm.every_weeks <= high_weeks:
        return {"every_weeks": rhythm.every_weeks, "times_per_month": None}, ""
    return {}, (
        f"Every {low_weeks} to {high_weeks} weeks, or {low_times} to {high_times} times a month."
    )


@dataclass(frozen=True)
class TypedMoment:
    """A meeting time read from a date field and a time field."""

    moment: datetime | None
    """The moment (aware), or None when the fields are blank or wrong."""
    date_error: str = ""
    time_error: str = ""

    @property
    def ok(self) -> bool:
        """True when neither field is wrong (both may be blank)."""
        return not (self.date_error or self.time_error)

    def in_future(self, now: datetime, too_early: str) -> tuple[datetime | None, str]:
        """The moment when it is after ``now``, and the one error sentence to show: a field's
        error, else ``too_early`` when the moment is not in the future."""
        error = self.date_error or self.time_error
        if self.moment is not None and self.moment <= now:
            error = too_early
        return (self.moment if not error else None), error


def read_meeting_time(
    day_text: str, time_text: str, cadence: Cadence | None, what: str = "the meeting"
) -> TypedMoment:
    """A moment typed as a local date and time in the meetings' zone. Both blank is no moment
    and no error; one without the other is an error naming ``what``."""
    day_text, time_text = day_text.strip(), time_text.strip()
    day = parse_date(day_text) if day_text else None
    at = parse_clock_time(time_text) if time_text else None
    date_error = f"{day_text!r} is not a date: use YYYY-MM-DD." if day_text and day is None else ""
    time_error = (
        f"{time_text!r} is not a time: use HH:MM (24-hour)." if time_text and at is None else ""
    )
    if day is not None and not time_text:
        time_error = f"Add the time of {what} (HH:MM)."
    if at is not None and not day_text:
        date_error = f"Add the date of {what} (YYYY-MM-DD)."
    if day is None or at is None:
        return TypedMoment(None, date_error, time_error)
    return TypedMoment(from_meeting_zone(datetime.combine(day, at), cadence))


def _first_meeting(typed: TypedCadence, base: Cadence) -> tuple[datetime | None, dict[str, str]]:
    """The first meeting typed (in UTC), or None; and the two fields' error sentences."""
    read = read_meeting_time(typed.first_date, typed.first_time, base, "the first meeting")
    return read.moment, {"first_date": read.date_error, "first_time": read.time_error}
