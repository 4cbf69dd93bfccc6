"""Reading and checking relationship files: damaged files, schema versions, backups.

:func:`load_file` reads a file the way it was written: a file in this program's layout (see
:mod:`workbook.storage`) is split into its document lines, each decoded once to be validated
and then dropped, so a document costs its line and its model and never a dict beside them.
Anything else (another layout, an older schema, a damaged file) goes the general way, through
:func:`read_raw`, which says exactly what is wrong. Nothing here writes over a file it could not
read.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from workbook.atomic import atomic_copy, atomic_write_bytes
from workbook.errors import (
    DamagedFileError,
    NewerSchemaError,
    NotFoundError,
    NotWritableError,
    WorkbookError,
)
from workbook.migrations import RawData, check_path, migrate
from workbook.models import (
    SCHEMA_VERSION,
    ActionItem,
    AgreementVersion,
    Answer,
    Goal,
    MissedMeeting,
    Note,
    Relationship,
    Session,
    StoredModel,
)
from workbook.storage import (
    DOC_INDENT,
    Lines,
    Tables,
    all_numbers,
    check_documents,
    decode_document,
    document_json,
    encode_tables_lines,
    is_number,
    parse_layout,
)

RELATIONSHIP_TABLE = "relationship"
"""The table holding the single :class:`Relationship` document."""

ITEM_TABLES: dict[str, type[StoredModel]] = {
    "answers": Answer,
    "goals": Goal,
    "actions": ActionItem,
    "sessions": Session,
    "notes": Note,
    "agreements": AgreementVersion,
    "missed": MissedMeeting,
}
"""Every item table of a relationship file and the model its documents hold."""

TABLE_OF_MODEL: dict[type[StoredModel], str] = {model: name for name, model in ITEM_TABLES.items()}


def backup_path_for(path: Path) -> Path:
    """The last good copy of ``path``, refreshed each time it opens cleanly: ``<file>.bak``."""
    return path.with_name(path.name + ".bak")


def migration_backup_path(path: Path, version: int) -> Path:
    """The copy taken before migrating from ``version``: ``<file>.v<version>.bak``."""
    return path.with_name(f"{path.name}.v{version}.bak")


def check_writable(path: Path) -> None:
    """Raise :class:`NotWritableError` when ``path`` must not be written: it is a symbolic
    link (replacing it would silently cut the link), the file is read-only (no write bit:
    someone meant it to stay as it is, whoever runs this), or its folder cannot be written.
    A missing file passes: reading it reports that."""
    if path.is_symlink():
        target = os.readlink(path)
        raise NotWritableError(
            path, f"it is a symbolic link (to {target}); open the file it points to instead"
        )
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        return
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise NotWritableError(
            path, "the file is read-only; make it writable (chmod u+w) to change it"
        )
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise NotWritableError(path, f"its folder {path.parent} is read-only")


def _damaged(path: Path, problem: str) -> DamagedFileError:
    backup = backup_path_for(path)
    return DamagedFileError(path, problem, backup if backup.exists() else None)


def read_raw(path: Path) -> tuple[RawData, bytes]:
    """Parse a relationship file's JSON; raise a clear error when it is missing or damaged."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"no relationship file at {path}") from None
    except IsADirectoryError:
        raise NotFoundError(f"{path} is a folder, not a relationship file") from None
    except OSError as error:
        raise _damaged(path, error.strerror or str(error)) from None
    if not data.strip():
        raise _damaged(path, "the file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = f"the file is not UTF-8 text (bad byte at offset {error.start})"
        raise _damaged(path, problem) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        stripped = text.strip()
        cut_short = stripped.startswith("{") and not stripped.endswith("}")
        truncated = cut_short or error.pos >= len(text.rstrip()) - 1
        hint = "it looks truncated" if truncated else "it is not valid JSON"
        where = f"at line {error.lineno}, column {error.colno}"
        raise _damaged(path, f"{hint} ({error.msg.removesuffix(' at')} {where})") from None
    except (ValueError, RecursionError) as error:
        # Nesting deeper than Python's recursion limit, or an integer too long to convert.
        raise _damaged(path, f"it is not valid JSON ({type(error).__name__})") from None
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        raise _damaged(path, "it is not a Mentor Workbook relationship file")
    return raw, data


def file_schema_version(path: Path, raw: RawData) -> int:
    """The schema version of a raw file (from its relationship document)."""
    docs = list(raw.get(RELATIONSHIP_TABLE, {}).values())
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise _damaged(path, "it has no relationship record")
    version = docs[0].get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _damaged(path, "its schema version is missing or not a number")
    return version


def upgrade_if_needed(
    path: Path, raw: RawData, original: bytes, *, backup: bool = True
) -> tuple[RawData, bool]:
    """Refuse newer files; migrate older ones after copying them to a ``.v<N>.bak`` backup.

    ``backup=False`` (read-only opens) migrates in memory only and writes nothing. A gap in the
    migration registry is reported before anything is written.
    """
    found = file_schema_version(path, raw)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(path, found, SCHEMA_VERSION)
    if found == SCHEMA_VERSION:
        return raw, False
    try:
        check_path(found, SCHEMA_VERSION)
        if backup:
            atomic_write_bytes(migration_backup_path(path, found), original)
        return migrate(raw, found, SCHEMA_VERSION), True
    except (LookupError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise _damaged(path, f"it could not be upgraded from schema {found}: {error}") from None


def _validate(path: Path, model: type[BaseModel], doc: Any, where: str) -> Any:
    try:
        return model.model_validate(doc)
    except ValidationError as error:
        raise _invalid(path, error, where) from None


def _invalid(path: Path, error: ValidationError, where: str) -> WorkbookError:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "document"
    return _damaged(path, f"{where} has a bad field {field!r}: {first['msg']}")


ClockKey = tuple[tuple[str, int], ...]
"""A clock's entries in order: the key under which equal clocks of one file share a dict."""


class Items:
    """Every item of a file by table and uid (each table in document id order), and each
    item's document id.

    The ids are kept apart from the items: a dict of numbers is no work for the garbage
    collector, where a ``(doc_id, item)`` pair per item was one more object for it to visit
    (at 50,000 answers, 50,000 of the 200,000 an open file held).
    """

    def __init__(self) -> None:
        self._items: dict[str, dict[str, StoredModel]] = {}
        self._doc_ids: dict[str, dict[str, int]] = {}

    def add_table(self, table: str) -> tuple[dict[str, StoredModel], dict[str, int]]:
        """Start table ``table`` (empty); return its items by uid and their document ids, for
        the reader to fill in document id order (one store per item, no call)."""
        items: dict[str, StoredModel] = {}
        doc_ids: dict[str, int] = {}
        self._items[table] = items
        self._doc_ids[table] = doc_ids
        return items, doc_ids

    def table(self, table: str) -> dict[str, StoredModel]:
        """The items of ``table`` by uid, in document id order (not to be changed)."""
        return self._items[table]

    def tables(self) -> dict[str, dict[str, StoredModel]]:
        """Every table's items (see :meth:`table`)."""
        return self._items

    def doc_id(self, table: str, uid: str) -> int | None:
        """The document id of item ``uid`` of ``table`` (None when there is none)."""
        return self._doc_ids[table].get(uid)

    def put(self, table: str, doc_id: int, item: StoredModel) -> None:
        """Keep ``item`` (document ``doc_id`` of ``table``), in place of the item with its
        uid if there is one."""
        self._items[table][item.uid] = item
        self._doc_ids[table][item.uid] = doc_id


def load_models(path: Path, raw: Mapping[str, Mapping[str, Any]]) -> tuple[Relationship, Items]:
    """Validate every document; return the relationship and every item (:class:`Items`)."""
    rel_docs = raw.get(RELATIONSHIP_TABLE, {})
    if len(rel_docs) != 1:
        raise _damaged(path, "it has no relationship record")
    relationship = _validate(path, Relationship, next(iter(rel_docs.values())), "the relationship")
    items = Items()
    clocks: dict[ClockKey, Mapping[str, int]] = {}
    for table, model in ITEM_TABLES.items():
        _load_table(path, table, model, raw.get(table, {}), items, clocks)
    return relationship, items


def _load_table(
    path: Path,
    table: str,
    model: type[StoredModel],
    documents: Mapping[str, Any],
    items: Items,
    clocks: dict[ClockKey, Mapping[str, int]],
) -> None:
    """Validate every document of ``table`` into ``items``, in document id order.

    This loop runs once per answer, so it does no more than it must in Python (at 50,000
    answers each call per item was 50,000 calls), and its items share what is equal:

    - pydantic gives each instance its own set of the field names it was given (about 730
      bytes, half of an answer's memory). Every document this program writes has all fields,
      so one set serves them all. Sharing is safe: pydantic only ever adds names to it (all
      already there) and copies it before a ``model_copy`` update. A set of as many names as
      the model has fields is that set (pydantic records only the model's own field names).
    - A file's items have few distinct clocks (edit counts per side), and each of its own was
      one more object made for the garbage collector: at 50,000 answers the open made 150,000
      of them and ran two full collections of everything held; shared, it is 100,000 and one.
      Equal clocks (the same entries in the same order, ``clocks`` holding the first of each)
      are shared because a clock is never changed in place: the field is a read-only
      ``Mapping`` (the type checker refuses an assignment into one) and every edit or merge
      builds a new dict.
    """
    doc_ids = list(map(str, documents))
    if not all_numbers(doc_ids):
        bad = next(doc_id for doc_id in doc_ids if not is_number(doc_id))
        raise _damaged(path, f"{table} has a bad document id {bad!r}")
    pairs: Iterable[tuple[str, Any]]
    validate: Callable[[Any], StoredModel]
    if isinstance(documents, DecodedTable):  # (pydantic reads each line's JSON itself)
        pairs, validate = documents.json_texts(), model.model_validate_json
    else:
        ordered = sorted(documents, key=int)
        pairs = ((str(doc_id), documents[doc_id]) for doc_id in ordered)
        validate = model.model_validate
    all_fields = set(model.model_fields)
    field_count = len(all_fields)
    by_uid, numbers = items.add_table(table)
    doc_id = ""
    try:
        for doc_id, source in pairs:
            item = validate(source)
            if len(item.__pydantic_fields_set__) == field_count:
                object.__setattr__(item, "__pydantic_fields_set__", all_fields)
            clock = item.clock
            shared = clocks.setdefault(tuple(clock.items()), clock)
            if shared is not clock:
                item.__dict__["clock"] = shared
            by_uid[item.uid] = item
            numbers[item.uid] = int(doc_id)
    except ValidationError as error:
        raise _invalid(path, error, f"{table} #{doc_id}") from None


class DecodedTable(Mapping[str, Any]):
    """One table's document lines seen as its documents, each decoded when it is looked up
    (and not kept): validating a file this way never holds all its dicts at once."""

    def __init__(self, lines: Lines) -> None:
        self._lines = lines

    def __getitem__(self, doc_id: str) -> Any:
        return decode_document(doc_id, self._lines[doc_id])

    def json_texts(self) -> Iterator[tuple[str, str]]:
        """Each document's id and JSON text (not decoded), in the lines' order: document id
        order, as :func:`~workbook.storage.parse_layout` gives them."""
        if not all_numbers(self._lines):
            for doc_id, line in self._lines.items():
                yield doc_id, document_json(doc_id, line)
            return
        start = len(DOC_INDENT) + 4  # (the indent, the number's two quotes and ": ")
        for doc_id, line in self._lines.items():
            yield doc_id, line[start + len(doc_id) :]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


@dataclass
class LoadedFile:
    """A relationship file, read and checked: its models and the lines its storage keeps."""

    relationship: Relationship
    items: Items
    tables: Tables
    """Every table's document lines, as :class:`~workbook.storage.AtomicJSONStorage` takes them."""
    migrated: bool
    """True when the file was upgraded from an older schema in memory (not yet written)."""


def _read_in_layout(path: Path) -> tuple[Relationship, Items, Tables] | None:
    """The file read the fast way: ``None`` when it is not in this program's layout, holds an
    older schema or anything else surprising (the general way then says what)."""
    try:
        with path.open(encoding="utf-8", newline="\n") as handle:
            tables = parse_layout(handle)
        raw = {name: DecodedTable(lines) for name, lines in tables.items()}
        if file_schema_version(path, raw) != SCHEMA_VERSION:
            return None
        relationship, items = load_models(path, raw)
        check_documents({name: tables[name] for name in tables.keys() - TABLE_NAMES})
    except (OSError, ValueError, WorkbookError):
        return None
    return relationship, items, tables


TABLE_NAMES = frozenset({RELATIONSHIP_TABLE, *ITEM_TABLES})
"""The tables whose documents become models."""


def load_file(path: Path, *, backup: bool = True) -> LoadedFile:
    """Read, check and validate a relationship file; upgrade an older schema (in memory,
    after a ``.v<N>.bak`` copy unless ``backup`` is False). A missing, damaged or newer file
    raises the error that says so, and nothing is written over it."""
    fast = _read_in_layout(path)
    if fast is not None:
        relationship, items, tables = fast
        return LoadedFile(relationship, items, tables, migrated=False)
    raw, original = read_raw(path)
    raw, migrated = upgrade_if_needed(path, raw, original, backup=backup)
    relationship, items = load_models(path, raw)
    return LoadedFile(relationship, items, encode_tables_lines(raw), migrated)


def _same_bytes(left: Path, right: Path, block: int = 1 << 20) -> bool:
    """True when both files exist and hold the same bytes (compared a block at a time)."""
    try:
        if left.stat().st_size != right.stat().st_size:
            return False
        with left.open("rb") as one, right.open("rb") as other:
            while True:
                chunk = one.read(block)
                if chunk != other.read(block):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def refresh_backup(path: Path) -> None:
    """Keep ``<file>.bak`` as the last copy of ``path`` that opened cleanly (call it right
    after opening ``path``, with its writer lock held: it copies the file as it is now)."""
    backup = backup_path_for(path)
    if not _same_bytes(path, backup):
        atomic_copy(path, backup)


def damaged_copy_path(path: Path) -> Path:
    """A free name for keeping a damaged ``path``: ``<file>.damaged``, else ``.damaged.2``..."""
    candidate = path.with_name(path.name + ".damaged")
    number = 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.damaged.{number}")
    return candidate


def _keep_copy(data: bytes, path: Path) -> Path:
    """Write ``data`` to a new damaged-copy file beside ``path`` (0600; never over another)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        target = damaged_copy_path(path)
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return target


def restore_backup(path: Path) -> Path:
    """Put the last good backup back in place of a damaged file; the damaged one is kept as
    a new ``.damaged`` copy (0600, never over an earlier one), whose path is returned."""
    check_writable(path)
    backup = backup_path_for(path)
    if not backup.exists():
        raise NotFoundError(f"no backup of {path} exists")
    damaged_copy = damaged_copy_path(path)
    if path.exists():
        damaged_copy = _keep_copy(path.read_bytes(), path)
    atomic_write_bytes(path, backup.read_bytes())
    return damaged_copy
