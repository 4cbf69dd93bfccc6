"""Small enumerations shared by the domain models."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A person's side of the relationship."""

    MENTOR = "mentor"
    MENTEE = "mentee"

    @property
    def other(self) -> Role:
        """The other side."""
        return Role.MENTEE if self is Role.MENTOR else Role.MENTOR


class Author(StrEnum):
    """Who wrote an answer: one side, or both together (a joint answer)."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    JOINT = "joint"


class Visibility(StrEnum):
    """Whether an item may be seen by the other side."""

    SHARED = "shared"
    PRIVATE = "private"


class RelationshipStatus(StrEnum):
    """Where the relationship stands."""

    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended-early"


class GoalStatus(StrEnum):
    """Progress state of a goal."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ACHIEVED = "achieved"
    ADJUSTED = "adjusted"
    DROPPED = "dropped"


class ActionStatus(StrEnum):
    """State of an action item or piece of homework."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class DebriefOutcome(StrEnum):
    """How a piece of homework went, recorded at the debrief."""

    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not-done"


class MissedKind(StrEnum):
    """Why a planned meeting did not take place."""

    MISSED = "missed"
    """Someone did not turn up (or the meeting was forgotten)."""
    CANCELLED = "cancelled"
    """Called off beforehand."""


class SessionKind(StrEnum):
    """The kind of a mentoring session."""

    FIRST = "first"
    SECOND = "second"
    REGULAR = "regular"
    CLOSING = "closing"
