"""A received copy goes into your own home: opening a file from elsewhere imports it.

Opening a file by path used to edit it where it was: a download got a ``.bak`` and a ``.lock``
beside it and never appeared in ``list``. :func:`open_target` (the ``open`` command, and the
app when it opens a path) decides instead:

* a slug, a file in ``<home>/relationships`` or ``<home>/archive``, and a file elsewhere that
  has been opened as a relationship file where it is (a ``.lock`` or ``.bak`` beside it:
  someone keeps their workbook there) open where they are, as before;
* any other file is a received copy. It is only read (nothing is ever written beside it), then
  merged into the relationship of this home it is a copy of (the same id, or one joined to
  it: see :mod:`workbook.adoption`), which is then opened; or, when this home has none,
  imported as a new relationship file under the copy's slug (when that is a valid slug, else
  one made from the names), taking ``-2``, ``-3``... rather than overwriting anything. The
  imported file is then opened, and ``list`` shows it.

A copy of *another* relationship between the same two names is imported as a relationship of
its own (a pair may have two), and the result names the way to join it to the existing one
instead (``merge --adopt``). :func:`plan_open` says so before anything is written, so the app
can ask first: :func:`carry_out` the plan (import it), or :func:`adopt_into` one of those
relationships.
"""

from __future__ import annotations

import shlex
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from workbook import paths
from workbook.adoption import Kinship, kinship, ref_of
from workbook.errors import StorageError, WorkbookError
from workbook.models import Relationship, Role
from workbook.models.relationship import slugify
from workbook.refs import is_received_copy, relationship_files, resolve_ref
from workbook.service import WorkbookService, free_relationship_path, write_new_file
from workbook.sharing import MergeReport, merge_copy
from workbook.storage import encode_tables
from workbook.store import ITEM_TABLES, RELATIONSHIP_TABLE, read_raw
from workbook.text import one_line

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog

IMPORT_ATTEMPTS = 100
"""How many free names an import tries when other processes keep taking them."""


class OpenAction(StrEnum):
    """What opening a REF does."""

    IN_PLACE = "in place"
    """A relationship file of this home (or one kept elsewhere): opened where it is."""
    MERGE = "merge"
    """A copy of a relationship this home has: merged into it, which is then opened."""
    IMPORT = "import"
    """A copy of a relationship this home does not have: imported, then opened."""


class OpenPlan(BaseModel):
    """What :func:`carry_out` will do for a REF (decided by :func:`plan_open`, nothing written)."""

    source: Path
    """The file named (for a slug: its relationship file)."""
    action: OpenAction
    target: Path
    """The file that opens: the source itself, the relationship merged into, or the name
    an import would take (the first free one when it is carried out)."""
    same_names: list[Path] = []
    """Relationship files of this home between the same two names but another relationship
    (for an import: the ones it could be adopted into instead)."""


class Opened(BaseModel):
    """What opening a REF did: the file to open, and one line saying what happened."""

    path: Path
    """The relationship file to open now."""
    action: OpenAction
    source: Path
    report: MergeReport | None = None
    """For :attr:`OpenAction.MERGE`: what the merge did."""
    same_names: list[Path] = []
    """See :attr:`OpenPlan.same_names`."""

    @property
    def message(self) -> str:
        """One printable line about the import or merge ("" when opened in place)."""
        name = one_line(self.source.name)
        if self.action is OpenAction.IN_PLACE:
            return ""
        if self.action is OpenAction.MERGE:
            summary = self.report.summary() if self.report is not None else f"Merged {name}."
            return (
                f"{summary} It went into your relationship {ref_of(self.path)}; the file you "
                "received is left as it is."
            )
        line = (
            f"Imported {name} into your relationships as {ref_of(self.path)} "
            "(the file you received is left as it is)."
        )
        if not self.same_names:
            return line
        copy = shlex.quote(one_line(str(self.source)))
        if len(self.same_names) == 1:
            existing = ref_of(self.same_names[0])
            return line + (
                f" You also have {existing}, another relationship between the same two names: "
                f"to join this copy to it rather than keep the two apart, run: "
                f"mentor-workbook merge --adopt {existing} "
                f"{copy}"
            )
        listed = ", ".join(ref_of(path) for path in self.same_names)
        return line + (
            f" You also have {len(self.same_names)} other relationships between the same two "
            f"names ({listed}): to join this copy to one of them rather than keep it apart, run: "
            f"mentor-workbook merge --adopt SLUG {copy}"
        )


def record_of(path: Path) -> Relationship | None:
    """The relationship record of the file ``path`` (None when it cannot be read)."""
    try:
        raw, _ = read_raw(path)
        docs = list(raw.get(RELATIONSHIP_TABLE, {}).values())
        return Relationship.model_validate(docs[0]) if len(docs) == 1 else None
    except (WorkbookError, ValidationError):
        return None


_PREFERENCE = {Kinship.LINKED: 0, Kinship.SAME: 1, Kinship.LINKS_US: 2}
"""Which file of this home a copy merges into when several qualify: one that adopted the
copy's relationship (explicitly joined), then one with its id, then one it adopted."""


def _home_matches(copy: Relationship) -> tuple[Path | None, list[Path]]:
    """The relationship file of this home that ``copy`` is a copy of (None: none), and the
    files between the same two names that are other relationships."""
    best: tuple[int, Path] | None = None
    same_names: list[Path] = []
    for path in relationship_files():
        record = record_of(path)
        if record is None:
            continue
        found = kinship(record, copy)
        if found in _PREFERENCE and (best is None or _PREFERENCE[found] < best[0]):
            best = (_PREFERENCE[found], path)
        elif found is Kinship.SAME_NAMES:
            same_names.append(path)
    return (best[1] if best else None), same_names


def import_slug(copy: Relationship) -> str:
    """The slug an imported copy takes: its own when valid, else one made from its names
    (a received slug never steers a path as it is)."""
    return copy.slug if paths.is_slug(copy.slug) else slugify(copy.mentor, copy.mentee)


def plan_open(ref: str) -> OpenPlan:
    """What opening ``ref`` (a slug or a path) will do, without writing anything; a file that
    is not a readable relationship file is a one-line error."""
    source = resolve_ref(ref)
    if not is_received_copy(source):
        return OpenPlan(source=source, action=OpenAction.IN_PLACE, target=source)
    copy = WorkbookService.open(source, read_only=True).relationship
    existing, same_names = _home_matches(copy)
    if existing is not None:
        return OpenPlan(source=source, action=OpenAction.MERGE, target=existing)
    target = free_relationship_path(paths.relationships_dir(), import_slug(copy))
    return OpenPlan(source=source, action=OpenAction.IMPORT, target=target, same_names=same_names)


def carry_out(plan: OpenPlan, *, catalog: PackCatalog | None = None) -> Opened:
    """Do what ``plan`` says: merge the copy, or import it under the first free name."""
    if plan.action is OpenAction.IN_PLACE:
        return Opened(path=plan.source, action=plan.action, source=plan.source)
    if plan.action is OpenAction.MERGE:
        with WorkbookService.open(plan.target) as service:
            report = merge_copy(service, plan.source, catalog=catalog)
        return Opened(path=plan.target, action=plan.action, source=plan.source, report=report)
    imported = import_copy(plan.source)
    return Opened(path=imported, action=plan.action, source=plan.source, same_names=plan.same_names)


def adopt_into(target: Path, plan: OpenPlan, *, catalog: PackCatalog | None = None) -> Opened:
    """Instead of importing the copy ``plan`` is about, join it to the relationship file
    ``target`` of this home (one of ``plan.same_names``, after the app's confirmation, see
    :func:`workbook.adoption.compare_with_copy`): ``merge --adopt``, then ``target`` opens."""
    with WorkbookService.open(target) as service:
        report = merge_copy(service, plan.source, adopt=True, catalog=catalog)
    return Opened(path=target, action=OpenAction.MERGE, source=plan.source, report=report)


def open_target(ref: str, *, catalog: PackCatalog | None = None) -> Opened:
    """Resolve ``ref`` to the relationship file to open, importing or merging a received
    copy first (see the module docstring): what ``open`` and the app call."""
    return carry_out(plan_open(ref), catalog=catalog)


def import_copy(source: Path, *, role: Role | None = None) -> Path:
    """Write the copy at ``source`` into ``<home>/relationships`` as a new relationship file
    (0600; never over an existing file) and return its path. The copy is validated first and
    written as this program writes files; ``source`` is only read. ``role``: the side this
    home takes (default: the role the copy is marked for, as a shared copy is)."""
    copy = WorkbookService.open(source, read_only=True)
    folder = paths.ensure_private_dir(paths.relationships_dir())
    slug = import_slug(copy.relationship)
    owner = role or copy.relationship.owner_role
    for _ in range(IMPORT_ATTEMPTS):
        target = free_relationship_path(folder, slug)
        record = copy.relationship.model_copy(update={"slug": target.stem, "owner_role": owner})
        data: dict[str, dict[str, Any]] = {
            RELATIONSHIP_TABLE: {"1": record.model_dump(mode="json")}
        }
        for table, model in ITEM_TABLES.items():
            items = copy.items(model, include_deleted=True)
            data[table] = {str(n): item.model_dump(mode="json") for n, item in enumerate(items, 1)}
        try:
            write_new_file(target, encode_tables(data))
        except FileExistsError:
            continue
        except OSError as error:
            raise StorageError(f"cannot import {source} as {target}", error) from None
        return target
    raise WorkbookError(f"no free name in {folder} to import {one_line(source.name)} into")
