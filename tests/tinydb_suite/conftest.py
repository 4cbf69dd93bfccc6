"""Runs TinyDB's own test suite (``test_tinydb.py``, ``test_tables.py``, vendored here) against
this project's storage, and checks after every test that each file reopens to the same data.

Every storage the vendored tests make is a :class:`~workbook.storage.AtomicJSONStorage`:

* the ``db`` fixture opens one in the test's folder (TinyDB's own fixture opens its
  ``MemoryStorage`` and ``JSONStorage``), with the same three documents;
* ``TinyDB(path)`` without a storage gets it as TinyDB's default storage class;
* the name ``MemoryStorage`` inside the vendored modules is a subclass over a fresh file, so the
  tests written for memory run on it too.

After each test, the last storage over each file is flushed (the storage writes on ``flush``
and ``close``, as TinyDB's ``CachingMiddleware``), then the file is opened afresh: it must read
back exactly what the live storage gives TinyDB; an earlier storage over the same file must have
written everything it was given before the next one read it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from workbook.storage import AtomicJSONStorage

_opened: list[AtomicJSONStorage] = []
"""Every storage made during the running test."""
_folder: list[Path] = []
_numbers = itertools.count()


def _opening(*args: Any, **kwargs: Any) -> AtomicJSONStorage:
    """TinyDB's default storage class while the vendored tests run: ours, remembered."""
    storage = AtomicJSONStorage(*args, **kwargs)
    _opened.append(storage)
    return storage


class FileBackedMemoryStorage(AtomicJSONStorage):
    """What the vendored tests get for ``MemoryStorage``: this project's storage over a new
    file of its own."""

    def __init__(self) -> None:
        super().__init__(_folder[-1] / f"memory-{next(_numbers)}.json")
        _opened.append(self)


@pytest.fixture(autouse=True)
def _project_storage(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Route every storage of the test to ours; afterwards, reopen each file and compare."""
    _opened.clear()
    _folder.append(tmp_path)
    monkeypatch.setattr(TinyDB, "default_storage_class", staticmethod(_opening))
    if "MemoryStorage" in vars(request.module):
        monkeypatch.setitem(vars(request.module), "MemoryStorage", FileBackedMemoryStorage)
    yield
    try:
        latest = {storage.path: storage for storage in _opened}
        for storage in _opened:  # one reopened later had to find everything of this one
            assert storage is latest[storage.path] or not storage.dirty, storage.path
        for path, storage in latest.items():
            storage.flush()
            assert AtomicJSONStorage(path).read() == storage.read(), path
    finally:
        _opened.clear()
        _folder.pop()


@pytest.fixture
def db(tmp_path: Path) -> TinyDB:
    """TinyDB's own ``db`` fixture, over this project's storage."""
    database = TinyDB(tmp_path / "test.db", storage=_opening)
    database.drop_tables()
    database.insert_multiple({"int": 1, "char": c} for c in "abc")
    return database
