"""What the home table shows of a relationship: next meeting, review date, overdue homework."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from workbook.models import ActionItem, ActionStatus, Cadence
from workbook.service import WorkbookService
from workbook.summary import summarize


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
    row = summarize(service.path, today=today)
    assert row.next_meeting == agreed  # agreed at the close wins over the series
    assert row.overdue_actions == 1
    assert row.review_on is None
    later = summarize(service.path, today=date(2030, 3, 13))
    assert later.next_meeting == first + timedelta(weeks=2)  # agreed one passed: the series


def test_a_meeting_earlier_the_same_day_is_still_the_next_one(tmp_path: Path) -> None:
    """Summaries are kept for a day (the index): a meeting this morning still shows today."""
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="standard", pack_version="1.0", folder=tmp_path
    )
    morning = datetime(2030, 3, 12, 9, 0, tzinfo=UTC)
    session = service.start_session(held_on=date(2030, 3, 5))
    service.save(session.model_copy(update={"next_meeting": morning}))
    service.close()
    assert summarize(service.path, today=morning.astimezone().date()).next_meeting == morning
