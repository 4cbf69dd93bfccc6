"""The mentoring agreement: derived from the answers, frozen when acknowledged, reviewed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from core_helpers import PRIVATE_MARKER, make_pack, new_service
from markdown_it import MarkdownIt

from workbook.agreement import (
    NOT_YET_AGREED,
    UnagreedSectionsError,
    acknowledge,
    agreement_sections,
    body_of,
    build_agreement_text,
    current_agreement,
    draft_agreement,
    review_due,
)
from workbook.agreement_state import AgreementState, agreement_status
from workbook.content.model import AgreementSection, Audience, Pack, Prompt, PromptKind, Tab
from workbook.errors import WorkbookError
from workbook.models import AgreementVersion, Author, Cadence, Goal, Role, Visibility

TODAY = date(2025, 1, 20)


def review_pack(review_months: int = 6) -> Pack:
    """The test pack plus a joint date prompt in the ``review`` section."""
    pack = make_pack(review_months)
    review = Tab(
        id="agreement",
        title="Agreement",
        prompts=(
            Prompt(
                id="review-date",
                title="When will you review the agreement?",
                kind=PromptKind.DATE,
                audience=Audience.JOINT,
                agreement="review",
            ),
        ),
    )
    return pack.model_copy(update={"tabs": (*pack.tabs, review)})


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


def test_text_has_sections_in_order_both_answers_and_no_empty_section(service) -> None:
    text = build_agreement_text(
        service.relationship, make_pack(), service.answers(), service.goals()
    )
    assert "- Mentor: Ada Mentor" in text and "- Mentee: Ben Mentee" in text
    # A prompt for both people shows both answers.
    assert "- Mentor: Come prepared with questions\n- Mentee: Honest feedback" in text
    assert "- Agreed: Land a junior role" in text
    assert "  - Email\n  - Chat" in text
    assert "- Agreed: Yes" in text
    assert "every 3 weeks, 45 minutes, on Zoom" in text
    assert "Ship a portfolio app (by 2025-06-01)" in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Objectives and goals",
        "## What we expect of each other",
        "## How often we meet",
        "## Staying in touch",
        "## Confidentiality",
    ]
    # The empty section is left out and named once.
    assert "## Ending the relationship" not in text
    assert text.count(NOT_YET_AGREED) == 1
    assert f"{NOT_YET_AGREED} Ending the relationship." in text


def test_sections_come_from_one_function_declared_or_built_in() -> None:
    built_in = agreement_sections(make_pack())
    assert built_in[0].id == "objectives" and built_in[-1].id == "review"
    declared = make_pack().model_copy(
        update={
            "agreement_sections": (
                AgreementSection(id="contact", title="Keeping in touch"),
                AgreementSection(id="expectations", title="Our expectations"),
            )
        }
    )
    ids = [s.id for s in agreement_sections(declared)]
    assert ids[:2] == ["contact", "expectations"]
    assert set(ids[2:]) == {"objectives", "confidentiality", "cadence", "ending"}


def test_private_answers_never_appear(service) -> None:
    service.set_answer("expect", Author.MENTOR, PRIVATE_MARKER + " too", Visibility.PRIVATE)
    version = current_agreement(service, make_pack(), TODAY)
    assert PRIVATE_MARKER not in version.text
    assert "Private worries" not in version.text


def test_drafting_writes_nothing(service) -> None:
    first = current_agreement(service, make_pack(), TODAY)
    again = current_agreement(service, make_pack(), date(2025, 2, 1))
    assert first.version == again.version == 1 and first.source_hash == again.source_hash
    assert service.agreements() == []


def test_the_draft_follows_every_edit_before_acknowledgement(service) -> None:
    service.set_answer("ending", Author.JOINT, "Either can end it after a talk")
    draft = current_agreement(service, make_pack(), TODAY)
    assert draft.version == 1 and "Either can end it" in draft.text
    status = agreement_status(service, make_pack(), TODAY)
    assert status.state is AgreementState.DRAFT and status.awaiting == (Role.MENTOR, Role.MENTEE)


def test_acknowledged_version_is_frozen_and_goes_stale_after_an_edit(service) -> None:
    pack = make_pack()
    acked = acknowledge(service, Role.MENTOR, "Ada Mentor", pack=pack, today=TODAY)
    assert agreement_status(service, pack, TODAY).awaiting == (Role.MENTEE,)
    both = acknowledge(service, Role.MENTEE, "Ben Mentee", pack=pack, today=TODAY)
    assert both.uid == acked.uid and both.fully_acknowledged
    assert agreement_status(service, pack, TODAY).state is AgreementState.ACKNOWLEDGED
    frozen = service.agreements()[-1].text
    service.set_answer("expect", Author.MENTEE, "Honest, kind feedback")
    service.set_answer("ending", Author.JOINT, "After a year")
    status = agreement_status(service, pack, TODAY)
    assert status.state is AgreementState.CHANGED
    assert status.changed == ("What we expect of each other", "Ending the relationship")
    assert status.label() == (
        "changed since acknowledged: 2 sections "
        "(What we expect of each other, Ending the relationship)"
    )
    assert service.agreements()[-1].text == frozen  # the acknowledged version did not move
    assert "Honest, kind feedback" in current_agreement(service, pack, TODAY).text
    # Acknowledging again makes the new version, awaiting the other side.
    v2 = acknowledge(service, Role.MENTEE, "Ben Mentee", pack=pack, today=TODAY)
    assert v2.version == 2 and [a.role for a in v2.acknowledgements] == [Role.MENTEE]
    assert [v.version for v in service.agreements()] == [1, 2]
    after = agreement_status(service, pack, TODAY)
    assert after.state is AgreementState.AWAITING and after.awaiting == (Role.MENTOR,)
    # Undoing the edits brings back... a draft that differs from v2 again.
    service.set_answer("ending", Author.JOINT, "")
    assert agreement_status(service, pack, TODAY).changed == ("Ending the relationship",)


def test_acknowledging_with_unagreed_sections_can_refuse_and_names_them(service) -> None:
    with pytest.raises(UnagreedSectionsError) as refused:
        acknowledge(service, Role.MENTOR, "Ada", pack=make_pack(), refuse_unagreed=True)
    assert refused.value.sections == ["Ending the relationship"]
    assert "1 section is not agreed yet: Ending the relationship" in str(refused.value)
    assert service.agreements() == []
    version = acknowledge(service, Role.MENTOR, "Ada", pack=make_pack())
    assert f"{NOT_YET_AGREED} Ending the relationship." in version.text


def test_review_date_defaults_to_months_after_acknowledgement(service) -> None:
    pack = make_pack(review_months=3)
    assert agreement_status(service, pack, TODAY).review_on is None
    version = current_agreement(service, pack, TODAY)
    assert version.review_on == date(2025, 4, 20)
    assert "We review this agreement by 2025-04-20." in version.text
    acknowledge(service, Role.MENTOR, "Ada Mentor", pack=pack, today=date(2025, 1, 31))
    done = acknowledge(service, Role.MENTEE, "Ben Mentee", pack=pack, today=date(2025, 1, 31))
    assert done.fully_acknowledged and done.review_on == date(2025, 4, 30)
    assert "by 2025-04-30" in done.text and body_of(done.text) == body_of(version.text)
    assert not review_due(service, date(2025, 4, 29), pack)
    assert review_due(service, date(2025, 4, 30), pack)
    assert agreement_status(service, pack, date(2025, 5, 1)).state is AgreementState.REVIEW_DUE


def test_the_agreed_review_date_is_the_review_date(service) -> None:
    pack = review_pack()
    service.set_answer("review-date", Author.JOINT, "2025-03-15")
    version = current_agreement(service, pack, TODAY)
    assert version.review_on == date(2025, 3, 15) and version.review_agreed
    acknowledge(service, Role.MENTOR, "Ada", pack=pack, today=TODAY)
    acked = acknowledge(service, Role.MENTEE, "Ben", pack=pack, today=TODAY)
    assert acked.review_on == date(2025, 3, 15) and "by 2025-03-15" in acked.text
    status = agreement_status(service, pack, date(2025, 3, 15))
    assert status.review_on == date(2025, 3, 15) and status.review_due
    # A new agreed date is a change of the agreement, and becomes the review date at once.
    service.set_answer("review-date", Author.JOINT, "2025-05-01")
    moved = agreement_status(service, pack, date(2025, 3, 15))
    assert moved.changed == ("Review",) and moved.review_on == date(2025, 5, 1)
    assert not moved.review_due


def test_acknowledging_needs_a_name_and_warns_about_an_empty_agreement(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        assert agreement_status(svc, make_pack(), TODAY).state is AgreementState.NONE
        with pytest.raises(UnagreedSectionsError) as refused:
            acknowledge(svc, Role.MENTOR, "Ada", pack=make_pack(), refuse_unagreed=True)
        assert len(refused.value.sections) == 6
        svc.set_answer("ending", Author.JOINT, "After a year")
        with pytest.raises(WorkbookError, match="give a name"):
            acknowledge(svc, Role.MENTOR, "  ", pack=make_pack())
        assert agreement_status(svc, make_pack(), TODAY).state is AgreementState.DRAFT
        assert not review_due(svc, date(2030, 1, 1), make_pack())


def test_an_unacknowledged_version_from_an_older_release_is_a_draft(service) -> None:
    body = draft_agreement(service, make_pack()).body
    service.save(AgreementVersion(uid="agreement-v1", version=1, text=body, review_on=TODAY))
    assert agreement_status(service, make_pack(), TODAY).state is AgreementState.DRAFT
    acked = acknowledge(service, Role.MENTOR, "Ada", pack=make_pack(), today=TODAY)
    assert acked.uid == "agreement-v1" and len(service.agreements()) == 1


def test_an_older_release_text_compares_by_section(service) -> None:
    """A version acknowledged before empty sections were left out differs only in layout."""
    pack = make_pack()
    body = draft_agreement(service, pack).body.replace(
        f"{NOT_YET_AGREED} Ending the relationship.\n",
        "## Ending the relationship\n\n_Not yet agreed._\n",
    )
    acks = [
        {"role": "mentor", "name": "Ada", "at": "2025-01-20T10:00:00Z"},
        {"role": "mentee", "name": "Ben", "at": "2025-01-20T10:00:00Z"},
    ]
    service.save(
        AgreementVersion.model_validate(
            {
                "uid": "agreement-v1",
                "version": 1,
                "text": body,
                "review_on": "2025-07-20",
                "source_hash": "old",
                "acknowledgements": acks,
            }
        )
    )
    status = agreement_status(service, pack, TODAY)
    assert status.state is AgreementState.ACKNOWLEDGED and status.changed == ()


def test_agreement_is_stored_and_reopens(service) -> None:
    version = acknowledge(service, Role.MENTOR, "Ada", pack=make_pack(), today=TODAY)
    service.flush()
    from workbook.service import WorkbookService

    reopened = WorkbookService.open(service.path, read_only=True)
    assert reopened.agreements()[-1].text == version.text
    status = agreement_status(reopened, make_pack(), TODAY)
    assert status.state is AgreementState.AWAITING


def test_answers_and_names_are_literal_text_in_the_agreement(service) -> None:
    """An answer that looks like Markdown (a heading, a list, a link, an image, HTML) stays the
    typed characters: on the old code "# Take over" became a heading of the agreement."""
    service.set_answer(
        "ending", Author.JOINT, "# Take over\n- [click](http://evil.example) ![x](y) <b>hi</b>"
    )
    body = draft_agreement(service, make_pack()).body
    assert "\n# Take over" not in body and "\n- [click]" not in body
    assert "\\# Take over" in body and "\\[click\\](http://evil.example)" in body
    assert "\\<b\\>hi\\</b\\>" in body

    tokens = MarkdownIt("commonmark").parse(body)
    assert not [t for t in tokens if t.type == "heading_open" and t.tag == "h1"][1:]
    inline = [child for t in tokens if t.children for child in t.children]
    assert not [t for t in inline if t.type in {"link_open", "image", "html_inline"}]
