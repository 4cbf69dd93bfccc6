"""The mentee who starts first: another relationship between the same two names is adopted
(``merge --adopt``), the link is remembered both ways, and nothing is doubled or leaks.

Each test keeps the mentor's and the mentee's files in two separate folders, as on two
machines; copies travel only as shared copies.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from core_helpers import make_pack, new_service

from workbook.adoption import (
    AdoptionNeededError,
    Kinship,
    compare_with_copy,
    kinship,
)
from workbook.agreement import acknowledge
from workbook.content.model import Pack, Prompt, PromptKind, Tab
from workbook.errors import WorkbookError
from workbook.merging import join_sessions
from workbook.models import (
    ActionItem,
    Answer,
    Author,
    Goal,
    Note,
    Role,
    Session,
    Visibility,
)
from workbook.service import WorkbookService
from workbook.sharing import Joining, MergeReport, merge_copy, share_copy
from workbook.text import same_name


class Machines:
    """The mentor's and the mentee's own files, each started on its own machine."""

    def __init__(self, root: Path, *, mentee_names: tuple[str, str] | None = None) -> None:
        self.root = root
        self.count = 0
        self.mentor = new_service(root / "mentor-machine", started_on=date(2025, 1, 6))
        if mentee_names is None:
            self.mentee = new_service(
                root / "mentee-machine", role=Role.MENTEE, started_on=date(2025, 1, 2)
            )
        else:
            (root / "mentee-machine").mkdir(parents=True, exist_ok=True)
            self.mentee = WorkbookService.create(
                mentor=mentee_names[0],
                mentee=mentee_names[1],
                pack_id="standard",
                pack_version="1.0",
                role=Role.MENTEE,
                started_on=date(2025, 1, 2),
                folder=root / "mentee-machine",
            )

    def copy_of(self, service: WorkbookService, pack: Pack | None = None) -> Path:
        """A shared copy of ``service``'s file, as it would be sent by email."""
        self.count += 1
        return share_copy(service, self.root / f"sent-{self.count}.json", pack=pack or make_pack())

    def to_mentor(self, *, adopt: bool = False) -> MergeReport:
        copy = self.copy_of(self.mentee)
        return merge_copy(self.mentor, copy, adopt=adopt, pack=make_pack())

    def to_mentee(self, *, adopt: bool = False) -> MergeReport:
        copy = self.copy_of(self.mentor)
        return merge_copy(self.mentee, copy, adopt=adopt, pack=make_pack())

    def close(self) -> None:
        self.mentor.close()
        self.mentee.close()


@pytest.fixture
def machines(tmp_path: Path) -> Machines:
    pair = Machines(tmp_path)
    yield pair
    pair.close()


def test_names_are_compared_without_case_spacing_or_accents() -> None:
    assert same_name("Ana María", " ana  maria ")
    assert same_name("ZOË O'Neil", "zoe o'neil")
    assert not same_name("Ana", "Anna")
    assert not same_name("Sam Okafor", "Sam")


def test_kinship_of_copies(machines: Machines) -> None:
    ours, theirs = machines.mentor.relationship, machines.mentee.relationship
    assert kinship(ours, ours) is Kinship.SAME
    assert kinship(ours, theirs) is Kinship.SAME_NAMES
    assert kinship(ours.model_copy(update={"linked_uids": [theirs.uid]}), theirs) is Kinship.LINKED
    assert kinship(ours, theirs.model_copy(update={"linked_uids": [ours.uid]})) is Kinship.LINKS_US
    swapped = theirs.model_copy(update={"mentor": ours.mentee, "mentee": ours.mentor})
    assert kinship(ours, swapped) is Kinship.SWAPPED
    # A claimed link between other names is not believed.
    stranger = theirs.model_copy(update={"mentee": "Someone Else", "linked_uids": [ours.uid]})
    assert kinship(ours, stranger) is Kinship.DIFFERENT


def test_merge_without_adopt_refuses_in_one_line_and_writes_nothing(machines: Machines) -> None:
    machines.mentee.set_answer("hobbies", Author.MENTEE, "climbing")
    machines.mentee.flush()
    before = machines.mentor.path.read_bytes()
    copy = machines.copy_of(machines.mentee)
    with pytest.raises(AdoptionNeededError) as refused:
        merge_copy(machines.mentor, copy, pack=make_pack())
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(
        f"{copy.name} is a copy of another relationship between Ada Mentor and Ben Mentee "
        "(theirs: pack standard 1.0, started 2025-01-02, 1 answer; yours: pack standard 1.0, "
        "started 2025-01-06, 0 answers); to join it to yours, run: mentor-workbook merge --adopt "
    )
    assert message.endswith(f"{machines.mentor.path} {copy}")
    assert refused.value.comparison.adoptable
    assert machines.mentor.path.read_bytes() == before
    assert machines.mentor.relationship.linked_uids == []


def test_adopting_joins_answers_goals_actions_and_session_notes(machines: Machines) -> None:
    mentee, mentor = machines.mentee, machines.mentor
    mentee.set_answer("expect", Author.MENTEE, "to learn to negotiate")
    mentee.set_answer("secret", Author.MENTEE, "worried about money", Visibility.PRIVATE)
    mentee.set_answer("hobbies", Author.MENTEE, "told in confidence", Visibility.PRIVATE)
    mentee.set_answer("objectives", Author.JOINT, "the mentee's idea of our objectives")
    goal = mentee.save(Goal(title="Find a first tech job"))
    mentee.save(ActionItem(text="Update my CV", goal_uid=goal.uid))
    first = mentee.start_session()
    mentee.save(first.model_copy(update={"shared_notes": "Mentee: I prepared my questions."}))
    mentee.save(Note(author=Role.MENTEE, text="a private note of the mentee"))
    mentor.set_answer("expect", Author.MENTOR, "the mentor's own words")
    mentor.set_answer("objectives", Author.JOINT, "the mentor's idea of our objectives")
    started = mentor.start_session()
    mentor.save(started.model_copy(update={"shared_notes": "Mentor: we met at the cafe."}))

    report = machines.to_mentor(adopt=True)

    assert report.joined is Joining.ADOPTED and not report.refused
    assert report.summary().startswith("Adopted ")
    assert "Later copies from either side merge without --adopt." in report.summary()
    assert mentor.relationship.linked_uids == [mentee.relationship.uid]
    assert mentor.relationship.uid != mentee.relationship.uid  # this file stays itself
    assert mentor.answer("expect", Author.MENTEE).value == "to learn to negotiate"
    assert mentor.answer("expect", Author.MENTOR).value == "the mentor's own words"
    assert mentor.answer("secret", Author.MENTEE) is None  # private never crosses
    assert mentor.answer("hobbies", Author.MENTEE) is None
    joint = mentor.answer("objectives", Author.JOINT)
    values = {joint.value, *(conflict.value for conflict in joint.conflicts)}
    assert values == {
        "the mentor's idea of our objectives",
        "the mentee's idea of our objectives",
    }
    assert [g.title for g in mentor.goals()] == ["Find a first tech job"]
    assert [(a.text, a.goal_uid) for a in mentor.actions()] == [("Update my CV", goal.uid)]
    sessions = mentor.sessions()
    assert [s.number for s in sessions] == [1]  # one meeting, not two sessions numbered 1
    assert sessions[0].shared_notes.count("Mentor: we met at the cafe.") == 1
    assert sessions[0].shared_notes.count("Mentee: I prepared my questions.") == 1
    assert mentor.notes() == []
    assert mentor.writable and not mentor.dirty  # flushed


def test_the_link_is_remembered_both_ways_and_round_trips_need_no_flags(
    machines: Machines,
) -> None:
    mentee, mentor = machines.mentee, machines.mentor
    mentee.set_answer("expect", Author.MENTEE, "first words")
    mentee.start_session()
    mentor.start_session()
    machines.to_mentor(adopt=True)

    back = machines.to_mentee()  # no --adopt: the copy says the mentor's file adopted this one
    assert back.joined is Joining.RECORDED
    assert "now joined both ways" in back.summary()
    assert mentee.relationship.linked_uids == [mentor.relationship.uid]
    assert not back.refused

    for round_number in range(3):
        mentee.set_answer("hobbies", Author.MENTEE, f"mentee round {round_number}")
        assert machines.to_mentor().joined is Joining.NONE
        assert mentor.answer("hobbies", Author.MENTEE).value == f"mentee round {round_number}"
        mentor.set_answer("hobbies", Author.MENTOR, f"mentor round {round_number}")
        assert machines.to_mentee().joined is Joining.NONE
        assert mentee.answer("hobbies", Author.MENTOR).value == f"mentor round {round_number}"

    for merge in (machines.to_mentor, machines.to_mentee):
        again = merge()
        assert not again.changed and not again.refused, again.summary()
    # The sessions numbered 1 became one session with one id in both files.
    uids = {
        svc.relationship.owner_role: [s.uid for s in svc.sessions()] for svc in (mentor, mentee)
    }
    assert uids[Role.MENTOR] == uids[Role.MENTEE] and len(uids[Role.MENTOR]) == 1
    # A later copy merges in either direction without the link being added twice.
    assert mentor.relationship.linked_uids == [mentee.relationship.uid]
    assert mentee.relationship.linked_uids == [mentor.relationship.uid]


def test_the_mentee_can_adopt_the_mentors_file_too(machines: Machines) -> None:
    """The other direction: the mentee receives the mentor's own relationship."""
    machines.mentor.set_answer("expect", Author.MENTOR, "from the mentor")
    with pytest.raises(AdoptionNeededError):
        machines.to_mentee()
    assert machines.to_mentee(adopt=True).joined is Joining.ADOPTED
    assert machines.mentee.answer("expect", Author.MENTOR).value == "from the mentor"
    assert machines.to_mentor().joined is Joining.RECORDED


def test_a_copy_between_other_names_is_refused_even_with_adopt(tmp_path: Path) -> None:
    pair = Machines(tmp_path, mentee_names=("Ada Mentor", "Ben"))
    copy = pair.copy_of(pair.mentee)
    before = pair.mentor.path.read_bytes()
    for adopt in (False, True):
        with pytest.raises(WorkbookError, match="is a copy of a different relationship") as no:
            merge_copy(pair.mentor, copy, adopt=adopt, pack=make_pack())
        assert not isinstance(no.value, AdoptionNeededError)
    assert pair.mentor.path.read_bytes() == before
    pair.close()


def test_mentor_and_mentee_the_other_way_round_are_named_in_the_refusal(tmp_path: Path) -> None:
    pair = Machines(tmp_path, mentee_names=("Ben Mentee", "Ada Mentor"))
    copy = pair.copy_of(pair.mentee)
    with pytest.raises(WorkbookError, match="the other way round from this relationship"):
        merge_copy(pair.mentor, copy, adopt=True, pack=make_pack())
    pair.close()


def _forge(copy: Path, change: dict[str, object]) -> Path:
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["relationship"]["1"].update(change)
    for doc in data["answers"].values():
        if doc["author"] == "mentor":
            doc.update(value="words put in the mentor's mouth", clock={"mentor": 10**9})
    forged = copy.with_name("forged.json")
    forged.write_text(json.dumps(data), encoding="utf-8")
    return forged


def test_a_copy_claiming_a_link_gains_nothing_it_does_not_own(machines: Machines) -> None:
    """A forged copy of another relationship that claims this file adopted it (or that it
    adopted this file) still speaks only for the mentee."""
    mentor = machines.mentor
    mentor.set_answer("expect", Author.MENTOR, "the mentor's own words")
    machines.mentee.set_answer("expect", Author.MENTOR, "typed on the mentee's machine")
    machines.mentee.set_answer("expect", Author.MENTEE, "the mentee's words")
    change = {
        "linked_uids": [mentor.relationship.uid, "0" * 32],
        "status": "ended-early",
        "end_reason": "taken over",
        "mentor_contact": "mallory@example.org",
        "clock": {"mentor": 10**9, "mentee": 10**9},
    }
    report = merge_copy(mentor, _forge(machines.copy_of(machines.mentee), change), pack=make_pack())
    assert report.joined is Joining.RECORDED
    assert mentor.answer("expect", Author.MENTOR).value == "the mentor's own words"
    assert mentor.answer("expect", Author.MENTEE).value == "the mentee's words"
    rel = mentor.relationship
    assert not rel.is_finished and rel.mentor_contact == ""
    assert rel.linked_uids == [machines.mentee.relationship.uid]  # never "000..."
    assert report.refused == {
        "linked relationships": 1,
        "status": 1,
        "the mentor's contact": 1,
        "the mentor's own answers": 1,
    }
    # With other names the claimed link is not believed at all.
    stranger = _forge(machines.copy_of(machines.mentee), {**change, "mentee": "Mallory"})
    with pytest.raises(WorkbookError, match="different relationship"):
        merge_copy(mentor, stranger, pack=make_pack())


def _pack_with(extra: Prompt, *, private: str = "") -> Pack:
    pack = make_pack()
    tab = Tab(id="extra", title="Extra", prompts=(extra,))
    prompts = [
        p.model_copy(update={"private": p.id == private}) if private else p
        for p in pack.tabs[0].prompts
    ]
    tabs = (pack.tabs[0].model_copy(update={"prompts": tuple(prompts)}), *pack.tabs[1:], tab)
    return pack.model_copy(update={"id": "career", "tabs": tabs})


class _Catalog:
    """Just enough of a pack catalog: packs by id."""

    def __init__(self, *packs: Pack) -> None:
        self.packs = {pack.id: pack for pack in packs}

    def load(self, pack_id: str) -> Pack:
        if pack_id not in self.packs:
            raise WorkbookError(f"no pack {pack_id!r}")
        return self.packs[pack_id]


def test_a_different_pack_on_the_other_side(machines: Machines, tmp_path: Path) -> None:
    """The mentee started on another pack: answers to prompts this pack lacks are kept, and a
    prompt private in *their* pack stays private here even though ours does not mark it."""
    salary = Prompt(id="salary", title="Salary hopes", kind=PromptKind.SHORT_TEXT)
    theirs = _pack_with(salary, private="hobbies")
    mentee = machines.mentee
    mentee.update_relationship(pack_id="career")
    mentee.set_answer("salary", Author.MENTEE, "enough to move out")
    mentee.set_answer("hobbies", Author.MENTEE, "private in the career pack")
    mentee.flush()
    raw = json.loads(mentee.path.read_text(encoding="utf-8"))  # their own file, not a share
    own_file = tmp_path / "their-own-file.json"
    own_file.write_text(json.dumps(raw), encoding="utf-8")
    catalog = _Catalog(make_pack(), theirs)
    report = merge_copy(machines.mentor, own_file, adopt=True, catalog=catalog)
    assert report.joined is Joining.ADOPTED
    assert machines.mentor.relationship.pack_id == "standard"
    assert machines.mentor.answer("salary", Author.MENTEE).value == "enough to move out"
    assert machines.mentor.answer("hobbies", Author.MENTEE) is None
    assert "programme pack" not in report.refused  # their pack is theirs, not a change asked


def test_one_agreement_version_per_number(machines: Machines) -> None:
    """Both acknowledged alone before the files were joined: version 1 is the same item in
    both files (its id is its number), each keeps the text it acknowledged, and the next
    acknowledgement, of the terms both files now hold, is version 2 with both names."""
    pack = make_pack()
    machines.mentor.set_answer("expect", Author.MENTOR, "mentor's expectations")
    acknowledge(machines.mentor, Role.MENTOR, "Ada Mentor", pack=pack, today=date(2025, 1, 6))
    machines.mentee.set_answer("expect", Author.MENTEE, "mentee's expectations")
    acknowledge(machines.mentee, Role.MENTEE, "Ben Mentee", pack=pack, today=date(2025, 1, 7))
    mine = machines.mentor.agreements()[0]
    machines.to_mentor(adopt=True)
    machines.to_mentee()
    for service in (machines.mentor, machines.mentee):
        assert [v.version for v in service.agreements()] == [1]
    assert machines.mentor.agreements()[0] == mine
    acknowledge(machines.mentor, Role.MENTOR, "Ada Mentor", pack=pack, today=date(2025, 1, 13))
    machines.to_mentee()
    acknowledge(machines.mentee, Role.MENTEE, "Ben Mentee", pack=pack, today=date(2025, 1, 14))
    machines.to_mentor()
    for service in (machines.mentor, machines.mentee):
        latest = service.agreements()[-1]
        assert latest.version == 2 and latest.fully_acknowledged


def test_the_comparison_shows_both_sides(machines: Machines) -> None:
    machines.mentee.set_answer("expect", Author.MENTEE, "a")
    machines.mentee.set_answer("objectives", Author.JOINT, "b")
    machines.mentee.save(Goal(title="g"))
    copy = machines.copy_of(machines.mentee)
    comparison = compare_with_copy(machines.mentor, copy)
    rows = {what: (ours, theirs) for what, ours, theirs in comparison.rows()}
    assert rows["Mentor"] == ("Ada Mentor", "Ada Mentor")
    assert rows["Pack"] == ("standard 1.0", "standard 1.0")
    assert rows["Started"] == ("2025-01-06", "2025-01-02")
    assert rows["Answers"] == ("0 answers", "2 answers (mentee 1, joint 1)")
    assert rows["Goals"] == ("0", "1")
    assert rows["File"][1] == str(copy)
    assert comparison.adoptable


def test_joining_two_sessions_does_not_depend_on_the_order(machines: Machines) -> None:
    one = machines.mentor.start_session()
    one = machines.mentor.save(one.model_copy(update={"shared_notes": "A", "recap": "r"}))
    two = machines.mentee.start_session()
    two = machines.mentee.save(two.model_copy(update={"shared_notes": "B"}))
    joined = join_sessions(one, two)
    assert joined == join_sessions(two, one)
    assert joined.uid == min(one.uid, two.uid)
    assert joined.shared_notes == "A\n\nB"  # the session started first comes first
    assert joined.recap == "r"
    later = two.model_copy(update={"clock": {"mentor": 5, "mentee": 5}, "shared_notes": "C"})
    assert join_sessions(one, later).shared_notes == "C"  # it has seen every edit of the other


def test_a_session_left_behind_under_another_id_stays_deleted(machines: Machines) -> None:
    machines.mentor.start_session()
    machines.mentee.start_session()
    machines.to_mentor(adopt=True)
    machines.to_mentee()
    machines.to_mentor()
    for service in (machines.mentor, machines.mentee):
        assert len(service.sessions()) == 1
        tombstones = [s for s in service.items(Session, include_deleted=True) if s.deleted]
        assert len(tombstones) == 1
        assert service.sessions()[0].number == 1


def test_answers_of_each_side_keep_their_keys(machines: Machines) -> None:
    """Answers are matched by prompt, author and session, never by their ids (which differ
    between the two files): adopting twice adds nothing twice."""
    machines.mentee.set_answer("expect", Author.MENTEE, "x")
    machines.to_mentor(adopt=True)
    machines.to_mentor(adopt=True)
    keys = [a.key for a in machines.mentor.items(Answer)]
    assert keys == [("expect", "mentee", 0)]


def test_a_copy_holding_both_twins_cannot_bring_the_replaced_one_back(
    machines: Machines,
) -> None:
    """A copy with two live sessions numbered 1 (the other file's, and an old copy of this
    one's): one session stays, under the smaller id; the one it replaced stays deleted."""
    mine = machines.mentor.save(Session(uid="b" * 32, number=1, held_on=date(2025, 1, 6)))
    machines.mentee.save(Session(uid="a" * 32, number=1, held_on=date(2025, 1, 6)))
    copy = machines.copy_of(machines.mentee)
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["sessions"]["2"] = mine.model_dump(mode="json")
    copy.write_text(json.dumps(data), encoding="utf-8")
    merge_copy(machines.mentor, copy, adopt=True, pack=make_pack())
    assert [s.uid for s in machines.mentor.sessions()] == ["a" * 32]
    assert machines.mentor.items(Session, include_deleted=True)[0].deleted  # "b..." is gone
    assert not merge_copy(machines.mentor, copy, pack=make_pack()).changed
