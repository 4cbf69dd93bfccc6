"""Keeping both sides in step through a folder, through the core (the command line and the app
run the same rounds): round trips between two homes, delayed and partial "syncs", leftovers of
sync services, a forged file, privacy byte by byte, clocks that differ, days offline, and the
coordinator's report reading such a folder."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from sync_helpers import (
    MENTEE,
    PRIVATE_WORDS,
    SLUG,
    Side,
    add_private_things,
    carry,
    folder_bytes,
    linked_pair,
    private_texts,
)

from workbook import paths
from workbook.content.catalog import PackCatalog
from workbook.models import Author, Goal, Role, utc_now
from workbook.report.columns import cell
from workbook.report.reading import read_report
from workbook.service import WorkbookService
from workbook.sync.links import LinkStore
from workbook.sync.rounds import link_folder, stage_folder, sync_now
from workbook.sync.staging import apply_staged


@pytest.fixture(autouse=True)
def _no_home_left(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.delenv(paths.HOME_ENV_VAR, raising=False)
    yield
    paths.set_home_override(None)


def test_an_edit_on_one_side_arrives_on_the_other(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    assert sorted(os.listdir(mentor.folder)) == [f"{SLUG}.mentee.json", f"{SLUG}.mentor.json"]
    with mentee.service() as service:
        service.set_answer("hobbies", Author.MENTEE, "Chess and climbing")
        service.save(Goal(title="Build a portfolio"))
    assert mentee.sync().copy is not None  # the mentee's copy now holds the edit
    result = mentor.sync()
    assert result.headline() == f"{MENTEE}'s changes arrived: 1 answer, 1 goal"
    mine = mentor.read()
    assert mine.answer("hobbies", Author.MENTEE).value == "Chess and climbing"  # type: ignore[union-attr]
    assert [goal.title for goal in mine.goals()] == ["Build a portfolio"]
    again = mentor.sync()  # nothing changed in the folder: nothing read, nothing new
    assert not again.changed and again.copy is not None and not again.copy.wrote
    assert mentor.link().merged[f"{SLUG}.mentee.json"]


def test_each_side_writes_only_its_own_file_marked_as_its_own(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    for side, role in ((mentor, Role.MENTOR), (mentee, Role.MENTEE)):
        link = side.link()
        assert link.copy_name == f"{SLUG}.{role.value}.json" and link.role is role
        record = json.loads(link.copy_path.read_text("utf-8"))["relationship"]["1"]
        assert record["owner_role"] == role.value
        assert oct(link.copy_path.stat().st_mode & 0o777) == "0o600"


def test_nothing_private_ever_reaches_the_folder(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    for side in (mentor, mentee):
        with side.service() as service:
            add_private_things(service)
            service.set_answer("hobbies", service.relationship.owner_role, "shared words")
        side.sync()
    mentor.sync()
    secrets = private_texts(mentor.read(), mentee.read())
    assert set(PRIVATE_WORDS) <= set(secrets)
    files = folder_bytes(mentor.folder)
    assert len(files) == 2 and all(b"shared words" in data for data in files.values())
    for name, data in files.items():
        for secret in secrets:
            assert secret.encode("utf-8") not in data, (name, secret)
            assert json.dumps(secret).strip('"').encode() not in data, (name, secret)


def test_a_half_synced_file_is_never_merged_and_the_whole_one_is(tmp_path: Path) -> None:
    """A delayed sync: the mentee's copy reaches the mentor's folder late, first cut short
    under its own name, then whole under a conflicted-copy name, then whole."""
    mentor, mentee = linked_pair(tmp_path, separate_folders=True)
    with mentee.service() as service:
        service.set_answer("hobbies", Author.MENTEE, "Chess")
    mentee.sync()
    assert mentor.sync().changed is False  # nothing has reached the mentor's folder yet
    own_name = mentee.link().copy_name
    carry(mentee, mentor, cut=200)
    (mentor.folder / f"{own_name}.tmp").write_bytes(b'{"relationship": ')
    half = mentor.sync()
    assert not half.changed and mentor.read().answer("hobbies", Author.MENTEE) is None
    assert any(note.startswith(f"{own_name}: incomplete or damaged") for note in half.notes)
    assert any(note.startswith(f"{own_name}.tmp: not complete yet") for note in half.notes)
    conflicted = f"{SLUG}.mentee (Sam's conflicted copy 2025-03-02).json"
    landed = carry(mentee, mentor, conflicted)
    week_ago = (utc_now() - timedelta(days=7)).timestamp()
    os.utime(landed, (week_ago, week_ago))  # a file's time is never trusted: its content is
    whole = mentor.sync()
    assert whole.headline() == f"{MENTEE}'s changes arrived: 1 answer"
    assert mentor.read().answer("hobbies", Author.MENTEE).value == "Chess"  # type: ignore[union-attr]
    carry(mentee, mentor)
    finally_whole = mentor.sync()
    assert not finally_whole.changed and finally_whole.copies_seen == 2


def test_an_older_copy_left_by_a_sync_service_changes_nothing(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    old = mentee.link().copy_path.read_bytes()
    with mentee.service() as service:
        service.set_answer("hobbies", Author.MENTEE, "Newer")
    mentee.sync()
    mentor.sync()
    (mentor.folder / f"{SLUG}.mentee (1).json").write_bytes(old)
    older = mentor.sync()
    assert not older.changed and older.copies_seen == 2
    assert mentor.read().answer("hobbies", Author.MENTEE).value == "Newer"  # type: ignore[union-attr]


def test_a_forged_file_changes_nothing_the_other_side_does_not_own(tmp_path: Path) -> None:
    """A file in the folder claiming the mentor's answers, the names, the status and the
    mentor's side, with inflated clocks: only what the mentee owns can change."""
    mentor, mentee = linked_pair(tmp_path)
    with mentor.service() as service:
        service.set_answer("hobbies", Author.MENTOR, "Running")
        service.set_answer("key-objectives", Author.JOINT, "Agreed together")
    mentor.sync()
    mentee.sync()
    data = json.loads(mentee.link().copy_path.read_text("utf-8"))
    record = data["relationship"]["1"]
    record.update(mentor="Eve Forger", status="completed", owner_role="mentor")
    record["clock"] = {"mentor": 999, "mentee": 999}
    for doc in data["answers"].values():
        if doc["author"] == "mentor":
            doc.update(value="forged", clock={"mentor": 999})
    data["answers"]["99"] = {
        **next(iter(data["answers"].values())),
        "uid": "forged-mentee-answer",
        "prompt_id": "current-role",
        "author": "mentee",
        "value": "Teacher",
        "clock": {"mentee": 1},
    }
    forged = mentor.folder / f"{SLUG}.mentee (conflicted copy).json"
    forged.write_text(json.dumps(data), "utf-8")
    result = mentor.sync()
    mine = mentor.read()
    assert mine.answer("hobbies", Author.MENTOR).value == "Running"  # type: ignore[union-attr]
    assert mine.relationship.mentor == "Priya Shah" and mine.relationship.status.value == "active"
    assert mine.relationship.owner_role is Role.MENTOR
    assert mine.answer("current-role", Author.MENTEE).value == "Teacher"  # type: ignore[union-attr]
    assert result.refused >= 2 and "refused" in result.headline()


def test_another_pairs_copy_and_an_unadopted_relationship_are_left_alone(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    other_home = tmp_path / "other-home"
    paths.set_home_override(other_home)
    with WorkbookService.create(
        mentor="Alex Lee", mentee="Jo Park", pack_id="standard", pack_version="1.1"
    ) as other:
        store = LinkStore.default()
        link, _ = link_folder(other, store, mentor.folder)
        sync_now(other, link, store, catalog=PackCatalog.default())
    with WorkbookService.create(
        mentor="Priya Shah",
        mentee="Sam Okafor",
        pack_id="standard",
        pack_version="1.1",
        role=Role.MENTEE,
    ) as second_start:
        from workbook.sharing import share_copy

        share_copy(second_start, mentor.folder / "sam-own-start.json")
    (mentor.folder / "notes.docx").write_bytes(b"not ours to judge")
    result = mentor.sync()
    notes = "\n".join(result.notes)
    assert (
        "alex-lee-jo-park.mentor.json: a copy of another relationship (Alex Lee & Jo Park)" in notes
    )
    assert (
        "sam-own-start.json is a copy of another relationship between Priya Shah and Sam" in notes
    )
    assert "mentor-workbook merge --adopt priya-shah-sam-okafor " in notes
    assert "notes.docx" not in notes and not result.changed


def test_clocks_that_differ_by_minutes_do_not_decide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mentee's machine runs nine minutes slow: their later edit of a joint answer has the
    earlier time, yet it wins, because it was made after seeing the mentor's (its version
    clock has seen it). No conflict is invented either way."""
    mentor, mentee = linked_pair(tmp_path)
    with mentor.service() as service:
        service.set_answer("key-objectives", Author.JOINT, "First draft")
    mentor.sync()
    mentee.sync()
    monkeypatch.setattr("workbook.service.utc_now", lambda: utc_now() - timedelta(minutes=9))
    with mentee.service() as service:
        service.set_answer("key-objectives", Author.JOINT, "Second draft, from the mentee")
    mentee.sync()
    monkeypatch.undo()
    mentor.sync()
    answer = mentor.read().answer("key-objectives", Author.JOINT)
    assert answer is not None and answer.value == "Second draft, from the mentee"
    assert not answer.conflicts
    monkeypatch.setattr("workbook.service.utc_now", lambda: utc_now() + timedelta(minutes=9))
    with mentee.service() as service:  # now nine minutes fast: the mentor's reply still wins
        service.set_answer("common-ground", Author.JOINT, "Football")
    mentee.sync()
    monkeypatch.undo()
    mentor.sync()
    with mentor.service() as service:
        service.set_answer("common-ground", Author.JOINT, "Football and jazz")
    mentor.sync()
    mentee.sync()
    theirs = mentee.read().answer("common-ground", Author.JOINT)
    assert theirs is not None and theirs.value == "Football and jazz" and not theirs.conflicts


def test_days_offline_then_one_sync_converges(tmp_path: Path) -> None:
    """Many edits on both sides while the folder is unreachable, then one sync each way: both
    files hold the same answers and goals, and the one answer both changed keeps both."""
    mentor, mentee = linked_pair(tmp_path, separate_folders=True)
    with mentor.service() as service:
        for day in range(1, 21):
            service.set_answer("hobbies", Author.MENTOR, f"day {day}")
            service.save(Goal(title=f"Mentor goal {day}"))
        service.set_answer("key-objectives", Author.JOINT, "The mentor's words")
    with mentee.service() as service:
        for day in range(1, 31):
            service.set_answer("current-role", Author.MENTEE, f"role on day {day}")
        service.save(Goal(title="The mentee's own goal"))
        service.set_answer("key-objectives", Author.JOINT, "The mentee's words")
    mentor.sync()
    mentee.sync()
    carry(mentee, mentor)
    carry(mentor, mentee)
    mentor.sync()
    carry(mentor, mentee)
    mentee.sync()
    carry(mentee, mentor)
    mentor.sync()

    def state(side: Side) -> tuple[object, ...]:
        service = side.read()
        answers = {answer.key: answer.value for answer in service.answers()}
        joint = service.answer("key-objectives", Author.JOINT)
        assert joint is not None
        versions = {joint.value, *(copy.value for copy in joint.conflicts)}
        return (
            answers.items() - {(joint.key, joint.value)},
            sorted(goal.title for goal in service.goals()),
            versions,
        )

    assert state(mentor) == state(mentee)
    answers, goals, versions = state(mentor)
    assert len(goals) == 21 and versions == {"The mentor's words", "The mentee's words"}
    assert (("hobbies", "mentor", 0), "day 20") in answers
    assert (("current-role", "mentee", 0), "role on day 30") in answers


def test_a_staged_merge_never_overwrites_an_edit_made_meanwhile(tmp_path: Path) -> None:
    """The app's way: the merge is worked out on a scratch copy, then applied item by item; a
    joint answer edited in between is left as edited, and merged at the next check."""
    mentor, mentee = linked_pair(tmp_path)
    with mentee.service() as service:
        service.set_answer("common-ground", Author.JOINT, "From the mentee")
        service.set_answer("hobbies", Author.MENTEE, "Chess")
    mentee.sync()
    with mentor.service() as live:
        link = mentor.link()
        from workbook.sync.folder import scan

        entries = scan(link.folder, link.copy_name)
        staged = stage_folder(live.path, link, entries, catalog=PackCatalog.default())
        live.set_answer("common-ground", Author.JOINT, "Typed meanwhile")  # after the stage
        applied = apply_staged(live, staged.staged)
        assert applied.applied == 1 and applied.skipped == 1 and not applied.complete
        assert live.answer("common-ground", Author.JOINT).value == "Typed meanwhile"  # type: ignore[union-attr]
        assert live.answer("hobbies", Author.MENTEE).value == "Chess"  # type: ignore[union-attr]
        live.flush()
        again = stage_folder(live.path, link, entries, catalog=PackCatalog.default())
        assert apply_staged(live, again.staged).complete
        joint = live.answer("common-ground", Author.JOINT)
        assert joint is not None
        assert {joint.value, *(c.value for c in joint.conflicts)} == {
            "Typed meanwhile",
            "From the mentee",
        }


def test_the_coordinators_report_reads_the_folder_as_one_pair(tmp_path: Path) -> None:
    """Both sides' copies (with an older conflicted copy a sync service left, and a half
    written one) are one pair holding each side's latest answers. (Each copy is marked as its
    writer's: two copies each marked as the other side's would give the wrong side's answers.)"""
    mentor, mentee = linked_pair(tmp_path)
    with mentor.service() as service:
        service.set_answer("pairing-fit", Author.MENTOR, "Not sure yet")
    mentor.sync()
    mentee.sync()
    (mentor.folder / f"{SLUG}.mentor (1).json").write_bytes(mentor.link().copy_path.read_bytes())
    with mentor.service() as service:
        service.set_answer("pairing-fit", Author.MENTOR, "Good fit")
        service.save(Goal(title="From the mentor"))
    with mentee.service() as service:
        service.set_answer("pairing-fit", Author.MENTEE, "Not a fit")
        service.save(Goal(title="From the mentee"))
    mentor.sync()  # neither side has merged the other's latest
    mentee.sync()
    half = mentee.link().copy_path.read_bytes()[:150]
    (mentor.folder / f"{SLUG}.mentee (2).json").write_bytes(half)
    data = read_report(mentor.folder, PackCatalog.default().load)
    assert len(data.rows) == 1 and cell(data.rows[0], "copies") == 3
    row = data.rows[0]
    assert cell(row, "goals_set") == 2
    assert cell(row, "pairing_fit_mentor") == "Good fit"
    assert cell(row, "pairing_fit_mentee") == "Not a fit"
    assert [problem.file for problem in data.problems] == [f"{SLUG}.mentee (2).json"]
