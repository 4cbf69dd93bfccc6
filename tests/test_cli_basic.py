"""The ``mentor-workbook`` command line: new, list, export, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.files import REPO_ROOT

from workbook import __version__, cli, paths

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """``mentor-workbook ARGS`` in process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    try:
        status = cli.main(list(args))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def _new(capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    status, out, err = run(capsys, *extra, "new", "--mentor", "Ana María", "--mentee", "Bo")
    assert status == 0, err
    return Path(out.strip().splitlines()[-1])


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` prints the name and version, exit 0."""
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out.strip() == f"mentor-workbook {__version__}"


def test_version_as_module() -> None:
    """``python -m workbook --version`` works in a real process."""
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"mentor-workbook {__version__}"
    assert result.stderr == ""


def test_new_prints_path_last(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``new`` creates ``<home>/relationships/<slug>.json`` and prints its path last."""
    path = _new(capsys)
    assert path == home / "relationships" / "ana-maria-bo.json"
    assert path.is_file()
    data = json.loads(path.read_bytes())
    assert data["relationship"]["1"]["mentor"] == "Ana María"
    assert _new(capsys) == home / "relationships" / "ana-maria-bo-2.json"


def test_home_option_beats_env(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--home DIR`` wins over MENTOR_WORKBOOK_HOME; the variable alone is honoured too."""
    flag_home = tmp_path / "flag-home"
    path = _new(capsys, "--home", str(flag_home))
    assert path == flag_home / "relationships" / "ana-maria-bo.json" and path.is_file()
    assert not (home / "relationships").exists()
    paths.set_home_override(None)
    assert _new(capsys).parent == home / "relationships"


def test_list_table_and_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``list`` shows a table with the slug; ``list --json`` is a JSON list."""
    status, out, _ = run(capsys, "list")
    assert status == 0 and "No relationships yet" in out
    path = _new(capsys)
    status, out, _ = run(capsys, "list")
    assert status == 0
    header, *rows = out.strip().splitlines()
    assert header.split()[:3] == ["SLUG", "MENTOR", "MENTEE"]
    assert len(rows) == 1 and rows[0].startswith("ana-maria-bo ")
    status, out, _ = run(capsys, "list", "--json")
    assert status == 0
    listing = json.loads(out)
    assert [(row["slug"], row["mentor"], Path(row["path"])) for row in listing] == [
        ("ana-maria-bo", "Ana María", path)
    ]


def test_list_shows_damaged_file_without_failing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged file is one row marked damaged; the command still succeeds."""
    path = _new(capsys)
    path.write_bytes(path.read_bytes()[:40])
    status, out, _ = run(capsys, "list")
    assert status == 0 and "ana-maria-bo" in out and "damaged" in out


@pytest.mark.parametrize("by", ["slug", "path"])
def test_export_json(home: Path, capsys: pytest.CaptureFixture[str], by: str) -> None:
    """``export REF --format json`` by slug or by path."""
    path = _new(capsys)
    ref = "ana-maria-bo" if by == "slug" else str(path)
    status, out, err = run(capsys, "export", ref, "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert data["relationship"]["mentor"] == "Ana María"
    assert data["relationship"]["slug"] == "ana-maria-bo"


def test_export_to_file(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-o FILE`` writes the export there and keeps stdout empty."""
    _new(capsys)
    target = tmp_path / "out.json"
    status, out, _ = run(capsys, "export", "ana-maria-bo", "--format", "json", "-o", str(target))
    assert status == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["relationship"]["mentee"] == "Bo"


def test_unknown_ref_is_one_line_exit_1(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown REF: exit 1, one line ``mentor-workbook: error: ...``."""
    for args in (["export", "nobody"], ["export", str(home / "missing.json")], ["open", "nobody"]):
        status, out, err = run(capsys, *args)
        assert status == 1, args
        assert out == ""
        assert err.startswith("mentor-workbook: error: no relationship called ")
        assert err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["new", "--mentee", "Bo"],
        ["new"],
        ["export"],
        ["export", "x", "--format", "pdf"],
        ["no-such-command"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """Usage errors: exit 2, one line on stderr, nothing created."""
    status, out, err = run(capsys, *args)
    assert status == 2
    assert out == ""
    assert err.startswith("mentor-workbook: error: ") and err.count("\n") == 1
    assert not (home / "relationships").exists()


def test_blank_names_are_refused(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``new --mentor " "``: a usage error, one line, no file."""
    status, _, err = run(capsys, "new", "--mentor", " ", "--mentee", "Bo")
    assert status == 2 and err.startswith("mentor-workbook: error: ")
    assert not list(home.rglob("*.json"))
