"""The summary index gives the rows a fresh read would give, reads only what changed, and is
never trusted over a file: a changed file is read again, a damaged or foreign index rebuilt."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from core_helpers import new_service

from workbook import summary, summary_index
from workbook.content.catalog import PackCatalog
from workbook.summary import lenient_lookup, summarize
from workbook.summary_index import index_file, relationship_summaries


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the summaries read (a fresh summary, not one from the index); the racy
    window is closed so that files made a moment ago are indexed."""
    monkeypatch.setattr(summary_index, "RACY_SECONDS", 0.0)
    seen: list[Path] = []

    def counting(path: Path, *args: object, **kwargs: object) -> summary.RelationshipSummary:
        seen.append(path)
        return summarize(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(summary, "summarize", counting)
    return seen


def _three(home: Path) -> list[Path]:
    made = []
    for number in range(3):
        with new_service(home / "relationships") as service:
            for answer in range(number + 1):
                service.set_answer(f"prompt-{answer}", "mentor", "yes")
        made.append(service.path)
    return sorted(made)


def _fresh(paths: list[Path]) -> list[dict[str, object]]:
    find = lenient_lookup(PackCatalog.default())
    return [summarize(path, find).model_dump(mode="json") for path in paths]


def _rows(rows: list[summary.RelationshipSummary]) -> list[dict[str, object]]:
    return [row.model_dump(mode="json") for row in rows]


def test_a_warm_index_gives_the_same_rows_and_reads_no_file(home: Path, reads: list[Path]) -> None:
    paths = _three(home)
    first = relationship_summaries()
    assert reads == paths
    assert _rows(first) == _fresh(paths)
    reads.clear()
    assert _rows(relationship_summaries()) == _fresh(paths)
    assert reads == []
    assert stat.S_IMODE(index_file().stat().st_mode) == 0o600


def test_a_changed_file_is_read_again(home: Path, reads: list[Path]) -> None:
    paths = _three(home)
    relationship_summaries()
    reads.clear()
    with new_service(home / "relationships") as extra:
        pass
    from workbook.service import WorkbookService

    with WorkbookService.open(paths[0]) as service:
        service.set_answer("prompt-9", "mentor", "changed")
    rows = relationship_summaries()
    assert sorted(reads) == sorted([paths[0], extra.path])
    assert _rows(rows) == _fresh(sorted([*paths, extra.path]))


def test_a_file_changed_in_place_with_its_size_and_times_kept_is_read_again(
    home: Path, reads: list[Path]
) -> None:
    """Restoring a copy with its times kept (``cp -p``) leaves size and modification time as
    they were; the change time still moves, and the file is read again."""
    path = _three(home)[0]
    relationship_summaries()
    before = os.stat(path)
    text = path.read_text("utf-8")
    assert '"mentor": "Ada Mentor"' in text
    with open(path, "r+", encoding="utf-8") as handle:  # in place: the same inode
        handle.write(text.replace('"mentor": "Ada Mentor"', '"mentor": "Ada Mentos"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    reads.clear()
    rows = {row.path: row for row in relationship_summaries()}
    assert reads == [path]
    assert rows[path].mentor == "Ada Mentos"


def test_a_file_changed_a_moment_ago_is_not_indexed(
    home: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the racy window a second change could keep the stat: such a file is read every
    time until it has been left alone for a moment."""
    monkeypatch.setattr(summary_index, "RACY_SECONDS", 3600.0)
    paths = _three(home)
    relationship_summaries()
    reads.clear()
    relationship_summaries()
    assert reads == paths
    assert not index_file().exists()


def test_a_new_day_or_a_changed_pack_rebuilds_the_index(home: Path, reads: list[Path]) -> None:
    paths = _three(home)
    relationship_summaries(today=date(2026, 3, 1))
    reads.clear()
    relationship_summaries(today=date(2026, 3, 2))
    assert reads == paths
    reads.clear()
    relationship_summaries(today=date(2026, 3, 2))
    assert reads == []
    extra = home / "packs" / "mine"
    extra.mkdir(parents=True)
    (extra / "pack.md").write_text("---\nid: mine\ntitle: Mine\nversion: 1\n---\n", "utf-8")
    relationship_summaries(today=date(2026, 3, 2))
    assert reads == paths


def test_other_code_rebuilds_the_index(
    home: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A summary is what this code makes of a file: rows made by other code (another version,
    or a changed module in a checkout, which adds a field say) are not reused."""
    paths = _three(home)
    relationship_summaries()
    assert summary_index.code_fingerprint() != "other code"
    monkeypatch.setattr(summary_index, "code_fingerprint", lambda: "other code")
    reads.clear()
    relationship_summaries()
    assert reads == paths


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff\xfe not json",
        b"[1, 2, 3]",
        b'{"format": 1}',
        b'{"format": 99, "context": "x", "entries": {}}',
        b"{'single': 'quotes'}",
    ],
)
def test_a_damaged_index_is_ignored_and_rebuilt(
    home: Path, reads: list[Path], damage: bytes
) -> None:
    paths = _three(home)
    relationship_summaries()
    index_file().write_bytes(damage)
    reads.clear()
    assert _rows(relationship_summaries()) == _fresh(paths)
    assert reads == paths
    reads.clear()
    relationship_summaries()
    assert reads == []


def test_damaged_entries_are_read_again(home: Path, reads: list[Path]) -> None:
    paths = _three(home)
    relationship_summaries()
    data = json.loads(index_file().read_text("utf-8"))
    entries = data["entries"]
    entries[str(paths[0])][1]["sessions"] = "many"  # no longer a summary
    entries[str(paths[1])][0] = [1, 2, "3", 4]  # no longer a stamp
    entries[str(paths[2])] = "nonsense"
    index_file().write_text(json.dumps(data), "utf-8")
    reads.clear()
    assert _rows(relationship_summaries()) == _fresh(paths)
    assert reads == paths


def test_a_forged_index_entry_for_another_stat_is_not_used(home: Path, reads: list[Path]) -> None:
    """An entry says what it was made from; one that does not match the file is not used,
    whatever summary it holds."""
    path = _three(home)[0]
    relationship_summaries()
    data = json.loads(index_file().read_text("utf-8"))
    stamp, row = data["entries"][str(path)]
    row["mentor"] = "Forged"
    data["entries"][str(path)] = [[stamp[0] + 1, *stamp[1:]], row]
    index_file().write_text(json.dumps(data), "utf-8")
    rows = {row.path: row for row in relationship_summaries()}
    assert rows[path].mentor == "Ada Mentor"


def test_damaged_files_are_never_indexed_and_deleted_ones_are_dropped(
    home: Path, reads: list[Path]
) -> None:
    paths = _three(home)
    paths[0].write_text("{ not json", "utf-8")
    rows = relationship_summaries()
    assert rows[0].problem and not rows[1].problem
    entries = json.loads(index_file().read_text("utf-8"))["entries"]
    assert set(entries) == {str(paths[1]), str(paths[2])}
    paths[2].unlink()
    reads.clear()
    assert [row.path for row in relationship_summaries()] == paths[:2]
    assert reads == [paths[0]]
    assert set(json.loads(index_file().read_text("utf-8"))["entries"]) == {str(paths[1])}


def test_an_index_that_cannot_be_written_changes_nothing(home: Path, reads: list[Path]) -> None:
    paths = _three(home)
    (home / "cache").mkdir(exist_ok=True)
    (home / "cache" / "summaries.json").mkdir()  # a folder where the index would go
    assert _rows(relationship_summaries()) == _fresh(paths)
    assert _rows(relationship_summaries()) == _fresh(paths)


def test_list_prints_the_same_table_cold_and_warm(
    home: Path, reads: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook import cli

    _three(home)
    assert cli.main(["list", "--json"]) == 0
    cold = capsys.readouterr().out
    reads.clear()
    assert cli.main(["list", "--json"]) == 0
    assert capsys.readouterr().out == cold
    assert reads == []
    assert len(json.loads(cold)) == 3
