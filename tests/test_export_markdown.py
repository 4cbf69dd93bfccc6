"""The Markdown export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from core_helpers import PRIVATE_MARKER, make_pack, new_service

from workbook.agreement import acknowledge, current_agreement
from workbook.exports import EXPORTERS, export_text
from workbook.exports.markdown_export import export_markdown
from workbook.models import (
    ActionItem,
    Author,
    Benchmark,
    DebriefOutcome,
    Goal,
    Note,
    Role,
    Visibility,
)
from workbook.privacy import PackUnavailableError


@pytest.fixture
def service(tmp_path: Path):
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
            )
        )
        session = svc.start_session(held_on=date(2025, 1, 13))
        svc.save(session.model_copy(update={"shared_notes": "We met and planned."}))
        svc.save(Note(author=Role.MENTOR, session_number=1, text=f"note {PRIVATE_MARKER}"))
        current_agreement(svc, make_pack(), date(2025, 1, 13))
        acknowledge(svc, Role.MENTOR, "Ada Mentor", review_months=6)
        yield svc


def test_registered_and_default() -> None:
    assert {"json", "markdown", "ics"} <= set(EXPORTERS)


def test_contents(service) -> None:
    text = export_text(service, "markdown")
    assert text.startswith("# Mentoring workbook: Ada Mentor & Ben Mentee")
    assert "## Mentoring agreement (version 1)" in text
    assert "Acknowledged by the mentor, Ada Mentor" in text
    assert "Awaiting acknowledgement by: mentee" in text
    assert "### 1. Ship an app" in text and "40% done" in text
    assert "Benchmark: by session two (by 2000-01-01) **overdue**" in text
    assert "Sketch screens" in text and "**OVERDUE**" in text and "goal: Ship an app" in text
    assert "Outcome: partly" in text and "What did not: Too much at once" in text
    assert "### Session 1 (first), 2025-01-13" in text and "We met and planned." in text
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


def test_empty_relationship(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        text = export_markdown(svc)
    assert "_No agreement yet._" in text and "_No goals yet._" in text
