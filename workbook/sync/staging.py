"""A merge worked out off the UI thread, then carried into the open workbook item by item.

Merging the other side's copy reads and compares every item: milliseconds at a hundred answers,
far more at thousands, and it must never block typing. It cannot simply run in a worker thread
on the open service either: a keystroke saved while the merge is half done would be overwritten
by the merge's view of that answer from before it.

So the merge is *staged*: the open workbook is saved, a scratch copy of its file is opened
(:meth:`WorkbookService.open_scratch`, never written), the folder's copies are merged into the
scratch in the worker thread with the ordinary rules, and what the merge changed is listed as
(before, after) pairs. Then, on the UI thread, :func:`apply_staged` puts each changed item into
the open service, but only where the open service still holds the item as it was *before* the
merge: an item edited since (a joint answer being typed) is left as the person left it, and the
merge counts as incomplete, so the next check merges the copy again, against the new edit, with
the same rules. The answer whose editor has the focus is held back the same way (the person is
working on it: what they see is what they are changing), and comes in once they move on.
Applying costs one save per changed item, whatever the size of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workbook.models import Answer, Relationship, StoredModel
from workbook.service import WorkbookService

Snapshot = dict[tuple[type[StoredModel], str], StoredModel]
"""Every item of a file by (model, uid)."""


def index_items(service: WorkbookService) -> tuple[Relationship, Snapshot]:
    """``service``'s relationship and every item (tombstones too), by (model, uid)."""
    relationship, tables = service.snapshot()
    return relationship, {
        (model, item.uid): item for model, items in tables.items() for item in items
    }


@dataclass
class StagedMerge:
    """What merging changed in a scratch copy of the file, to carry into the open service."""

    relationship: tuple[Relationship, Relationship] | None = None
    """(before, after) when the merge changed the relationship record."""
    changes: list[tuple[StoredModel | None, StoredModel]] = field(default_factory=list)
    """(before, after) of every item the merge added (before None) or changed."""

    @property
    def empty(self) -> bool:
        """True when the merge changed nothing."""
        return self.relationship is None and not self.changes


def staged_changes(before: tuple[Relationship, Snapshot], scratch: WorkbookService) -> StagedMerge:
    """What changed in ``scratch`` since ``before`` (taken with :func:`index_items`): the
    merge replaces the items it changes, so an item still the very same object is unchanged."""
    relationship_before, items_before = before
    relationship_after, items_after = index_items(scratch)
    staged = StagedMerge()
    if relationship_after is not relationship_before:
        staged.relationship = (relationship_before, relationship_after)
    for key, item in items_after.items():
        old = items_before.get(key)
        if old is not item:
            staged.changes.append((old, item))
    return staged


def _same(left: StoredModel, right: StoredModel) -> bool:
    return left.model_dump(mode="json") == right.model_dump(mode="json")


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_staged` carried into the open service."""

    applied: int
    skipped: int
    """Items changed in the open service since the merge was worked out: left as they are
    (the next check merges again)."""

    @property
    def complete(self) -> bool:
        """True when every change of the merge is now in the open service."""
        return not self.skipped


def apply_staged(
    live: WorkbookService,
    staged: StagedMerge,
    hold: Callable[[StoredModel], bool] | None = None,
) -> Applied:
    """Put ``staged``'s changes into ``live`` (on the thread that edits it), each only where
    ``live`` still holds what the merge started from (see the module docstring). Stored as
    merged (no new time, no clock tick): the edits are the other side's. ``hold``: items not
    to change now, though unchanged (the answer whose editor has the focus), skipped like
    edited ones."""
    applied = skipped = 0
    if staged.relationship is not None:
        before, after = staged.relationship
        if _same(live.relationship, before):
            live.replace_relationship(after)
            applied += 1
        else:
            skipped += 1
    for old, new in staged.changes:
        current = live.stored(type(new), new.uid)
        if old is None:
            taken = current is not None or (
                isinstance(new, Answer) and live.stored_answer(new.key) is not None
            )
        else:
            taken = current is None or not _same(current, old)
        if taken or (hold is not None and hold(new)):
            skipped += 1
            continue
        live.save(new, touch=False)
        applied += 1
    return Applied(applied, skipped)
