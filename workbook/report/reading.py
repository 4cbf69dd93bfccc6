"""Reading a folder of relationship files for the report: one file at a time, read-only, with
two copies of one relationship merged in memory into one pair.

Each file is opened read-only (:meth:`WorkbookService.open` with ``read_only=True``): no writer
lock is taken, no backup made, an older schema is upgraded in memory only, and a file open in
someone's workbook is read as it is on disk (saves replace files atomically, so that is always
a whole file). The pair's row is computed at once and the file let go before the next is
opened: only the rows (a few hundred bytes each) and the ids of the pairs seen are kept, so
memory does not grow with the relationships' size, only by a row per pair.

A file that is another copy of a pair already read (the same relationship id, or one linked
to it by adoption: :meth:`~workbook.models.Relationship.is_same_relationship`) makes the pair's
row be computed again from all its copies merged with the ordinary merge rules
(:func:`workbook.sharing.merge_copy`) into a scratch copy
(:meth:`WorkbookService.open_scratch`), which is never written. The others are merged into the
copy that links the most of them (adoption records the links on one side), else the first
read.

A damaged, unreadable or newer-schema file becomes a :class:`Problem` with its one-line
reason, and the report goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from workbook.checkins import latest_shared_checkins
from workbook.content.model import Pack
from workbook.errors import DamagedFileError, NewerSchemaError, NotFoundError, WorkbookError
from workbook.meetings import days_between_meetings, meeting_zone
from workbook.models import Relationship, utc_now
from workbook.privacy import PrivacyRule
from workbook.report import DEFAULT_NO_MEETING_AFTER
from workbook.report.columns import PairFacts, Row, cell, make_row
from workbook.report.files import relationship_files_under
from workbook.service import WorkbookService
from workbook.sharing import merge_copy
from workbook.status import build_status
from workbook.summary import PackLookup
from workbook.text import one_line


@dataclass(frozen=True)
class Problem:
    """A file (or folder) the report could not read, with why, in one line."""

    file: str
    """Its path relative to the folder read."""
    reason: str


@dataclass
class ReportData:
    """Everything read from a folder: one row per pair, and the files that failed."""

    folder: Path
    today: date
    no_meeting_after: int
    rows: list[Row]
    """One per pair, by mentor, mentee and start."""
    problems: list[Problem]
    """By file path."""
    files_found: int
    """Relationship files found under the folder (each name counted once)."""
    files_read: int
    """Of those, the ones read into a pair's row."""
    real_paths: frozenset[str] = frozenset()
    """The real path of every file opened (an output must never replace one)."""


def problem_reason(error: WorkbookError) -> str:
    """Why a file could not be read, in one line without its path (the report names it)."""
    if isinstance(error, DamagedFileError):
        return one_line(error.problem)
    if isinstance(error, NewerSchemaError):
        return (
            f"written by a newer Mentor Workbook (schema version {error.found}; this one "
            f"reads up to {error.known})"
        )
    if isinstance(error, NotFoundError):
        return "the file disappeared while the report was being made"
    return one_line(str(error))


@dataclass(slots=True)
class _Pair:
    """One pair found so far: its files in the order read, each with how many other
    relationships it links to (adoption), and its row. Kept small: there is one per pair."""

    files: list[tuple[str, int]]
    row: Row = ()

    @property
    def paths(self) -> list[Path]:
        """Its files."""
        return [Path(name) for name, _ in self.files]


@dataclass(frozen=True)
class _PackContext:
    pack: Pack | None
    rule: PrivacyRule


class ReportReader:
    """Reads every relationship file under ``folder`` into one row per pair."""

    def __init__(
        self,
        folder: Path,
        pack_for: PackLookup,
        *,
        today: date,
        now: datetime,
        no_meeting_after: int = DEFAULT_NO_MEETING_AFTER,
    ) -> None:
        self.folder = folder
        self.pack_for = pack_for
        self.today = today
        self.now = now
        self.no_meeting_after = no_meeting_after
        self._pairs: list[_Pair] = []
        self._by_known: dict[str, _Pair] = {}
        """Every id a pair's files carry or link to -> the pair."""
        self._by_uid: dict[str, _Pair] = {}
        """The id of each pair's files -> the pair."""
        self._seen: set[str] = set()
        """The real paths of the files read (a file reached by two names is read once)."""
        self._packs: dict[str, _PackContext] = {}
        self._problems: list[Problem] = []
        self._found = 0

    def read(self) -> ReportData:
        """Read the folder (see the module's docstring) and return what was found."""
        for path in relationship_files_under(self.folder, self._problem):
            self._found += 1
            self._add(path)
        rows = sorted((pair.row for pair in self._pairs), key=_row_order)
        return ReportData(
            folder=self.folder,
            today=self.today,
            no_meeting_after=self.no_meeting_after,
            rows=rows,
            problems=sorted(self._problems, key=lambda p: (p.file.casefold(), p.file)),
            files_found=self._found,
            files_read=sum(len(pair.files) for pair in self._pairs),
            real_paths=frozenset(self._seen),
        )

    # ------------------------------------------------------------------------- files
    def _shown(self, path: Path) -> str:
        try:
            relative = path.relative_to(self.folder)
        except ValueError:
            relative = path
        return one_line(relative.as_posix())

    def _problem(self, path: Path, reason: str) -> None:
        self._problems.append(Problem(self._shown(path), one_line(reason)))

    def _add(self, path: Path) -> None:
        real = os.path.realpath(path)
        if real in self._seen:
            return  # another name (a link) of a file already read
        self._seen.add(real)
        if not path.is_file():
            dangling = path.is_symlink() and not path.exists()
            self._problem(path, "a link to nothing" if dangling else "not a regular file")
            return
        try:
            service = WorkbookService.open(path, read_only=True)
        except WorkbookError as error:
            self._problem(path, problem_reason(error))
            return
        rel = service.relationship
        matches = self._matching(rel)
        entry = (str(path), len(rel.linked_uids))
        if not matches:
            row = self._row_of(service, [path])
            if row is not None:
                pair = _Pair([entry], row)
                self._pairs.append(pair)
                self._index(pair, rel)
            return
        del service  # the pair is read again, merged, from its files
        pair = self._combine(matches)
        pair.files.append(entry)
        self._index(pair, rel)
        self._merge(pair)

    # ------------------------------------------------------------------------- pairs
    def _matching(self, rel: Relationship) -> list[_Pair]:
        found = [self._by_known[rel.uid]] if rel.uid in self._by_known else []
        found += [self._by_uid[uid] for uid in rel.linked_uids if uid in self._by_uid]
        unique: list[_Pair] = []
        for pair in found:
            if all(pair is not other for other in unique):
                unique.append(pair)
        return unique

    def _index(self, pair: _Pair, rel: Relationship) -> None:
        self._by_uid[rel.uid] = pair
        for uid in (rel.uid, *rel.linked_uids):
            self._by_known[uid] = pair

    def _combine(self, pairs: list[_Pair]) -> _Pair:
        """One pair of ``pairs`` (a file can link two pairs read so far)."""
        first = min(pairs, key=self._pairs.index)
        others = [pair for pair in pairs if pair is not first]
        for other in others:
            first.files.extend(other.files)
            self._pairs.remove(other)
        if others:
            for index in (self._by_known, self._by_uid):
                for uid, found in index.items():
                    if any(found is other for other in others):
                        index[uid] = first
        return first

    def _merge(self, pair: _Pair) -> None:
        """Compute ``pair``'s row from all its files merged in memory."""
        while pair.files:
            order = {name: number for number, (name, _) in enumerate(pair.files)}
            anchor = Path(max(pair.files, key=lambda entry: (entry[1], -order[entry[0]]))[0])
            try:
                scratch = WorkbookService.open_scratch(anchor)
            except WorkbookError as error:
                self._drop(pair, anchor, problem_reason(error))
                continue
            merged = [anchor]
            for path in pair.paths:
                if path == anchor:
                    continue
                try:
                    merge_copy(scratch, path)
                except WorkbookError as error:
                    self._drop(pair, path, f"not merged into its pair: {problem_reason(error)}")
                    continue
                merged.append(path)
            row = self._row_of(scratch, sorted(merged, key=lambda path: order[str(path)]))
            if row is not None:
                pair.row = row
                return
            pair.files.clear()
        self._forget(pair)

    def _forget(self, pair: _Pair) -> None:
        """Drop a pair none of whose files could be read after all."""
        self._pairs.remove(pair)
        for index in (self._by_known, self._by_uid):
            for uid in [uid for uid, found in index.items() if found is pair]:
                del index[uid]

    def _drop(self, pair: _Pair, path: Path, reason: str) -> None:
        self._problem(path, reason)
        pair.files = [entry for entry in pair.files if entry[0] != str(path)]

    # -------------------------------------------------------------------------- rows
    def _context(self, pack_id: str) -> _PackContext:
        context = self._packs.get(pack_id)
        if context is None:
            pack = self.pack_for(pack_id)
            context = _PackContext(pack, PrivacyRule.for_pack(pack))
            self._packs[pack_id] = context
        return context

    def _row_of(self, service: WorkbookService, paths: list[Path]) -> Row | None:
        """The row of the pair read into ``service`` (None, with a problem, when it cannot
        be summarised: one odd file never stops the report)."""
        try:
            return make_row(self._facts(service, paths))
        except Exception as error:  # noqa: BLE001 - any one file's failure becomes its problem
            for path in paths:
                self._problem(path, f"it could not be summarised ({type(error).__name__})")
            return None

    def _facts(self, service: WorkbookService, paths: list[Path]) -> PairFacts:
        rel = service.relationship
        context = self._context(rel.pack_id)
        pack = context.pack
        status = build_status(service, pack, today=self.today, now=self.now, with_progress=False)
        upcoming = status.next_meeting
        rhythm = rel.cadence or (pack.cadence_defaults if pack is not None else None)
        return PairFacts(
            status=status,
            pack_version=one_line(rel.pack_version),
            end_reason=one_line(rel.end_reason),
            next_meeting=upcoming.astimezone(meeting_zone(rel.cadence)) if upcoming else None,
            cadence_days=(
                days_between_meetings(rhythm.every_weeks, rhythm.times_per_month)
                if rhythm is not None
                else None
            ),
            checkins=latest_shared_checkins(service, pack, context.rule) if pack else {},
            files=tuple(self._shown(path) for path in paths),
            today=self.today,
            no_meeting_after=self.no_meeting_after,
        )


def _row_order(row: Row) -> tuple[str, ...]:
    return tuple(str(cell(row, name) or "").casefold() for name in ("mentor", "mentee", "files"))


def read_report(
    folder: Path,
    pack_for: PackLookup,
    *,
    today: date | None = None,
    now: datetime | None = None,
    no_meeting_after: int = DEFAULT_NO_MEETING_AFTER,
) -> ReportData:
    """Every pair under ``folder`` (see :class:`ReportReader`), as of ``today`` and ``now``."""
    now = now or utc_now()
    reader = ReportReader(
        folder,
        pack_for,
        today=today or date.today(),
        now=now,
        no_meeting_after=no_meeting_after,
    )
    return reader.read()
