"""A small index of relationship summaries, so that listing 1,000 relationships reads one file.

``list`` and the home screen show one row per relationship. Reading a row from its file means
opening and validating every item in it with pydantic: 1,000 relationships took 2.8 s of CPU
for ``list``. The index keeps each row (a :class:`~workbook.summary.RelationshipSummary`) with
what it was made from, and gives it back while nothing it depends on has changed:

* **the file**, by its path and its stat: size, modification time, inode and change time (an
  atomic save makes a new inode; restoring an old copy with its times kept still moves the
  change time). A file whose change time is within :data:`RACY_SECONDS` of the moment it was
  looked at is read but not indexed: a second change within the file system's time resolution
  could leave its stat as it was (git's "racily clean" files);
* **the context**: the program's version and a fingerprint of its own modules (a summary is
  what this code makes of a file: a development checkout changes without a new version), the
  day (a summary says what is due today) and a fingerprint of every pack file (progress and
  the agreement's state depend on the pack). A new context rebuilds the whole index.

The index is never trusted over the file: a file that changed in any of these ways is read
again, and a row for a damaged file is never kept (its message names the backup beside it,
which may come and go). The index is written atomically (0600) to ``<home>/cache/`` when
something changed; it is a cache like the parsed packs beside it: a missing, unreadable,
damaged or foreign index is ignored and rebuilt, and a failure to write it is ignored.

:func:`relationship_summaries` is what ``list`` and the home screen call;
:class:`SummaryIndex` indexes any other per-file summary model (the coordinator's report, say)
under its own file name.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from workbook import __version__, paths
from workbook.atomic import atomic_write_text

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.summary import RelationshipSummary

ModelT = TypeVar("ModelT", bound=BaseModel)

INDEX_FORMAT = 1
"""The layout of an index file (another one is ignored)."""
RACY_SECONDS = 2.0
"""How long after its last change a file is read but not indexed (see the module notes)."""
RELATIONSHIPS_INDEX = "summaries.json"
"""The file name of the relationship summaries' index under ``<home>/cache/``."""

Stamp = tuple[int, int, int, int]
"""What a file's summary was made from: ``(size, mtime_ns, inode, ctime_ns)``."""


def stamp_of(path: Path) -> Stamp | None:
    """``path``'s stamp now (None when it cannot be looked at)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def _is_stamp(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 4
        and all(type(part) is int for part in value)  # (not bool, not float)
    )


def index_file(name: str = RELATIONSHIPS_INDEX) -> Path:
    """Where an index lives: ``<home>/cache/<name>``."""
    return paths.cache_dir() / name


class SummaryIndex(Generic[ModelT]):
    """Summaries of files (one ``model`` each) kept in the index ``file``, valid in ``context``."""

    def __init__(self, file: Path, model: type[ModelT], context: str) -> None:
        self.file = file
        self.model = model
        self.context = context
        self._entries = self._load()
        self._changed = False

    def _load(self) -> dict[str, tuple[Stamp, dict[str, Any]]]:
        """The entries of the index file when it is whole and of this context, else none (an
        entry that is not a stamp and a summary is left out)."""
        try:
            data = json.loads(self.file.read_bytes())
            if data.get("format") != INDEX_FORMAT or data.get("context") != self.context:
                return {}
            entries: dict[str, tuple[Stamp, dict[str, Any]]] = {}
            for key, (stamp, summary) in data["entries"].items():
                if isinstance(summary, dict) and _is_stamp(stamp):
                    entries[key] = ((stamp[0], stamp[1], stamp[2], stamp[3]), summary)
            return entries
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def summaries(
        self,
        files: Sequence[Path],
        compute: Callable[[Path], ModelT],
        *,
        keep: Callable[[ModelT], bool] = lambda summary: True,
    ) -> list[ModelT]:
        """The summary of each of ``files``, in order: from the index while the file is as it
        was indexed, else ``compute(path)`` (indexed when ``keep`` says so). Entries of files
        not listed are dropped. The index file is written if anything changed."""
        result: list[ModelT] = []
        listed: set[str] = set()
        for path in files:
            key = str(path)
            listed.add(key)
            stamp = stamp_of(path)  # before reading: a change after it is seen next time
            summary = self._indexed(key, stamp)
            if summary is None:
                summary = compute(path)
                self._remember(key, stamp, summary if keep(summary) else None)
            result.append(summary)
        for key in self._entries.keys() - listed:
            del self._entries[key]
            self._changed = True
        self.save()
        return result

    def _indexed(self, key: str, stamp: Stamp | None) -> ModelT | None:
        entry = self._entries.get(key)
        if entry is None or stamp is None or entry[0] != stamp:
            return None
        try:
            return self.model.model_validate(entry[1])
        except ValidationError:
            return None

    def _remember(self, key: str, stamp: Stamp | None, summary: ModelT | None) -> None:
        racy = stamp is None or time.time_ns() - stamp[3] < RACY_SECONDS * 1e9
        if summary is None or racy:
            self._changed = self._entries.pop(key, None) is not None or self._changed
            return
        assert stamp is not None
        self._entries[key] = (stamp, summary.model_dump(mode="json"))
        self._changed = True

    def save(self) -> None:
        """Write the index if it changed (atomically, 0600; a failure is ignored)."""
        if not self._changed:
            return
        data = {
            "format": INDEX_FORMAT,
            "context": self.context,
            "entries": {
                key: [list(stamp), summary] for key, (stamp, summary) in self._entries.items()
            },
        }
        try:
            paths.ensure_private_dir(self.file.parent)
            atomic_write_text(self.file, json.dumps(data, ensure_ascii=False, sort_keys=True))
        except (OSError, ValueError):
            return
        self._changed = False


@functools.cache
def code_fingerprint() -> str:
    """A short hash of the program's version and of every module of the ``workbook`` package
    (path, size, modification time): it changes with any change to the code that makes a
    summary."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1(__version__.encode(), usedforsecurity=False)
    for root, dirs, files in os.walk(package):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(root, name))
                digest.update(f"{root}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


def summary_context(catalog: PackCatalog, today: date) -> str:
    """What every relationship summary depends on beside its own file: the program (its
    version and code), the day and the pack files."""
    return f"{code_fingerprint()}|{today.isoformat()}|{catalog.fingerprint()}"


def relationship_summaries(
    files: Sequence[Path] | None = None,
    *,
    catalog: PackCatalog | None = None,
    today: date | None = None,
    index_name: str = RELATIONSHIPS_INDEX,
) -> list[RelationshipSummary]:
    """The summary of every relationship in the home folder (or of ``files``), in order, from
    the index where it is current: what ``list`` prints and the home screen's rows.

    Packs come from ``catalog`` (default: the bundled and the user's packs); they are loaded
    only for the files that have to be read. A list of other files (archived ones, say) keeps
    its own index: give it another ``index_name`` (an index keeps only the files last listed).
    """
    from workbook.content.catalog import PackCatalog
    from workbook.refs import relationship_files
    from workbook.summary import RelationshipSummary, lenient_lookup, summarize

    catalog = catalog if catalog is not None else PackCatalog.default()
    day = today or date.today()
    find_pack = lenient_lookup(catalog)
    index = SummaryIndex(index_file(index_name), RelationshipSummary, summary_context(catalog, day))
    return index.summaries(
        relationship_files() if files is None else files,
        lambda path: summarize(path, find_pack, day),
        keep=lambda summary: not summary.problem,
    )
