"""The homework debrief and finishing a relationship."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from core_helpers import new_service

from workbook.debrief import (
    benchmarks_due_by,
    carried_forward,
    finish_relationship,
    homework_for_debrief,
    record_outcome,
)
from workbook.errors import ReadOnlyError, UsageError
from workbook.models import (
    ActionItem,
    ActionStatus,
    Benchmark,
    DebriefOutcome,
    Goal,
    RelationshipStatus,
)


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


def test_partly_done_carries_forward_across_three_sessions(tmp_path: Path) -> None:
    """A partly-done item stays in every later debrief until done; each outcome is kept.

    On the old code the partly-done item vanished from session 3's debrief.
    """
    with new_service(tmp_path) as svc:
        svc.start_session()
        a = svc.save(ActionItem(text="Draft CV", set_in_session=1))
        done_early = svc.save(ActionItem(text="Read a book", set_in_session=1))
        svc.start_session()
        item = record_outcome(svc, a.uid, "partly", "started", "ran out of time")
        record_outcome(svc, done_early.uid, "done")
        assert item.status is ActionStatus.OPEN and item.due_session is None
        svc.start_session()
        third = homework_for_debrief(svc, 3)
        assert [i.uid for i in third] == [a.uid]
        assert carried_forward(third[0], 3) and not carried_forward(third[0], 2)
        record_outcome(svc, a.uid, "not-done", "", "shifts")
        svc.start_session()
        assert [i.uid for i in homework_for_debrief(svc, 4)] == [a.uid]
        final = record_outcome(svc, a.uid, DebriefOutcome.DONE, "mornings")
        assert final.status is ActionStatus.DONE and final.outcome is DebriefOutcome.DONE
        assert [(d.session, d.outcome.value) for d in final.debriefs] == [
            (2, "partly"),
            (3, "not-done"),
            (4, "done"),
        ]
        assert final.debrief_in(2).what_did_not == "ran out of time"  # type: ignore[union-attr]
        svc.start_session()
        assert homework_for_debrief(svc, 5) == []
        # Re-recording the same outcome changes nothing.
        assert record_outcome(svc, a.uid, "done", "mornings", session_number=4) == final


def test_dropped_homework_leaves_the_debrief(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.start_session()
        a = svc.save(ActionItem(text="Draft CV", set_in_session=1))
        svc.start_session()
        record_outcome(svc, a.uid, "partly")
        svc.save(svc.get(ActionItem, a.uid).model_copy(update={"status": ActionStatus.DROPPED}))  # type: ignore[union-attr]
        svc.start_session()
        assert homework_for_debrief(svc, 3) == []
        assert [i.uid for i in homework_for_debrief(svc, 2)] == [a.uid]


def test_benchmarks_due_by_a_session_show_in_its_debrief(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.save(
            Goal(
                title="Portfolio",
                benchmarks=[
                    Benchmark(label="by session two"),
                    Benchmark(label="First screen", due=date(2025, 2, 1)),
                    Benchmark(label="Deployed", due=date(2025, 4, 1)),
                    Benchmark(label="by session three", done=True),
                ],
            )
        )
        due = benchmarks_due_by(svc, 2, date(2025, 2, 3))
        assert [b.label for _, b in due] == ["by session two", "First screen"]
        assert [b.label for _, b in benchmarks_due_by(svc, 1, date(2025, 1, 6))] == []


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
