"""``mentor-workbook content list`` and ``content check [DIR]``."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from workbook import cli_content, paths
from workbook.errors import WorkbookError

REPO = Path(__file__).resolve().parent.parent
MANIFEST = "---\nid: {id}\ntitle: {title}\nversion: 2.1\n{extra}---\n"
TAB = "---\nid: t\ntitle: T\n---\n## Q\n\n- id: q\n- kind: {kind}\n"


def write_pack(
    root: Path, name: str, title: str = "My pack", kind: str = "date", extra: str = ""
) -> Path:
    """A one-tab pack ``root/name`` (its id is ``name``)."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "pack.md").write_text(MANIFEST.format(id=name, title=title, extra=extra))
    (folder / "10-t.md").write_text(TAB.format(kind=kind))
    return folder


@pytest.fixture(autouse=True)
def empty_home(tmp_path: Path):
    """Each test gets an empty home folder (no user packs)."""
    paths.set_home_override(tmp_path / "home")
    yield
    paths.set_home_override(None)


def run(command: str, folder: Path | None = None, content: Path | None = None) -> int:
    """Call the handler the way ``workbook.cli`` does."""
    return cli_content.run(argparse.Namespace(content_command=command, dir=folder, content=content))


def main(argv: list[str]) -> int:
    """Go through ``workbook.cli.main`` when it exists, else straight to the handler."""
    try:
        from workbook.cli import main as cli_main
    except ImportError:  # pragma: no cover - the lead's cli.py not written yet
        pytest.skip("workbook.cli is not there")
    return cli_main(argv)


def test_check_valid_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_pack(tmp_path / "packs", "alpha")
    write_pack(tmp_path / "packs", "beta", extra="extends: standard\n")
    assert run("check", tmp_path / "packs") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "all 2 packs are valid\n"
    assert run("check", tmp_path / "packs" / "alpha") == 0
    assert capsys.readouterr().err == "all 1 pack is valid\n"


def test_check_prints_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_pack(tmp_path / "packs", "bad", kind="essay", extra="extends: nowhere\n")
    (bad / "20-u.md").write_text("no front matter\n")
    write_pack(tmp_path / "packs", "good")
    assert run("check", tmp_path / "packs") == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert (
        lines[0] == f"{bad}/10-t.md:8: unknown kind 'essay' (kinds: short text, long text, "
        "single choice, multiple choice, ranking, scale, date, yes/no, checklist, goal list, "
        "action list, cadence, agreement, homework review, statement, link)"
    )
    assert (
        lines[1] == f"{bad}/20-u.md:1: missing front matter: the file must start with a line '---'"
    )
    assert lines[2].startswith(f"{bad}/pack.md:5: extends 'nowhere', but there is no such pack")
    assert len(lines) == 3
    assert err == "3 problems in 1 pack\n"


def test_check_through_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_pack(tmp_path, "mine", kind="single choice")
    assert main(["content", "check", str(tmp_path / "mine")]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"{tmp_path}/mine/10-t.md:5: prompt 'Q' is a single choice question and needs an "
        "'Options:' line followed by a bullet list of choices\n"
    )
    assert err == "1 problem in 1 pack\n"


def test_check_missing_dir_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(WorkbookError, match="does not exist"):
        run("check", tmp_path / "nope")
    assert main(["content", "check", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == f"mentor-workbook: error: {tmp_path}/nope does not exist\n"


def test_check_without_dir_covers_bundled_and_user_packs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pack(tmp_path / "home" / "packs", "mine", kind="nope")
    assert run("check") == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{tmp_path}/home/packs/mine/10-t.md:8: unknown kind 'nope'")
    assert err == "1 problem in 1 pack\n"
    bundled = len([p for p in paths.bundled_content_dir().iterdir() if (p / "pack.md").is_file()])
    (tmp_path / "home" / "packs" / "mine" / "10-t.md").write_text(TAB.format(kind="date"))
    assert run("check") == 0
    assert capsys.readouterr().err == f"all {bundled + 1} packs are valid\n"


def test_list_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "extra"
    write_pack(extra, "zeta", title="Zeta programme")
    broken = write_pack(extra, "broken", kind="essay")
    assert run("list", content=extra) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].split()
    assert header == ["ID", "TITLE", "VERSION", "TABS", "PROMPTS", "FOLDER"]
    zeta = next(line for line in lines if line.startswith("zeta "))
    assert zeta.split()[-4:] == ["2.1", "1", "1", str(extra / "zeta")]
    assert "Zeta programme" in zeta
    bad = next(line for line in lines if line.startswith("broken "))
    assert "BROKEN: 1 problem" in bad and bad.endswith(str(broken))
    assert len({line.index(str(extra)) for line in (zeta, bad)}) == 1  # aligned columns
    if (paths.bundled_content_dir() / "standard" / "pack.md").is_file():
        assert any(line.startswith("standard ") for line in lines)


def test_list_through_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_pack(tmp_path / "extra", "solo", title="Solo")
    assert main(["--content", str(tmp_path / "extra" / "solo"), "content", "list"]) == 0
    assert any(line.startswith("solo ") for line in capsys.readouterr().out.splitlines())


def test_example_pack_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(REPO / "docs" / "example-pack")]) == 0
    assert capsys.readouterr().err == "all 1 pack is valid\n"
