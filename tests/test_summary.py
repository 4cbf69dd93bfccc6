"""What the home table shows of a relationship: next meeting, review date, overdue homework."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from workbook.models import ActionItem, ActionStatus, Cadence
from workbook.service import WorkbookService
from workbook.summary import next_in_series, summarize

NOW = datetime(2030, 3, 10, 12, 0, tzinfo=UTC)


def test_next_in_series_follows_the_cadence_and_its_count() -> None:
    first = datetime(2030, 3, 1, 17, 0, tzinfo=UTC)
    cadence = Cadence(every_weeks=2, first_meeting=first)
    assert next_in_series(cadence, first - timedelta(days=1)) == first
    assert next_in_series(cadence, NOW) == first + timedelta(weeks=2)
    assert next_in_series(cadence.model_copy(update={"count": 1}), NOW) is None
    monthly = Cadence(times_per_month=2, first_meeting=first)
    assert next_in_series(monthly, NOW) == first + timedelta(days=15)
    assert next_in_series(Cadence(), NOW) is None


def test_summary_has_the_next_meeting_review_date_and_overdue_count(tmp_path: Path) -> None:
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="standard", pack_version="1.0", folder=tmp_path
    )
    first = datetime(2030, 3, 1, 17, 0, tzinfo=UTC)
    service.update_relationship(cadence=Cadence(every_weeks=1, first_meeting=first))
    today = date(2030, 3, 10)
    for due, status in (
        (today - timedelta(days=1), ActionStatus.OPEN),  # overdue
        (today - timedelta(days=5), ActionStatus.DONE),  # done: not overdue
        (today + timedelta(days=1), ActionStatus.OPEN),  # not due yet
    ):
        service.save(ActionItem(text="x", due_date=due, status=status))
    session = service.start_session(held_on=today)
    agreed = datetime(2030, 3, 12, 9, 0, tzinfo=UTC)
    service.save(session.model_copy(update={"next_meeting": agreed}))
    service.close()
    row = summarize(service.path, today=today, now=NOW)
    assert row.next_meeting == agreed  # agreed at the close wins over the series
    assert row.overdue_actions == 1
    assert row.review_on is None
    later = summarize(service.path, today=today, now=agreed + timedelta(hours=1))
    assert later.next_meeting == first + timedelta(weeks=2)  # agreed one passed: the series
