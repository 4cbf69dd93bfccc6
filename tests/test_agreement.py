"""The mentoring agreement: generated from answers, versioned, acknowledged, reviewed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from core_helpers import PRIVATE_MARKER, make_pack, new_service

from workbook.agreement import (
    NOT_YET_AGREED,
    acknowledge,
    body_of,
    build_agreement_text,
    current_agreement,
    needs_acknowledgement,
    review_due,
)
from workbook.errors import WorkbookError
from workbook.models import Author, Cadence, Goal, Role, Visibility

TODAY = date(2025, 1, 20)


@pytest.fixture
def service(tmp_path: Path):
    with new_service(tmp_path) as svc:
        svc.set_answer("expect", Author.MENTOR, "Come prepared with questions")
        svc.set_answer("expect", Author.MENTEE, "Honest feedback")
        svc.set_answer("objectives", Author.JOINT, "Land a junior role")
        svc.set_answer("contact", Author.JOINT, ["Email", "Chat"])
        svc.set_answer("confidential", Author.JOINT, True)
        svc.set_answer("secret", Author.MENTEE, PRIVATE_MARKER, Visibility.PRIVATE)
        svc.update_relationship(cadence=Cadence(every_weeks=3, duration_minutes=45, place="Zoom"))
        svc.save(
            Goal(title="Ship a portfolio app", measurable="Deployed", target_date=date(2025, 6, 1))
        )
        yield svc


def test_text_has_sections_in_pack_order_and_labels(service) -> None:
    text = build_agreement_text(
        service.relationship, make_pack(), service.answers(), service.goals()
    )
    assert "- Mentor: Ada Mentor" in text and "- Mentee: Ben Mentee" in text
    assert "- Mentor: Come prepared with questions" in text
    assert "- Mentee: Honest feedback" in text
    assert "- Agreed: Land a junior role" in text
    assert "  - Email\n  - Chat" in text
    assert "- Agreed: Yes" in text
    assert "every 3 weeks, 45 minutes, on Zoom" in text
    assert "Ship a portfolio app (by 2025-06-01)" in text
    order = [
        text.index(h)
        for h in (
            "## What we expect",
            "## Objectives",
            "## Staying in touch",
            "## Confidentiality",
            "## How often we meet",
        )
    ]
    assert order == sorted(order)
    ending = text.split("## Ending the relationship")[1]
    assert NOT_YET_AGREED in ending


def test_private_answers_never_appear(service) -> None:
    service.set_answer("expect", Author.MENTOR, PRIVATE_MARKER + " too", Visibility.PRIVATE)
    version = current_agreement(service, make_pack(), TODAY)
    assert PRIVATE_MARKER not in version.text
    assert "Private worries" not in version.text


def test_unchanged_inputs_keep_the_same_version(service) -> None:
    first = current_agreement(service, make_pack(), TODAY)
    again = current_agreement(service, make_pack(), date(2025, 2, 1))
    assert first.version == again.version == 1
    assert again == first
    assert len(service.agreements()) == 1


def test_change_before_acknowledgement_redrafts_in_place(service) -> None:
    current_agreement(service, make_pack(), TODAY)
    service.set_answer("ending", Author.JOINT, "Either can end it after a talk")
    draft = current_agreement(service, make_pack(), TODAY)
    assert draft.version == 1 and "Either can end it" in draft.text
    assert len(service.agreements()) == 1


def test_change_after_acknowledgement_makes_a_new_version(service) -> None:
    v1 = current_agreement(service, make_pack(), TODAY)
    acked = acknowledge(service, Role.MENTOR, "Ada Mentor", today=TODAY, review_months=6)
    assert acked.acknowledged_by(Role.MENTOR) is not None
    assert needs_acknowledgement(service) == [Role.MENTEE]
    service.set_answer("expect", Author.MENTEE, "Honest, kind feedback")
    v2 = current_agreement(service, make_pack(), TODAY)
    assert v2.version == 2 and not v2.acknowledgements
    assert "Honest, kind feedback" in v2.text
    versions = service.agreements()
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].text == acked.text and versions[0].source_hash == v1.source_hash
    assert needs_acknowledgement(service) == [Role.MENTOR, Role.MENTEE]


def test_review_date_defaults_to_six_months(service) -> None:
    version = current_agreement(service, make_pack(), TODAY)
    assert version.review_on == date(2025, 7, 20)
    assert "We review this agreement by 2025-07-20." in version.text


def test_review_date_follows_pack_and_acknowledgement(service) -> None:
    version = current_agreement(service, make_pack(review_months=3), TODAY)
    assert version.review_on == date(2025, 4, 20)
    acknowledge(service, Role.MENTOR, "Ada Mentor", today=date(2025, 1, 31), review_months=3)
    done = acknowledge(service, Role.MENTEE, "Ben Mentee", today=date(2025, 1, 31), review_months=3)
    assert done.fully_acknowledged
    assert done.review_on == date(2025, 4, 30)
    assert "by 2025-04-30" in done.text
    assert body_of(done.text) == body_of(version.text)
    assert not review_due(service, date(2025, 4, 29))
    assert review_due(service, date(2025, 4, 30))


def test_acknowledging_needs_an_agreement_and_a_name(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        with pytest.raises(WorkbookError):
            acknowledge(svc, Role.MENTOR, "Ada")
        current_agreement(svc, make_pack(), TODAY)
        with pytest.raises(WorkbookError):
            acknowledge(svc, Role.MENTOR, "  ")
        assert not review_due(svc, date(2030, 1, 1))


def test_agreement_is_stored_and_reopens(service, tmp_path: Path) -> None:
    version = current_agreement(service, make_pack(), TODAY)
    service.flush()
    from workbook.service import WorkbookService

    reopened = WorkbookService.open(service.path, read_only=True)
    assert reopened.agreements()[-1].text == version.text
