"""Two people, two machines, end to end: the real command line in subprocesses, one ``--home``
folder for the mentor and one for the mentee, and a downloads folder outside both where the
copies they email each other are saved.

Both orders are played through (the mentor first; the mentee first, joined with ``merge
--adopt``), then repeated round trips with no flags in both directions, a copy between other
names, a forged copy, and ``open`` of a received file (imported, or merged into the
relationship it is a copy of; the file received left untouched). Commands run through
``helpers/cli_without_ui.py`` (the real command line; ``open`` reports the file it would show
instead of starting Textual); the last test opens a download in the real UI, in tmux. Answers
are typed in between with the service, as the workbook would save them.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.files import REPO_ROOT
from helpers.terminal import AVAILABLE, COMMAND, Terminal, wait_for_exit

from workbook.models import Author, Visibility
from workbook.service import WorkbookService

CLI = Path(__file__).with_name("helpers") / "cli_without_ui.py"
SLUG = "priya-shah-sam-okafor"


@dataclass
class Machine:
    """One person's computer: a home folder, and the downloads folder the copies land in."""

    home: Path
    downloads: Path

    def run(self, *args: str, status: int = 0) -> subprocess.CompletedProcess[str]:
        """``mentor-workbook --home HOME ARGS...`` run in the downloads folder."""
        env = {key: value for key, value in os.environ.items() if key != "MENTOR_WORKBOOK_HOME"}
        env["PYTHONPATH"] = str(REPO_ROOT)
        done = subprocess.run(
            [sys.executable, str(CLI), "--home", str(self.home), *args],
            cwd=self.downloads,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == status, done.stdout + done.stderr
        return done

    def file(self, slug: str = SLUG) -> Path:
        return self.home / "relationships" / f"{slug}.json"

    def answer(self, prompt_id: str, author: Author, value: str, **extra: object) -> None:
        """Type an answer in the workbook (and quit, so the file is closed)."""
        with WorkbookService.open(self.file()) as service:
            service.set_answer(prompt_id, author, value, **extra)  # type: ignore[arg-type]

    def value(self, prompt_id: str, author: Author) -> object:
        answer = WorkbookService.open(self.file(), read_only=True).answer(prompt_id, author)
        return None if answer is None else answer.value

    def share(self) -> Path:
        """``share`` with no ``-o``: the copy lands in ``<home>/exports``; returns its path
        after checking the lines printed."""
        lines = self.run("share", SLUG).stdout.splitlines()
        written = Path(lines[1])
        assert written.parent == (self.home / "exports").resolve() and written.is_file()
        assert lines[2].startswith(f"Send {written.name} to ")
        assert lines[2].endswith(f": open it with mentor-workbook open {written.name}")
        return written

    def send_to(self, other: Machine) -> Path:
        """Share, then "email" the copy: it is saved in the other machine's downloads."""
        return Path(shutil.copy(self.share(), other.downloads))


@pytest.fixture
def machines(tmp_path: Path) -> Iterator[tuple[Machine, Machine]]:
    """The mentor's machine and the mentee's."""
    pair = []
    for who in ("mentor", "mentee"):
        downloads = tmp_path / who / "Downloads"
        downloads.mkdir(parents=True)
        pair.append(Machine(tmp_path / who / "home", downloads))
    yield pair[0], pair[1]


def _only_downloads(folder: Path) -> None:
    """Nothing but the saved copies in a downloads folder: no .bak, .lock or temporary file."""
    names = sorted(path.name for path in folder.iterdir())
    assert all(name.endswith(".json") and name.startswith("for-") for name in names), names


@pytest.mark.long_running
def test_mentor_first(machines: tuple[Machine, Machine]) -> None:
    mentor, mentee = machines
    mentor.run(
        "new", "--mentor", "Priya Shah", "--mentee", "Sam Okafor",
        "--mentee-contact", "sam@example.org",
    )  # fmt: skip
    mentor.answer("about-me", Author.MENTOR, "Priya: ten years in product")
    mentor.answer(
        "own-goals", Author.MENTOR, "mentor's private goals", visibility=Visibility.PRIVATE
    )
    lines = mentor.run("share", SLUG).stdout.splitlines()
    assert lines[2] == (
        "Send for-sam-okafor.json to Sam Okafor (sam@example.org): open it with "
        "mentor-workbook open for-sam-okafor.json"
    )
    received = Path(shutil.copy(lines[1], mentee.downloads))
    before = received.read_bytes()
    assert b"mentor's private goals" not in before

    opened = mentee.run("open", received.name).stdout.splitlines()  # as the sentence says
    assert opened == [
        "Imported for-sam-okafor.json into your relationships as priya-shah-sam-okafor (the "
        "file you received is left as it is).",
        f"UI opens {mentee.file()}",
    ]
    assert received.read_bytes() == before
    assert SLUG in mentee.run("list").stdout
    mentee.answer("about-me", Author.MENTEE, "Sam: moving from teaching into UX")
    mentee.answer(
        "own-goals", Author.MENTEE, "mentee's private goals", visibility=Visibility.PRIVATE
    )

    back = mentee.send_to(mentor)
    assert back.name == "for-priya-shah.json"
    merged = mentor.run("open", back.name).stdout.splitlines()
    assert merged[0].startswith("Merged for-priya-shah.json: 1 added, ")
    assert merged[1] == f"UI opens {mentor.file()}"
    assert mentor.value("about-me", Author.MENTEE) == "Sam: moving from teaching into UX"
    assert mentor.value("own-goals", Author.MENTEE) is None  # private never crosses
    assert mentor.value("own-goals", Author.MENTOR) == "mentor's private goals"

    _round_trips(mentor, mentee)
    _only_downloads(mentor.downloads)
    _only_downloads(mentee.downloads)


def _round_trips(mentor: Machine, mentee: Machine, rounds: int = 2) -> None:
    """Edits on both sides travel both ways with plain ``merge``; a copy merged twice
    changes nothing."""
    for number in range(rounds):
        mentee.answer("hobbies", Author.MENTEE, f"mentee hobby {number}")
        copy = mentee.send_to(mentor)
        out = mentor.run("merge", SLUG, copy.name).stdout
        assert out.startswith("Merged for-priya-shah.json: "), out
        assert mentor.value("hobbies", Author.MENTEE) == f"mentee hobby {number}"
        mentor.answer("hobbies", Author.MENTOR, f"mentor hobby {number}")
        copy = mentor.send_to(mentee)
        assert mentee.run("merge", SLUG, copy.name).stdout.startswith("Merged for-sam-okafor.json")
        assert mentee.value("hobbies", Author.MENTOR) == f"mentor hobby {number}"
    for sender, receiver in ((mentee, mentor), (mentor, mentee)):
        copy = sender.send_to(receiver)
        before = receiver.file().read_bytes()
        out = receiver.run("merge", SLUG, copy.name).stdout
        assert out.startswith(f"Nothing new in {copy.name}: "), out
        assert "Refused" not in out
        assert receiver.file().read_bytes() == before


@pytest.mark.long_running
def test_mentee_first_with_adoption(machines: tuple[Machine, Machine]) -> None:
    mentor, mentee = machines
    mentee.run(
        "new", "--role", "mentee", "--mentor", "Priya Shah", "--mentee", "Sam Okafor",
        "--mentee-contact", "sam@example.org",
    )  # fmt: skip
    mentee.answer("about-me", Author.MENTEE, "Sam: moving from teaching into UX")
    mentee.answer("objectives", Author.JOINT, "Sam's draft of our objectives")
    received = mentee.send_to(mentor)
    assert received.name == "for-priya-shah.json"
    mentor.run(
        "new", "--mentor", "priya shah", "--mentee", "Sam  Okafor",
        "--mentor-contact", "priya@example.org",
    )  # fmt: skip
    mentor.answer("about-me", Author.MENTOR, "Priya: ten years in product")
    before = mentor.file().read_bytes()

    refused = mentor.run("merge", SLUG, received.name, status=1).stderr
    assert refused.count("\n") == 1
    assert refused.startswith(
        "mentor-workbook: error: for-priya-shah.json is a copy of another relationship between "
        "priya shah and Sam  Okafor (theirs: pack standard "
    )
    assert refused.endswith(
        "; to join it to yours, run: mentor-workbook merge --adopt priya-shah-sam-okafor "
        "for-priya-shah.json\n"
    )
    assert mentor.file().read_bytes() == before
    way_forward = shlex.split(refused.rsplit("run: mentor-workbook ", 1)[1])
    adopted = mentor.run(*way_forward).stdout
    assert adopted.startswith("Adopted for-priya-shah.json into this relationship: ")
    assert "Later copies from either side merge without --adopt." in adopted
    assert mentor.value("about-me", Author.MENTEE) == "Sam: moving from teaching into UX"
    assert mentor.value("objectives", Author.JOINT) == "Sam's draft of our objectives"

    back = mentor.send_to(mentee)
    assert back.name == "for-sam-okafor.json"
    opened = mentee.run("open", back.name).stdout.splitlines()
    assert opened[0].startswith(
        "Merged for-sam-okafor.json, from the other side's file, which adopted this "
        "relationship (now joined both ways): "
    )
    assert opened[1] == f"UI opens {mentee.file()}"
    assert mentee.value("about-me", Author.MENTOR) == "Priya: ten years in product"

    _round_trips(mentor, mentee, rounds=3)
    for machine in (mentor, mentee):
        status = machine.run("status", SLUG).stdout
        assert "(mentor): priya@example.org" in status and "(mentee): sam@example.org" in status
        assert len(json.loads(machine.run("list", "--json").stdout)) == 1  # one relationship
    _only_downloads(mentor.downloads)
    _only_downloads(mentee.downloads)


def test_a_copy_between_other_names_is_refused(machines: tuple[Machine, Machine]) -> None:
    mentor, mentee = machines
    mentee.run("new", "--role", "mentee", "--mentor", "Priya", "--mentee", "Sam")
    received = Path(shutil.copy(_share_of(mentee, "priya-sam"), mentor.downloads))
    mentor.run("new", "--mentor", "Priya Shah", "--mentee", "Sam Okafor")
    before = mentor.file().read_bytes()
    for adopt in ([], ["--adopt"]):
        err = mentor.run("merge", *adopt, SLUG, received.name, status=1).stderr
        assert err.startswith(
            f"mentor-workbook: error: {received.name} is a copy of a different relationship "
            "(Priya & Sam, started "
        )
        assert err.endswith("only a copy between the same mentor and mentee can be merged\n")
    assert mentor.file().read_bytes() == before


def _share_of(machine: Machine, slug: str) -> Path:
    return Path(machine.run("share", slug).stdout.splitlines()[1])


def test_a_forged_copy_changes_nothing_the_mentee_does_not_own(
    machines: tuple[Machine, Machine],
) -> None:
    mentor, mentee = machines
    mentor.run("new", "--mentor", "Priya Shah", "--mentee", "Sam Okafor")
    mentor.answer("about-me", Author.MENTOR, "Priya's own words")
    mentee.run("open", str(Path(shutil.copy(mentor.share(), mentee.downloads))))
    mentee.answer("about-me", Author.MENTEE, "Sam's own words")
    copy = mentee.send_to(mentor)
    data = json.loads(copy.read_text(encoding="utf-8"))
    record = data["relationship"]["1"]
    record.update(
        status="ended-early",
        end_reason="taken over",
        mentor_contact="mallory@example.org",
        linked_uids=["0" * 32],
        clock={"mentor": 10**9, "mentee": 10**9},
    )
    for doc in data["answers"].values():
        if doc["author"] == "mentor":
            doc.update(value="words put in Priya's mouth", clock={"mentor": 10**9})
    copy.write_text(json.dumps(data), encoding="utf-8")
    out = mentor.run("merge", SLUG, copy.name).stdout
    assert "Refused 4 changes the copy may not make (linked relationships 1, status 1, " in out
    assert "the mentor's contact 1, the mentor's own answers 1)" in out
    assert mentor.value("about-me", Author.MENTOR) == "Priya's own words"
    assert mentor.value("about-me", Author.MENTEE) == "Sam's own words"  # what the mentee owns
    status = mentor.run("status", SLUG, "--json").stdout
    assert json.loads(status)["relationship_status"] == "active"
    assert json.loads(status)["mentor_contact"] == ""


def test_opening_another_relationship_with_the_same_slug_imports_it_apart(
    machines: tuple[Machine, Machine],
) -> None:
    mentor, mentee = machines
    mentee.run("new", "--role", "mentee", "--mentor", "Priya Shah", "--mentee", "Sam Okafor")
    received = mentee.send_to(mentor)
    before = received.read_bytes()
    mentor.run("new", "--mentor", "Priya Shah", "--mentee", "Sam Okafor")
    mine = mentor.file().read_bytes()
    opened = mentor.run("open", received.name).stdout.splitlines()
    assert opened == [
        "Imported for-priya-shah.json into your relationships as priya-shah-sam-okafor-2 (the "
        "file you received is left as it is). You also have priya-shah-sam-okafor, another "
        "relationship between the same two names: to join this copy to it rather than keep the "
        "two apart, run: "
        "mentor-workbook merge --adopt priya-shah-sam-okafor for-priya-shah.json",
        f"UI opens {mentor.file(SLUG + '-2')}",
    ]
    assert mentor.file().read_bytes() == mine
    assert received.read_bytes() == before
    _only_downloads(mentor.downloads)
    listed = mentor.run("list").stdout
    assert "priya-shah-sam-okafor-2 " in listed and "priya-shah-sam-okafor " in listed


@pytest.mark.skipif(not AVAILABLE, reason="needs tmux and the installed command")
def test_open_a_download_in_the_real_ui(machines: tuple[Machine, Machine]) -> None:
    mentor, mentee = machines
    mentor.run("new", "--mentor", "Priya Shah", "--mentee", "Sam Okafor")
    received = Path(shutil.copy(mentor.share(), mentee.downloads))
    before = received.read_bytes()
    terminal = Terminal(f"{COMMAND} open {shlex.quote(str(received))}", mentee.home)
    try:
        terminal.wait_for("Preparation")
        pid = terminal.app_pid()
        terminal.keys("C-q")
        wait_for_exit(pid)
    finally:
        terminal.close()
    assert received.read_bytes() == before
    _only_downloads(mentee.downloads)
    assert mentee.file().is_file()
    assert SLUG in mentee.run("list").stdout
