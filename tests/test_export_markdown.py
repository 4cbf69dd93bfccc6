"""The Markdown export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from core_helpers import PRIVATE_MARKER, make_pack, new_service

from workbook.agreement import acknowledge
from workbook.exports import EXPORTERS, export_text
from workbook.exports.markdown_export import export_markdown
from workbook.models import (
    ActionItem,
    Author,
    Benchmark,
    Debrief,
    DebriefOutcome,
    Goal,
    Note,
    Role,
    Visibility,
)
from workbook.privacy import PackUnavailableError


@pytest.fixture
def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from workbook import privacy

    monkeypatch.setattr(privacy, "pack_or_none", lambda pack_id, catalog=None: (make_pack(), ""))
    with new_service(tmp_path) as svc:
        svc.set_answer("expect", Author.MENTEE, "Honest feedback")
        svc.set_answer("retired-prompt", Author.MENTOR, "An old answer")
        svc.set_answer("secret", Author.MENTEE, PRIVATE_MARKER, Visibility.PRIVATE)
        goal = svc.save(
            Goal(
                title="Ship an app",
                measurable="Deployed",
                progress=40,
                target_date=date(2099, 1, 1),
                benchmarks=[Benchmark(label="by session two", due=date(2000, 1, 1))],
            )
        )
        svc.save(ActionItem(text="Sketch screens", due_date=date(2000, 1, 1), goal_uid=goal.uid))
        svc.save(
            ActionItem(
                text="Read docs",
                set_in_session=1,
                outcome=DebriefOutcome.PARTLY,
                what_worked="Short sessions",
                what_did_not="Too much at once",
                debriefs=[
                    Debrief(
                        session=2,
                        outcome=DebriefOutcome.PARTLY,
                        what_worked="Short sessions",
                        what_did_not="Too much at once",
                    )
                ],
            )
        )
        session = svc.start_session(held_on=date(2025, 1, 13))
        svc.save(session.model_copy(update={"shared_notes": "We met and planned."}))
        svc.save(Note(author=Role.MENTOR, session_number=1, text=f"note {PRIVATE_MARKER}"))
        acknowledge(svc, Role.MENTOR, "Ada Mentor", pack=make_pack(), today=date(2025, 1, 13))
        yield svc


def test_registered_and_default() -> None:
    assert {"json", "markdown", "ics"} <= set(EXPORTERS)


def test_contents(service) -> None:
    text = export_text(service, "markdown")
    assert text.startswith("# Mentoring workbook: Ada Mentor & Ben Mentee")
    assert "## Mentoring agreement\n\n- State: awaiting Ben Mentee (mentee)" in text
    assert "- Version 1 acknowledged by the mentor, Ada Mentor, on " in text
    assert "### Review\n\nWe review this agreement by 2025-07-13." in text
    assert "### 1. Ship an app" in text and "40% done" in text
    assert "Benchmark: by session two (by 2000-01-01) **overdue**" in text
    assert "Sketch screens" in text and "**OVERDUE**" in text and "goal: Ship an app" in text
    assert "Debrief in session 2: partly" in text and "What did not: Too much at once" in text
    assert "### Session 1 (first), 2025-01-13, under way" in text
    assert "We met and planned." in text
    assert "Honest feedback" in text and "An old answer" in text
    assert PRIVATE_MARKER not in text


def test_answers_grouped_by_tab_when_the_pack_loads(service) -> None:
    text = export_markdown(service, pack=make_pack())
    assert "### Expectations" in text and "**What do you expect?**" in text
    assert "Other answers (prompts this pack does not have)" in text
    assert text.index("Honest feedback") < text.index("An old answer")


def test_without_its_pack_only_a_full_export_is_made(tmp_path: Path) -> None:
    """Without the pack, which prompts are private now is unknown: a public export is
    refused (one line); with --include-private answers are listed by prompt id."""
    with new_service(tmp_path) as svc:
        svc.update_relationship(pack_id="no-such-pack")
        svc.set_answer("expect", Author.MENTEE, "Honest feedback")
        with pytest.raises(PackUnavailableError) as refused:
            export_markdown(svc)
        assert "'no-such-pack' cannot be loaded" in str(refused.value)
        assert "\n" not in str(refused.value)
        text = export_markdown(svc, include_private=True)
    assert "### Answers by prompt" in text and "**expect**" in text


def test_private_only_on_request(service) -> None:
    text = export_markdown(service, include_private=True)
    assert text.count(PRIVATE_MARKER) == 2
    assert "Mentee (private)" in text and "Private note (mentor)" in text


def test_agreement_is_the_current_draft_and_says_what_changed(service) -> None:
    """On the old code the export showed the stored snapshot, or "No agreement yet"."""
    service.set_answer("expect", Author.MENTOR, "Questions ready")
    service.set_answer("ending", Author.JOINT, "After a year")
    text = export_markdown(service)
    agreement = text.split("## Goals")[0]
    assert "changed since acknowledged: 2 sections" in agreement
    assert "(What we expect of each other, Ending the relationship)" in agreement
    assert "- Mentor: Questions ready\n- Mentee: Honest feedback" in agreement
    assert agreement.count("Not yet agreed:") == 1
    assert "### Confidentiality" not in agreement  # empty sections are left out


def test_sessions_carry_their_close_check_ins_and_missed_meetings(service) -> None:
    from datetime import UTC, datetime

    from workbook.sessions import close_session, record_missed

    service.set_answer("hobbies", Author.MENTEE, "Chess", session=1)
    service.set_answer("hobbies", Author.MENTOR, PRIVATE_MARKER, Visibility.PRIVATE, session=1)
    close_session(
        service,
        recap="Ship the app first.",
        next_meeting=datetime(2099, 1, 27, 17, 0, tzinfo=UTC),
        homework=[ActionItem(text="Write tests", due_date=date(2099, 1, 20))],
    )
    record_missed(service, date(2025, 2, 10), by=Role.MENTOR, reason="ill")
    text = export_markdown(service)
    sessions = text.split("## Sessions")[1].split("## Answers")[0]
    assert "**What we agreed**\n\nShip the app first." in sessions
    assert "- Next meeting agreed: 2099-01-27 17:00 UTC" in sessions
    assert "- Homework set: Write tests: Ben Mentee (mentee), by 2099-01-20" in sessions
    assert "- Check-in: Hobbies (mentee): Chess" in sessions
    assert PRIVATE_MARKER not in text
    assert "- 2025-02-10: cancelled by the mentor: ill" in sessions
    assert "Chess" not in text.split("## Answers")[1]


def test_empty_relationship(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        text = export_markdown(svc)
    assert "_No agreement yet._" in text and "_No goals yet._" in text
