"""The iCalendar export, checked by parsing it back and expanding it with a real recurrence
library (``recurring-ical-events``) across the clocks changing."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from core_helpers import make_pack, new_service
from icalendar import Calendar

from workbook.agreement import acknowledge
from workbook.errors import WorkbookError
from workbook.exports import export_text
from workbook.exports.ics_export import export_ics
from workbook.models import Cadence, Role
from workbook.sessions import close_session

LONDON = ZoneInfo("Europe/London")
FIRST = datetime(2025, 3, 18, 17, 0, tzinfo=LONDON)  # a Tuesday, before the clocks go forward
NOW = datetime(2025, 3, 18, 18, 30, tzinfo=UTC)


def events(text: str) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(event["uid"]).split("-", 1)[1]: event for event in calendar.walk("VEVENT")}


def meetings_between(text: str, start: date, end: date) -> list[datetime]:
    calendar = Calendar.from_ical(text)
    found = recurring_ical_events.of(calendar).between(start, end)
    return sorted(e.decoded("dtstart") for e in found if "meetings" in str(e["uid"]))


def test_weekly_meetings_keep_their_local_time_across_the_clock_change(tmp_path: Path) -> None:
    """On the old code the UTC DTSTART put the 17:00 London meeting at 18:00 after 30 March."""
    with new_service(tmp_path) as svc:
        svc.update_relationship(
            cadence=Cadence(every_weeks=1, first_meeting=FIRST, timezone="Europe/London")
        )
        text = export_ics(svc, reminder_minutes=0, now=NOW)
    assert "DTSTART;TZID=Europe/London:20250318T170000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/London" in text
    found = meetings_between(text, date(2025, 3, 17), date(2025, 4, 9))
    local = [(m.date().isoformat(), m.astimezone(LONDON).strftime("%H:%M")) for m in found]
    assert local == [
        ("2025-03-18", "17:00"),
        ("2025-03-25", "17:00"),
        ("2025-04-01", "17:00"),
        ("2025-04-08", "17:00"),
    ]
    # In UTC the meeting moved an hour earlier once the clocks went forward.
    assert [m.astimezone(UTC).hour for m in found] == [17, 17, 16, 16]


def test_twice_a_month_meets_on_the_same_weekday_of_two_weeks(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.update_relationship(
            cadence=Cadence(times_per_month=2, first_meeting=FIRST, timezone="Europe/London")
        )
        text = export_ics(svc, reminder_minutes=0, now=NOW)
    rule = events(text)["meetings@mentor-workbook"]["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["1TU", "3TU"]
    found = meetings_between(text, date(2025, 3, 1), date(2025, 5, 31))
    assert [m.date().isoformat() for m in found] == [
        "2025-03-18",
        "2025-04-01",
        "2025-04-15",
        "2025-05-06",
        "2025-05-20",
    ]
    assert {m.astimezone(LONDON).strftime("%H:%M") for m in found} == {"17:00"}


def test_next_meeting_review_follow_up_reminders_and_attendees(tmp_path: Path) -> None:
    pack = make_pack()
    with new_service(tmp_path) as svc:
        svc.update_relationship(
            cadence=Cadence(
                every_weeks=3,
                duration_minutes=45,
                first_meeting=FIRST,
                count=6,
                place="Zoom",
                timezone="Europe/London",
            ),
            follow_up_on=date(2025, 9, 1),
            mentor_contact="ada@example.org",
            mentee_contact="@ben on chat",
            mentee_timezone="America/New_York",
        )
        svc.set_answer("ending", "joint", "After a year")
        acknowledge(svc, Role.MENTOR, "Ada Mentor", pack=pack, today=date(2025, 3, 18))
        svc.start_session(held_on=date(2025, 3, 18))
        close_session(svc, next_meeting=datetime(2025, 4, 2, 18, 0, tzinfo=LONDON), now=NOW)
        text = export_ics(svc, reminder_minutes=24 * 60, now=NOW)
    found = events(text)
    assert set(found) == {
        "meetings@mentor-workbook",
        "next-meeting@mentor-workbook",
        "agreement-review@mentor-workbook",
        "follow-up@mentor-workbook",
    }
    meeting = found["meetings@mentor-workbook"]
    rule = meeting["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [3] and rule["COUNT"] == [6]
    assert meeting.decoded("duration") == timedelta(minutes=45)
    assert str(meeting["location"]) == "Zoom"
    assert "For the mentee: 2025-03-18 13:00 America/New_York." in str(meeting["description"])
    nxt = found["next-meeting@mentor-workbook"]
    assert nxt.decoded("dtstart") == datetime(2025, 4, 2, 18, 0, tzinfo=LONDON)
    review = found["agreement-review@mentor-workbook"]
    assert review.decoded("dtstart") == date(2025, 9, 18)  # six months after acknowledgement
    assert found["follow-up@mentor-workbook"].decoded("dtstart") == date(2025, 9, 1)
    for event in found.values():
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("trigger") == -timedelta(days=1)
    attendees = meeting.get("attendee")
    assert str(attendees) == "mailto:ada@example.org"  # a chat handle is no calendar address
    assert attendees.params["CN"] == "Ada Mentor"


def test_reminders_can_be_turned_off_and_output_is_stable(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.update_relationship(cadence=Cadence(every_weeks=1, first_meeting=FIRST))
        first = export_ics(svc, reminder_minutes=0, now=NOW)
        second = export_ics(svc, reminder_minutes=0, now=NOW)
    assert first == second and "VALARM" not in first
    rule = events(first)["meetings@mentor-workbook"]["rrule"]
    assert rule["INTERVAL"] == [1] and "COUNT" not in rule
    assert "DTSTART:20250318T170000Z" in first  # no zone given: UTC, as before


HOSTILE = "Ann\r\nX-EVIL:1\nATTENDEE:mailto:evil@example.org"


def _hostile_export(folder: Path) -> str:
    with new_service(folder) as svc:
        svc.update_relationship(
            mentor=HOSTILE,
            cadence=Cadence(every_weeks=1, first_meeting=FIRST, place="Room\nX-EVIL:2"),
            mentor_contact="ada@example.org",
        )
        return export_text(svc, "ics")


def test_a_line_break_in_a_name_never_adds_a_property(tmp_path: Path) -> None:
    text = _hostile_export(tmp_path)
    lines = text.replace("\r\n ", "").split("\r\n")
    assert not any(line.startswith("X-EVIL") for line in lines)
    attendees = [line for line in lines if line.startswith("ATTENDEE")]
    assert len(attendees) == 1 and attendees[0].endswith(":mailto:ada@example.org")
    event = events(text)["meetings@mentor-workbook"]
    assert str(event["attendee"]) == "mailto:ada@example.org"
    assert "X-EVIL:1" in str(event["summary"])  # kept as text, on one line
    assert str(event["location"]) == "Room X-EVIL:2"


def test_the_same_under_python_optimised(tmp_path: Path) -> None:
    """``python -O`` drops asserts: the export must not rely on one."""
    script = (
        "import sys; sys.path.insert(0, 'tests'); from pathlib import Path;"
        "from test_export_ics import _hostile_export;"
        f"print(_hostile_export(Path({str(tmp_path)!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-O", "-c", script], capture_output=True, text=True, check=True
    )
    lines = result.stdout.replace("\n ", "").splitlines()
    assert not any(line.startswith("X-EVIL") for line in lines)


def test_nothing_to_export_is_a_clear_error(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.update_relationship(cadence=Cadence(every_weeks=2))
        with pytest.raises(WorkbookError, match="nothing to put in a calendar"):
            export_text(svc, "ics")
