"""Sessions: start against the plan, the clock, the close of a meeting, missed meetings, the
next meeting, the history and the recap."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from core_helpers import PRIVATE_MARKER, make_pack, new_service

from workbook import paths
from workbook.content.model import Audience, Prompt, PromptKind, Tab
from workbook.debrief import record_outcome
from workbook.errors import UsageError
from workbook.history import recap_markdown, save_recap, session_history
from workbook.models import ActionItem, Author, Cadence, MissedKind, Note, Role, Visibility
from workbook.outputs import OutputRefusedError
from workbook.service import WorkbookService
from workbook.sessions import (
    close_session,
    elapsed,
    missed_count,
    next_meeting,
    next_session_position,
    pause_clock,
    record_missed,
    resume_clock,
    set_own_timezone,
    start_session,
)

T0 = datetime(2025, 1, 13, 17, 0, tzinfo=UTC)


def test_start_says_where_the_session_is_against_the_plan(tmp_path: Path) -> None:
    pack = make_pack().model_copy(update={"planned_sessions": 2})
    with new_service(tmp_path) as svc:
        first = start_session(svc, pack, held_on=date(2025, 1, 13))
        assert first.session.held_on == date(2025, 1, 13) and first.position == "Session 1 of 2"
        assert start_session(svc, pack).session.held_on == date.today()
        assert next_session_position(svc, pack) == "Session 3 of a 2-session programme"
        third = start_session(svc, pack)
        assert third.beyond_plan and third.position == "Session 3 of a 2-session programme"
        # Starting a session closes the one under way: only the latest is ever open.
        assert [s.is_open for s in svc.sessions()] == [False, False, True]


def test_clock_stops_at_close_and_never_runs_across_quit_and_reopen(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        session = svc.start_session()
        started = session.running_since
        assert started is not None
        paused = pause_clock(svc, started + timedelta(minutes=20))
        assert paused is not None and paused.running_since is None
        assert elapsed(paused, started + timedelta(hours=30)) == timedelta(minutes=20)
        path = svc.path
    # Reopened the next day: the clock goes on from 20 minutes, not from a day and a half.
    with WorkbookService.open(path) as svc:
        reopened = started + timedelta(hours=30)
        resumed = resume_clock(svc, reopened)
        assert resumed is not None
        assert elapsed(resumed, reopened + timedelta(minutes=5)) == timedelta(minutes=25)
        closed = close_session(svc, recap="We agreed", now=reopened + timedelta(minutes=15))
        assert not closed.is_open and closed.closed_at == reopened + timedelta(minutes=15)
        assert elapsed(closed, reopened + timedelta(days=9)) == timedelta(minutes=35)
        assert resume_clock(svc, reopened + timedelta(hours=1)) is None


def test_a_killed_workbook_counts_up_to_its_last_save(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        session = svc.start_session()
        start = session.running_since
        assert start is not None
        resumed = resume_clock(
            svc, start + timedelta(hours=5), last_saved=start + timedelta(minutes=40)
        )
        assert resumed is not None
        assert elapsed(resumed, start + timedelta(hours=5)) == timedelta(minutes=40)


def test_close_keeps_next_meeting_recap_and_confirmed_homework(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.start_session(held_on=date(2025, 1, 13))
        item = ActionItem(text="Draft the CV", due_date=date(2025, 1, 27))
        nxt = datetime(2025, 1, 27, 17, 0, tzinfo=UTC)
        with pytest.raises(UsageError, match="in the future"):
            close_session(svc, next_meeting=T0 - timedelta(days=1), now=T0)
        with pytest.raises(UsageError, match="time zone"):
            close_session(svc, next_meeting=datetime(2025, 1, 27, 17, 0), now=T0)
        closed = close_session(
            svc, next_meeting=nxt, recap="  Sam drafts the CV.  ", homework=[item], now=T0
        )
        assert closed.next_meeting == nxt and closed.recap == "Sam drafts the CV."
        saved = svc.get(ActionItem, item.uid)
        assert saved is not None and saved.set_in_session == 1
        again = close_session(svc, recap="Changed", now=T0 + timedelta(hours=1))
        assert again.closed_at == T0 and again.recap == "Changed"


def test_next_meeting_agreed_rescheduled_or_by_cadence(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        svc.update_relationship(cadence=Cadence(every_weeks=2, first_meeting=T0))
        assert next_meeting(svc, T0 + timedelta(hours=1)).at == T0 + timedelta(weeks=2)  # type: ignore[union-attr]
        svc.start_session(held_on=T0.date())
        agreed = T0 + timedelta(days=10)
        close_session(svc, next_meeting=agreed, now=T0 + timedelta(hours=1))
        found = next_meeting(svc, T0 + timedelta(hours=2))
        assert found is not None and found.at == agreed
        assert found.source == "agreed at the close of session 1"
        moved = agreed + timedelta(days=3)
        record_missed(
            svc,
            agreed.date(),
            kind=MissedKind.CANCELLED,
            by=Role.MENTEE,
            reason="shift swap",
            rescheduled_to=moved,
        )
        found = next_meeting(svc, T0 + timedelta(hours=2))
        assert found is not None and (found.at, found.source) == (moved, "rescheduled")
        record_missed(svc, (T0 + timedelta(weeks=4)).date(), kind=MissedKind.MISSED)
        count = missed_count(svc)
        assert (count.missed, count.cancelled, count.rescheduled, count.by_mentee) == (1, 1, 1, 1)
        assert count.describe() == "1 missed, 1 cancelled (1 rescheduled)"
        # After the rescheduled meeting, the cadence's next meeting skips a called-off day.
        later = next_meeting(svc, moved + timedelta(hours=1))
        assert later is not None and later.at == T0 + timedelta(weeks=2)
        assert later.source == "by the cadence"
        skipped = next_meeting(svc, T0 + timedelta(weeks=2, hours=1))
        assert skipped is not None and skipped.at == T0 + timedelta(weeks=6)


def checkin_pack():  # type: ignore[no-untyped-def]
    pack = make_pack()
    checkin = Tab(
        id="checkin",
        title="Check-in",
        prompts=(
            Prompt(
                id="on-track",
                title="Are we on track?",
                kind=PromptKind.SHORT_TEXT,
                audience=Audience.BOTH,
                repeat=True,
                checkin="on-track",
            ),
        ),
    )
    return pack.model_copy(update={"tabs": (*pack.tabs, checkin)})


def test_history_keeps_every_session_and_private_notes_for_their_author(tmp_path: Path) -> None:
    pack = checkin_pack()
    with new_service(tmp_path) as svc:
        first = svc.start_session(held_on=date(2025, 1, 13))
        svc.save(first.model_copy(update={"shared_notes": "Met and set goals"}))
        homework = svc.save(ActionItem(text="Draft CV", set_in_session=1))
        svc.set_answer("on-track", Author.MENTEE, "Yes", session=1)
        svc.save(Note(author=Role.MENTOR, session_number=1, text="mentor's own"))
        svc.save(Note(author=Role.MENTEE, session_number=1, text=PRIVATE_MARKER))
        close_session(svc, recap="Goals set")
        svc.start_session(held_on=date(2025, 1, 27))
        record_outcome(svc, homework.uid, "partly", "started")
        svc.set_answer("on-track", Author.MENTEE, "Mostly", session=2)
        svc.set_answer("on-track", Author.MENTOR, PRIVATE_MARKER, Visibility.PRIVATE, session=2)
        svc.start_session()
        mentor_view = session_history(svc, pack, Role.MENTOR)
        assert [r.session.number for r in mentor_view] == [1, 2, 3]
        one, two, _ = mentor_view
        assert one.session.shared_notes == "Met and set goals" and one.session.recap == "Goals set"
        assert [i.text for i in one.homework_set] == ["Draft CV"]
        assert [n.text for n in one.private_notes] == ["mentor's own"]
        assert [(d.item.text, d.debrief.outcome.value) for d in two.debriefed] == [
            ("Draft CV", "partly")
        ]
        assert [c.answer.value for c in one.check_ins] == ["Yes"]
        assert {c.answer.value for c in two.check_ins} == {"Mostly", PRIVATE_MARKER}
        audience = session_history(svc, pack, None)
        assert all(not r.private_notes for r in audience)
        assert [c.answer.value for c in audience[1].check_ins] == ["Mostly"]
        mentee_view = session_history(svc, pack, Role.MENTEE)
        assert [n.text for n in mentee_view[0].private_notes] == [PRIVATE_MARKER]
        assert PRIVATE_MARKER not in {c.answer.value for c in mentee_view[1].check_ins}


def test_recap_for_an_email_saved_privately_under_exports(tmp_path: Path) -> None:
    paths.set_home_override(tmp_path / "home")
    try:
        with new_service(tmp_path / "home" / "relationships") as svc:
            svc.update_relationship(
                cadence=Cadence(first_meeting=T0, timezone="Europe/London"),
                mentee_timezone="America/New_York",
            )
            svc.start_session(held_on=date(2025, 1, 13))
            item = ActionItem(text="Draft\nthe CV", owner=Role.MENTEE, due_date=date(2025, 1, 27))
            close_session(
                svc,
                next_meeting=datetime(2025, 1, 27, 17, 0, tzinfo=ZoneInfo("Europe/London")),
                recap="Sam aims for junior roles.",
                homework=[item],
                now=T0,
            )
            text = recap_markdown(svc)
            path = save_recap(svc)
            assert save_recap(svc) == path  # an earlier recap is ours: replaced
            path.write_text("my own notes", encoding="utf-8")
            with pytest.raises(OutputRefusedError):  # a file of the user's is never replaced
                save_recap(svc)
            assert path.read_text(encoding="utf-8") == "my own notes"
            path.unlink()
            path = save_recap(svc)
    finally:
        paths.set_home_override(None)
    assert "## What we agreed\n\nSam aims for junior roles." in text
    assert "- Draft the CV: Ben Mentee (mentee), by 2025-01-27" in text
    assert "2025-01-27 17:00 Europe/London" in text
    assert "- for the mentee: 2025-01-27 12:00 America/New_York" in text
    assert path == tmp_path / "home" / "exports" / "recap-ada-mentor-ben-mentee-session-1.md"
    assert path.read_text(encoding="utf-8") == text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_each_side_keeps_its_own_time_zone(tmp_path: Path) -> None:
    from workbook.meetings import local_times

    with new_service(tmp_path) as svc:
        svc.update_relationship(cadence=Cadence(first_meeting=T0, timezone="Europe/London"))
        assert set_own_timezone(svc, Role.MENTEE, " Asia/Kolkata ") == "Asia/Kolkata"
        set_own_timezone(svc, Role.MENTOR, "Europe/London")
        with pytest.raises(UsageError, match="not a time zone"):
            set_own_timezone(svc, Role.MENTOR, "../../etc/passwd")
        times = local_times(T0, svc.relationship)
        assert [(t.who, t.text) for t in times] == [
            ("meeting", "2025-01-13 17:00 Europe/London"),
            ("mentee", "2025-01-13 22:30 Asia/Kolkata"),
        ]


def test_a_later_session_supersedes_the_meeting_an_earlier_close_agreed(tmp_path: Path) -> None:
    """A pair that met early does not still have the old date ahead of them; a meeting moved
    before the latest session no longer counts either (fails on the old code, which kept every
    close's date and every rescheduled time)."""
    with new_service(tmp_path) as svc:
        svc.start_session(held_on=T0.date())
        first_agreed = T0 + timedelta(days=14)
        close_session(svc, next_meeting=first_agreed, now=T0 + timedelta(hours=1))
        record_missed(
            svc,
            (T0 + timedelta(days=3)).date(),
            kind=MissedKind.CANCELLED,
            rescheduled_to=T0 + timedelta(days=30),
        )
        # They met early, on day 7, and agreed day 21 at that close.
        early = T0 + timedelta(days=7)
        svc.start_session(held_on=early.date())
        second_agreed = T0 + timedelta(days=21)
        close_session(svc, next_meeting=second_agreed, now=early + timedelta(hours=1))
        found = next_meeting(svc, early + timedelta(hours=2))
        assert found is not None
        assert (found.at, found.source) == (second_agreed, "agreed at the close of session 2")
