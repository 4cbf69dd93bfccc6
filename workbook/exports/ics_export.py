"""The iCalendar export: the agreed next meeting, the recurring meetings, the review and the
follow-up, each with a reminder.

Recurring meetings are anchored in the meetings' own time zone (``DTSTART;TZID=...`` with its
``VTIMEZONE``), so a 17:00 London meeting stays at 17:00 after the clocks change; the rule is
:func:`workbook.meetings.recurrence_rule`, the same the workbook counts with. Both people are
attendees where their contact is an email address. Every text goes through ``icalendar``'s own
escaping, and names are made one line first: a line break in a name can never start a property
of its own (nothing here relies on ``assert``, so ``python -O`` changes nothing).

UIDs and time stamps come from the relationship, so exporting twice gives the same file and a
calendar that imports it again updates the events instead of doubling them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress

from workbook.agreement_state import agreement_status
from workbook.errors import WorkbookError
from workbook.meetings import local_times, meeting_zone, recurrence_rule
from workbook.models import Relationship, Role, utc_now
from workbook.relationship_pack import pack_of
from workbook.service import WorkbookService
from workbook.sessions import next_meeting
from workbook.text import one_line

PRODID = "-//Mentor Workbook//mentor-workbook//EN"
UID_DOMAIN = "mentor-workbook"
EMAIL = re.compile(r"^[^\s@<>\"',;:()\[\]\\]+@[^\s@<>\"',;:()\[\]\\]+\.[A-Za-z]{2,}$")
"""A contact that can be a calendar attendee (anything else is a chat handle)."""


def _uid(relationship_uid: str, what: str) -> str:
    return f"{one_line(relationship_uid)}-{what}@{UID_DOMAIN}"


def _alarm(reminder: timedelta | None, what: str) -> Alarm | None:
    if not reminder:
        return None
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -reminder)
    alarm.add("description", f"Reminder: {what}")
    return alarm


def _attendees(event: Event, rel: Relationship) -> None:
    for role in Role:
        contact = rel.contact_of(role).strip()
        if not EMAIL.match(contact):
            continue
        address = vCalAddress(f"mailto:{contact}")
        address.params["cn"] = one_line(rel.name_of(role))
        address.params["role"] = "REQ-PARTICIPANT"
        event.add("attendee", address, encode=False)


def _all_day(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def _with_alarm(event: Event, reminder: timedelta | None, what: str) -> Event:
    alarm = _alarm(reminder, what)
    if alarm is not None:
        event.add_component(alarm)
    return event


def _times_note(moment: datetime, rel: Relationship) -> str:
    """Each side's own time for ``moment`` when their zones differ (empty otherwise)."""
    times = local_times(moment, rel)
    if len(times) < 2:
        return ""
    return " " + "; ".join(f"For the {t.who}: {t.text}." for t in times[1:])


def build_calendar(
    service: WorkbookService,
    *,
    reminder: timedelta | None = timedelta(days=1),
    now: datetime | None = None,
) -> Calendar:
    """The calendar of the relationship's meetings, agreement review and follow-up."""
    rel = service.relationship
    now = now or utc_now()
    pair = one_line(rel.pair)
    stamp = rel.updated_at.replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Mentoring: {pair}")
    cadence = rel.cadence
    zone = meeting_zone(cadence)
    if cadence is not None and cadence.first_meeting is not None:
        first = cadence.first_meeting.replace(microsecond=0).astimezone(zone)
        meeting = Event()
        meeting.add("uid", _uid(rel.uid, "meetings"))
        meeting.add("dtstamp", stamp)
        meeting.add("dtstart", first)
        meeting.add("duration", timedelta(minutes=cadence.duration_minutes))
        meeting.add("rrule", recurrence_rule(cadence))
        meeting.add("summary", f"Mentoring session: {pair}")
        meeting.add(
            "description",
            f"Agreed cadence: {one_line(cadence.describe())}.{_times_note(first, rel)}",
        )
        if cadence.place:
            meeting.add("location", one_line(cadence.place))
        _attendees(meeting, rel)
        calendar.add_component(_with_alarm(meeting, reminder, "mentoring session"))
    upcoming = next_meeting(service, now)
    if upcoming is not None and upcoming.source != "by the cadence":
        at = upcoming.at.replace(microsecond=0).astimezone(zone)
        event = Event()
        event.add("uid", _uid(rel.uid, "next-meeting"))
        event.add("dtstamp", stamp)
        event.add("dtstart", at)
        minutes = cadence.duration_minutes if cadence is not None else 60
        event.add("duration", timedelta(minutes=minutes))
        event.add("summary", f"Next mentoring session: {pair}")
        event.add("description", f"The next meeting, {upcoming.source}.{_times_note(at, rel)}")
        _attendees(event, rel)
        calendar.add_component(_with_alarm(event, reminder, "next mentoring session"))
    status = agreement_status(service, pack_of(service), now.date())
    if status.review_on is not None:
        calendar.add_component(
            _with_alarm(
                _all_day(
                    _uid(rel.uid, "agreement-review"),
                    status.review_on,
                    f"Review the mentoring agreement: {pair}",
                    "Time to review the mentoring agreement together.",
                    stamp,
                ),
                reminder,
                "review the mentoring agreement",
            )
        )
    if rel.follow_up_on is not None:
        calendar.add_component(
            _with_alarm(
                _all_day(
                    _uid(rel.uid, "follow-up"),
                    rel.follow_up_on,
                    f"Mentoring follow-up: {pair}",
                    "Check in on how things have gone since the programme.",
                    stamp,
                ),
                reminder,
                "mentoring follow-up",
            )
        )
    calendar.add_missing_timezones()
    return calendar


def export_ics(
    service: WorkbookService,
    *,
    include_private: bool = False,
    reminder_minutes: int | None = None,
    now: datetime | None = None,
) -> str:
    """The iCalendar text (private content never goes into a calendar). Reminders go off
    ``reminder_minutes`` before each event (default: the ``calendar_reminder_minutes``
    setting, a day; 0: none)."""
    if reminder_minutes is None:
        from workbook.settings import load_settings

        reminder_minutes = load_settings().calendar_reminder_minutes
    reminder = timedelta(minutes=reminder_minutes) if reminder_minutes > 0 else None
    calendar = build_calendar(service, reminder=reminder, now=now)
    if not calendar.walk("VEVENT"):
        raise WorkbookError(
            f"nothing to put in a calendar for {one_line(service.relationship.pair)}: agree a "
            "cadence with a first meeting, a next meeting, an agreement or a follow-up date first"
        )
    text: str = calendar.to_ical().decode("utf-8")
    return text
