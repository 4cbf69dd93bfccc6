"""The homework debrief and finishing a relationship."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from core_helpers import new_service

from workbook.debrief import carry_over, finish_relationship, homework_for_debrief, record_outcome
from workbook.errors import ReadOnlyError, UsageError
from workbook.models import ActionItem, ActionStatus, DebriefOutcome, RelationshipStatus


def test_pulls_homework_set_in_earlier_sessions(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.start_session()
        a = svc.save(ActionItem(text="Read a book", set_in_session=1))
        b = svc.save(ActionItem(text="Ask a colleague", set_in_session=1))
        svc.save(ActionItem(text="No session"))
        svc.start_session()
        c = svc.save(ActionItem(text="Set today", set_in_session=2))
        dropped = svc.save(
            ActionItem(text="Dropped", set_in_session=1, status=ActionStatus.DROPPED)
        )
        found = homework_for_debrief(svc, 2)
        assert [item.uid for item in found] == [b.uid, a.uid]
        assert c.uid not in {i.uid for i in found} and dropped.uid not in {i.uid for i in found}

        record_outcome(svc, a.uid, DebriefOutcome.DONE, "mornings", "")
        after = {item.uid: item for item in homework_for_debrief(svc, 2)}
        assert a.uid in after and after[a.uid].outcome is DebriefOutcome.DONE
        assert after[a.uid].status is ActionStatus.DONE
        assert after[a.uid].what_worked == "mornings"
        # In session 3, homework debriefed in session 2 is no longer pulled; open ones are.
        svc.start_session()
        later = homework_for_debrief(svc, 3)
        assert {item.uid for item in later} == {b.uid, c.uid}


def test_partly_done_stays_open_and_carries_over(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.start_session()
        a = svc.save(ActionItem(text="Draft CV", set_in_session=1))
        svc.start_session()
        item = record_outcome(svc, a.uid, "partly", "started", "ran out of time")
        assert item.status is ActionStatus.OPEN and item.due_session == 2
        again = carry_over(svc, a.uid, 2)
        assert again.set_in_session == 2 and again.due_session == 3
        assert record_outcome(svc, a.uid, "partly", "started", "ran out of time") == item


def test_finish_completed_and_ended_early(tmp_path: Path) -> None:
    with new_service(tmp_path / "a") as svc:
        rel = finish_relationship(svc, RelationshipStatus.COMPLETED, today=date(2025, 5, 1))
        assert rel.status is RelationshipStatus.COMPLETED and rel.ended_on == date(2025, 5, 1)
        with pytest.raises(UsageError):
            finish_relationship(svc, "completed")
        with pytest.raises(ReadOnlyError):
            svc.start_session()
    with new_service(tmp_path / "b") as svc:
        with pytest.raises(UsageError):
            finish_relationship(svc, RelationshipStatus.ENDED_EARLY, "  ")
        with pytest.raises(UsageError):
            finish_relationship(svc, RelationshipStatus.ACTIVE)
        rel = finish_relationship(svc, "ended-early", "mentor moved abroad")
        assert rel.end_reason == "mentor moved abroad" and rel.ended_on == date.today()
