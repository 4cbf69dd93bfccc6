"""A received copy is untrusted input: forged copies change only what the other side owns.

Each test forges the mentee's copy the way an attacker (or a broken program) could: inflated
version clocks, a renamed mentor, the relationship marked ended, the mentor's answers and
acknowledgement rewritten, a lying owner role, a path-like slug, a reused uid. The mentor's
file keeps everything the mentee does not own, and the merge summary counts each refusal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from core_helpers import make_pack, new_service

from workbook.agreement import acknowledge, current_agreement
from workbook.models import Answer, Author, RelationshipStatus, Role
from workbook.service import WorkbookService
from workbook.sharing import MergeReport, merge_copy, share_copy

Doc = dict[str, Any]
HUGE = 10**9
"""A clock counter no one ever reached."""


@pytest.fixture
def mentor(tmp_path: Path) -> WorkbookService:
    """The mentor's file with the mentor's own answer, a joint one, and the mentee's copy of it
    made (and opened once by the mentee)."""
    service = new_service(tmp_path / "mentor")
    service.set_answer("expect", Author.MENTOR, "the mentor's own words")
    service.set_answer("objectives", Author.JOINT, "agreed in session one")
    service.flush()
    return service


def _mentee_copy(mentor: WorkbookService, folder: Path) -> WorkbookService:
    """The mentee's own file, made from the mentor's shared copy."""
    return WorkbookService.open(share_copy(mentor, folder / "mentee.json", pack=make_pack()))


def _forge(copy: Path, change: Callable[[dict[str, dict[str, Doc]]], None]) -> Path:
    """Rewrite a shared copy on disk as an attacker would (no service, no checks)."""
    data = json.loads(copy.read_text(encoding="utf-8"))
    change(data)
    forged = copy.with_name("forged.json")
    forged.write_text(json.dumps(data), encoding="utf-8")
    return forged


def _docs(data: dict[str, dict[str, Doc]], table: str) -> list[Doc]:
    return list(data.get(table, {}).values())


def _answer_doc(data: dict[str, dict[str, Doc]], prompt_id: str, author: str) -> Doc:
    return next(
        d for d in _docs(data, "answers") if d["prompt_id"] == prompt_id and d["author"] == author
    )


def _share_back(mentee: WorkbookService, folder: Path) -> Path:
    return share_copy(mentee, folder / "from-mentee.json", pack=make_pack())


def _merge(mentor: WorkbookService, copy: Path) -> MergeReport:
    report = merge_copy(mentor, copy, pack=make_pack())
    assert "\n" not in report.summary()
    return report


def test_inflated_clocks_do_not_rewrite_the_mentors_answer(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    mentee = _mentee_copy(mentor, tmp_path)

    def rewrite(data: dict[str, dict[str, Doc]]) -> None:
        doc = _answer_doc(data, "expect", "mentor")
        doc.update(value="words put in the mentor's mouth", updated_at="2999-01-01T00:00:00Z")
        doc["clock"] = {"mentor": HUGE, "mentee": HUGE}

    report = _merge(mentor, _forge(_share_back(mentee, tmp_path), rewrite))
    assert mentor.answer("expect", Author.MENTOR).value == "the mentor's own words"
    assert report.refused == {"the mentor's own answers": 1}
    assert "Refused 1 changes the copy may not make" in report.summary()


def test_a_renamed_mentor_and_an_ended_relationship_are_refused(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    mentee = _mentee_copy(mentor, tmp_path)
    mentee.update_relationship(mentee_contact="ben@example.org")

    def takeover(data: dict[str, dict[str, Doc]]) -> None:
        rel = data["relationship"]["1"]
        rel.update(
            mentor="Mallory",
            mentee="Someone Else",
            status="ended-early",
            end_reason="taken over",
            ended_on="2025-02-01",
            mentor_contact="mallory@example.org",
            pack_id="no-private-prompts",
            linked_uids=["0" * 32],
            updated_at="2999-01-01T00:00:00Z",
        )
        rel["clock"] = {"mentor": HUGE, "mentee": HUGE}

    report = _merge(mentor, _forge(_share_back(mentee, tmp_path), takeover))
    rel = mentor.relationship
    assert (rel.mentor, rel.mentee) == ("Ada Mentor", "Ben Mentee")
    assert rel.status is RelationshipStatus.ACTIVE and rel.ended_on is None
    assert rel.mentor_contact == "" and rel.pack_id == "standard" and rel.linked_uids == []
    assert rel.mentee_contact == "ben@example.org"  # the mentee's own contact is theirs
    assert mentor.writable and not rel.is_finished  # the file did not become read-only
    assert report.refused == {
        "linked relationships": 1,
        "names": 1,
        "programme pack": 1,
        "status": 1,
        "the mentor's contact": 1,
    }


def test_a_new_answer_in_the_mentors_name_is_refused(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    mentee = _mentee_copy(mentor, tmp_path)

    def add(data: dict[str, dict[str, Doc]]) -> None:
        forged = dict(_answer_doc(data, "expect", "mentor"))
        forged.update(uid="f" * 32, prompt_id="hobbies", value="never said this", clock={})
        data["answers"][str(len(data["answers"]) + 1)] = forged

    report = _merge(mentor, _forge(_share_back(mentee, tmp_path), add))
    assert mentor.answer("hobbies", Author.MENTOR) is None
    assert report.refused == {"the mentor's own answers": 1}


def test_a_copy_that_lies_about_its_role_gains_nothing(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    """Whatever owner role a copy claims, it speaks for the other side of the file it is
    merged into: claiming to be the mentor's own file does not give it the mentor's answers."""
    mentee = _mentee_copy(mentor, tmp_path)
    mentee.set_answer("expect", Author.MENTEE, "the mentee's own words")
    copy = _share_back(mentee, tmp_path)
    for claimed in ("mentor", "mentee"):

        def lie(data: dict[str, dict[str, Doc]], claimed: str = claimed) -> None:
            data["relationship"]["1"]["owner_role"] = claimed
            doc = _answer_doc(data, "expect", "mentor")
            doc.update(value=f"forged as {claimed}", clock={"mentor": HUGE})

        report = _merge(mentor, _forge(copy, lie))
        assert mentor.answer("expect", Author.MENTOR).value == "the mentor's own words"
        assert mentor.answer("expect", Author.MENTEE).value == "the mentee's own words"
        assert mentor.relationship.owner_role is Role.MENTOR
        assert report.refused["the mentor's own answers"] == 1


def test_a_path_like_slug_never_reaches_the_file(mentor: WorkbookService, tmp_path: Path) -> None:
    mentee = _mentee_copy(mentor, tmp_path)

    def escape(data: dict[str, dict[str, Doc]]) -> None:
        rel = data["relationship"]["1"]
        rel.update(slug="../../../../tmp/x", clock={"mentee": HUGE})

    report = _merge(mentor, _forge(_share_back(mentee, tmp_path), escape))
    assert mentor.relationship.slug == mentor.path.stem
    assert report.refused == {"slug": 1}


def test_a_reused_uid_cannot_overwrite_another_answer(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    mentee = _mentee_copy(mentor, tmp_path)
    mentors = mentor.answer("expect", Author.MENTOR)

    def reuse(data: dict[str, dict[str, Doc]]) -> None:
        forged = dict(_answer_doc(data, "expect", "mentor"))
        forged.update(uid=mentors.uid, author="mentee", value="takes the mentor's slot")
        data["answers"]["99"] = forged

    report = _merge(mentor, _forge(_share_back(mentee, tmp_path), reuse))
    assert mentor.answer("expect", Author.MENTOR).value == "the mentor's own words"
    assert mentor.answer("expect", Author.MENTEE) is None
    assert report.refused == {"items reusing another item's id": 1}


def test_the_mentors_acknowledgement_and_what_it_acknowledged_stay(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    pack = make_pack()
    current_agreement(mentor, pack, date(2025, 1, 13))
    acknowledge(mentor, Role.MENTOR, "Ada Mentor")
    acknowledged = mentor.agreements()[0]
    mentee = _mentee_copy(mentor, tmp_path)
    acknowledge(mentee, Role.MENTEE, "Ben Mentee")

    def rewrite(data: dict[str, dict[str, Doc]]) -> None:
        version = _docs(data, "agreements")[0]
        version["text"] = "# Agreement\n\nThe mentor will pay the mentee.\n"
        version["clock"] = {"mentor": HUGE, "mentee": HUGE}

    report = _merge(mentor, _forge(_share_back(mentee, tmp_path), rewrite))
    assert mentor.agreements()[0].text == acknowledged.text
    assert report.refused["agreement versions the mentor acknowledged"] == 1

    report = _merge(mentor, _share_back(mentee, tmp_path))  # the honest copy: taken
    kept = mentor.agreements()[0]
    assert kept.text == acknowledged.text
    assert {ack.role for ack in kept.acknowledgements} == {Role.MENTOR, Role.MENTEE}
    assert not report.refused


def test_a_forged_acknowledgement_by_the_mentor_is_refused(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    mentee = _mentee_copy(mentor, tmp_path)
    acknowledge(mentee, Role.MENTEE, "Ben Mentee", pack=make_pack(), today=date(2025, 1, 13))

    def sign(data: dict[str, dict[str, Doc]]) -> None:
        version = _docs(data, "agreements")[0]
        version["acknowledgements"].append(
            {"role": "mentor", "name": "Ada Mentor", "at": "2025-01-14T10:00:00Z"}
        )
        version["clock"] = {"mentee": 5}

    report = _merge(mentor, _forge(_share_back(mentee, tmp_path), sign))
    assert mentor.agreements()[0].acknowledged_by(Role.MENTOR) is None
    assert report.refused["acknowledgements by the mentor"] == 1


def test_what_the_mentee_owns_still_comes_in(mentor: WorkbookService, tmp_path: Path) -> None:
    """The honest copy: the mentee's answers, joint answers and the cadence merge as ever."""
    mentee = _mentee_copy(mentor, tmp_path)
    mentee.set_answer("expect", Author.MENTEE, "the mentee's own words")
    mentee.set_answer("objectives", Author.JOINT, "agreed in session two")
    report = _merge(mentor, _share_back(mentee, tmp_path))
    assert mentor.answer("expect", Author.MENTEE).value == "the mentee's own words"
    assert mentor.answer("objectives", Author.JOINT).value == "agreed in session two"
    assert report.added == 1 and report.updated == 1 and not report.refused
    assert not _merge(mentor, _share_back(mentee, tmp_path)).changed


def test_answers_typed_for_the_other_side_stay_in_their_file(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    """During a call the mentor may type the mentee's answer (ctrl+r): the mentee's file does
    not take it from the mentor's copy (it is the mentee's to give), and says so."""
    mentee = _mentee_copy(mentor, tmp_path)
    mentor.set_answer("expect", Author.MENTEE, "typed by the mentor during the call")
    copy = share_copy(mentor, tmp_path / "for-mentee.json", pack=make_pack())
    report = merge_copy(mentee, copy, pack=make_pack())
    assert mentee.answer("expect", Author.MENTEE) is None
    assert report.refused == {"the mentee's own answers": 1}


def test_a_key_repeated_in_a_copy_adds_one_answer(mentor: WorkbookService, tmp_path: Path) -> None:
    mentee = _mentee_copy(mentor, tmp_path)
    mentee.set_answer("expect", Author.MENTEE, "first")

    def repeat(data: dict[str, dict[str, Doc]]) -> None:
        again = dict(_answer_doc(data, "expect", "mentee"))
        again.update(uid="e" * 32, value="second")
        data["answers"]["98"] = again

    _merge(mentor, _forge(_share_back(mentee, tmp_path), repeat))
    mentees = [
        a for a in mentor.items(Answer) if a.prompt_id == "expect" and a.author is Author.MENTEE
    ]
    assert len(mentees) == 1


def test_the_other_sides_later_acknowledgement_comes_in(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    """The mentee acknowledges a week after the mentor: the review date (the pack's months
    after the latest acknowledgement) moves, and the mentor's file takes the acknowledgement
    with it instead of refusing the version as changed. (Failed before: the mentor's file
    kept only its own acknowledgement, whatever the mentee did.)"""
    pack = make_pack()
    acknowledge(mentor, Role.MENTOR, "Ada Mentor", pack=pack, today=date(2025, 1, 13))
    mentee = _mentee_copy(mentor, tmp_path)
    acknowledge(mentee, Role.MENTEE, "Ben Mentee", pack=pack, today=date(2025, 1, 20))
    report = _merge(mentor, _share_back(mentee, tmp_path))
    assert not report.refused
    version = mentor.agreements()[0]
    assert version.fully_acknowledged and version.review_on == date(2025, 7, 20)
    assert version.text == mentee.agreements()[0].text


def test_a_moved_review_date_never_moves_earlier_or_rewrites_the_terms(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    pack = make_pack()
    acknowledge(mentor, Role.MENTOR, "Ada Mentor", pack=pack, today=date(2025, 1, 13))
    acknowledged = mentor.agreements()[0]
    mentee = _mentee_copy(mentor, tmp_path)
    acknowledge(mentee, Role.MENTEE, "Ben Mentee", pack=pack, today=date(2025, 1, 20))
    for review_on, text in (
        ("2025-01-01", acknowledged.text.replace("2025-07-13", "2025-01-01")),
        ("2025-09-01", acknowledged.text.replace("2025-07-13", "2025-09-01") + "\nAlso: x.\n"),
    ):

        def move(
            data: dict[str, dict[str, Doc]], review_on: str = review_on, text: str = text
        ) -> None:
            version = _docs(data, "agreements")[0]
            version.update(review_on=review_on, text=text, clock={"mentee": HUGE})

        report = _merge(mentor, _forge(_share_back(mentee, tmp_path), move))
        assert mentor.agreements()[0] == acknowledged
        assert report.refused == {"agreement versions the mentor acknowledged": 1}


def test_each_side_keeps_its_own_contact_through_concurrent_edits(
    mentor: WorkbookService, tmp_path: Path
) -> None:
    """The relationship record merges as a whole: the mentee giving a contact while the mentor
    set the cadence must lose neither. (Failed before: the newer record won whole.)"""
    from workbook.models import Cadence

    mentee = _mentee_copy(mentor, tmp_path)
    mentee.update_relationship(mentee_contact="ben@example.org")
    mentor.update_relationship(cadence=Cadence(every_weeks=3), mentee_contact="typed@example.org")
    _merge(mentor, _share_back(mentee, tmp_path))
    assert mentor.relationship.mentee_contact == "ben@example.org"  # the mentee's own
    assert mentor.relationship.cadence == Cadence(every_weeks=3)
    report = merge_copy(mentee, share_copy(mentor, tmp_path / "for-ben.json", pack=make_pack()))
    assert mentee.relationship.mentee_contact == "ben@example.org"
    assert mentee.relationship.cadence == Cadence(every_weeks=3)
    assert not report.refused
    assert not _merge(mentor, _share_back(mentee, tmp_path)).changed
