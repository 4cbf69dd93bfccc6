"""A received copy goes into your own home: ``open`` imports a file from elsewhere (or merges
it into the relationship it is a copy of), and the file received is left untouched."""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.models import Author, Role
from workbook.received import OpenAction, import_copy, open_target, plan_open
from workbook.service import WorkbookService
from workbook.sharing import share_copy


def _fake_ui(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Replace the UI by a recorder of what it was asked to open."""
    seen: dict[str, object] = {}

    def run_app(**kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setitem(sys.modules, "screens.app", types.SimpleNamespace(run_app=run_app))
    return seen


def _received(tmp_path: Path, *, mentor: str = "Priya Shah", mentee: str = "Sam Okafor") -> Path:
    """A shared copy made on another machine (another home), now in a downloads folder."""
    other_home = tmp_path / "their-machine"
    service = WorkbookService.create(
        mentor=mentor,
        mentee=mentee,
        pack_id="standard",
        pack_version="1.1",
        folder=other_home / "relationships",
    )
    with service:
        service.set_answer("about-me", Author.MENTOR, "hello from the mentor")
        downloads = tmp_path / "Downloads"
        downloads.mkdir(exist_ok=True)
        return share_copy(service, downloads / f"for-{len(list(downloads.iterdir()))}.json")


def _untouched(download: Path, before: bytes) -> None:
    assert download.read_bytes() == before
    assert sorted(
        p.name for p in download.parent.iterdir() if p.name.startswith(download.name)
    ) == [download.name]  # no .bak, .lock or temporary file beside it


def test_open_imports_a_received_copy_and_list_shows_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    download = _received(tmp_path)
    before = download.read_bytes()
    seen = _fake_ui(monkeypatch)
    assert main(["open", str(download)]) == 0
    imported = home / "relationships" / "priya-shah-sam-okafor.json"
    assert seen["open_path"] == imported
    assert capsys.readouterr().out == (
        f"Imported {download.name} into your relationships as priya-shah-sam-okafor "
        "(the file you received is left as it is).\n"
    )
    assert imported.stat().st_mode & 0o777 == 0o600
    with WorkbookService.open(imported, read_only=True) as service:
        assert service.relationship.owner_role is Role.MENTEE  # a share is its recipient's
        assert service.answer("about-me", Author.MENTOR).value == "hello from the mentor"
    _untouched(download, before)
    assert main(["list"]) == 0
    assert "priya-shah-sam-okafor  Priya Shah  Sam Okafor" in capsys.readouterr().out


def test_opening_a_copy_of_a_relationship_here_merges_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _received(tmp_path)
    imported = open_target(str(first)).path
    with WorkbookService.open(imported) as mine:  # the mentee answers and shares back
        mine.set_answer("about-me", Author.MENTEE, "hello from the mentee")
    source = Path(json.loads(first.read_text())["relationship"]["1"]["slug"])
    their_file = tmp_path / "their-machine" / "relationships" / f"{source}.json"
    with WorkbookService.open(their_file) as theirs:
        theirs.set_answer("expectations", Author.MENTOR, "newer words from the mentor")
        again = share_copy(theirs, tmp_path / "Downloads" / "for-sam-again.json")
    before = again.read_bytes()
    seen = _fake_ui(monkeypatch)
    assert main(["open", str(again)]) == 0
    assert seen["open_path"] == imported  # no second relationship
    out = capsys.readouterr().out
    assert out.startswith("Merged for-sam-again.json: 1 added, ")
    assert out.endswith(
        " It went into your relationship priya-shah-sam-okafor; the file you received is left "
        "as it is.\n"
    )
    assert [p.name for p in (home / "relationships").glob("*.json")] == [imported.name]
    with WorkbookService.open(imported, read_only=True) as service:
        assert service.answer("expectations", Author.MENTOR).value == "newer words from the mentor"
        assert service.answer("about-me", Author.MENTEE).value == "hello from the mentee"
    _untouched(again, before)


def test_another_relationship_with_the_same_slug_gets_a_new_one(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--mentor", "Priya Shah", "--mentee", "Sam Okafor"]) == 0
    mine = Path(capsys.readouterr().out.strip().splitlines()[-1])
    before_mine = mine.read_bytes()
    download = _received(tmp_path)
    before = download.read_bytes()
    plan = plan_open(str(download))
    assert plan.action is OpenAction.IMPORT and plan.same_names == [mine]
    opened = open_target(str(download))
    assert opened.path == home / "relationships" / "priya-shah-sam-okafor-2.json"
    assert opened.message == (
        f"Imported {download.name} into your relationships as priya-shah-sam-okafor-2 (the file "
        "you received is left as it is). You also have priya-shah-sam-okafor, another "
        "relationship between the same two names: to join this copy to it rather than keep the "
        "two apart, run: "
        f"mentor-workbook merge --adopt priya-shah-sam-okafor {download}"
    )
    assert mine.read_bytes() == before_mine  # never overwritten
    _untouched(download, before)
    # A copy between other names that happens to carry the same slug: a new slug, no hint.
    stranger = _received(tmp_path, mentor="Zed", mentee="Yan")
    data = json.loads(stranger.read_text())
    data["relationship"]["1"]["slug"] = "priya-shah-sam-okafor"
    stranger.write_text(json.dumps(data))
    other = open_target(str(stranger))
    assert other.path.name == "priya-shah-sam-okafor-3.json" and other.same_names == []


def test_a_path_like_slug_never_steers_the_import(home: Path, tmp_path: Path) -> None:
    download = _received(tmp_path)
    data = json.loads(download.read_text())
    data["relationship"]["1"]["slug"] = "../../../outside"
    download.write_text(json.dumps(data))
    imported = import_copy(download)
    assert imported == home / "relationships" / "priya-shah-sam-okafor.json"
    assert not (tmp_path / "outside.json").exists()
    with WorkbookService.open(imported, read_only=True) as service:
        assert service.relationship.slug == "priya-shah-sam-okafor"


def test_files_of_this_home_and_files_kept_elsewhere_open_in_place(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--mentor", "Ada", "--mentee", "Ben"]) == 0
    mine = Path(capsys.readouterr().out.strip().splitlines()[-1])
    for ref in ("ada-ben", str(mine)):
        assert open_target(ref).action is OpenAction.IN_PLACE
    kept = WorkbookService.create(
        mentor="Cy", mentee="Dee", pack_id="standard", pack_version="1", folder=tmp_path / "mine"
    )
    kept.close()  # opened for writing where it is: it has a .bak beside it
    opened = open_target(str(kept.path))
    assert opened.action is OpenAction.IN_PLACE and opened.path == kept.path
    assert opened.message == ""
    archive = home / "archive"
    archive.mkdir()
    archived = archive / "old.json"
    archived.write_bytes(_received(tmp_path).read_bytes())
    assert open_target(str(archived)).action is OpenAction.IN_PLACE


def test_a_file_that_is_no_copy_is_one_line_and_nothing_is_written(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "Downloads" / "notes.json"
    bad.parent.mkdir()
    bad.write_text("{not json")
    seen = _fake_ui(monkeypatch)
    assert main(["open", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mentor-workbook: error: ") and err.count("\n") == 1
    assert seen == {}
    assert not (home / "relationships").exists()
    assert sorted(os.listdir(bad.parent)) == ["notes.json"]


def test_the_app_can_adopt_instead_of_importing(home: Path, tmp_path: Path) -> None:
    """What the app's confirmation does when the user chooses to join the copy to theirs."""
    from workbook.received import adopt_into
    from workbook.sharing import Joining

    mine = WorkbookService.create(  # the mentee had started a workbook of their own
        mentor="Priya Shah",
        mentee="Sam Okafor",
        pack_id="standard",
        pack_version="1.1",
        role=Role.MENTEE,
    )
    mine.close()
    download = _received(tmp_path)
    before = download.read_bytes()
    plan = plan_open(str(download))
    assert plan.action is OpenAction.IMPORT and plan.same_names == [mine.path]
    opened = adopt_into(plan.same_names[0], plan)
    assert opened.path == mine.path and opened.report is not None
    assert opened.report.joined is Joining.ADOPTED
    assert opened.message.startswith(f"Adopted {download.name} into this relationship: ")
    assert [p.name for p in (home / "relationships").glob("*.json")] == [mine.path.name]
    with WorkbookService.open(mine.path, read_only=True) as service:
        assert service.answer("about-me", Author.MENTOR).value == "hello from the mentor"
    _untouched(download, before)
