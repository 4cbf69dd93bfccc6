"""The TinyDB storage of a relationship file, whose state is the file's own lines.

A relationship file holds one JSON document per line: tables sorted by name, documents by id,
keys sorted, UTF-8 (:func:`layout_chunks` writes it, :func:`parse_layout` reads it). The storage
keeps exactly those lines, one string per document in file order, and nothing else. Why:

* **Nothing can go stale.** What was last written is what reaches the disk, whatever API wrote
  it, because there is no second copy to fall out of step. TinyDB's ``write(data)`` encodes
  every document it is given (its contract hands over the whole state and TinyDB changes
  documents in place, so nothing less is safe); :meth:`AtomicJSONStorage.put` and
  :meth:`~AtomicJSONStorage.insert`, which the service uses, encode the one document they
  change. ``read()`` decodes the lines afresh, as TinyDB's ``JSONStorage`` parses its file on
  every read, so a caller may change what it was given and hand it back. (The design before
  this one kept the documents as dicts beside a cache of their encoded lines that every caller
  had to invalidate: TinyDB's own ``update`` followed by ``flush()`` wrote the old line.)
* **A change costs one document.** TinyDB's table API rebuilds the whole table twice on each
  insert or update (the first answer to a new prompt took 56 ms at 50,000 answers), so the
  service changes documents through :meth:`~AtomicJSONStorage.put` and
  :meth:`~AtomicJSONStorage.insert`: one encode and one dict entry, at any size. New documents
  get the next id, so every table stays in id order without sorting.
* **Saving never blocks typing.** :meth:`~AtomicJSONStorage.flush` holds the data lock only to
  copy each table's list of lines (pointer copies: well under a millisecond at 50,000); joining,
  encoding and writing them happen outside it, a few hundred lines at a time, so the thread
  that saves lets go of the GIL at every write. The file is replaced atomically.
* **Opening encodes nothing.** A file in this layout is split into its lines and each line is
  kept as it was read (one written differently, by hand say, stays as it is until its document
  changes); only a file in another layout (TinyDB's ``JSONStorage`` writes all on one line) is
  parsed as a whole and encoded once. The lines are all the memory a document costs here:
  about the file's size, with no dict copy.

Other designs considered: a cache of encoded documents keyed by their content needs the content
hashed, which costs about what encoding it does; an append-only log makes a save O(1) but makes
every open replay history and needs compaction, and the file would no longer be the plain TinyDB
JSON any tool reads. Writing the whole file stays O(n), with the small constant of copying
strings, and it happens in the autosave thread.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workbook.atomic import atomic_write_bytes

Lines = dict[str, str]
"""One table's documents as their lines in the file (``    "<id>": {...}``), by document id,
in id order."""
Tables = dict[str, Lines]
"""Every table's :data:`Lines`, by table name."""

DOC_INDENT = "    "
"""What a document's line starts with (before its id)."""
LINES_PER_CHUNK = 256
"""How many document lines :func:`layout_chunks` joins into one piece of text."""

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_DECODER = json.JSONDecoder()
_DOC_START = DOC_INDENT + '"'
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"')
"""A JSON string token (checked by ``json.loads`` when it holds an escape)."""


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


def is_number(doc_id: str) -> bool:
    """True when ``doc_id`` is a document number as TinyDB writes one: ASCII digits only
    (``str.isdigit`` alone also takes ``²``, which ``int`` refuses)."""
    return doc_id.isascii() and doc_id.isdigit()


def all_numbers(doc_ids: Iterable[str]) -> bool:
    """True when every one of ``doc_ids`` is a document number (:func:`is_number`), checked
    in a few passes of C code rather than a Python call per id."""
    ids = list(doc_ids)
    if not ids:
        return True
    joined = "".join(ids)
    return all(ids) and joined.isascii() and joined.isdigit()


def doc_id_order(doc_id: str) -> tuple[int, str]:
    """The sort key of a document id: numbers in numeric order, any other id after them."""
    return (int(doc_id), doc_id) if is_number(doc_id) else (1 << 62, doc_id)


def _escape_lone_surrogates(text: str) -> str:
    """``text`` with any lone surrogate written as a JSON ``\\udXXX`` escape.

    Lone surrogates cannot be encoded as UTF-8 (they come from undecodable command-line bytes
    or ``\\ud800`` escapes in a merged file); left in, every later save would fail. They only
    occur inside JSON strings, where the escape reads back as the same character.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def encode_document(doc_id: str | int, document: Mapping[str, Any]) -> str:
    """One document's line in the file: ``    "<id>": {...}`` (keys sorted, UTF-8)."""
    return _escape_lone_surrogates(f"{DOC_INDENT}{_encode(str(doc_id))}: {_encode(document)}")


def _document_start(doc_id: str) -> int:
    """Where the document's JSON starts in the line of document ``doc_id``."""
    return len(DOC_INDENT) + (len(doc_id) + 2 if is_number(doc_id) else len(_encode(doc_id))) + 2


def document_json(doc_id: str, line: str) -> str:
    """The JSON text of the document that ``line`` (the line of document ``doc_id``) holds
    (not checked: whoever reads it parses it)."""
    return line[_document_start(doc_id) :]


def decode_document(doc_id: str, line: str) -> Any:
    """The document that ``line`` (the line of document ``doc_id``) holds, freshly decoded.

    Raises ``ValueError`` (``json.JSONDecodeError``) when the line is not valid JSON."""
    value, end = _DECODER.raw_decode(line, _document_start(doc_id))
    if end != len(line):
        raise json.JSONDecodeError("Extra data", line, end)
    return value


def encode_tables_lines(data: Mapping[str, Mapping[Any, Any]]) -> Tables:
    """Every document of ``data`` (``{table: {doc_id: document}}``) encoded as its line, each
    table in id order. Raises ``TypeError``/``ValueError`` for what JSON cannot hold."""
    tables: Tables = {}
    for name, documents in data.items():
        ids = sorted(((str(doc_id), doc) for doc_id, doc in documents.items()), key=_pair_order)
        tables[str(name)] = {doc_id: encode_document(doc_id, doc) for doc_id, doc in ids}
    return tables


def _pair_order(pair: tuple[str, Any]) -> tuple[int, str]:
    return doc_id_order(pair[0])


def in_id_order(lines: Lines) -> Lines:
    """``lines`` in document id order (a new dict)."""
    return {doc_id: lines[doc_id] for doc_id in sorted(lines, key=doc_id_order)}


def layout_chunks(tables: Iterable[tuple[str, Sequence[str]]]) -> Iterator[str]:
    """The file text of ``tables`` (``(name, lines)`` pairs, names sorted, lines in id order),
    as pieces to write in turn: a few hundred document lines each, so that the whole text never
    exists as one string."""
    yield "{\n"
    for number, (name, lines) in enumerate(tables):
        separator = ",\n" if number else ""
        yield _escape_lone_surrogates(f"{separator}  {_encode(name)}: ")
        if not lines:
            yield "{}"
            continue
        yield "{\n"
        for start in range(0, len(lines), LINES_PER_CHUNK):
            if start:
                yield ",\n"
            yield ",\n".join(lines[start : start + LINES_PER_CHUNK])
        yield "\n  }"
    yield "\n}\n"


def encoded_pieces(data: Mapping[str, Mapping[Any, Any]]) -> list[str]:
    """The file text for ``data`` (``{table: {doc_id: document}}``) as pieces to write in
    order: tables sorted by name, documents by id, one per line (``"".join`` of them is
    :func:`encode_tables`)."""
    tables = encode_tables_lines(data)
    return list(layout_chunks((name, list(tables[name].values())) for name in sorted(tables)))


def encode_tables(data: Mapping[str, Mapping[Any, Any]]) -> str:
    """The file text for ``data`` (see :func:`encoded_pieces`)."""
    return "".join(encoded_pieces(data))


class LayoutError(ValueError):
    """The text is not in the layout :func:`layout_chunks` writes (it may still be JSON)."""


def _string_at(line: str, start: int) -> tuple[str, int]:
    """The JSON string starting at ``line[start]`` and the index just after it."""
    match = _STRING.match(line, start)
    if match is None:
        raise LayoutError(f"no name where one was expected: {line[:60]!r}")
    token = match.group()
    return (json.loads(token) if "\\" in token else token[1:-1]), match.end()


def _table_lines(source: Iterator[str]) -> Lines:
    """The document lines of one non-empty table, up to its last document."""
    lines: Lines = {}
    previous = 0  # the last numeric id (ids count from 1)
    ordered = True
    while True:
        line = next(source, None)
        if line is None or not line.startswith(_DOC_START):
            raise LayoutError(f"a document line was expected: {(line or '')[:60]!r}")
        end = line.find('": {', len(_DOC_START))
        doc_id = line[len(_DOC_START) : end]
        if end < 0 or not is_number(doc_id):  # (this program only writes numbers)
            doc_id, end = _string_at(line, len(DOC_INDENT))
            if line[len(DOC_INDENT) : end] != _encode(doc_id) or not line.startswith(": {", end):
                raise LayoutError(f"a document line was expected: {line[:60]!r}")
        if doc_id in lines:
            raise LayoutError(f"the document {doc_id!r} appears twice")
        number = int(doc_id) if is_number(doc_id) else -1
        ordered = ordered and number > previous
        previous = number
        if line.endswith("},\n"):
            lines[doc_id] = line[:-2]
        elif line.endswith("}\n"):
            lines[doc_id] = line[:-1]
            return lines if ordered else in_id_order(lines)
        else:
            raise LayoutError(f"a document line ends oddly: {line[-60:]!r}")


def parse_layout(lines: Iterable[str]) -> Tables:
    """Split a file in this program's layout (its lines, each with its ``\\n``) into each
    table's document lines, without decoding a document.

    Raises :class:`LayoutError` at anything :func:`layout_chunks` would not have written (a
    document's own JSON is not checked: :func:`decode_document` does that). A file in another
    layout may still be valid JSON: read it as a whole then.
    """
    source = iter(lines)
    if next(source, None) != "{\n":
        raise LayoutError("the first line is not '{'")
    tables: Tables = {}
    line = next(source, None)
    if line == "\n":  # no table at all
        line = next(source, None)
    else:
        while True:
            if line is None or not line.startswith('  "'):
                raise LayoutError(f"a table was expected: {(line or '')[:60]!r}")
            name, end = _string_at(line, 2)
            rest = line[end:]
            if name in tables:
                raise LayoutError(f"the table {name!r} appears twice")
            if rest in (": {},\n", ": {}\n"):
                tables[name] = {}
                last = rest == ": {}\n"
            elif rest == ": {\n":
                tables[name] = _table_lines(source)
                closing = next(source, None)
                if closing not in ("  },\n", "  }\n"):
                    raise LayoutError(f"the table {name!r} does not close")
                last = closing == "  }\n"
            else:
                raise LayoutError(f"a table was expected: {line[:60]!r}")
            line = next(source, None)
            if last:
                break
    if line != "}\n" or next(source, None) is not None:
        raise LayoutError("the file does not end with its closing '}'")
    return tables


def check_documents(tables: Tables) -> None:
    """Decode every line of ``tables`` once: ``ValueError`` when one is not valid JSON."""
    for lines in tables.values():
        for doc_id, line in lines.items():
            decode_document(doc_id, line)


def read_tables(path: Path) -> Tables:
    """The document lines of the TinyDB file at ``path`` in any JSON layout (``{}`` when it
    is missing or empty). Raises ``ValueError`` when it is not a TinyDB JSON file."""
    try:
        with path.open(encoding="utf-8", newline="\n") as handle:
            tables = parse_layout(handle)
        check_documents(tables)
        return tables
    except FileNotFoundError:
        return {}
    except ValueError:  # another layout (or not JSON: parsing it whole says where)
        pass
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        return {}
    data = json.loads(text)
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise ValueError(f"{path} is not a TinyDB database (tables of documents)")
    return encode_tables_lines(data)


class AtomicJSONStorage(Storage):
    """TinyDB storage over a relationship file's lines, written atomically on :meth:`flush`.

    Changes stay in memory until :meth:`flush` (or :meth:`close`, which TinyDB calls), as with
    TinyDB's ``CachingMiddleware``; ``flush`` may run in another thread. ``TinyDB(path,
    storage=AtomicJSONStorage)`` works as with ``JSONStorage``; the formatting options TinyDB
    passes on for ``JSONStorage`` (``indent``, ``ensure_ascii``...) are accepted and have no
    effect: the layout is fixed.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        tables: Tables | None = None,
        create_dirs: bool = False,
        **_json_options: Any,
    ) -> None:
        """Open ``path`` (read now; written on :meth:`flush`), or take its already parsed
        ``tables`` (each in id order, as :func:`parse_layout` gives them)."""
        self.path = Path(path)
        if create_dirs:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._tables: Tables = tables if tables is not None else read_tables(self.path)
        self._unordered: set[str] = set()
        """Tables given a document with an id below their last one (sorted before a write)."""
        self._next_ids: dict[str, int] = {}
        """Each table's next id for :meth:`insert`, once known (never lower than before: an id
        given out once is not given out again, even if TinyDB removed its document since)."""
        self._ids_known: set[str] = set()
        """Tables whose next id was checked against their documents since the last write."""
        self._generation = 0
        self._written_generation = 0
        self._data_lock = threading.RLock()
        self._write_lock = threading.Lock()

    @property
    def data_lock(self) -> threading.RLock:
        """The lock that guards the lines (hold it across changes that belong together)."""
        return self._data_lock

    @property
    def dirty(self) -> bool:
        """True when the memory holds changes not yet on disk."""
        return self._generation != self._written_generation

    # ----------------------------------------------------------------- TinyDB's contract
    def read(self) -> dict[str, dict[str, Any]]:
        """Every document, freshly decoded (TinyDB reads through this; change the result
        freely and :meth:`write` it back)."""
        with self._data_lock:
            tables = [(name, list(lines.items())) for name, lines in self._tables.items()]
        return {
            name: {doc_id: decode_document(doc_id, line) for doc_id, line in lines}
            for name, lines in tables
        }

    def write(self, data: Mapping[str, Mapping[Any, Any]]) -> None:
        """Make ``data`` the whole state (TinyDB writes through this): every document is
        encoded now, so what reaches the disk is ``data`` as it is at this call. Nothing
        changes when a document cannot be encoded (``TypeError``/``ValueError``)."""
        tables = encode_tables_lines(data)
        with self._data_lock:
            self._tables = tables
            self._unordered.clear()
            self._ids_known.clear()
            self._generation += 1

    def close(self) -> None:
        """TinyDB calls this on close: write any pending change."""
        self.flush()

    # ------------------------------------------------------------ one document at a time
    def put(self, table: str, doc_id: int | str, document: Mapping[str, Any]) -> None:
        """Store ``document`` as document ``doc_id`` of ``table`` (added or replaced)."""
        key = str(doc_id)
        line = encode_document(key, document)
        with self._data_lock:
            lines = self._tables.setdefault(table, {})
            if (
                key not in lines
                and lines
                and doc_id_order(key) < doc_id_order(next(reversed(lines)))
            ):
                self._unordered.add(table)
            lines[key] = line
            if is_number(key) and int(key) >= self._next_ids.get(table, 1):
                self._next_ids[table] = int(key) + 1
            self._generation += 1

    def insert(self, table: str, document: Mapping[str, Any]) -> int:
        """Add ``document`` to ``table`` under the next free id (as TinyDB picks it: one
        more than the largest, and never one given out before); return that id."""
        body = _encode(document)
        with self._data_lock:
            lines = self._tables.setdefault(table, {})
            doc_id = self._next_ids.get(table, 1)
            if table not in self._ids_known:  # (once per table, and after TinyDB wrote)
                doc_id = max(doc_id, self._largest_id(table) + 1)
                self._ids_known.add(table)
            key = str(doc_id)
            lines[key] = _escape_lone_surrogates(f"{DOC_INDENT}{_encode(key)}: {body}")
            self._next_ids[table] = doc_id + 1
            self._generation += 1
            return doc_id

    def _largest_id(self, table: str) -> int:
        """The largest numeric id in ``table`` (0 when none): its last one, as tables are in id
        order and numbers come before any other id."""
        if table in self._unordered:
            self._sort_unordered()
        for key in reversed(self._tables.get(table, {})):
            if is_number(key):
                return int(key)
        return 0

    def lines(self, table: str) -> list[str]:
        """The lines of ``table``'s documents, in id order (a copy)."""
        with self._data_lock:
            self._sort_unordered()
            return list(self._tables.get(table, {}).values())

    # ---------------------------------------------------------------------------- saving
    def _sort_unordered(self) -> None:
        for name in self._unordered:
            self._tables[name] = in_id_order(self._tables[name])
        self._unordered.clear()

    def snapshot(self) -> tuple[int, list[tuple[str, list[str]]]]:
        """Each table's lines now (names sorted), with the generation they reflect: copies of
        the lists only, so the data lock is held for pointer copies and no encoding."""
        with self._data_lock:
            self._sort_unordered()
            tables = [(name, list(self._tables[name].values())) for name in sorted(self._tables)]
            return self._generation, tables

    def flush(self, force: bool = False) -> bool:
        """Write the data to disk atomically if it changed; True when a write happened."""
        if not force and not self.dirty:
            return False
        generation, tables = self.snapshot()
        with self._write_lock:
            if not force and generation <= self._written_generation:
                return False
            atomic_write_bytes(
                self.path, (piece.encode("utf-8") for piece in layout_chunks(tables))
            )
            self._written_generation = max(self._written_generation, generation)
        return True
