"""A TinyDB storage that keeps data in memory and writes it atomically on :meth:`flush`.

TinyDB's own ``JSONStorage`` rewrites the file in place, so a kill mid-write corrupts it. Here
``write`` only records the new state; ``flush`` serialises it (UTF-8, keys sorted, one document
per line, indented by table) and replaces the file atomically. Serialising happens under a lock
and writing outside it, so the UI thread never waits for the disk.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workbook.atomic import atomic_write_pieces

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _make_fast_encode() -> Callable[[Any], str]:
    """``_ENCODER.encode`` without its per-call set-up (about twice as fast on small documents).

    Same output: the C encoder that ``JSONEncoder`` builds, made once; falls back to
    ``_ENCODER.encode`` where the C accelerator is missing.
    """
    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        return _ENCODER.encode
    chunks = c_make_encoder(
        None, _ENCODER.default, encode_basestring, None, ": ", ", ", True, False, True
    )

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return encode_basestring(value)
        return "".join(chunks(value, 0))

    return encode


_encode = _make_fast_encode()


def _doc_id_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), doc_id) if doc_id.isdigit() else (1 << 62, doc_id)


EncodedCache = dict[tuple[str, str], str]
"""Each document's encoded line, by (table, document id): unchanged documents are not re-encoded."""


class _EncodedOnly:
    """Stands in a table for a document kept only as its encoded line (see ``compact``)."""

    def __repr__(self) -> str:
        return "<document kept encoded>"


ENCODED_ONLY = _EncodedOnly()
"""The placeholder :meth:`AtomicJSONStorage.compact` leaves where a document's dict was."""


def encode_document(doc_id: str | int, document: dict[str, Any]) -> str:
    """One document's line in the file: ``    "<id>": {...}`` (keys sorted, UTF-8)."""
    return _escape_lone_surrogates(f"    {_encode(str(doc_id))}: {_encode(document)}")


def encoded_pieces(data: dict[str, dict[str, Any]], cache: EncodedCache | None = None) -> list[str]:
    """The file text for ``data`` as pieces to write in order: tables sorted by name,
    documents by id, one per line (``"".join`` of them is :func:`encode_tables`).

    The pieces are mostly the documents' cached lines themselves, so taking them costs a list,
    not a second copy of the text. With ``cache``, a document already encoded there is reused
    (the caller must drop the entry of every document it changes: see
    :meth:`AtomicJSONStorage.invalidate`). A document compacted to :data:`ENCODED_ONLY` must
    have its line in ``cache``.
    """
    pieces: list[str] = ["{\n"]
    for table_number, name in enumerate(sorted(data)):
        table = data[name]
        separator = ",\n" if table_number else ""
        pieces.append(f"{separator}  {_encode(name)}: ")
        if not table:
            pieces.append("{}")
            continue
        pieces.append("{\n")
        for doc_number, doc_id in enumerate(sorted(table, key=_doc_id_order)):
            key = (name, str(doc_id))
            line = cache.get(key) if cache is not None else None
            if line is None:
                document = table[doc_id]
                if document is ENCODED_ONLY:
                    raise RuntimeError(f"{name} #{doc_id} was compacted but its line is gone")
                line = encode_document(doc_id, document)
                if cache is not None:
                    cache[key] = line
            if doc_number:
                pieces.append(",\n")
            pieces.append(line)
        pieces.append("\n  }")
    pieces.append("\n}\n")
    return pieces


def encode_tables(data: dict[str, dict[str, Any]], cache: EncodedCache | None = None) -> str:
    """The file text for ``data`` (see :func:`encoded_pieces`)."""
    return "".join(encoded_pieces(data, cache))


def _escape_lone_surrogates(text: str) -> str:
    """``text`` with any lone surrogate written as a JSON ``\\udXXX`` escape.

    Lone surrogates cannot be encoded as UTF-8 (they come from undecodable command-line bytes
    or ``\\ud800`` escapes in a merged file); left in, every later save would fail. They only
    occur inside JSON strings, where the escape reads back as the same character.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


class AtomicJSONStorage(Storage):
    """In-memory TinyDB storage with atomic, thread-safe :meth:`flush` to a JSON file."""

    def __init__(self, path: Path, initial: dict[str, dict[str, Any]] | None = None) -> None:
        self.path = path
        self._data: dict[str, dict[str, Any]] = initial if initial is not None else {}
        self._generation = 0
        self._written_generation = 0
        self._data_lock = threading.RLock()
        self._encoded: EncodedCache = {}
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

    def replace_document(self, table: str, doc_id: int, document: dict[str, Any]) -> None:
        """Replace one existing document in place (cheap, unlike TinyDB's table rewrite)."""
        with self._data_lock:
            self._data[table][str(doc_id)] = document
            self._encoded.pop((table, str(doc_id)), None)
            self._generation += 1

    def invalidate(self, table: str, doc_id: int | str) -> None:
        """Forget the encoded form of a document that was inserted or changed."""
        with self._data_lock:
            self._encoded.pop((table, str(doc_id)), None)

    def mark_changed(self) -> None:
        """Note a change made to the data in place, so the next flush writes it (every
        document still held as a dict is encoded afresh)."""
        with self._data_lock:
            for name, table in self._data.items():
                for doc_id, document in table.items():
                    if document is not ENCODED_ONLY:
                        self._encoded.pop((name, str(doc_id)), None)
            self._generation += 1

    def compact(self, tables: Iterable[str]) -> None:
        """Keep the documents of ``tables`` only as their encoded lines, not as dicts.

        The service holds a validated model of every item, so a second, dict copy of each
        would only be read to encode it again: about 6 MiB at 5,000 answers, against 2.4 MiB
        for the lines. Only for tables changed through :meth:`replace_document` and TinyDB's
        ``insert`` (which copies documents without reading them); not for ones updated in
        place (TinyDB's ``upsert``).
        """
        with self._data_lock:
            for name in tables:
                table = self._data.get(name, {})
                for doc_id, document in table.items():
                    if document is ENCODED_ONLY:
                        continue
                    key = (name, str(doc_id))
                    if key not in self._encoded:
                        self._encoded[key] = encode_document(doc_id, document)
                    table[doc_id] = ENCODED_ONLY

    def discard(self, tables: Iterable[str]) -> None:
        """Drop the documents of ``tables`` without encoding them (a read-only service, which
        never writes, holds its items as models only).

        The placeholders :data:`ENCODED_ONLY` stay, so TinyDB still sees the document ids;
        a later :meth:`flush` of a discarded document fails loudly instead of writing less
        than the file held.
        """
        with self._data_lock:
            for name in tables:
                table = self._data.get(name, {})
                for doc_id in table:
                    table[doc_id] = ENCODED_ONLY

    def snapshot_pieces(self) -> tuple[int, list[str]]:
        """The data serialised now, as the pieces of its text, with the generation it reflects."""
        with self._data_lock:
            return self._generation, encoded_pieces(self._data, self._encoded)

    def flush(self, force: bool = False) -> bool:
        """Write the data to disk atomically if it changed; True when a write happened."""
        if not force and not self.dirty:
            return False
        generation, pieces = self.snapshot_pieces()
        with self._write_lock:
            if not force and generation <= self._written_generation:
                return False
            atomic_write_pieces(self.path, pieces)
            self._written_generation = max(self._written_generation, generation)
        return True

    def close(self) -> None:
        """TinyDB calls this on close: write any pending change."""
        self.flush()
