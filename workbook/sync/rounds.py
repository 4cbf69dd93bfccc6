"""One sync through the folder, and setting it up: what ``sync`` and the open workbook run.

A round (:func:`sync_now`, for the command line; the app stages the same merge off its UI
thread with :func:`stage_folder`) does, in order:

1. list the folder (:func:`workbook.sync.folder.scan`); a folder that is not there (a drive
   not connected) is one line, and nothing else happens;
2. read every candidate whose bytes differ from those last merged from its name
   (:func:`workbook.sync.copies.examine`): a complete, valid copy of this relationship is
   merged with the ordinary rules and the merge authority (:func:`workbook.sharing.merge_opened`:
   version clocks decide what is newer, item by item; a copy changes only what the other side
   owns); anything else is left alone with a one-line note. Merging an older copy (a conflicted
   copy from before) changes nothing, so no file's time is ever trusted: only its content;
3. remember the digest of each copy merged, so an unchanged file is not read again;
4. write this side's copy (:func:`workbook.sync.writing.write_own_copy`) after the merge, so
   the other side gets the merged state at once and both files converge.

Setting up (:func:`link_folder`) names this side's copy ``<slug>.<role>.json`` after the
relationship file's own validated name (never a slug read from a file), taking ``-2``... when a
file of something else already has the name. On a machine that has no relationship yet,
:func:`take_from_folder` makes the other side's copy in the folder this machine's relationship,
as the other side (the same command on both machines: ``sync SLUG DIR``);
:func:`take_and_link` does that and links it in one step, and :func:`only_copy_in` finds the
relationship to take for the app's home screen, which names none.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbook import paths
from workbook.errors import NotFoundError, UsageError, WorkbookError
from workbook.models import Answer, Relationship, Role
from workbook.outputs import OutputKind, OutputRefusedError, check_output, home_export_name
from workbook.service import WorkbookService
from workbook.sharing import MergeReport, earlier_share_of, merge_opened
from workbook.sync.copies import Found, Outcome, examine, note_for_kind
from workbook.sync.folder import Entry, EntryKind, scan
from workbook.sync.links import (
    COPY_NAME,
    FolderLink,
    LinkFileError,
    LinkStore,
    copy_name,
    is_copy_name,
)
from workbook.sync.staging import StagedMerge, index_items, staged_changes
from workbook.sync.writing import CopyWritten, sweep_own_leftovers, write_own_copy
from workbook.text import one_line, plural

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack

KIND_WORDS: dict[str, str] = {
    "answers": "answer",
    "goals": "goal",
    "actions": "action item",
    "sessions": "session",
    "agreements": "agreement version",
    "missed": "missed meeting",
}
"""How an arrived item of each table is named in "3 answers, 1 goal"."""
RECORD_WORDS = "the relationship's details"
"""How a change to the relationship record (the cadence, a contact) is named."""


def arrived_kinds(by_table: Mapping[str, int]) -> str:
    """``3 answers, 1 goal, the relationship's details``: what arrived, by kind."""
    parts = [
        plural(by_table[table], word) for table, word in KIND_WORDS.items() if by_table.get(table)
    ]
    if by_table.get("relationship"):
        parts.append(RECORD_WORDS)
    return ", ".join(parts)


@dataclass
class Arrival:
    """A copy from the folder, merged."""

    name: str
    report: MergeReport


@dataclass
class RoundResult:
    """What one round found and did."""

    folder: Path
    other_name: str
    """The other side's name, as one printable line."""
    arrivals: list[Arrival] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """One line per file left alone."""
    digests: dict[str, str] = field(default_factory=dict)
    """The digest of each copy merged this round (to remember once it is in the file)."""
    copies_seen: int = 0
    """Copies of this relationship in the folder, merged now or before."""
    copy: CopyWritten | None = None
    """This side's copy, when the round wrote (or checked) it."""
    copy_problem: str = ""
    """Why this side's copy could not be written ("" when it was)."""

    @property
    def by_table(self) -> Counter[str]:
        """Items that arrived (added, updated, in conflict), by table."""
        total: Counter[str] = Counter()
        for arrival in self.arrivals:
            total.update(arrival.report.by_table)
        return total

    @property
    def changed(self) -> bool:
        """True when something arrived."""
        return any(arrival.report.changed for arrival in self.arrivals)

    @property
    def conflicts(self) -> int:
        """Answers that now hold both sides' concurrent edits."""
        return sum(arrival.report.conflicts for arrival in self.arrivals)

    @property
    def refused(self) -> int:
        """Changes the copies tried to make and may not (see :mod:`workbook.authority`)."""
        return sum(arrival.report.refused_total for arrival in self.arrivals)

    def headline(self) -> str:
        """``Sam Okafor's changes arrived: 3 answers, 1 goal`` ("" when nothing arrived), with
        the conflicts kept and the changes refused when there are any."""
        if not self.changed:
            return ""
        kinds = arrived_kinds(self.by_table)
        line = f"{self.other_name}'s changes arrived" + (f": {kinds}" if kinds else "")
        extras = []
        if self.conflicts:
            extras.append(f"{self.conflicts} with conflicting edits kept")
        if self.refused:
            extras.append(f"{plural(self.refused, 'change')} refused")
        return line + (f" ({'; '.join(extras)})" if extras else "")

    def lines(self) -> list[str]:
        """What ``sync`` prints: each merge that did or refused something, each note, then
        what arrived and this side's copy, every one a printable line."""
        out = [
            one_line(arrival.report.summary())
            for arrival in self.arrivals
            if arrival.report.changed or arrival.report.refused
        ]
        out += [one_line(note) for note in self.notes]
        if self.changed:
            out.append(self.headline() + ".")
        elif self.copies_seen:
            out.append(f"Nothing new from {self.other_name}.")
        else:
            out.append(
                f"No copy from {self.other_name} in the folder yet: their changes arrive once "
                "they keep the relationship in step through this folder too."
            )
        if self.copy is not None:
            name = one_line(self.copy.path.name)
            out.append(
                f"Wrote this side's copy, {name} (nothing private)."
                if self.copy.wrote
                else f"This side's copy, {name}, was already up to date."
            )
        return out


def _other_name(relationship: Relationship) -> str:
    return one_line(relationship.name_of(relationship.owner_role.other))


def merge_folder(
    target: WorkbookService,
    link: FolderLink,
    entries: Iterable[Entry],
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> RoundResult:
    """Merge into ``target`` every copy of its relationship among ``entries`` whose bytes
    differ from those last merged (steps 2 and 3 of the module docstring, without
    remembering anything: the caller does, once the merge is in the file)."""
    result = RoundResult(folder=link.folder, other_name=_other_name(target.relationship))
    for entry in entries:
        if entry.kind is EntryKind.OWN:
            continue
        if entry.kind is not EntryKind.CANDIDATE:
            result.notes.append(note_for_kind(entry).note)
            continue
        found = examine(entry, target, link.merged.get(entry.name))
        if found.outcome is Outcome.SAME_AS_MERGED:
            result.copies_seen += 1
        elif found.outcome is Outcome.LEFT_ALONE:
            result.notes.append(found.note)
        else:
            _merge_found(target, found, result, pack=pack, catalog=catalog)
    return result


def _merge_found(
    target: WorkbookService,
    found: Found,
    result: RoundResult,
    *,
    pack: Pack | None,
    catalog: PackCatalog | None,
) -> None:
    assert found.copy is not None
    entry = found.entry
    try:
        report = merge_opened(target, found.copy, entry.path, pack=pack, catalog=catalog)
    except WorkbookError as error:
        result.notes.append(f"{entry.shown}: not merged: {one_line(str(error))}")
        return
    result.copies_seen += 1
    result.arrivals.append(Arrival(entry.name, report))
    result.digests[entry.name] = found.digest


def remember(link: FolderLink, result: RoundResult, entries: Iterable[Entry]) -> None:
    """Note in ``link`` the copies ``result`` merged, and forget files no longer there."""
    for name, digest in result.digests.items():
        link.remember(name, digest)
    link.forget_missing({entry.name for entry in entries})


def sync_now(
    service: WorkbookService,
    link: FolderLink,
    store: LinkStore,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> RoundResult:
    """One whole round on ``service`` (open for writing, nothing else editing it: the
    command line): merge what is new, save, write this side's copy, remember what was merged.
    A copy that cannot be written is :attr:`RoundResult.copy_problem`, after the merges are
    saved and remembered."""
    entries = scan(link.folder, link.copy_name)
    result = merge_folder(service, link, entries, pack=pack, catalog=catalog)
    service.flush()
    remember(link, result, entries)
    store.save(link)
    try:
        result.copy = write_own_copy(service, link, pack=pack, catalog=catalog)
    except (WorkbookError, OSError) as error:
        result.copy_problem = copy_problem(link, error)
    return result


def copy_problem(link: FolderLink, error: Exception) -> str:
    """Why this side's copy could not be written, as one line."""
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
        return f"this side's copy {one_line(link.copy_name)} could not be written ({reason})"
    return one_line(str(error))


@dataclass
class StagedRound:
    """A round merged into a scratch copy (off the UI thread), to apply to the open file."""

    result: RoundResult
    staged: StagedMerge
    entries: list[Entry]

    @property
    def prompt_ids(self) -> set[str]:
        """The prompts whose answers the merge changed (their cards show it)."""
        return {item.prompt_id for _, item in self.staged.changes if isinstance(item, Answer)}


def stage_folder(
    own_path: Path,
    link: FolderLink,
    entries: list[Entry],
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> StagedRound:
    """Merge ``entries`` into a scratch copy of ``own_path`` (saved just before: what the
    open workbook holds) and list what changed (see :mod:`workbook.sync.staging`)."""
    scratch = WorkbookService.open_scratch(own_path)
    before = index_items(scratch)
    result = merge_folder(scratch, link, entries, pack=pack, catalog=catalog)
    return StagedRound(result, staged_changes(before, scratch), entries)


# ---------------------------------------------------------------------------------- set-up
def check_folder(folder: Path) -> Path:
    """``folder`` as an absolute path with links resolved, when it can be kept in step
    through: an existing folder outside the home's ``relationships`` and ``archive``."""
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise NotFoundError(f"no folder {one_line(str(folder))}")
    if not folder.is_dir():
        raise UsageError(f"{one_line(str(folder))} is a file; give the folder both of you sync")
    real = folder.resolve()
    home = paths.home_dir().resolve()
    for inside in (home / "relationships", home / "archive"):
        if real == inside or inside in real.parents:
            raise UsageError(
                f"{one_line(str(folder))} is inside this home's {inside.name} folder; choose a "
                "folder of its own that both of you sync"
            )
    return real


def choose_copy_name(service: WorkbookService, folder: Path) -> str:
    """This side's copy's name in ``folder``: ``<slug>.<role>.json`` after the relationship
    file's own name, or ``<slug>-2.<role>.json``... when a file of something else (or a link)
    has it; an earlier copy of this relationship by this side keeps its name."""
    relationship = service.relationship
    base = home_export_name(service)[: paths.SLUG_MAX - 4].strip("-") or "relationship"
    ours = earlier_share_of(relationship, relationship.owner_role)
    for number in range(1, 1000):
        name = copy_name(base if number == 1 else f"{base}-{number}", relationship.owner_role)
        target = folder / name
        if target.is_symlink():
            continue
        if not target.exists():
            return name
        try:
            check_output(target, OutputKind.SHARE, protect=[service.path], same_share=ours)
        except (OutputRefusedError, UsageError):
            continue
        return name
    raise WorkbookError(f"no free name for this side's copy in {one_line(str(folder))}")


def link_folder(
    service: WorkbookService, store: LinkStore, folder: Path
) -> tuple[FolderLink, FolderLink | None]:
    """Keep ``service``'s relationship in step through ``folder`` from now on; return the
    link and the one it replaces (None: there was none). Linking the same folder again keeps
    what was merged; nothing is merged or written here (run a round next)."""
    real = check_folder(folder)
    relationship = service.relationship
    try:
        previous = store.load(relationship)
    except LinkFileError:
        previous = None
    name = choose_copy_name(service, real)
    link = FolderLink(
        relationship_uid=relationship.uid,
        folder=real,
        copy_name=name,
        role=relationship.owner_role,
    )
    if previous is not None and previous.folder == real and previous.copy_name == name:
        link.merged = dict(previous.merged)
        link.linked_at = previous.linked_at
    store.save(link)
    sweep_own_leftovers(link)
    return link, previous


def take_from_folder(slug: str, folder: Path) -> tuple[Path, bool]:
    """Make the other side's copy of ``slug`` in ``folder`` (``<slug>.mentor.json`` or
    ``<slug>.mentee.json``) a relationship of this home, as the other side, and return its
    file and True: the first set-up on the second machine. When this home already has that
    relationship (under another name), that file is returned with False: nothing imported.

    The side this machine takes comes from the name the copy was found under (the folder's
    convention), never from inside the file; the copy is only read."""
    from workbook.received import OpenAction, import_copy, plan_open

    real = check_folder(folder)
    if not paths.is_slug(slug):
        raise NotFoundError(f"no relationship called {one_line(slug)!r}")
    found = [
        (role, real / copy_name(slug, role))
        for role in Role
        if (real / copy_name(slug, role)).is_file()
        and not (real / copy_name(slug, role)).is_symlink()
    ]
    if not found:
        raise NotFoundError(
            f"no relationship called {slug!r} here, and no copy of it in {one_line(str(real))} "
            f"({copy_name(slug, Role.MENTOR)} or {copy_name(slug, Role.MENTEE)}); check the "
            "name with the other side, or wait until their copy has arrived"
        )
    if len(found) > 1:
        raise WorkbookError(
            f"{one_line(str(real))} holds both sides' copies of {slug} and this home has "
            "neither, so which side you are cannot be told; open your own file instead"
        )
    their_role, copy_path = found[0]
    plan = plan_open(str(copy_path))
    if plan.action is OpenAction.MERGE:
        return plan.target, False
    return import_copy(copy_path, role=their_role.other), True


def copies_in(folder: Path) -> dict[str, set[Role]]:
    """The relationships whose copies are in ``folder`` under this program's names
    (``<slug>.<role>.json``, real files only), by slug: which sides' copies are there."""
    found: dict[str, set[Role]] = {}
    for entry in scan(check_folder(folder), ""):
        match = COPY_NAME.fullmatch(entry.name)
        if entry.kind is EntryKind.CANDIDATE and match is not None and is_copy_name(entry.name):
            found.setdefault(match.group("slug"), set()).add(Role(match.group("role")))
    return found


def take_and_link(slug: str, folder: Path, store: LinkStore) -> Path:
    """The second machine's whole set-up: take ``slug`` from ``folder``
    (:func:`take_from_folder`: this home's own file when it has the relationship already)
    and keep it in step through ``folder``; return the relationship file (nothing merged yet:
    opening it, or ``sync``, does)."""
    path, _ = take_from_folder(slug, folder)
    with WorkbookService.open(path) as service:
        link_folder(service, store, folder)
    return path


def only_copy_in(folder: Path) -> str:
    """The slug of the one relationship one side keeps in step through ``folder`` (for the
    app's home screen, which names no relationship); a one-line error when there is none, or
    several (the command line's ``sync SLUG DIR`` then says which)."""
    found = {slug: roles for slug, roles in copies_in(folder).items() if len(roles) == 1}
    shown = one_line(str(folder))
    if not found:
        raise NotFoundError(
            f"{shown} holds no copy to take (a file named like priya-shah-sam-okafor.mentor"
            ".json): wait until the other side's copy has arrived, or open your own workbook "
            "and keep it in step from there"
        )
    if len(found) > 1:
        names = ", ".join(sorted(found))
        raise WorkbookError(
            f"{shown} holds copies of {len(found)} relationships ({one_line(names)}); take "
            f"yours with: mentor-workbook sync SLUG {shlex.quote(shown)}"
        )
    return next(iter(found))
