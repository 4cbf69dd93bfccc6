"""Each column of the coordinator's report means what its definition says, on pairs whose facts
are known (the report's day is fixed: 2025-03-01)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from report_helpers import NOW, TODAY, checkin_pack, new_pair, report_of

from workbook.agreement import acknowledge
from workbook.checkins import latest_shared_checkins
from workbook.meetings import days_between_meetings
from workbook.models import (
    ActionItem,
    ActionStatus,
    Author,
    Cadence,
    Goal,
    GoalStatus,
    RelationshipStatus,
    Role,
    Visibility,
)
from workbook.report.columns import COLUMNS, Row, cell
from workbook.service import WorkbookService
from workbook.sessions import close_session, start_session
from workbook.status import build_status

LONDON = ZoneInfo("Europe/London")


def _at(day: date, hour: int = 17) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def _full_pair(folder: Path) -> Path:
    """A pair as on 2025-03-01: two sessions, three goals, three actions, an acknowledged
    agreement, check-ins in both sessions (some private), a follow-up date."""
    pack = checkin_pack()
    with new_pair(folder, "Ada Mentor", "Ben Mentee", started_on=date(2025, 1, 6)) as svc:
        svc.update_relationship(
            cadence=Cadence(
                every_weeks=2, first_meeting=_at(date(2025, 1, 13)), timezone="Europe/London"
            ),
            follow_up_on=date(2025, 12, 1),
        )
        svc.set_answer("expect", Author.MENTOR, "Honest feedback")
        svc.set_answer("objectives", Author.JOINT, "A junior developer role")
        start_session(svc, pack, held_on=date(2025, 1, 13), now=_at(date(2025, 1, 13)))
        svc.set_answer("fit", Author.MENTEE, "Good fit", session=1)
        svc.set_answer("feedback", Author.MENTEE, 5, session=1)
        svc.set_answer("on-track", Author.MENTOR, True, session=1)
        for title, status, progress in (
            ("Portfolio", GoalStatus.ACHIEVED, 100),
            ("Applications", GoalStatus.IN_PROGRESS, 40),
            ("Old idea", GoalStatus.DROPPED, 10),
        ):
            svc.save(Goal(title=title, status=status, progress=progress))
        acknowledge(svc, Role.MENTOR, "Ada Mentor", pack=pack, today=date(2025, 1, 13))
        acknowledge(svc, Role.MENTEE, "Ben Mentee", pack=pack, today=date(2025, 1, 13))
        close_session(svc, now=_at(date(2025, 1, 13), 18))
        start_session(svc, pack, held_on=date(2025, 2, 10), now=_at(date(2025, 2, 10)))
        svc.set_answer("fit", Author.MENTEE, "Not sure", session=2)
        svc.set_answer("fit", Author.MENTOR, "Poor fit", Visibility.PRIVATE, session=2)
        svc.set_answer("feedback", Author.MENTOR, 4, session=2)
        svc.set_answer("fit-private", Author.MENTOR, "Thinking of ending it", session=2)
        close_session(svc, next_meeting=_at(date(2025, 3, 10)), now=_at(date(2025, 2, 10), 18))
        svc.save(ActionItem(text="Late", due_date=date(2025, 2, 20)))
        svc.save(ActionItem(text="Soon", due_date=date(2025, 3, 20)))
        svc.save(ActionItem(text="Done", due_date=date(2025, 1, 20), status=ActionStatus.DONE))
        return svc.path


def _as_dict(row: Row) -> dict[str, object]:
    return {column.name: value for column, value in zip(COLUMNS, row, strict=True)}


def test_every_column_of_a_known_pair(tmp_path: Path) -> None:
    """All columns at once: the expected dict names every column, so a new column without a
    test of its meaning fails here."""
    path = _full_pair(tmp_path / "in")
    data = report_of(tmp_path / "in")
    assert data.problems == [] and len(data.rows) == 1
    row = _as_dict(data.rows[0])
    review = date(2025, 7, 13)  # acknowledged 2025-01-13 + the pack's 6 review months
    assert row == {
        "mentor": "Ada Mentor",
        "mentee": "Ben Mentee",
        "pack": "standard",
        "pack_version": "1.0",
        "status": "active",
        "end_reason": None,
        "started": date(2025, 1, 6),
        "sessions_held": 2,
        "sessions_planned": 4,
        "last_meeting": date(2025, 2, 10),
        "days_since_last_meeting": 19,
        "next_meeting": _at(date(2025, 3, 10)),
        "cadence_days": 14,
        "agreement": "acknowledged",
        "review_on": review,
        "review_due": False,
        "goals_set": 3,
        "goals_done": 1,
        "goals_progress": 70,  # (100 + 40) / 2: the dropped goal is left out
        "homework_open": 2,
        "homework_overdue": 1,
        "follow_up_on": date(2025, 12, 1),
        "pairing_fit_mentor": None,  # the mentor's answers to both fit prompts are private
        "pairing_fit_mentee": "Not sure",  # session 2's, not session 1's "Good fit"
        "on_track_mentor": True,
        "on_track_mentee": None,
        "feedback_mentor": 4,
        "feedback_mentee": 5,
        "first_session_overdue": False,
        "meeting_overdue": True,  # 19 days since the last session, meets every 14
        "attention": "no meeting for 19 days (meets every 14); 1 overdue homework item",
        "copies": 1,
        "files": path.name,
    }
    assert row["next_meeting"].utcoffset() == timedelta(0)  # type: ignore[union-attr]


def test_columns_agree_with_status(tmp_path: Path) -> None:
    """The report reuses ``status``'s facts: the same file gives the same values."""
    path = _full_pair(tmp_path / "in")
    status = build_status(
        WorkbookService.open(path, read_only=True), checkin_pack(), today=TODAY, now=NOW
    )
    row = report_of(tmp_path / "in").rows[0]
    assert cell(row, "sessions_held") == status.sessions_held
    assert cell(row, "sessions_planned") == status.sessions_planned
    assert cell(row, "last_meeting") == status.last_session
    assert cell(row, "agreement") == status.agreement
    assert cell(row, "review_on") == status.review_on
    assert cell(row, "homework_open") == len(status.homework)
    assert cell(row, "next_meeting") == status.next_meeting


def test_a_pair_with_no_first_session(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    new_pair(folder, "Late Starter", "Waiting", started_on=TODAY - timedelta(days=3)).close()
    new_pair(folder, "Just Matched", "Newcomer", started_on=TODAY - timedelta(days=2)).close()
    rows = {cell(r, "mentor"): r for r in report_of(folder).rows}
    late, new = rows["Late Starter"], rows["Just Matched"]
    assert cell(late, "first_session_overdue") is True
    assert cell(late, "attention") == "no first session 3 days after matching"
    assert cell(late, "last_meeting") is None and cell(late, "days_since_last_meeting") is None
    assert cell(new, "first_session_overdue") is False and cell(new, "attention") is None
    assert cell(new, "agreement") == "none"
    relaxed = {cell(r, "mentor"): r for r in report_of(folder, no_meeting_after=5).rows}
    assert cell(relaxed["Late Starter"], "first_session_overdue") is False


def test_a_finished_pair_needs_no_attention(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    with new_pair(folder, started_on=date(2024, 1, 1)) as svc:
        svc.save(ActionItem(text="Never done", due_date=date(2024, 2, 1)))
        svc.update_relationship(
            status=RelationshipStatus.ENDED_EARLY, end_reason="Moved abroad", ended_on=TODAY
        )
    row = report_of(folder).rows[0]
    assert cell(row, "status") == "ended-early" and cell(row, "end_reason") == "Moved abroad"
    assert cell(row, "homework_overdue") == 1
    assert cell(row, "first_session_overdue") is False and cell(row, "attention") is None


def test_review_due_and_the_pack_rhythm(tmp_path: Path) -> None:
    """A review date that has come is due; without an agreed cadence the pack's suggested
    rhythm gives the days between meetings; without a pack no check-ins are known."""
    pack = checkin_pack()
    with new_pair(tmp_path / "in", started_on=date(2024, 6, 1)) as svc:
        svc.set_answer("objectives", Author.JOINT, "Grow")
        start_session(svc, pack, held_on=date(2024, 6, 3))
        svc.set_answer("feedback", Author.MENTEE, 3, session=1)
        acknowledge(svc, Role.MENTOR, "Ada", pack=pack, today=date(2024, 6, 3))
        acknowledge(svc, Role.MENTEE, "Ben", pack=pack, today=date(2024, 6, 3))
    from workbook.content.model import CadenceDefaults

    twice = pack.model_copy(update={"cadence_defaults": CadenceDefaults(times_per_month=2)})
    row = report_of(tmp_path / "in", twice).rows[0]
    assert cell(row, "agreement") == "review due" and cell(row, "review_due") is True
    assert cell(row, "cadence_days") == 15
    assert cell(row, "attention") == (
        "no meeting for 271 days (meets every 15); review due since 2024-12-03"
    )
    no_pack = report_of(tmp_path / "in", pack.model_copy(update={"id": "other"})).rows[0]
    assert cell(no_pack, "feedback_mentee") is None and cell(no_pack, "cadence_days") is None


@pytest.mark.parametrize(
    ("every_weeks", "times_per_month", "days"),
    [(1, None, 7), (2, None, 14), (None, 1, 30), (2, 2, 15), (None, 4, 8), (None, None, None)],
)
def test_days_between_meetings(
    every_weeks: int | None, times_per_month: int | None, days: int | None
) -> None:
    assert days_between_meetings(every_weeks, times_per_month) == days


def test_latest_shared_checkins(tmp_path: Path) -> None:
    """The latest session wins, a joint answer counts for both sides, private ones (stored
    private or private by the pack) and unshared optional ones never count."""
    pack = checkin_pack()
    joint = pack.model_copy(
        update={
            "tabs": tuple(
                tab.model_copy(
                    update={
                        "prompts": tuple(
                            p.model_copy(update={"audience": "joint"}) if p.id == "on-track" else p
                            for p in tab.prompts
                        )
                    }
                )
                for tab in pack.tabs
            )
        }
    )
    with new_pair(tmp_path) as svc:
        svc.set_answer("on-track", Author.JOINT, False, session=1)
        svc.set_answer("on-track", Author.MENTEE, True, session=2)
        svc.set_answer("fit-optional", Author.MENTOR, "Unshared", Visibility.PRIVATE, session=3)
        svc.set_answer("fit-private", Author.MENTEE, "Secret", session=3)
        svc.set_answer("fit", Author.MENTEE, "Good fit", session=1)
        found = latest_shared_checkins(svc, joint)
        assert {side: a.value for side, a in found["on-track"].items()} == {
            Role.MENTOR: False,
            Role.MENTEE: True,
        }
        assert {side: a.value for side, a in found["pairing-fit"].items()} == {
            Role.MENTEE: "Good fit"
        }
        assert "feedback" not in found
        svc.set_answer("fit-optional", Author.MENTOR, "Shared now", Visibility.SHARED, session=3)
        assert latest_shared_checkins(svc, joint)["on-track"][Role.MENTOR].value == "Shared now"
    assert (
        latest_shared_checkins(
            WorkbookService.open(svc.path, read_only=True), pack.model_copy(update={"tabs": ()})
        )
        == {}
    )


def test_status_without_progress_is_otherwise_the_same(tmp_path: Path) -> None:
    path = _full_pair(tmp_path)
    svc = WorkbookService.open(path, read_only=True)
    full = build_status(svc, checkin_pack(), today=TODAY, now=NOW)
    lean = build_status(svc, checkin_pack(), today=TODAY, now=NOW, with_progress=False)
    assert full.progress and lean.progress == ""
    assert lean.model_copy(update={"progress": full.progress}) == full
