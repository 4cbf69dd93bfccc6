"""``mentor-workbook sync``: two homes and one folder, with the real command line (in this
process); the same command on both machines; what it prints; every refusal is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_helpers import MENTEE, MENTOR, SLUG, Side

from workbook import paths
from workbook.models import Author, Role


@pytest.fixture(autouse=True)
def _no_home_left(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.delenv(paths.HOME_ENV_VAR, raising=False)
    yield
    paths.set_home_override(None)


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Side, Side]:
    shared = tmp_path / "Dropbox" / "Mentoring"
    shared.mkdir(parents=True)
    return Side(tmp_path / "mentor", shared), Side(tmp_path / "mentee", shared)


def _one_error(run_err: str) -> str:
    lines = run_err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mentor-workbook: error: "), run_err
    return lines[0]


def test_the_same_command_on_both_machines_then_round_trips(sides: tuple[Side, Side]) -> None:
    mentor, mentee = sides
    assert mentor.run("new", "--mentor", MENTOR, "--mentee", MENTEE).status == 0
    linked = mentor.run("sync", SLUG, str(mentor.folder))
    assert linked.status == 0, linked.err
    assert linked.out.splitlines() == [
        f"Keeping {MENTOR} & {MENTEE} in step through {mentor.folder.resolve()}: this side's "
        f"copy there is {SLUG}.mentor.json.",
        f"No copy from {MENTEE} in the folder yet: their changes arrive once they keep the "
        "relationship in step through this folder too.",
        f"Wrote this side's copy, {SLUG}.mentor.json (nothing private).",
    ]
    taken = mentee.run("sync", SLUG, str(mentee.folder))
    assert taken.status == 0, taken.err
    assert taken.out.splitlines()[0] == (
        f"Took {MENTOR}'s copy from the folder as your relationship {SLUG}, as the mentee "
        "(mentor-workbook list shows it)."
    )
    assert mentee.read().relationship.owner_role is Role.MENTEE
    assert SLUG in mentee.run("list").out
    with mentee.service() as service:
        service.set_answer("hobbies", Author.MENTEE, "Chess")
    assert mentee.run("sync", SLUG).status == 0
    arrived = mentor.run("sync", SLUG)
    assert arrived.status == 0
    assert f"{MENTEE}'s changes arrived: 1 answer." in arrived.out.splitlines()
    with mentor.service() as service:
        service.set_answer("hobbies", Author.MENTOR, "Running")
    mentor.run("sync", SLUG)
    back = mentee.run("sync", SLUG).out
    assert f"{MENTOR}'s changes arrived: 1 answer." in back
    assert mentee.read().answer("hobbies", Author.MENTOR).value == "Running"  # type: ignore[union-attr]
    quiet = mentee.run("sync", SLUG).out.splitlines()
    assert quiet == [
        f"Nothing new from {MENTOR}.",
        f"This side's copy, {SLUG}.mentee.json, was already up to date.",
    ]


def test_the_mentee_may_start_first(sides: tuple[Side, Side]) -> None:
    """The mentee's file and folder copy come first; the mentor takes it: one relationship,
    no adoption needed."""
    mentor, mentee = sides
    mentee.run("new", "--role", "mentee", "--mentor", MENTOR, "--mentee", MENTEE)
    with mentee.service() as service:
        service.set_answer("reason-for-mentoring", Author.MENTEE, "Changing careers")
    assert mentee.run("sync", SLUG, str(mentee.folder)).status == 0
    assert mentor.run("sync", SLUG, str(mentor.folder)).status == 0
    mine = mentor.read()
    assert mine.relationship.owner_role is Role.MENTOR
    assert mine.relationship.uid == mentee.read().relationship.uid
    assert mine.answer("reason-for-mentoring", Author.MENTEE).value == "Changing careers"  # type: ignore[union-attr]


def test_two_starts_are_joined_once_then_sync_without_flags(sides: tuple[Side, Side]) -> None:
    mentor, mentee = sides
    for side, role in ((mentor, "mentor"), (mentee, "mentee")):
        side.run("new", "--role", role, "--mentor", MENTOR, "--mentee", MENTEE)
        assert side.run("sync", SLUG, str(side.folder)).status == 0
    with mentee.service() as service:
        service.set_answer("hobbies", Author.MENTEE, "Chess")
    mentee.run("sync", SLUG)
    first = mentor.run("sync", SLUG)
    adopt_line = next(line for line in first.out.splitlines() if "merge --adopt" in line)
    command = adopt_line.split("run: ", 1)[1]
    assert command == f"mentor-workbook merge --adopt {SLUG} {mentor.folder}/{SLUG}.mentee.json"
    assert mentor.run(*command.split()[1:]).status == 0
    mentor.run("sync", SLUG)
    assert "now joined both ways" in mentee.run("sync", SLUG).out
    with mentee.service() as service:
        service.set_answer("hobbies", Author.MENTEE, "Chess and go")
    mentee.run("sync", SLUG)
    assert f"{MENTEE}'s changes arrived: 1 answer." in mentor.run("sync", SLUG).out
    assert mentor.read().answer("hobbies", Author.MENTEE).value == "Chess and go"  # type: ignore[union-attr]


def test_off_unlinks_and_leaves_the_files(sides: tuple[Side, Side]) -> None:
    mentor, _ = sides
    mentor.run("new", "--mentor", MENTOR, "--mentee", MENTEE)
    mentor.run("sync", SLUG, str(mentor.folder))
    off = mentor.run("sync", SLUG, "--off")
    assert off.status == 0 and "is no longer kept in step through" in off.out
    assert (mentor.folder / f"{SLUG}.mentor.json").exists()
    assert not list((mentor.home / "sync").iterdir())
    again = mentor.run("sync", SLUG, "--off")
    assert again.status == 0 and "nothing to do" in again.out
    refused = mentor.run("sync", SLUG)
    assert refused.status == 1
    assert _one_error(refused.err).endswith(f"link it once with: mentor-workbook sync {SLUG} DIR")


def test_refusals_are_one_line(sides: tuple[Side, Side], tmp_path: Path) -> None:
    mentor, mentee = sides
    mentor.run("new", "--mentor", MENTOR, "--mentee", MENTEE)
    usage = mentor.run("sync", SLUG, str(mentor.folder), "--off")
    assert usage.status == 2 and "--off takes no folder" in _one_error(usage.err)
    missing = mentor.run("sync", SLUG, str(tmp_path / "nowhere"))
    assert missing.status == 1 and "no folder" in _one_error(missing.err)
    inside = mentor.run("sync", SLUG, str(mentor.home / "relationships"))
    assert inside.status == 2 and "inside this home's relationships" in _one_error(inside.err)
    nothing = mentee.run("sync", SLUG, str(mentee.folder))
    assert nothing.status == 1 and "no copy of it in" in _one_error(nothing.err)
    assert not (mentee.home / "relationships").exists() or not list(
        (mentee.home / "relationships").iterdir()
    )
    mentor.run("sync", SLUG, str(mentor.folder))
    copy = mentor.folder / f"{SLUG}.mentor.json"
    received = mentee.run("sync", str(copy), str(mentee.folder))
    assert received.status == 2 and "received from the other side" in _one_error(received.err)
    (mentor.folder / f"{SLUG}.mentee.json").write_bytes(copy.read_bytes())
    both = mentee.run("sync", SLUG, str(mentee.folder))
    assert both.status == 1 and "holds both sides' copies" in _one_error(both.err)


def test_a_folder_gone_offline_is_one_line_and_loses_nothing(
    sides: tuple[Side, Side], tmp_path: Path
) -> None:
    mentor, _ = sides
    mentor.run("new", "--mentor", MENTOR, "--mentee", MENTEE)
    mentor.run("sync", SLUG, str(mentor.folder))
    with mentor.service() as service:
        service.set_answer("hobbies", Author.MENTOR, "Running")
    mentor.folder.rename(tmp_path / "unplugged")
    offline = mentor.run("sync", SLUG)
    assert offline.status == 1 and "is not there" in _one_error(offline.err)
    assert mentor.read().answer("hobbies", Author.MENTOR).value == "Running"  # type: ignore[union-attr]
    (tmp_path / "unplugged").rename(mentor.folder)
    back = mentor.run("sync", SLUG)
    assert back.status == 0 and "Wrote this side's copy" in back.out
    data = json.loads((mentor.folder / f"{SLUG}.mentor.json").read_text("utf-8"))
    assert any(doc["value"] == "Running" for doc in data["answers"].values())


def test_a_relationship_open_in_a_window_is_refused(sides: tuple[Side, Side]) -> None:
    mentor, _ = sides
    mentor.run("new", "--mentor", MENTOR, "--mentee", MENTEE)
    with mentor.service():
        busy = mentor.run("sync", SLUG, str(mentor.folder))
    assert busy.status == 1 and "open in another window" in _one_error(busy.err)
    assert not (mentor.home / "sync").exists()
