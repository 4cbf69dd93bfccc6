"""A TinyDB storage that keeps data in memory and writes it atomically on :meth:`flush`.

TinyDB's own ``JSONStorage`` rewrites the file in place, so a kill mid-write corrupts it. Here
``write`` only records the new state; ``flush`` serialises it (UTF-8, keys sorted, one document
per line, indented by table) and replaces the file atomically. Serialising happens under a lock
and writing outside it, so the UI thread never waits for the disk.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workbook.atomic import atomic_write_text

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _doc_id_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), doc_id) if doc_id.isdigit() else (1 << 62, doc_id)


def encode_tables(data: dict[str, dict[str, Any]]) -> str:
    """The file text for ``data``: tables sorted by name, documents by id, one per line."""
    table_parts: list[str] = []
    for name in sorted(data):
        table = data[name]
        docs = [
            f"    {_ENCODER.encode(str(doc_id))}: {_ENCODER.encode(table[doc_id])}"
            for doc_id in sorted(table, key=_doc_id_order)
        ]
        body = "{\n" + ",\n".join(docs) + "\n  }" if docs else "{}"
        table_parts.append(f"  {_ENCODER.encode(name)}: {body}")
    return "{\n" + ",\n".join(table_parts) + "\n}\n"


class AtomicJSONStorage(Storage):
    """In-memory TinyDB storage with atomic, thread-safe :meth:`flush` to a JSON file."""

    def __init__(self, path: Path, initial: dict[str, dict[str, Any]] | None = None) -> None:
        self.path = path
        self._data: dict[str, dict[str, Any]] = initial if initial is not None else {}
        self._generation = 0
        self._written_generation = 0
        self._data_lock = threading.RLock()
        self._write_lock = threading.Lock()

    @property
    def data_lock(self) -> threading.RLock:
        """The lock that guards the in-memory data (hold it while changing documents)."""
        return self._data_lock

    @property
    def dirty(self) -> bool:
        """True when the memory holds changes not yet on disk."""
        return self._generation != self._written_generation

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The current data (TinyDB reads through this)."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Record TinyDB's new state in memory; it reaches the disk on :meth:`flush`."""
        with self._data_lock:
            self._data = data
            self._generation += 1

    def mark_changed(self) -> None:
        """Note a change made to the data in place, so the next flush writes it."""
        with self._data_lock:
            self._generation += 1

    def snapshot_text(self) -> tuple[int, str]:
        """The data serialised now, with the generation it reflects."""
        with self._data_lock:
            return self._generation, encode_tables(self._data)

    def flush(self, force: bool = False) -> bool:
        """Write the data to disk atomically if it changed; True when a write happened."""
        if not force and not self.dirty:
            return False
        generation, text = self.snapshot_text()
        with self._write_lock:
            if not force and generation <= self._written_generation:
                return False
            atomic_write_text(self.path, text)
            self._written_generation = max(self._written_generation, generation)
        return True

    def close(self) -> None:
        """TinyDB calls this on close: write any pending change."""
        self.flush()
