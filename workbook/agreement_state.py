"""Where the mentoring agreement stands: none, draft, awaiting someone, acknowledged, changed
since acknowledged, or due for review, with the one review date.

:func:`agreement_status` compares the current draft (:func:`workbook.agreement.draft_agreement`)
with the newest acknowledged version. Sections are compared by their text, read back from the
frozen version, so "changed since acknowledged: 2 sections (Where we meet, Review)" names
exactly what moved, also for versions written by earlier releases.

The review date is the one both agreed (a date answer in the ``review`` section) while there
is one; otherwise the pack's ``review_months`` after the latest acknowledgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from workbook.agreement import AgreementDraft, changed_sections, draft_agreement, latest_agreement
from workbook.content.model import Pack
from workbook.goals import add_months
from workbook.models import AgreementVersion, Relationship, Role
from workbook.service import WorkbookService


class AgreementState(StrEnum):
    """Where the mentoring agreement stands."""

    NONE = "none"
    """Nothing agreed and nothing acknowledged yet."""
    DRAFT = "draft"
    """Something is agreed, nobody has acknowledged it."""
    AWAITING = "awaiting acknowledgement"
    """One side acknowledged the current terms, the other has not yet."""
    ACKNOWLEDGED = "acknowledged"
    CHANGED = "changed since acknowledged"
    """The terms moved on since the newest acknowledged version."""
    REVIEW_DUE = "review due"


def review_date(
    draft: AgreementDraft | None, version: AgreementVersion | None, review_months: int
) -> date | None:
    """The one review date: the agreed one, else ``review_months`` after the latest
    acknowledgement (None while nothing is acknowledged and no date was agreed)."""
    if draft is not None and draft.review_answer is not None:
        return draft.review_answer
    if version is None:
        return None
    if not version.review_agreed:
        return version.review_on
    latest = max(ack.at for ack in version.acknowledgements).date()
    return add_months(latest, review_months)


@dataclass(frozen=True)
class AgreementStatus:
    """The agreement's state with everything a view says about it."""

    state: AgreementState
    draft: AgreementDraft | None
    """The current draft (None when the pack could not be loaded)."""
    version: AgreementVersion | None
    """The newest acknowledged version, if any."""
    awaiting: tuple[Role, ...] = ()
    """Who still has to acknowledge the current terms."""
    changed: tuple[str, ...] = ()
    """Titles of what changed since ``version`` was acknowledged."""
    unagreed: tuple[str, ...] = ()
    """Titles of the sections not agreed yet."""
    review_on: date | None = None
    review_due: bool = False
    """True when both acknowledged and the review date has come."""

    @property
    def is_current(self) -> bool:
        """True when the acknowledged version still says what the draft says."""
        return self.version is not None and not self.changed

    def label(self, relationship: Relationship | None = None) -> str:
        """One line for a person: ``changed since acknowledged: 2 sections (Place, Review)``,
        ``awaiting Sam Okafor (mentee)``, ``acknowledged, review by 2026-07-01``..."""
        review = f"review by {self.review_on.isoformat()}" if self.review_on else ""
        if self.state is AgreementState.NONE:
            return "none"
        if self.state is AgreementState.DRAFT:
            return "draft, not acknowledged yet"
        if self.state is AgreementState.CHANGED:
            count = len(self.changed)
            text = (
                f"changed since acknowledged: {count} section{'s' if count != 1 else ''} "
                f"({', '.join(self.changed)})"
            )
            return text + (f"; review due since {self.review_on}" if self.review_due else "")
        if self.state is AgreementState.AWAITING:
            who = ", ".join(
                f"{relationship.name_of(role)} ({role.value})" if relationship else role.value
                for role in self.awaiting
            )
            return f"awaiting {who}"
        if self.state is AgreementState.REVIEW_DUE:
            return f"review due since {self.review_on}"
        return f"acknowledged by both, {review}" if review else "acknowledged by both"


def agreement_status(service: WorkbookService, pack: Pack | None, today: date) -> AgreementStatus:
    """Where ``service``'s agreement stands on ``today``.

    Without a pack (missing or broken) the draft cannot be drawn up: the state then comes from
    the stored versions alone and cannot say whether the terms changed.
    """
    draft = draft_agreement(service, pack) if pack is not None else None
    version = latest_agreement(service)
    months = pack.review_months if pack is not None else 6
    review_on = review_date(draft, version, months)
    unagreed = tuple(s.title for s in draft.unagreed) if draft else ()
    if version is None:
        empty = draft is None or draft.is_empty
        state = AgreementState.NONE if empty else AgreementState.DRAFT
        return AgreementStatus(
            state,
            draft,
            None,
            awaiting=() if empty else tuple(Role),
            unagreed=unagreed,
            review_on=review_on,
        )
    changed = tuple(changed_sections(draft, version)) if draft is not None else ()
    due = version.fully_acknowledged and review_on is not None and review_on <= today
    awaiting = tuple(role for role in Role if changed or version.acknowledged_by(role) is None)
    if changed:
        state = AgreementState.CHANGED
    elif awaiting:
        state = AgreementState.AWAITING
    elif due:
        state = AgreementState.REVIEW_DUE
    else:
        state = AgreementState.ACKNOWLEDGED
    return AgreementStatus(state, draft, version, awaiting, changed, unagreed, review_on, due)
