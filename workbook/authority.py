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
  the text of a version this side acknowledged (but for a review date nobody agreed, which
  is the pack's review months after the latest acknowledgement: it moves later when the
  other side acknowledges on a later day);
* on the relationship record, only the agreed cadence, its own contact and, for the mentor,
  the follow-up date; never the names, the status, the owner role, the pack, the start date,
  the slug or the file's id. ``linked_uids`` is never taken from a copy either: a merge adds
  the copy's id itself, when the user adopts it or when the copy's file had adopted this one
  (:mod:`workbook.adoption`; such a claim gives a copy no more than a copy with this file's
  own id has). Because the record merges as a whole, concurrent records keep what each side
  said (:func:`concurrent_relationship`): each side's own contact comes from its own copy;
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

from workbook.agreement import body_of, with_review
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


IDENTITY_FIELDS = frozenset(
    {"uid", "slug", "mentor", "mentee", "pack_id", "pack_version", "started_on", "linked_uids"}
)
"""What makes a file the relationship it is. Never taken from a copy; a copy of a joined
relationship (another id, see :mod:`workbook.adoption`) naturally differs in them, so there a
difference is not counted as a refused change."""


def guarded_relationship(
    local: Relationship,
    incoming: Relationship,
    sender: Role,
    refused: Counter[str],
    *,
    joined: bool = False,
) -> Relationship:
    """``incoming`` with every field ``sender`` may not change put back to ``local``'s; each
    field it tried to change (when it is not merely older) is counted in ``refused``.

    The id is always ``local``'s. ``joined``: ``incoming`` is a copy of a relationship joined
    to this one (another id), whose names, pack, start date and slug are its own, not changes
    it asks for. Its links are counted only for ids this file does not know (a copy cannot
    make this file accept copies of another relationship)."""
    allowed = (mergeable_relationship_fields(sender) | RECORD_FIELDS) - {"uid"}
    kept: dict[str, Any] = {}
    asked: set[str] = set()
    stale = is_stale(incoming, local)
    for name in Relationship.model_fields:
        if name in allowed:
            continue
        mine, theirs = getattr(local, name), getattr(incoming, name)
        kept[name] = mine
        if mine == theirs or stale or name in ("owner_role", "uid"):  # (a share says its recipient)
            continue
        if name == "linked_uids":
            if set(theirs) - {local.uid, *mine}:
                asked.add(FIELD_LABELS[name])
        elif not (joined and name in IDENTITY_FIELDS):
            asked.add(FIELD_LABELS.get(name, name.replace("_", " ")))
    refused.update(asked)
    kept["uid"] = local.uid  # a linked copy has its own id: this file's identity never changes
    return incoming.model_copy(update=kept)


def concurrent_relationship(
    local: Relationship, candidate: Relationship, merged: Relationship, sender: Role
) -> Relationship:
    """``merged`` (the merge of ``local`` and the guarded copy ``candidate``, see
    :func:`workbook.merging.merge_item`) with nothing either side said lost to a concurrent
    edit of the record: the record merges as a whole, so when neither clock has seen all the
    other's edits, the winner's empty fields would otherwise wipe the other's values.

    So, for concurrent records only: a field ``sender`` owns (its own contact, and the
    mentor's follow-up) takes the copy's value whenever the copy gives one; any field the copy
    may change keeps a value where the winner has none (a cadence, a contact). Records one of
    which has seen more edits than the other merge as before. Equal clocks with different
    contents count as concurrent: two files started apart (joined later, see
    :mod:`workbook.adoption`) both begin with no edits counted, whatever ``new`` set."""
    if is_stale(candidate, local) != is_stale(local, candidate):
        return merged
    update: dict[str, Any] = {}
    for name in mergeable_relationship_fields(sender):
        ours, theirs, now = getattr(local, name), getattr(candidate, name), getattr(merged, name)
        if name in OWN_RELATIONSHIP_FIELDS[sender] and theirs not in (None, "") and now != theirs:
            update[name] = theirs
        elif now in (None, ""):
            given = theirs if theirs not in (None, "") else ours
            if given != now:
                update[name] = given
    return merged.model_copy(update=update) if update else merged


def guarded_agreement(
    mine: AgreementVersion | None,
    merged: AgreementVersion,
    incoming: AgreementVersion,
    local_side: Role,
    refused: Counter[str],
) -> AgreementVersion:
    """``merged`` (the merge of ``mine`` and ``incoming``) with ``local_side``'s
    acknowledgement exactly as it is here; a version this side acknowledged stays exactly as
    it is here (``mine``) when the copy would change what it says (:func:`same_terms`)."""
    own_ack = mine.acknowledged_by(local_side) if mine is not None else None
    claimed = incoming.acknowledged_by(local_side)
    if (
        claimed is not None
        and claimed != own_ack
        and (mine is None or not is_stale(incoming, mine))
    ):
        refused[f"acknowledgements by the {local_side.value}"] += 1
    if mine is not None and own_ack is not None and not same_terms(mine, merged):
        refused[f"agreement versions the {local_side.value} acknowledged"] += 1
        return mine
    acks = [ack for ack in merged.acknowledgements if ack.role is not local_side]
    if own_ack is not None:
        acks.append(own_ack)
    acks.sort(key=lambda ack: ack.role.value)
    if acks == merged.acknowledgements:
        return merged
    return merged.model_copy(update={"acknowledgements": acks})


def same_terms(acknowledged: AgreementVersion, merged: AgreementVersion) -> bool:
    """True when ``merged`` says what the ``acknowledged`` version says: the same number,
    hash and text. Only a review date that was not agreed may move, and only later: it is the
    pack's review months after the *latest* acknowledgement, so the other side acknowledging
    on a later day moves it (and the review line of the text) in both files."""
    number = (acknowledged.version, acknowledged.source_hash, acknowledged.review_agreed)
    if number != (merged.version, merged.source_hash, merged.review_agreed):
        return False
    if acknowledged.text == merged.text and acknowledged.review_on == merged.review_on:
        return True
    body = body_of(merged.text)
    return (
        not acknowledged.review_agreed
        and merged.review_on > acknowledged.review_on
        and body == body_of(acknowledged.text)
        and merged.text == with_review(body, merged.review_on)
    )
