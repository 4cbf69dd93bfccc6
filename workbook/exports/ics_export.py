"""The iCalendar export: the agreed meetings as a recurring event, plus review and follow-up.

UIDs and time stamps come from the relationship, so exporting twice gives the same file and a
calendar that imports it again updates the events instead of doubling them.
"""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar, Event

from workbook.agreement import latest_agreement
from workbook.errors import WorkbookError
from workbook.service import WorkbookService

PRODID = "-//Mentor Workbook//mentor-workbook//EN"
UID_DOMAIN = "mentor-workbook"


def _uid(relationship_uid: str, what: str) -> str:
    return f"{relationship_uid}-{what}@{UID_DOMAIN}"


def _all_day(uid: str, day: date, summary: str, description: str, stamp: object) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def build_calendar(service: WorkbookService) -> Calendar:
    """The calendar of the relationship's meetings, agreement review and follow-up."""
    rel = service.relationship
    stamp = rel.updated_at.replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Mentoring: {rel.pair}")
    cadence = rel.cadence
    if cadence is not None and cadence.first_meeting is not None:
        meeting = Event()
        meeting.add("uid", _uid(rel.uid, "meetings"))
        meeting.add("dtstamp", stamp)
        meeting.add("dtstart", cadence.first_meeting.replace(microsecond=0))
        meeting.add("duration", timedelta(minutes=cadence.duration_minutes))
        rule: dict[str, object] = {"freq": "weekly", "interval": cadence.every_weeks}
        if cadence.count:
            rule["count"] = cadence.count
        meeting.add("rrule", rule)
        meeting.add("summary", f"Mentoring session: {rel.pair}")
        meeting.add("description", f"Agreed cadence: {cadence.describe()}.")
        if cadence.place:
            meeting.add("location", cadence.place)
        calendar.add_component(meeting)
    latest = latest_agreement(service)
    if latest is not None:
        calendar.add_component(
            _all_day(
                _uid(rel.uid, "agreement-review"),
                latest.review_on,
                f"Review the mentoring agreement: {rel.pair}",
                f"Time to review version {latest.version} of the mentoring agreement together.",
                stamp,
            )
        )
    if rel.follow_up_on is not None:
        calendar.add_component(
            _all_day(
                _uid(rel.uid, "follow-up"),
                rel.follow_up_on,
                f"Mentoring follow-up: {rel.pair}",
                "Check in on how things have gone since the programme.",
                stamp,
            )
        )
    return calendar


def export_ics(service: WorkbookService, *, include_private: bool = False) -> str:
    """The iCalendar text (private content never goes into a calendar)."""
    calendar = build_calendar(service)
    if not calendar.walk("VEVENT"):
        raise WorkbookError(
            f"nothing to put in a calendar for {service.relationship.pair}: agree a cadence with "
            "a first meeting, an agreement or a follow-up date first"
        )
    text: str = calendar.to_ical().decode("utf-8")
    return text
