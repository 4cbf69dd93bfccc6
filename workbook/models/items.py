"""The items a relationship holds: answers, goals, action items, sessions, notes, agreements."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, Field, StrictBool, StrictInt, field_validator

from workbook.models.base import StoredModel, as_utc
from workbook.models.enums import (
    ActionStatus,
    Author,
    DebriefOutcome,
    GoalStatus,
    MissedKind,
    Role,
    SessionKind,
    Visibility,
)

AnswerValue = StrictBool | StrictInt | str | list[str] | None
"""An answer's value, typed by its prompt's kind: text, a choice, a list, a number or yes/no."""

AnswerKey = tuple[str, str, int]
"""What identifies an answer in every copy: (prompt id, author, session number or 0)."""


def is_filled(value: AnswerValue) -> bool:
    """True when ``value`` holds something (not None, blank text or an empty list)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return True


class ConflictCopy(BaseModel):
    """A value that lost a concurrent edit during a merge, kept so nothing is lost."""

    value: AnswerValue = None
    updated_at: AwareDatetime
    from_copy: str = ""
    """Which side's copy the value came from (``mentor`` or ``mentee``)."""
    clock: Mapping[str, int] = Field(default_factory=dict)
    """The version vector of that value's own edit (merging drops it once superseded)."""


class Answer(StoredModel):
    """One answer to one prompt by one author."""

    prompt_id: str = Field(min_length=1)
    author: Author
    session_number: int | None = Field(default=None, ge=1)
    """For a prompt that repeats at every session: the session this answer belongs to (earlier
    sessions' answers are kept as history). None for prompts answered once."""
    value: AnswerValue = None
    visibility: Visibility = Visibility.SHARED
    conflicts: tuple[ConflictCopy, ...] = ()
    """Values from concurrent edits in another copy, shown until someone resolves them (a
    tuple: the empty one, which almost every answer has, is one shared object that the
    garbage collector never visits, where an empty list per answer was 50,000 at 50,000)."""
    merged_version: ConflictCopy | None = None
    """Set by a merge: the shown value's own version (its clock may be older than ``clock``).
    Ignored once the answer is edited again (its ``updated_at`` then no longer matches)."""

    @property
    def key(self) -> AnswerKey:
        """(prompt id, author, session number or 0): the answer's identity in every copy."""
        return (self.prompt_id, self.author.value, self.session_number or 0)

    @property
    def filled(self) -> bool:
        """True when the answer holds something (see :func:`is_filled`)."""
        return is_filled(self.value)

    @property
    def is_private(self) -> bool:
        """True when only its author may see it."""
        return self.visibility is Visibility.PRIVATE


class Benchmark(BaseModel):
    """A milestone on the way to a goal, e.g. "by session two" or "in three months"."""

    label: str
    due: date | None = None
    done: bool = False


class Goal(StoredModel):
    """A SMART goal with benchmarks, status and progress."""

    title: str = Field(min_length=1)
    specific: str = ""
    measurable: str = ""
    achievable: str = ""
    relevant: str = ""
    target_date: date | None = None
    """The time-bound part: when the goal should be met."""
    benchmarks: list[Benchmark] = Field(default_factory=list)
    status: GoalStatus = GoalStatus.NOT_STARTED
    progress: int = Field(default=0, ge=0, le=100)
    """Per cent complete."""
    notes: str = ""
    """What was adjusted when the goal was revisited."""


class Debrief(BaseModel):
    """How a piece of homework went, as talked through in one session's debrief."""

    session: int = Field(ge=1)
    """The session whose debrief this is."""
    outcome: DebriefOutcome
    what_worked: str = ""
    what_did_not: str = ""


class ActionItem(StoredModel):
    """A step of the action plan or a piece of homework between sessions."""

    text: str = Field(min_length=1)
    owner: Role = Role.MENTEE
    due_date: date | None = None
    due_session: int | None = Field(default=None, ge=1)
    """The session number it is due by, when it is due by a session rather than a date."""
    set_in_session: int | None = Field(default=None, ge=1)
    """The session in which it was agreed (the debrief pulls homework by this)."""
    goal_uid: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    outcome: DebriefOutcome | None = None
    """The latest debrief's outcome (see ``debriefs`` for every session's)."""
    what_worked: str = ""
    what_did_not: str = ""
    debriefs: list[Debrief] = Field(default_factory=list)
    """Each session's debrief of it, by session: a partly-done item is talked through again at
    every later session until it is done or dropped, and each of those outcomes is kept."""

    def debrief_in(self, session: int) -> Debrief | None:
        """The debrief of this item in session ``session``, if it was talked through there."""
        return next((d for d in self.debriefs if d.session == session), None)

    def is_overdue(self, today: date) -> bool:
        """True when it is still open and its due date has passed."""
        return (
            self.status is ActionStatus.OPEN and self.due_date is not None and self.due_date < today
        )


class Session(StoredModel):
    """One mentoring meeting with its shared notes (private notes are :class:`Note` items)."""

    number: int = Field(ge=1)
    kind: SessionKind = SessionKind.REGULAR
    held_on: date
    started_at: AwareDatetime | None = None
    closed_at: AwareDatetime | None = None
    """When the meeting was closed (its clock stops here); None while it is under way."""
    next_meeting: AwareDatetime | None = None
    """The next meeting agreed at the close of this one (UTC)."""
    recap: str = ""
    """A short summary of what was agreed, written at the close."""
    shared_notes: str = ""
    clock_seconds: float = Field(default=0.0, ge=0)
    """Meeting time counted so far, up to ``running_since`` (the clock pauses when the
    workbook is closed, so it never runs across a quit and a reopen)."""
    running_since: AwareDatetime | None = None
    """When the clock last started running (None: paused or closed)."""

    @field_validator("started_at", "closed_at", "next_meeting", "running_since")
    @classmethod
    def _moments_utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value is not None else None

    @property
    def is_open(self) -> bool:
        """True while the meeting is under way (started and not yet closed)."""
        return self.closed_at is None


class MissedMeeting(StoredModel):
    """A planned meeting that did not take place: missed or cancelled, by whom and why."""

    planned_on: date
    kind: MissedKind = MissedKind.CANCELLED
    by: Role | None = None
    """Who missed or cancelled it (None: not said, or both)."""
    reason: str = ""
    rescheduled_to: AwareDatetime | None = None
    """The new time agreed for it, if one was (UTC)."""

    @field_validator("rescheduled_to")
    @classmethod
    def _rescheduled_utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value is not None else None


class Note(StoredModel):
    """A private note: seen only by its author, never shared, presented or exported by default."""

    author: Role
    session_number: int | None = None
    text: str = ""


class Acknowledgement(BaseModel):
    """One side's acceptance of an agreement version."""

    role: Role
    name: str = Field(min_length=1)
    at: AwareDatetime

    @field_validator("at")
    @classmethod
    def _at_utc(cls, value: datetime) -> datetime:
        return as_utc(value)


class AgreementVersion(StoredModel):
    """One version of the mentoring agreement, as generated and as acknowledged."""

    version: int = Field(ge=1)
    text: str
    """The agreement as a Markdown document."""
    source_hash: str = ""
    """Hash of the inputs it was generated from, to detect that a new version is needed."""
    review_on: date
    review_agreed: bool = False
    """True when ``review_on`` is the date both agreed (the review prompt's answer); False when
    it is the pack's ``review_months`` after the latest acknowledgement."""
    acknowledgements: list[Acknowledgement] = Field(default_factory=list)

    def acknowledged_by(self, role: Role) -> Acknowledgement | None:
        """The acknowledgement by ``role``, if that side has acknowledged this version."""
        return next((ack for ack in self.acknowledgements if ack.role is role), None)

    @property
    def fully_acknowledged(self) -> bool:
        """True when both mentor and mentee have acknowledged this version."""
        return all(self.acknowledged_by(role) for role in Role)
