"""Merging two copies of a relationship: no loss, idempotent, order-independent."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from core_helpers import new_service
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.adoption import AdoptionNeededError
from workbook.errors import WorkbookError
from workbook.merging import dominates, join, shown_version
from workbook.models import Answer, Author, Goal, Note, Role, Visibility
from workbook.service import WorkbookService
from workbook.sharing import merge_copy, resolve_conflicts, share_copy

KEYS = [("p1", Author.JOINT), ("p2", Author.MENTEE), ("p3", Author.MENTOR)]
VALUES = ["alpha", "beta", "gamma", "delta"]


class Pair:
    """A mentor file, the mentee's file made from its shared copy, and a fork of the mentee's."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.shares = 0
        mentor = new_service(folder / "m")
        for title in ("goal one", "goal two"):
            mentor.save(Goal(title=title))
        mentee_path = share_copy(mentor, folder / "mentee.json")
        shutil.copy(mentee_path, folder / "fork.json")
        self.files = {
            "M": mentor,
            "E": WorkbookService.open(mentee_path),
            "F": WorkbookService.open(folder / "fork.json"),
        }

    def share(self, name: str) -> Path:
        self.shares += 1
        return share_copy(self.files[name], self.folder / f"share-{self.shares}.json")

    def sync(self, source: str, target: str) -> None:
        merge_copy(self.files[target], self.share(source))

    def edit(self, name: str, op: tuple[Any, ...]) -> None:
        svc = self.files[name]
        kind = op[0]
        if kind in ("answer", "delete") and not self.may_edit(name, KEYS[op[1]][1]):
            return
        if kind == "answer":
            prompt_id, author = KEYS[op[1]]
            current = svc.answer(prompt_id, author)
            if current is not None and current.deleted:
                svc.save(current.model_copy(update={"deleted": False, "value": VALUES[op[2]]}))
            else:
                svc.set_answer(prompt_id, author, VALUES[op[2]])
        elif kind == "delete":
            current = svc.answer(*KEYS[op[1]])
            if current is not None:
                svc.delete(Answer, current.uid)
        elif kind == "goal":
            goal = svc.goals()[op[1] % len(svc.goals())]
            svc.save(goal.model_copy(update={"title": f"goal {VALUES[op[2]]}"}))
        elif kind == "session":
            svc.start_session(held_on=date(2025, 1, 6))
        elif kind == "notes":
            current = svc.current_session()
            if current is not None:
                notes = f"{current.shared_notes} {VALUES[op[1]]}".strip()
                svc.save(current.model_copy(update={"shared_notes": notes}))
        elif kind == "private":
            role = svc.relationship.owner_role
            svc.set_answer("secret", role, f"private {name}", Visibility.PRIVATE)
            svc.save(Note(author=role, text=f"note {name}"))

    def may_edit(self, name: str, author: Author) -> bool:
        """A side edits its own and joint answers: a copy from it may change only those (an
        answer typed for the other side, e.g. during a call, stays in this file)."""
        return author.value != self.files[name].relationship.owner_role.other.value

    def close(self) -> None:
        for svc in self.files.values():
            svc.close()


def logical(svc: WorkbookService) -> dict[str, Any]:
    """Shared content of a file, independent of document order and of answers' local uids."""
    side = svc.relationship.owner_role.value
    answers = {
        answer.key: answer.model_dump(
            mode="json",
            exclude={"uid", "merged_version"} | ({"value"} if answer.deleted else set()),
        )
        | {"shown": shown_version(answer, side).model_dump(mode="json")}
        for answer in svc.items(Answer, include_deleted=True)
        if not answer.is_private
    }
    goals = {
        goal.uid: goal.model_dump(mode="json") for goal in svc.items(Goal, include_deleted=True)
    }
    rel = svc.relationship.model_dump(mode="json", exclude={"owner_role", "slug"})
    sessions = [session.model_dump(mode="json") for session in svc.sessions()]
    assert len({session["number"] for session in sessions}) == len(sessions)  # none doubled
    return {"answers": answers, "goals": goals, "relationship": rel, "sessions": sessions}


answer_ops = st.one_of(
    st.tuples(st.just("answer"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 2)),
)
# Goals (single-winner items) are edited on one file per side only: a fork of one side's
# file (F) would reuse that side's clock, which version vectors cannot tell apart.
edit_ops = st.one_of(
    answer_ops,
    st.tuples(st.just("goal"), st.integers(0, 1), st.integers(0, 3)),
    st.tuples(st.just("private")),
    # Sessions started apart in both files are one session per number (merging.join_sessions).
    st.tuples(st.just("session")),
    st.tuples(st.just("notes"), st.integers(0, 3)),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.sampled_from("ME"), edit_ops),
        st.tuples(st.just("edit"), st.just("F"), answer_ops),
        st.tuples(st.just("snapshot"), st.just("E"), st.just("E")),
        # A copy speaks for the other side of the file it is merged into (workbook.authority):
        # E and F are both the mentee's, so they are kept in step through the mentor's file.
        st.tuples(st.just("sync"), st.sampled_from("EF"), st.just("M")),
        st.tuples(st.just("sync"), st.just("M"), st.sampled_from("EF")),
    ),
    max_size=12,
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(pair: Pair, plan: list[tuple[Any, ...]]) -> list[Path]:
    snapshots = []
    for step in plan:
        if step[0] == "edit":
            pair.edit(step[1], step[2])
        elif step[0] == "snapshot":
            snapshots.append(pair.share("E"))
        elif step[1] != step[2]:
            pair.sync(step[1], step[2])
    return snapshots[:1]


@SETTINGS
@given(plan=steps)
def test_order_of_merges_does_not_matter_and_remerging_is_a_no_op(plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pair = Pair(folder)
        copies = [*run(pair, plan), pair.share("E"), pair.share("F")]
        pair.close()
        results = []
        for name, order in (("a", copies), ("b", copies[::-1])):
            path = shutil.copy(pair.files["M"].path, folder / f"{name}.json")
            with WorkbookService.open(Path(path)) as svc:
                for copy in order:
                    merge_copy(svc, copy)
                before = Path(path).read_bytes()
                for copy in order:
                    report = merge_copy(svc, copy)
                    assert not report.changed, report.summary()
                assert Path(path).read_bytes() == before
                results.append(logical(svc))
        assert results[0] == results[1]


@SETTINGS
@given(plan=steps)
def test_exchange_converges_and_keeps_concurrent_values(plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pair = Pair(Path(tmp))
        run(pair, [step for step in plan if "F" not in step[1:3] and step[0] != "snapshot"])
        mentor, mentee = pair.files["M"], pair.files["E"]
        finals = {}
        for key in KEYS:
            finals[key] = [svc.answer(*key) for svc in (mentor, mentee)]
        private_before = [a.model_dump() for a in mentor.answers() if a.is_private]
        pair.sync("E", "M")
        pair.sync("M", "E")
        assert logical(mentor) == logical(mentee)
        assert [a.model_dump() for a in mentor.answers() if a.is_private] == private_before
        for key, (mine, theirs) in finals.items():
            merged = mentor.answer(*key)
            if mine is None or theirs is None:
                continue
            values = {merged.value} | {c.value for c in merged.conflicts}
            assert merged.clock == join(mine.clock, theirs.clock)
            if not dominates(mine.clock, theirs.clock) and not dominates(theirs.clock, mine.clock):
                for side in (mine, theirs):
                    assert (None if side.deleted else side.value) in values
        pair.close()


def test_concurrent_edits_keep_both_and_resolving_clears(tmp_path: Path) -> None:
    pair = Pair(tmp_path)
    pair.edit("M", ("answer", 0, 0))
    pair.edit("E", ("answer", 0, 1))
    pair.sync("E", "M")
    merged = pair.files["M"].answer("p1", Author.JOINT)
    assert merged.value == "beta" and [c.value for c in merged.conflicts] == ["alpha"]
    assert merged.conflicts[0].from_copy == "mentor"
    resolve_conflicts(pair.files["M"], "p1", Author.JOINT, "alpha")
    pair.sync("M", "E")
    settled = pair.files["E"].answer("p1", Author.JOINT)
    assert settled.value == "alpha" and settled.conflicts == ()
    pair.close()


def test_private_items_never_travel(tmp_path: Path) -> None:
    pair = Pair(tmp_path)
    pair.edit("E", ("private",))
    pair.edit("M", ("private",))
    shared = pair.share("E")
    assert b"private E" not in shared.read_bytes() and b"note E" not in shared.read_bytes()
    report = merge_copy(pair.files["M"], shared)
    mentor = pair.files["M"]
    assert [n.text for n in mentor.notes()] == ["note M"]
    assert mentor.answer("secret", Role.MENTEE) is None
    assert mentor.answer("secret", Role.MENTOR).value == "private M"
    assert "Nothing new" in report.summary()
    pair.close()


def test_tombstones_merge(tmp_path: Path) -> None:
    pair = Pair(tmp_path)
    pair.edit("E", ("answer", 1, 2))
    pair.sync("E", "M")
    pair.edit("E", ("delete", 1))
    goal = pair.files["E"].goals()[0]
    pair.files["E"].delete(Goal, goal.uid)
    report = merge_copy(pair.files["M"], pair.share("E"))
    assert report.updated == 2
    assert pair.files["M"].answer("p2", Author.MENTEE) is None
    tombstones = [a for a in pair.files["M"].items(Answer, include_deleted=True) if a.deleted]
    assert [(a.prompt_id, a.author) for a in tombstones] == [("p2", Author.MENTEE)]
    assert pair.files["M"].get(Goal, goal.uid) is None
    pair.close()


def test_other_relationship_is_refused(tmp_path: Path) -> None:
    """Another relationship between the same names needs --adopt (see test_adoption.py); one
    between other names is never merged."""
    with new_service(tmp_path / "a") as one, new_service(tmp_path / "b") as two:
        copy = share_copy(two, tmp_path / "two.json")
        with pytest.raises(AdoptionNeededError, match="merge --adopt"):
            merge_copy(one, copy)
        two.update_relationship(mentee="Someone Else")
        other = share_copy(two, tmp_path / "other.json")
        with pytest.raises(WorkbookError, match="different relationship"):
            merge_copy(one, other, adopt=True)
        with pytest.raises(WorkbookError):
            merge_copy(one, one.path)
        with pytest.raises(WorkbookError):
            share_copy(one, one.path)


def test_shared_copy_is_private_to_its_owner_and_opens(tmp_path: Path) -> None:
    with new_service(tmp_path) as svc:
        copy = share_copy(svc, tmp_path / "copy.json")
    assert copy.stat().st_mode & 0o777 == 0o600
    reopened = WorkbookService.open(copy, read_only=True)
    assert reopened.relationship.owner_role is Role.MENTEE


def test_a_session_started_on_both_sides_is_one_session(tmp_path: Path) -> None:
    """Both files start "session 1" before syncing (the same meeting): after syncing both
    ways each has one session numbered 1, with both sides' shared notes, under one id.
    (Failed before: each merge added the other file's session, so both had two.)"""
    pair = Pair(tmp_path)
    for name, notes in (("M", "mentor's notes"), ("E", "mentee's notes")):
        svc = pair.files[name]
        started = svc.start_session(held_on=date(2025, 1, 6))
        svc.save(started.model_copy(update={"shared_notes": notes}))
    pair.sync("E", "M")
    pair.sync("M", "E")
    sessions = {name: pair.files[name].sessions() for name in "ME"}
    assert [s.number for s in sessions["M"]] == [1]
    assert [s.uid for s in sessions["M"]] == [s.uid for s in sessions["E"]]
    assert sessions["M"][0].shared_notes == sessions["E"][0].shared_notes
    assert {"mentor's notes", "mentee's notes"} <= set(sessions["M"][0].shared_notes.split("\n\n"))
    pair.close()
