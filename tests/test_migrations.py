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

NOW = base.SCHEMA_VERSION
"""The schema version this program writes: the tests pretend to know one or two beyond it."""


def _shout(data: RawData) -> RawData:
    """Step NOW -> NOW+1 used by the tests: answers in capitals, a note on the relationship."""
    for doc in data.get("answers", {}).values():
        if isinstance(doc.get("value"), str):
            doc["value"] = doc["value"].upper()
    for doc in data["relationship"].values():
        doc["end_reason"] = "migrated"
    return data


def _sign(data: RawData) -> RawData:
    """Step NOW+1 -> NOW+2: append a mark to every answer (shows the steps run in order)."""
    for doc in data.get("answers", {}).values():
        doc["value"] = f"{doc['value']}!"
    return data


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """A relationship file of today's version with two answers."""
    path = make_relationship(tmp_path / "rel", answers=2, text="quiet")
    assert json.loads(path.read_bytes())["relationship"]["1"]["schema_version"] == NOW
    return path


def _schema(monkeypatch: pytest.MonkeyPatch, version: int, steps: dict[int, object]) -> None:
    """Pretend this program knows schema ``version`` with ``steps`` registered (undone after)."""
    monkeypatch.setattr(base, "SCHEMA_VERSION", version)
    monkeypatch.setattr(store, "SCHEMA_VERSION", version)
    for from_version, step in steps.items():
        monkeypatch.setitem(migrations.MIGRATIONS, from_version, step)


def test_open_backs_up_then_migrates(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``<file>.v<N>.bak`` holds the original bytes; the step's change is in memory and on disk."""
    original = old_file.read_bytes()
    _schema(monkeypatch, NOW + 1, {NOW: _shout})
    with WorkbookService.open(old_file) as service:
        assert service.answer("filler-0", "mentor").value == "QUIET 0"  # type: ignore[union-attr]
        assert service.relationship.end_reason == "migrated"
        assert service.relationship.schema_version == NOW + 1
    assert migration_backup_path(old_file, NOW).read_bytes() == original
    on_disk = json.loads(old_file.read_bytes())
    stamped = {doc["schema_version"] for table in on_disk.values() for doc in table.values()}
    assert stamped == {NOW + 1}
    assert on_disk["answers"]["1"]["value"] == "QUIET 0"
    assert (old_file.stat().st_mode & 0o777) == 0o600
    again = old_file.read_bytes()
    with WorkbookService.open(old_file):
        pass
    assert old_file.read_bytes() == again  # already migrated: no second migration
    assert not migration_backup_path(old_file, NOW + 1).exists()


def test_steps_run_in_order(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """N -> N+1 -> N+2 applies both steps, one after the other."""
    _schema(monkeypatch, NOW + 2, {NOW: _shout, NOW + 1: _sign})
    with WorkbookService.open(old_file) as service:
        assert service.answer("filler-1", "mentor").value == "QUIET 1!"  # type: ignore[union-attr]
        assert service.relationship.schema_version == NOW + 2


def test_read_only_open_migrates_in_memory_only(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader (export, list) sees migrated data but writes nothing, not even a backup."""
    original = old_file.read_bytes()
    _schema(monkeypatch, NOW + 1, {NOW: _shout})
    with WorkbookService.open(old_file, read_only=True) as service:
        assert service.answer("filler-0", "mentor").value == "QUIET 0"  # type: ignore[union-attr]
    assert old_file.read_bytes() == original
    assert not migration_backup_path(old_file, NOW).exists()


def test_gap_in_registry_is_a_clear_error(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Version N+2 with only N -> N+1 registered: an error naming the missing step; file untouched."""
    original = old_file.read_bytes()
    mtime = old_file.stat().st_mtime_ns
    _schema(monkeypatch, NOW + 2, {NOW: _shout})
    monkeypatch.delitem(migrations.MIGRATIONS, NOW + 1, raising=False)
    with pytest.raises(DamagedFileError) as caught:
        WorkbookService.open(old_file)
    message = str(caught.value)
    expected = f"{old_file} cannot be read: it could not be upgraded from schema {NOW}"
    assert message.startswith(expected)
    assert f"no migration from schema version {NOW + 1} to {NOW + 2}" in message
    assert old_file.read_bytes() == original and old_file.stat().st_mtime_ns == mtime
    assert not migration_backup_path(old_file, NOW).exists()


def test_failing_step_leaves_file_untouched(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that raises gives a clear error; the file itself is not changed."""
    original = old_file.read_bytes()

    def broken(data: RawData) -> RawData:
        raise KeyError("cadence")

    _schema(monkeypatch, NOW + 1, {NOW: broken})
    with pytest.raises(DamagedFileError, match=f"could not be upgraded from schema {NOW}"):
        WorkbookService.open(old_file)
    assert old_file.read_bytes() == original


def test_registry_is_restored() -> None:
    """The monkeypatched steps do not leak into other tests."""
    assert store.SCHEMA_VERSION == base.SCHEMA_VERSION == 2
    assert migrations.MIGRATIONS.get(NOW) is not _shout
    assert sorted(migrations.MIGRATIONS) == list(range(1, NOW))


def test_version_1_file_upgrades_to_2(tmp_path: Path) -> None:
    """A real version-1 file: backed up, stamped 2, earlier sessions closed, the latest open,
    and a ``missed`` table added."""
    folder = tmp_path / "relationships"
    folder.mkdir()
    path = folder / "ana-bo.json"
    rel = {
        "schema_version": 1,
        "uid": "r1",
        "updated_at": "2026-01-01T10:00:00Z",
        "clock": {},
        "slug": "ana-bo",
        "mentor": "Ana",
        "mentee": "Bo",
        "pack_id": "standard",
        "started_on": "2026-01-01",
    }
    sessions = {
        str(n): {
            "schema_version": 1,
            "uid": f"s{n}",
            "updated_at": "2026-01-02T10:00:00Z",
            "number": n,
            "held_on": f"2026-01-0{n + 1}",
            "started_at": f"2026-01-0{n + 1}T10:00:00Z",
        }
        for n in (1, 2)
    }
    answer = {
        "schema_version": 1,
        "uid": "a1",
        "updated_at": "2026-01-02T10:00:00Z",
        "prompt_id": "about-me",
        "author": "mentee",
        "value": "hello",
    }
    original = json.dumps(
        {"relationship": {"1": rel}, "sessions": sessions, "answers": {"1": answer}}
    ).encode()
    path.write_bytes(original)
    with WorkbookService.open(path) as service:
        assert service.relationship.schema_version == 2
        first, second = service.sessions()
        assert first.closed_at is not None and not first.is_open
        assert second.closed_at is None and second.is_open
        assert service.answer("about-me", "mentee").value == "hello"  # type: ignore[union-attr]
    assert migration_backup_path(path, 1).read_bytes() == original
    on_disk = json.loads(path.read_bytes())
    assert on_disk["missed"] == {}
