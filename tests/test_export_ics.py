"""The iCalendar export."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from core_helpers import make_pack, new_service
from icalendar import Calendar

from workbook.agreement import current_agreement
from workbook.errors import WorkbookError
from workbook.exports import export_text
from workbook.models import Cadence

FIRST = datetime(2025, 1, 13, 17, 30, tzinfo=UTC)


def events(text: str) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(event["uid"]).split("-", 1)[1]: event for event in calendar.walk("VEVENT")}


def test_recurring_meetings_review_and_follow_up(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.update_relationship(
            cadence=Cadence(
                every_weeks=3, duration_minutes=45, first_meeting=FIRST, count=6, place="Zoom"
            ),
            follow_up_on=date(2025, 9, 1),
        )
        version = current_agreement(svc, make_pack(), date(2025, 1, 13))
        text = export_text(svc, "ics")
    found = events(text)
    assert set(found) == {
        "meetings@mentor-workbook",
        "agreement-review@mentor-workbook",
        "follow-up@mentor-workbook",
    }
    meeting = found["meetings@mentor-workbook"]
    rule = meeting["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [3] and rule["COUNT"] == [6]
    assert meeting.decoded("dtstart") == FIRST
    assert meeting.decoded("duration") == timedelta(minutes=45)
    assert str(meeting["location"]) == "Zoom"
    review = found["agreement-review@mentor-workbook"]
    assert review.decoded("dtstart") == version.review_on == date(2025, 7, 13)
    assert found["follow-up@mentor-workbook"].decoded("dtstart") == date(2025, 9, 1)


def test_no_count_and_stable_output(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.update_relationship(cadence=Cadence(every_weeks=1, first_meeting=FIRST))
        first, second = export_text(svc, "ics"), export_text(svc, "ics")
    assert first == second
    rule = events(first)["meetings@mentor-workbook"]["rrule"]
    assert rule["INTERVAL"] == [1] and "COUNT" not in rule


def test_nothing_to_export_is_a_clear_error(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.update_relationship(cadence=Cadence(every_weeks=2))
        with pytest.raises(WorkbookError, match="nothing to put in a calendar"):
            export_text(svc, "ics")
