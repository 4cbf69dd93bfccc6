"""Opening an older file migrates it after a backup; a gap in the registry is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.files import make_relationship

from workbook import migrations, store
from workbook.errors import DamagedFileError
from workbook.migrations import RawData
from workbook.models import base
from workbook.service import WorkbookService
from workbook.store import migration_backup_path


def _shout(data: RawData) -> RawData:
    """Step 1 -> 2 used by the tests: answers in capitals, a note on the relationship."""
    for doc in data.get("answers", {}).values():
        if isinstance(doc.get("value"), str):
            doc["value"] = doc["value"].upper()
    for doc in data["relationship"].values():
        doc["end_reason"] = "migrated to 2"
    return data


def _sign(data: RawData) -> RawData:
    """Step 2 -> 3: append a mark to every answer (shows the steps run in order)."""
    for doc in data.get("answers", {}).values():
        doc["value"] = f"{doc['value']}!"
    return data


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """A version-1 relationship file with two answers."""
    path = make_relationship(tmp_path / "rel", answers=2, text="quiet")
    assert json.loads(path.read_bytes())["relationship"]["1"]["schema_version"] == 1
    return path


def _schema(monkeypatch: pytest.MonkeyPatch, version: int, steps: dict[int, object]) -> None:
    """Pretend this program knows schema ``version`` with ``steps`` registered (undone after)."""
    monkeypatch.setattr(base, "SCHEMA_VERSION", version)
    monkeypatch.setattr(store, "SCHEMA_VERSION", version)
    for from_version, step in steps.items():
        monkeypatch.setitem(migrations.MIGRATIONS, from_version, step)


def test_open_backs_up_then_migrates(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``<file>.v1.bak`` holds the original bytes; the step's change is in memory and on disk."""
    original = old_file.read_bytes()
    _schema(monkeypatch, 2, {1: _shout})
    with WorkbookService.open(old_file) as service:
        assert service.answer("filler-0", "mentor").value == "QUIET 0"  # type: ignore[union-attr]
        assert service.relationship.end_reason == "migrated to 2"
        assert service.relationship.schema_version == 2
    assert migration_backup_path(old_file, 1).read_bytes() == original
    on_disk = json.loads(old_file.read_bytes())
    assert {doc["schema_version"] for table in on_disk.values() for doc in table.values()} == {2}
    assert on_disk["answers"]["1"]["value"] == "QUIET 0"
    assert (old_file.stat().st_mode & 0o777) == 0o600
    again = old_file.read_bytes()
    with WorkbookService.open(old_file):
        pass
    assert old_file.read_bytes() == again  # already at 2: no second migration
    assert not migration_backup_path(old_file, 2).exists()


def test_steps_run_in_order(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """1 -> 2 -> 3 applies both steps, one after the other."""
    _schema(monkeypatch, 3, {1: _shout, 2: _sign})
    with WorkbookService.open(old_file) as service:
        assert service.answer("filler-1", "mentor").value == "QUIET 1!"  # type: ignore[union-attr]
        assert service.relationship.schema_version == 3


def test_read_only_open_migrates_in_memory_only(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader (export, list) sees migrated data but writes nothing, not even a backup."""
    original = old_file.read_bytes()
    _schema(monkeypatch, 2, {1: _shout})
    with WorkbookService.open(old_file, read_only=True) as service:
        assert service.answer("filler-0", "mentor").value == "QUIET 0"  # type: ignore[union-attr]
    assert old_file.read_bytes() == original
    assert not migration_backup_path(old_file, 1).exists()


def test_gap_in_registry_is_a_clear_error(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Version 3 with only 1 -> 2 registered: an error naming the missing step; file untouched."""
    original = old_file.read_bytes()
    mtime = old_file.stat().st_mtime_ns
    _schema(monkeypatch, 3, {1: _shout})
    monkeypatch.delitem(migrations.MIGRATIONS, 2, raising=False)
    with pytest.raises(DamagedFileError) as caught:
        WorkbookService.open(old_file)
    message = str(caught.value)
    assert message.startswith(f"{old_file} cannot be read: it could not be upgraded from schema 1")
    assert "no migration from schema version 2 to 3" in message
    assert old_file.read_bytes() == original and old_file.stat().st_mtime_ns == mtime
    assert not migration_backup_path(old_file, 1).exists()


def test_failing_step_leaves_file_untouched(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that raises gives a clear error; the file itself is not changed."""
    original = old_file.read_bytes()

    def broken(data: RawData) -> RawData:
        raise KeyError("cadence")

    _schema(monkeypatch, 2, {1: broken})
    with pytest.raises(DamagedFileError, match="could not be upgraded from schema 1"):
        WorkbookService.open(old_file)
    assert old_file.read_bytes() == original


def test_registry_is_restored() -> None:
    """The monkeypatched steps do not leak into other tests."""
    assert store.SCHEMA_VERSION == base.SCHEMA_VERSION == 1
    assert 1 not in migrations.MIGRATIONS or migrations.MIGRATIONS[1] is not _shout
