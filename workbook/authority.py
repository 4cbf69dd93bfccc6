"""What a received copy may change when it is merged: a copy is untrusted input.

Which side a copy speaks for. Every copy that is merged into a file comes from *the other
side* of that file: the file's owner role is the local one, and a copy made for us (a shared
copy is marked as its recipient's, so it says our role) and the other side's own file (it says
theirs) both carry the other side's edits. So the side a copy speaks for is always
``local.owner_role.other``, whatever the copy's own ``owner_role`` says. A forged copy that
lies about its role gains nothing: the role it claims is never read for authority, and the
local owner role, which decides it, is never changed by a merge. (No field of a copy can prove
who made it; only the person merging knows where it came from. One side's own second copy,
on another machine, is therefore not something a merge can recognise.)

What that side may change (the rest is kept as it is here, and every refused change is
counted in the merge summary):

* its own answers, and joint answers, under the merge rules (:mod:`workbook.merging`);
* shared items (goals, actions, sessions, missed meetings, agreement versions) under the
  merge rules, with its own acknowledgements; never this side's acknowledgement, and never
  the text of a version this side acknowledged;
* on the relationship record, only the agreed cadence, its own contact and, for the mentor,
  the follow-up date; never the names, the status, the owner role, the pack, the start date,
  the slug or ``linked_uids``;
* nothing private (by :class:`workbook.privacy.PrivacyRule`) in either direction, and no item
  whose id belongs to another item here.

Version clocks are claims too, so authority never looks at them: what a copy may change is
decided by who owns it, before any clock is compared. Clocks only order edits among the things
the copy may change (joint answers, shared items), where an edit that claims to be newer wins
exactly as an honest newer edit from that side would. An inflated clock therefore buys nothing
the other side could not do by editing; refusals ignore clocks, and the summary counts a
refused change only when the copy is not simply older than this file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from workbook.models import (
    AgreementVersion,
    Author,
    Relationship,
    Role,
    StoredModel,
)

RECORD_FIELDS = frozenset({"uid", "schema_version", "updated_at", "clock", "deleted"})
"""Bookkeeping fields of every document (merged by the merge rules themselves)."""
SHARED_RELATIONSHIP_FIELDS = frozenset({"cadence"})
"""Relationship fields either side may change: the rhythm of meetings is agreed together."""
OWN_RELATIONSHIP_FIELDS: dict[Role, frozenset[str]] = {
    Role.MENTOR: frozenset({"mentor_contact", "follow_up_on"}),
    Role.MENTEE: frozenset({"mentee_contact"}),
}
"""Relationship fields that belong to one side (its own contact; the mentor's follow-up)."""
FIELD_LABELS: dict[str, str] = {
    "mentor": "names",
    "mentee": "names",
    "status": "status",
    "end_reason": "status",
    "ended_on": "status",
    "owner_role": "owner role",
    "linked_uids": "linked relationships",
    "pack_id": "programme pack",
    "pack_version": "programme pack",
    "started_on": "start date",
    "slug": "slug",
    "mentor_contact": "the mentor's contact",
    "mentee_contact": "the mentee's contact",
    "follow_up_on": "follow-up date",
}
"""How a refused relationship field is named in the merge summary."""


def sender_of(local: Relationship) -> Role:
    """The side a copy merged into ``local``'s file speaks for: always the other side."""
    return local.owner_role.other


def mergeable_relationship_fields(sender: Role) -> frozenset[str]:
    """The relationship fields a copy from ``sender`` may change."""
    return SHARED_RELATIONSHIP_FIELDS | OWN_RELATIONSHIP_FIELDS[sender]


def may_change_answer(author: Author, local_side: Role) -> bool:
    """True unless ``author`` is the local side: its answers are only ever changed here."""
    return author.value != local_side.value


def is_stale(incoming: StoredModel, local: StoredModel) -> bool:
    """True when ``local`` has seen every edit ``incoming`` holds (an old copy: its
    differences are history, not changes it asks for)."""
    return all(local.clock.get(side, 0) >= count for side, count in incoming.clock.items())


def guarded_relationship(
    local: Relationship, incoming: Relationship, sender: Role, refused: Counter[str]
) -> Relationship:
    """``incoming`` with every field ``sender`` may not change put back to ``local``'s; each
    field it tried to change (when it is not merely older) is counted in ``refused``."""
    allowed = mergeable_relationship_fields(sender) | RECORD_FIELDS
    kept: dict[str, Any] = {}
    asked: set[str] = set()
    stale = is_stale(incoming, local)
    for name in Relationship.model_fields:
        if name in allowed:
            continue
        mine, theirs = getattr(local, name), getattr(incoming, name)
        kept[name] = mine
        if mine != theirs and not stale and name != "owner_role":  # (a share says its recipient)
            asked.add(FIELD_LABELS.get(name, name.replace("_", " ")))
    refused.update(asked)
    kept["uid"] = local.uid  # a linked copy has its own id: this file's identity never changes
    return incoming.model_copy(update=kept)


def guarded_agreement(
    mine: AgreementVersion | None,
    merged: AgreementVersion,
    incoming: AgreementVersion,
    local_side: Role,
    refused: Counter[str],
) -> AgreementVersion:
    """``merged`` (the merge of ``mine`` and ``incoming``) with ``local_side``'s
    acknowledgement exactly as it is here; a version this side acknowledged stays exactly as
    it is here (``mine``) when the copy would change what it says."""
    own_ack = mine.acknowledged_by(local_side) if mine is not None else None
    claimed = incoming.acknowledged_by(local_side)
    if claimed != own_ack and (mine is None or not is_stale(incoming, mine)):
        refused[f"acknowledgements by the {local_side.value}"] += 1
    if mine is not None and own_ack is not None:
        frozen = ("version", "text", "source_hash", "review_on")
        if any(getattr(merged, name) != getattr(mine, name) for name in frozen):
            refused[f"agreement versions the {local_side.value} acknowledged"] += 1
            return mine
    acks = [ack for ack in merged.acknowledgements if ack.role is not local_side]
    if own_ack is not None:
        acks.append(own_ack)
    acks.sort(key=lambda ack: ack.role.value)
    if acks == merged.acknowledgements:
        return merged
    return merged.model_copy(update={"acknowledgements": acks})
