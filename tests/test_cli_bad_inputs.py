"""Bad input through the real command line: one ``mentor-workbook: error:`` line, the right exit
status, no traceback, and nothing changed on disk (no stray lock, temp file or half file).

Every case runs ``python -m workbook`` in a subprocess against one prepared home folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.files import REPO_ROOT

from workbook.text import has_controls

Arg = str | bytes

HOSTILE = "\x1b]0;pwned\x07Ann\x1b[2J"


def _cli(home: Path, *args: Arg, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "MENTOR_WORKBOOK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        env=env,
        capture_output=True,
        timeout=60,
        cwd=cwd or home.parent,
    )


def _tree(folder: Path) -> dict[str, object]:
    """Everything under ``folder``: each file's bytes and mode, each link's target."""
    state: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            state[key] = ("link", os.readlink(path))
        elif path.is_dir():
            state[key] = ("dir", path.stat().st_mode)
        else:
            state[key] = (path.read_bytes(), path.stat().st_mode)
    return state


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a home with relationships ``a`` and ``b`` (each opened once, so with a
    ``.bak``), a damaged one, a read-only one, a symlinked one, a folder called ``x.json``, one
    whose pack is gone, and outside files: an essay, a folder, a link to ``b``, a copy of ``b``,
    a file that is not JSON."""
    root = tmp_path_factory.mktemp("world")
    home = root / "home"
    made = {}
    for name, (mentor, mentee) in {
        "a": ("Ada", "Ben"),
        "b": ("Cy", "Dee"),
        "ro": ("Eve", "Fay"),
        "nopack": ("Gus", "Hal"),
    }.items():
        done = _cli(home, "new", "--mentor", mentor, "--mentee", mentee)
        assert done.returncode == 0, done.stderr
        made[name] = Path(done.stdout.decode().strip().splitlines()[-1])
    rels = home / "relationships"
    for name, path in made.items():
        path.rename(rels / f"{name}.json")
        path.with_name(path.name + ".bak").rename(rels / f"{name}.json.bak")
        path.with_name(path.name + ".lock").unlink(missing_ok=True)
    (rels / "ro.json").chmod(0o400)
    nopack = rels / "nopack.json"
    data = json.loads(nopack.read_text(encoding="utf-8"))
    data["relationship"]["1"]["pack_id"] = "a-pack-that-is-gone"
    nopack.write_text(json.dumps(data), encoding="utf-8")
    (rels / "damaged.json").write_text('{"relationship": {"1": {"mentor"', encoding="utf-8")
    (rels / "x.json").mkdir()
    outside = root / "outside"
    outside.mkdir()
    (rels / "linked.json").symlink_to(outside / "real.json")
    (outside / "real.json").write_bytes((rels / "a.json").read_bytes())
    (outside / "essay.md").write_text("My own notes.\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "to-b.md").symlink_to(rels / "b.json")
    (outside / "not-json.json").write_text("Dear mentor, ...\n", encoding="utf-8")
    copy = _cli(home, "share", "b", "-o", str(outside / "copy-of-b.json"))
    assert copy.returncode == 0, copy.stderr
    copy = _cli(home, "share", "a", "-o", str(outside / "copy-of-a.json"))
    assert copy.returncode == 0, copy.stderr
    (root / "a-file").write_text("not a folder\n", encoding="utf-8")
    return root


def _o(world: Path, *parts: str) -> str:
    return str(world.joinpath(*parts))


CASES: list[tuple[str, list[Arg], int, str]] = [
    ("invalid UTF-8 name", ["new", "--mentor", b"\xff\xfeAnn", "--mentee", "Ben"], 2, "UTF-8"),
    ("10,000-character name", ["new", "--mentor", "x" * 10_000, "--mentee", "B"], 2, "10,000"),
    ("control codes in a name", ["new", "--mentor", HOSTILE, "--mentee", "Ben"], 2, "control"),
    ("a line break in a name", ["new", "--mentor", "Ann\n# Smith", "--mentee", "B"], 2, "line"),
    ("an empty name", ["new", "--mentor", "", "--mentee", "Ben"], 2, "is empty"),
    ("a blank name", ["new", "--mentor", "Ada", "--mentee", "   "], 2, "is empty"),
    ("an unknown pack", ["new", "--mentor", "A", "--mentee", "B", "--program", "nope"], 1, "nope"),
    ("a folder named x.json (path)", ["open", "{home}/relationships/x.json"], 1, "is a folder"),
    ("a folder named x.json (slug)", ["export", "x"], 1, "is a folder"),
    ("no such relationship", ["export", "zed"], 1, "no relationship called 'zed'"),
    (
        "export onto another relationship",
        ["export", "a", "-o", "{home}/relationships/b.json"],
        1,
        "refusing",
    ),
    (
        "share onto a backup",
        ["share", "a", "-o", "{home}/relationships/b.json.bak"],
        1,
        "backup of a relationship",
    ),
    (
        "export onto a lock",
        ["export", "a", "-o", "{home}/relationships/a.json.lock"],
        1,
        "the lock of",
    ),
    (
        "export into relationships/",
        ["export", "a", "-o", "{home}/relationships/new.md"],
        1,
        "inside the relationships folder",
    ),
    (
        "export through a link to one, forced",
        ["export", "a", "--force", "-o", "{out}/to-b.md"],
        1,
        "refusing",
    ),
    (
        "share onto a received copy, forced",
        ["share", "a", "--force", "-o", "{out}/copy-of-b.json"],
        1,
        "it is a relationship file",
    ),
    ("export over a foreign file", ["export", "a", "-o", "{out}/essay.md"], 1, "--force"),
    ("export into a missing folder", ["export", "a", "-o", "{out}/no/such.md"], 1, "no folder"),
    ("export onto a folder", ["export", "a", "-o", "{out}/folder"], 2, "is a folder"),
    ("export to a device", ["export", "a", "--force", "-o", os.devnull], 1, "regular file"),
    ("export a damaged file", ["export", "damaged"], 1, "cannot be read"),
    ("export without its pack", ["export", "nopack"], 1, "cannot be loaded"),
    ("share without its pack", ["share", "nopack", "-o", "{out}/n.json"], 1, "cannot be loaded"),
    ("a calendar with nothing in it", ["export", "a", "--format", "ics"], 1, "calendar"),
    ("merge a file that is not JSON", ["merge", "a", "{out}/not-json.json"], 1, "cannot be read"),
    ("merge another relationship", ["merge", "a", "{out}/copy-of-b.json"], 1, "different"),
    ("merge a missing file", ["merge", "a", "{out}/missing.json"], 2, "no file at"),
    ("merge into a read-only file", ["merge", "ro", "{out}/copy-of-a.json"], 1, "read-only"),
    ("finish a symlinked file", ["finish", "linked", "--completed"], 1, "symbolic link"),
    ("merge into a damaged file", ["merge", "damaged", "{out}/copy-of-a.json"], 1, "cannot be"),
    ("invalid UTF-8 output path", ["export", "a", "-o", b"\xff.md"], 2, "UTF-8"),
    (
        "a home that is a file",
        ["--home", "{world}/a-file", "new", "--mentor", "A", "--mentee", "B"],
        1,
        "cannot create the folder",
    ),
    ("an unknown option", ["export", "a", "--colour"], 2, "unrecognized arguments"),
]


@pytest.mark.parametrize(("what", "args", "status", "says"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_one_line_and_changes_nothing(
    world: Path, what: str, args: list[Arg], status: int, says: str
) -> None:
    home = world / "home"
    values = {"home": str(home), "out": str(world / "outside"), "world": str(world)}
    argv = [a.format(**values) if isinstance(a, str) else a for a in args]
    before = _tree(world)
    done = _cli(home, *argv)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == status, err
    assert err.count("\n") == 1 and err.startswith("mentor-workbook: error: "), err
    assert says in err, err
    assert "Traceback" not in err and not has_controls(err.rstrip("\n")), err
    assert done.stdout == b""
    assert _tree(world) == before, f"{what}: the files changed"
