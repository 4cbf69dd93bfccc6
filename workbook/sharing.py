"""Sharing a relationship with the other side, and merging their copy back in.

``share_copy`` writes a relationship file without anything private. ``merge_copy`` brings the
other side's copy in item by item (see :mod:`workbook.merging` for the rules); merging the same
copy twice changes nothing on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from workbook.atomic import atomic_write_pieces
from workbook.errors import NotFoundError, UsageError, WorkbookError
from workbook.merging import adopted_answer, merge_answer, merge_item, shown_version
from workbook.models import Answer, AnswerKey, Author, Note, Role, StoredModel
from workbook.privacy import STORED_FLAGS_ONLY
from workbook.service import WorkbookService
from workbook.storage import encoded_pieces
from workbook.store import ITEM_TABLES, RELATIONSHIP_TABLE


class MergeReport(BaseModel):
    """What a merge did, item by item."""

    source: Path
    added: int = 0
    updated: int = 0
    conflicts: int = 0
    """Answers that now hold values from concurrent edits (shown as conflicts)."""
    unchanged: int = 0
    ignored_private: int = 0
    """Private items in the incoming file, ignored: private notes never leave their author."""

    @property
    def changed(self) -> bool:
        """True when the merge changed the file."""
        return bool(self.added or self.updated or self.conflicts)

    def summary(self) -> str:
        """A one-line, printable account of the merge."""
        if not self.changed:
            return f"Nothing new in {self.source.name}: {self.unchanged} items already up to date."
        parts = [
            f"{self.added} added",
            f"{self.updated} updated",
            f"{self.conflicts} with conflicting edits kept",
            f"{self.unchanged} unchanged",
        ]
        return f"Merged {self.source.name}: " + ", ".join(parts) + "."


def _same_place(left: Path, right: Path) -> bool:
    try:
        return left.resolve() == right.resolve()
    except OSError:
        return False


def share_copy(service: WorkbookService, out_path: Path, *, for_role: Role | None = None) -> Path:
    """Write a copy of the relationship without any private answers or notes (0600, atomic).

    The copy is for the other side (``for_role``, by default the side that does not own this
    file): opened as a file of its own, edits there count on that side's clock.
    """
    out_path = Path(out_path).expanduser()
    if out_path.is_dir():
        raise UsageError(f"{out_path} is a folder; give a file name for the shared copy")
    if not out_path.parent.is_dir():
        raise NotFoundError(f"no folder {out_path.parent} to write the shared copy into")
    if _same_place(out_path, service.path):
        raise UsageError("the shared copy must not replace the relationship file itself")
    rel = service.relationship
    side = rel.owner_role.value
    recipient = for_role or rel.owner_role.other
    data: dict[str, dict[str, Any]] = {
        RELATIONSHIP_TABLE: {
            "1": rel.model_copy(update={"owner_role": recipient}).model_dump(mode="json")
        }
    }
    for table, model in ITEM_TABLES.items():
        docs: dict[str, Any] = {}
        for item in service.items(model, include_deleted=True):
            if STORED_FLAGS_ONLY.is_private(item):
                continue
            if isinstance(item, Answer):
                item = item.model_copy(update={"merged_version": shown_version(item, side)})
            docs[str(len(docs) + 1)] = item.model_dump(mode="json")
        data[table] = docs
    atomic_write_pieces(out_path, encoded_pieces(data))
    return out_path


def _answers_by_key(items: list[Answer]) -> dict[AnswerKey, Answer]:
    return {answer.key: answer for answer in items}


def _merge_relationship(service: WorkbookService, other: WorkbookService) -> bool:
    local, incoming = service.relationship, other.relationship
    keep = {
        "owner_role": local.owner_role,
        "slug": local.slug,
        "uid": local.uid,
        "linked_uids": local.linked_uids,
    }
    merged = merge_item(local, incoming.model_copy(update=keep))
    if merged is local:
        return False
    merged = merged.model_copy(update=keep)
    if merged.model_dump() == local.model_dump():
        return False
    service.replace_relationship(merged)
    return True


def _merge_answers(service: WorkbookService, other: WorkbookService, report: MergeReport) -> None:
    local_side = service.relationship.owner_role.value
    other_side = other.relationship.owner_role.value
    local = _answers_by_key(service.items(Answer, include_deleted=True))
    for incoming in other.items(Answer, include_deleted=True):
        if incoming.is_private:
            report.ignored_private += 1
            continue
        mine = local.get(incoming.key)
        if mine is None:
            service.save(adopted_answer(incoming, other_side), touch=False)
            report.added += 1
            continue
        merged = merge_answer(mine, local_side, incoming, other_side)
        if merged is mine:
            report.unchanged += 1
            continue
        service.save(merged, touch=False)
        if len(merged.conflicts) > len(mine.conflicts) or (merged.conflicts and not mine.conflicts):
            report.conflicts += 1
        else:
            report.updated += 1


def _merge_table(
    service: WorkbookService,
    other: WorkbookService,
    model: type[StoredModel],
    report: MergeReport,
) -> None:
    local = {item.uid: item for item in service.items(model, include_deleted=True)}
    for incoming in other.items(model, include_deleted=True):
        if STORED_FLAGS_ONLY.is_private(incoming):
            report.ignored_private += 1
            continue
        mine = local.get(incoming.uid)
        if mine is None:
            service.save(incoming, touch=False)
            report.added += 1
            continue
        if STORED_FLAGS_ONLY.is_private(mine):
            report.ignored_private += 1
            continue
        merged = merge_item(mine, incoming)
        if merged is mine or merged.model_dump() == mine.model_dump():
            report.unchanged += 1
        else:
            service.save(merged, touch=False)
            report.updated += 1


def merge_copy(service: WorkbookService, other_path: Path) -> MergeReport:
    """Bring the other side's copy of this relationship into ``service``'s file.

    The copy must be of the same relationship (the same id, or one linked to it by
    ``linked_uids``); this file's identity (id, links, slug, whose copy it is) never changes.
    Private items in it are ignored and private items here are never touched. Nothing is
    written when nothing changed (a scratch service, :meth:`WorkbookService.open_scratch`,
    never writes).
    """
    other_path = Path(other_path).expanduser()
    if _same_place(other_path, service.path):
        raise UsageError("that is this relationship's own file; merge the other side's copy")
    other = WorkbookService.open(other_path, read_only=True)
    if not service.relationship.is_same_relationship(other.relationship):
        theirs, ours = other.relationship, service.relationship
        raise WorkbookError(
            f"{other_path} is a copy of a different relationship ({theirs.pair}, started "
            f"{theirs.started_on}, id {theirs.uid[:8]}), not of {ours.pair} (id {ours.uid[:8]}); "
            "only copies made with 'mentor-workbook share' from this relationship can be merged"
        )
    report = MergeReport(source=other_path)
    if _merge_relationship(service, other):
        report.updated += 1
    else:
        report.unchanged += 1
    for model in ITEM_TABLES.values():
        if model is Answer:
            _merge_answers(service, other, report)
        elif model is not Note:
            _merge_table(service, other, model, report)
        else:
            report.ignored_private += len(other.items(Note, include_deleted=True))
    if report.changed:
        service.flush()
    return report


def resolve_conflicts(
    service: WorkbookService, prompt_id: str, author: Author | Role | str, value: Any
) -> Answer:
    """Settle an answer's conflicting values on ``value`` (this edit supersedes them all)."""
    answer = service.answer(prompt_id, author)
    if answer is None:
        raise NotFoundError(f"no answer to {prompt_id!r} by {Author(author).value}")
    update = {"value": value, "conflicts": [], "merged_version": None}
    return service.save(answer.model_copy(update=update))
