"""Sharing a relationship with the other side, and merging their copy back in.

``share_copy`` writes a relationship file without anything private (to a path the user gives,
or into ``<home>/exports``); :func:`share_with_other_side` also says, in one sentence, whom to
send it to and how they open it. ``merge_copy`` brings the other side's copy in item by item
(see :mod:`workbook.merging` for the rules); merging the same copy twice changes nothing on
disk. A copy of another relationship between the same two names is merged only when adopted
(see :mod:`workbook.adoption`).
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from workbook.adoption import Kinship, check_mergeable
from workbook.authority import (
    concurrent_relationship,
    guarded_agreement,
    guarded_relationship,
    is_stale,
    may_change_answer,
    sender_of,
)
from workbook.errors import NotFoundError, UsageError
from workbook.merging import (
    adopted_answer,
    join_sessions,
    merge_answer,
    merge_item,
    shown_version,
)
from workbook.models import (
    AgreementVersion,
    Answer,
    Author,
    Note,
    Relationship,
    Role,
    Session,
    StoredModel,
)
from workbook.models.relationship import slugify
from workbook.outputs import OutputKind, SameShare, write_in_exports, write_output
from workbook.privacy import PrivacyRule, output_rule, pack_or_none
from workbook.service import WorkbookService
from workbook.storage import encoded_pieces
from workbook.store import ITEM_TABLES, RELATIONSHIP_TABLE, TABLE_OF_MODEL
from workbook.text import one_line, plural

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack


class Joining(StrEnum):
    """How a merge joined the copy's relationship file to this one (see
    :mod:`workbook.adoption`)."""

    NONE = ""
    ADOPTED = "adopted"
    """``--adopt``: this file now lists the copy's relationship as its own."""
    RECORDED = "recorded"
    """The copy's file had adopted this one; this file now lists it too (both ways)."""


class MergeReport(BaseModel):
    """What a merge did, item by item, and what it refused."""

    source: Path
    joined: Joining = Joining.NONE
    """Whether the merge joined the copy's relationship file to this one."""
    added: int = 0
    updated: int = 0
    conflicts: int = 0
    """Answers that now hold values from concurrent edits (shown as conflicts)."""
    unchanged: int = 0
    ignored_private: int = 0
    """Private items in the incoming file, ignored: private notes never leave their author."""
    refused: dict[str, int] = Field(default_factory=dict)
    """Changes the copy may not make, by what they touched (see :mod:`workbook.authority`):
    this side's own answers, the names, the status..."""
    by_table: dict[str, int] = Field(default_factory=dict)
    """Items added, updated or given a conflict, by table (``answers``, ``goals``...;
    ``relationship`` for the record itself): what the merge brought in, by kind."""

    def count(self, table: str) -> None:
        """Note one item of ``table`` added, updated or given a conflict."""
        self.by_table[table] = self.by_table.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        """True when the merge changed the file."""
        return bool(self.added or self.updated or self.conflicts or self.joined)

    @property
    def refused_total(self) -> int:
        """How many changes were refused."""
        return sum(self.refused.values())

    def summary(self) -> str:
        """A one-line, printable account of the merge, with what was refused."""
        refused = ""
        if self.refused:
            kinds = ", ".join(f"{what} {count}" for what, count in sorted(self.refused.items()))
            refused = f" Refused {self.refused_total} changes the copy may not make ({kinds})."
        name = one_line(self.source.name)
        if not self.changed:
            items = plural(self.unchanged, "item")
            return f"Nothing new in {name}: {items} already up to date.{refused}"
        parts = ", ".join(
            [
                f"{self.added} added",
                f"{self.updated} updated",
                f"{self.conflicts} with conflicting edits kept",
                f"{self.unchanged} unchanged",
            ]
        )
        if self.joined is Joining.ADOPTED:
            return (
                f"Adopted {name} into this relationship: {parts}. Later copies from either "
                f"side merge without --adopt.{refused}"
            )
        if self.joined is Joining.RECORDED:
            return (
                f"Merged {name}, from the other side's file, which adopted this relationship "
                f"(now joined both ways): {parts}.{refused}"
            )
        return f"Merged {name}: {parts}.{refused}"


def _same_place(left: Path, right: Path) -> bool:
    try:
        return left.resolve() == right.resolve()
    except OSError:
        return False


def share_copy(
    service: WorkbookService,
    out_path: Path | None,
    *,
    for_role: Role | None = None,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
    force: bool = False,
) -> Path:
    """Write a copy of the relationship without anything private (0600, atomic); return the
    real file written.

    The copy is for the other side (``for_role``, by default the side that does not own this
    file): opened as a file of its own, edits there count on that side's clock. Private is
    decided by :func:`workbook.privacy.output_rule` (the copy is refused when the pack cannot
    be loaded). The path goes through :func:`workbook.outputs.write_output`: never onto a
    relationship file; an earlier shared copy of this relationship for the same side is
    replaced, any other existing file only with ``force``. ``out_path`` None writes into
    ``<home>/exports`` as ``for-<their name>.json`` (see :func:`share_file_name`), taking the
    next free name when a file there is not an earlier copy of this one.
    """
    rule, _ = output_rule(
        service.relationship.pack_id, pack=pack, catalog=catalog, what="a shared copy"
    )
    rel = service.relationship
    recipient = for_role or rel.owner_role.other

    def items_of(model: type[StoredModel]) -> list[StoredModel]:
        return service.items(model, include_deleted=True)

    pieces = encoded_pieces(shared_tables(rel, items_of, rule, recipient))
    earlier_share = earlier_share_of(rel, recipient)
    if out_path is None:
        name = share_file_name(rel.name_of(recipient))
        kind = OutputKind.SHARE
        return write_in_exports(
            name, pieces, kind, protect=[service.path], same_share=earlier_share
        )
    return write_output(
        out_path,
        pieces,
        OutputKind.SHARE,
        force=force,
        protect=[service.path],
        same_share=earlier_share,
    )


def shared_tables(
    relationship: Relationship,
    items_of: Callable[[type[StoredModel]], Iterable[StoredModel]],
    rule: PrivacyRule,
    recipient: Role,
) -> dict[str, dict[str, Any]]:
    """The tables of a shared copy for ``recipient``: the relationship record marked as
    ``recipient``'s (:func:`shared_record`), and every item ``items_of(model)`` gives
    (deleted ones too, as tombstones) as :func:`shared_document` has it, private ones left
    out. Works from any source of items: the open service, or a snapshot taken for another
    thread (:meth:`WorkbookService.snapshot`)."""
    side = relationship.owner_role.value
    data: dict[str, dict[str, Any]] = {
        RELATIONSHIP_TABLE: {"1": shared_record(relationship, recipient)}
    }
    for table, model in ITEM_TABLES.items():
        docs: dict[str, Any] = {}
        for item in items_of(model):
            document = shared_document(item, rule, side)
            if document is not None:
                docs[str(len(docs) + 1)] = document
        data[table] = docs
    return data


def shared_record(relationship: Relationship, recipient: Role) -> dict[str, Any]:
    """The relationship record as a copy for ``recipient`` holds it (marked as theirs)."""
    return relationship.model_copy(update={"owner_role": recipient}).model_dump(mode="json")


def shared_document(item: StoredModel, rule: PrivacyRule, side: str) -> dict[str, Any] | None:
    """``item`` as a shared copy holds it, or None when ``rule`` makes it private (it is left
    out). An answer carries the version it shows (:func:`~workbook.merging.shown_version`), on
    the clock of ``side``, the file's owner."""
    if rule.is_private(item):
        return None
    if isinstance(item, Answer):
        item = item.model_copy(update={"merged_version": shown_version(item, side)})
    return item.model_dump(mode="json")


def earlier_share_of(relationship: Relationship, recipient: Role) -> SameShare:
    """The test :func:`workbook.outputs.check_output` applies to an existing file: True when
    it is an earlier shared copy of ``relationship`` for ``recipient`` (replaced as ours)."""

    def earlier_share(document: dict[str, Any]) -> bool:
        return (
            document.get("uid") == relationship.uid
            and document.get("owner_role") == recipient.value
        )

    return earlier_share


def share_file_name(recipient_name: str) -> str:
    """The name (no suffix) of a shared copy written without a path: ``for-sam-okafor``
    (made a safe file name whatever the name holds)."""
    return f"for-{slugify(recipient_name)}"


class SharedCopy(BaseModel):
    """A shared copy just written, and what to tell the person it is for."""

    path: Path
    """The real file written (full path)."""
    recipient: Role
    recipient_name: str
    """The recipient's name, as one printable line."""
    recipient_contact: str = ""
    """The recipient's preferred contact, as one printable line ("" when not known)."""

    @property
    def open_command(self) -> str:
        """``mentor-workbook open for-sam.json``: what the recipient runs (file name quoted
        for a shell where needed)."""
        return f"mentor-workbook open {shlex.quote(one_line(self.path.name))}"

    @property
    def sentence(self) -> str:
        """The one sentence that goes with the copy: ``Send for-sam.json to Sam Okafor
        (sam@example.org): open it with mentor-workbook open for-sam.json``."""
        whom = self.recipient_name
        if self.recipient_contact:
            whom += f" ({self.recipient_contact})"
        return f"Send {one_line(self.path.name)} to {whom}: open it with {self.open_command}"


def share_with_other_side(
    service: WorkbookService,
    out_path: Path | None = None,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
    force: bool = False,
) -> SharedCopy:
    """Write the copy for the other side (:func:`share_copy`; ``out_path`` None: into
    ``<home>/exports``) and return where it went with the sentence to send along with it."""
    written = share_copy(service, out_path, pack=pack, catalog=catalog, force=force)
    rel = service.relationship
    recipient = rel.owner_role.other
    return SharedCopy(
        path=written,
        recipient=recipient,
        recipient_name=one_line(rel.name_of(recipient)),
        recipient_contact=one_line(rel.contact_of(recipient)),
    )


class _Merge:
    """One merge of ``other`` (a copy from the other side) into ``service``."""

    def __init__(self, service: WorkbookService, other: WorkbookService, rule: PrivacyRule) -> None:
        self.service = service
        self.other = other
        self.rule = rule
        self.local_side = service.relationship.owner_role
        self.sender = sender_of(service.relationship)
        self.refused: Counter[str] = Counter()

    def relationship(self, link: str | None) -> bool:
        """Merge the relationship record. ``link``: the id of the copy's relationship, being
        joined to this one; the joined relationship started on the earlier of the two start
        dates (both files come to the same one, so their agreements, which name it, match)."""
        local = self.service.relationship
        incoming = self.other.relationship
        joined = incoming.uid != local.uid
        candidate = guarded_relationship(local, incoming, self.sender, self.refused, joined=joined)
        merged = merge_item(local, candidate)
        merged = concurrent_relationship(local, candidate, merged, self.sender)
        merged = guarded_relationship(local, merged, self.sender, Counter(), joined=joined)
        if link is not None and link not in merged.linked_uids:
            merged = merged.model_copy(
                update={
                    "linked_uids": [*merged.linked_uids, link],
                    "started_on": min(local.started_on, incoming.started_on),
                }
            )
        if merged.model_dump() == local.model_dump():
            return False
        self.service.replace_relationship(merged)
        return True

    def answers(self, report: MergeReport) -> None:
        local_side, sender = self.local_side.value, self.sender.value
        items = self.service.items(Answer, include_deleted=True)
        local = {answer.key: answer for answer in items}
        keys_of_uid = {answer.uid: answer.key for answer in items}
        for received in self.other.items(Answer, include_deleted=True):
            if self.rule.answer_is_private(received):
                report.ignored_private += 1
                continue
            mine = local.get(received.key)
            if mine is not None and self.rule.answer_is_private(mine):
                report.ignored_private += 1
                continue
            if not may_change_answer(received.author, self.local_side):
                if mine is None or not (is_stale(received, mine) or _same_answer(mine, received)):
                    self.refused[f"the {local_side}'s own answers"] += 1
                continue
            if keys_of_uid.get(received.uid, received.key) != received.key:
                self.refused["items reusing another item's id"] += 1
                continue
            if mine is None:
                added = self.service.save(adopted_answer(received, sender), touch=False)
                local[added.key], keys_of_uid[added.uid] = added, added.key
                report.added += 1
                report.count("answers")
                continue
            merged = merge_answer(mine, local_side, received, sender)
            if merged is mine:
                report.unchanged += 1
                continue
            local[merged.key] = self.service.save(merged, touch=False)
            report.count("answers")
            grew = len(merged.conflicts) > len(mine.conflicts)
            if grew or (merged.conflicts and not mine.conflicts):
                report.conflicts += 1
            else:
                report.updated += 1

    def table(self, model: type[StoredModel], report: MergeReport) -> None:
        local = {item.uid: item for item in self.service.items(model, include_deleted=True)}
        numbered = {
            item.number: item
            for item in local.values()
            if isinstance(item, Session) and not item.deleted
        }
        for received in self.other.items(model, include_deleted=True):
            if self.rule.is_private(received):
                report.ignored_private += 1
                continue
            mine = local.get(received.uid)
            if mine is not None and self.rule.is_private(mine):
                report.ignored_private += 1
                continue
            if mine is None and isinstance(received, Session) and not received.deleted:
                twin = numbered.get(received.number)
                if twin is not None:
                    joined = self.join_twin(twin, received, local, report)
                    numbered[joined.number] = joined
                    continue
            merged = received if mine is None else merge_item(mine, received)
            if isinstance(merged, AgreementVersion) and isinstance(received, AgreementVersion):
                mine_version = mine if isinstance(mine, AgreementVersion) else None
                merged = guarded_agreement(
                    mine_version, merged, received, self.local_side, self.refused
                )
            if mine is None:
                local[merged.uid] = self.service.save(merged, touch=False)
                report.added += 1
                report.count(TABLE_OF_MODEL[model])
            elif merged is mine or merged.model_dump() == mine.model_dump():
                report.unchanged += 1
            else:
                local[merged.uid] = self.service.save(merged, touch=False)
                report.updated += 1
                report.count(TABLE_OF_MODEL[model])

    def join_twin(
        self,
        twin: Session,
        received: Session,
        local: dict[str, StoredModel],
        report: MergeReport,
    ) -> Session:
        """``received`` is the session numbered as ``twin`` here, started in the other file:
        one session (:func:`workbook.merging.join_sessions`). When it keeps the other file's
        id, ``twin``'s id is left here as a tombstone, newer than any copy of it (so a copy
        still holding it cannot bring it back). ``local`` (items here by id) is kept current."""
        joined = join_sessions(twin, received)
        if joined.uid != twin.uid:
            local[twin.uid] = self.service.save(twin.model_copy(update={"deleted": True}))
        elif joined.model_dump() == twin.model_dump():
            report.unchanged += 1
            return twin
        report.updated += 1
        report.count(TABLE_OF_MODEL[Session])
        saved = self.service.save(joined, touch=False)
        local[saved.uid] = saved
        return saved


def _same_answer(mine: Answer, received: Answer) -> bool:
    keys = ("value", "deleted", "visibility")
    return all(getattr(mine, key) == getattr(received, key) for key in keys)


def merge_copy(
    service: WorkbookService,
    other_path: Path,
    *,
    adopt: bool = False,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> MergeReport:
    """Bring a copy from the other side into ``service``'s file.

    The copy is untrusted (see :mod:`workbook.authority`): it may change only what the other
    side owns; everything else it tries is refused and counted in the report. It must be a
    copy of the same relationship: its id, or one the two files are linked by (a link the
    copy's file made is recorded here, so the files are joined both ways). A copy of another
    relationship between the same two names is refused with
    :class:`~workbook.adoption.AdoptionNeededError` unless ``adopt`` joins it to this one; a
    copy between other names is always refused (see :mod:`workbook.adoption`). Private items
    (by the one privacy rule, with the pack when it loads, and with the copy's own pack too
    when it is another) in it are ignored and private items here are never touched. Nothing is
    written when nothing changed (a scratch service, :meth:`WorkbookService.open_scratch`, is
    merged into without ever being written).
    """
    other_path = Path(other_path).expanduser()
    if _same_place(other_path, service.path):
        raise UsageError("that is this relationship's own file; merge the other side's copy")
    other = WorkbookService.open(other_path, read_only=True)
    return merge_opened(service, other, other_path, adopt=adopt, pack=pack, catalog=catalog)


def merge_opened(
    service: WorkbookService,
    other: WorkbookService,
    other_path: Path,
    *,
    adopt: bool = False,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> MergeReport:
    """:func:`merge_copy` of a copy already opened (read-only) from ``other_path``: for a
    caller that has read the copy to look at it first (the folder sync does)."""
    found = check_mergeable(service, other, other_path, adopt=adopt)
    joining = {Kinship.SAME_NAMES: Joining.ADOPTED, Kinship.LINKS_US: Joining.RECORDED}.get(
        found, Joining.NONE
    )
    ours, theirs = service.relationship, other.relationship
    if pack is None:
        pack, _ = pack_or_none(ours.pack_id, catalog)
    rule = PrivacyRule.for_pack(pack)
    if theirs.pack_id != ours.pack_id:
        rule = rule.stricter(PrivacyRule.for_pack(pack_or_none(theirs.pack_id, catalog)[0]))
    merge = _Merge(service, other, rule)
    report = MergeReport(source=other_path)
    if merge.relationship(theirs.uid if joining is not Joining.NONE else None):
        report.updated += 1
        report.count(RELATIONSHIP_TABLE)
        report.joined = joining
    else:
        report.unchanged += 1
    for model in ITEM_TABLES.values():
        if model is Answer:
            merge.answers(report)
        elif model is not Note:
            merge.table(model, report)
        else:
            report.ignored_private += len(other.items(Note, include_deleted=True))
    report.refused = dict(merge.refused)
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
    update = {"value": value, "conflicts": (), "merged_version": None}
    return service.save(answer.model_copy(update=update))
