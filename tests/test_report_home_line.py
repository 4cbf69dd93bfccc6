"""The home screen's summary line of one's own relationships (``workbook.report.home_line``)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from report_helpers import NOW, TODAY, checkin_pack, new_pair, pack_lookup

from workbook.agreement import acknowledge
from workbook.models import ActionItem, Author, RelationshipStatus, Role
from workbook.report.home_line import HomeSummary, home_summary, short_day, summary_from_rows
from workbook.sessions import close_session, start_session
from workbook.summary import summarize

LONDON = ZoneInfo("Europe/London")


def _summary(folder: Path) -> HomeSummary:
    return home_summary(pack_lookup(), folder, today=TODAY, now=NOW)


def test_reviews_homework_and_the_next_meeting(tmp_path: Path) -> None:
    pack = checkin_pack()
    with new_pair(tmp_path, "Ada", "Ben", started_on=date(2024, 6, 1)) as svc:
        svc.set_answer("objectives", Author.JOINT, "Grow")
        start_session(svc, pack, held_on=date(2024, 6, 3))
        acknowledge(svc, Role.MENTOR, "Ada", pack=pack, today=date(2024, 6, 3))
        acknowledge(svc, Role.MENTEE, "Ben", pack=pack, today=date(2024, 6, 3))
        svc.save(ActionItem(text="Late one", due_date=date(2025, 2, 1)))
        close_session(
            svc,
            next_meeting=datetime(2025, 3, 20, 9, tzinfo=LONDON),
            now=datetime(2025, 2, 1, tzinfo=LONDON),
        )
    with new_pair(tmp_path, "Ada", "Cy") as svc:
        start_session(svc, pack, held_on=date(2025, 2, 1))
        svc.save(ActionItem(text="Late two", due_date=date(2025, 2, 10)))
        svc.save(ActionItem(text="Late three", due_date=date(2025, 2, 11)))
        close_session(
            svc,
            next_meeting=datetime(2025, 12, 4, 23, 30, tzinfo=LONDON),
            now=datetime(2025, 2, 1, tzinfo=LONDON),
        )
    with new_pair(tmp_path, "Ada", "Di") as svc:  # finished: its overdue item is not counted
        svc.save(ActionItem(text="Never done", due_date=date(2025, 1, 10)))
        svc.update_relationship(status=RelationshipStatus.COMPLETED, ended_on=TODAY)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    summary = _summary(tmp_path)
    assert (summary.active, summary.reviews_due, summary.overdue_homework) == (2, 1, 3)
    assert summary.unreadable == 1
    assert summary.line() == "1 review due · 3 overdue homework · next meeting Thu 20 Mar"
    # The home screen's own rows (the summary index's) give the same line, reading nothing more.
    rows = [summarize(path, pack_lookup(), today=TODAY) for path in sorted(tmp_path.glob("*.json"))]
    from_rows = summary_from_rows(rows, today=TODAY, now=NOW, zone=LONDON)
    assert (from_rows.active, from_rows.reviews_due, from_rows.overdue_homework) == (2, 1, 3)
    assert from_rows.line() == summary.line()


def test_nothing_due_and_no_relationships(tmp_path: Path) -> None:
    assert _summary(tmp_path / "missing").line() == ""
    new_pair(tmp_path).close()
    assert _summary(tmp_path).line() == "nothing due"


def test_the_default_folder_and_packs(home: Path) -> None:
    """Without arguments: the own home's relationships, the default catalog's packs."""
    assert home_summary().line() == ""
    new_pair(home / "relationships", started_on=date.today()).close()
    assert home_summary().line() == "nothing due"


def test_short_day_adds_the_year_when_it_is_another() -> None:
    assert short_day(date(2025, 12, 4), date(2025, 3, 1)) == "Thu 4 Dec"
    assert short_day(date(2026, 1, 5), date(2025, 3, 1)) == "Mon 5 Jan 2026"
