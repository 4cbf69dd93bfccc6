"""Pure merge rules for two copies of the same item, driven by version vectors (``clock``).

* One clock dominates the other: that side's item wins as it is.
* Concurrent edits: the newest ``updated_at`` wins, ties broken by the item's JSON; the clock
  becomes the element-wise maximum.
* Answers keep every concurrent value: the shown value plus ``conflicts`` form the set of
  latest versions (each with its own clock); a version is dropped only once another version
  has superseded it (its clock is strictly greater). This set-of-maxima rule makes merging
  commutative, associative and idempotent, so the order of merges does not matter.
* A session is identified by its number: two sessions with the same number and different ids
  (the same meeting, started in two files, e.g. before one file adopted the other) are one
  session, kept under the smaller id (:func:`join_sessions`); whichever file joins them, the
  result is the same, so the two files converge on one id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from workbook.models import (
    Acknowledgement,
    AgreementVersion,
    Answer,
    ConflictCopy,
    Role,
    Session,
    StoredModel,
)

ItemT = TypeVar("ItemT", bound=StoredModel)
Clock = Mapping[str, int]
"""A version vector, read-only (items share equal ones)."""


def dominates(left: Clock, right: Clock) -> bool:
    """True when ``left`` has seen every edit ``right`` has (``left >= right``)."""
    return all(left.get(side, 0) >= count for side, count in right.items())


def strictly_newer(left: Clock, right: Clock) -> bool:
    """True when ``left`` has seen everything ``right`` has, and more."""
    return dominates(left, right) and not dominates(right, left)


def join(*clocks: Clock) -> dict[str, int]:
    """The element-wise maximum of ``clocks`` (zero entries left out, keys sorted): a new dict."""
    merged: dict[str, int] = {}
    for clock in clocks:
        for side, count in clock.items():
            merged[side] = max(merged.get(side, 0), count)
    return {side: merged[side] for side in sorted(merged) if merged[side]}


def canonical(data: Any) -> str:
    """Stable JSON of ``data`` (a model is dumped first), used to break ties."""
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json")
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _content(item: StoredModel) -> dict[str, Any]:
    return item.model_dump(mode="json")


def _tie_key(item: StoredModel) -> tuple[Any, ...]:
    acks = len(item.acknowledgements) if isinstance(item, AgreementVersion) else 0
    return (acks, item.updated_at, canonical(item.model_dump(mode="json", exclude={"clock"})))


def _union_acks(winner: AgreementVersion, other: AgreementVersion) -> AgreementVersion:
    if winner.source_hash != other.source_hash:
        return winner
    by_role: dict[Role, Acknowledgement] = {}
    for ack in sorted(
        [*winner.acknowledgements, *other.acknowledgements], key=lambda ack: (ack.at, ack.name)
    ):
        by_role.setdefault(ack.role, ack)
    acks = [by_role[role] for role in sorted(by_role, key=lambda role: role.value)]
    return winner.model_copy(update={"acknowledgements": acks})


def merge_item(local: ItemT, incoming: ItemT) -> ItemT:
    """The merge of two copies of one (non-answer) item; ``local`` itself when it wins."""
    if _content(local) == _content(incoming):
        return local
    if strictly_newer(local.clock, incoming.clock):
        return local
    if strictly_newer(incoming.clock, local.clock):
        return incoming
    winner, loser = sorted((local, incoming), key=_tie_key, reverse=True)
    if isinstance(winner, AgreementVersion) and isinstance(loser, AgreementVersion):
        winner = _union_acks(winner, loser)  # type: ignore[assignment]
    return winner.model_copy(update={"clock": join(local.clock, incoming.clock)})


# ------------------------------------------------------------------------------ sessions
def combine_texts(first: str, second: str) -> str:
    """Both texts, ``first`` then ``second`` after a blank line; just one when it already
    holds the other (or the other is empty)."""
    if second.strip() in first:
        return first
    if first.strip() in second:
        return second
    return f"{first.rstrip()}\n\n{second.lstrip()}"


def join_sessions(first: Session, second: Session) -> Session:
    """One session from two with the same number and different ids (the same meeting started
    in two files), under the smaller id.

    When one has seen every edit of the other, it wins as it is. When their edits are
    concurrent, the merge rules pick the session's fields (:func:`merge_item`) and both
    sides' shared notes and recaps are kept, the earlier-started session's first. The result
    does not depend on which file joins them (nor on the order of the arguments)."""
    uid = min(first.uid, second.uid)
    one, other = (session.model_copy(update={"uid": uid}) for session in (first, second))
    merged = merge_item(one, other)
    if dominates(one.clock, other.clock) or dominates(other.clock, one.clock):
        return merged
    earlier, later = sorted((one, other), key=_started_key)
    return merged.model_copy(
        update={
            "shared_notes": combine_texts(earlier.shared_notes, later.shared_notes),
            "recap": combine_texts(earlier.recap, later.recap),
        }
    )


def _started_key(session: Session) -> tuple[str, str]:
    started = session.started_at.isoformat() if session.started_at else ""
    return (f"{session.held_on.isoformat()} {started}", canonical(session))


# ------------------------------------------------------------------------------- answers
def _version_id(version: ConflictCopy) -> tuple[str, datetime, str]:
    return (canonical(version.clock), version.updated_at, canonical(version.value))


def shown_version(answer: Answer, side: str) -> ConflictCopy:
    """The version behind ``answer``'s shown value: its own clock and the copy it came from.

    After a merge this is ``merged_version``; once the answer is edited again (new time or
    value) it is the answer's own clock, and the edit belongs to ``side`` (the file's owner).
    """
    value = None if answer.deleted else answer.value
    recorded = answer.merged_version
    if (
        recorded is not None
        and recorded.updated_at == answer.updated_at
        and recorded.value == value
    ):
        return recorded
    return ConflictCopy(
        value=value, updated_at=answer.updated_at, from_copy=side, clock=join(answer.clock)
    )


def versions_of(answer: Answer, side: str) -> list[ConflictCopy]:
    """The latest versions ``answer`` holds: the shown one and conflicts not yet superseded."""
    shown = shown_version(answer, side)
    others = [c for c in answer.conflicts if not strictly_newer(shown.clock, c.clock)]
    return [shown, *others]


def latest_versions(versions: list[ConflictCopy]) -> list[ConflictCopy]:
    """The versions no other version supersedes, deduplicated, newest first."""
    unique: dict[tuple[str, datetime, str], ConflictCopy] = {}
    for version in versions:
        key = _version_id(version)
        if key not in unique or version.from_copy > unique[key].from_copy:
            unique[key] = version
    found = [
        v
        for v in unique.values()
        if not any(strictly_newer(w.clock, v.clock) for w in unique.values())
    ]
    return sorted(found, key=lambda v: (v.updated_at, canonical(v.value)), reverse=True)


def merge_answer(local: Answer, local_side: str, incoming: Answer, incoming_side: str) -> Answer:
    """The merge of two copies of one answer (same prompt and author), kept in ``local``."""
    if local.is_private or incoming.is_private:
        return local
    if _content(local) == _content(incoming):
        return local
    mains = [
        (local, shown_version(local, local_side)),
        (incoming, shown_version(incoming, incoming_side)),
    ]
    deletions = {_version_id(version) for answer, version in mains if answer.deleted}
    versions = latest_versions(
        versions_of(local, local_side) + versions_of(incoming, incoming_side)
    )
    winner, rest = versions[0], versions[1:]
    clock = join(local.clock, incoming.clock, *(v.clock for v in versions))
    recorded = None if winner.clock == clock and winner.from_copy == local_side else winner
    deleted = _version_id(winner) in deletions
    merged = local.model_copy(
        update={
            "value": winner.value,
            "deleted": deleted,
            "updated_at": winner.updated_at,
            "clock": clock,
            "conflicts": tuple(sorted(rest, key=lambda v: (v.updated_at, canonical(v.value)))),
            "merged_version": recorded,
        }
    )
    return local if _content(merged) == _content(local) else merged


def adopted_answer(incoming: Answer, incoming_side: str) -> Answer:
    """An answer the local file does not have yet, with its version recorded."""
    shown = shown_version(incoming, incoming_side)
    return incoming.model_copy(update={"merged_version": shown})
