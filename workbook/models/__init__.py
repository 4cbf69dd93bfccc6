"""Domain models (pydantic v2) for everything a relationship file stores.

Import from here: ``from workbook.models import Relationship, Answer, Goal, ...``.
"""

from workbook.models.base import SCHEMA_VERSION, StoredModel, new_uid, utc_now
from workbook.models.enums import (
    ActionStatus,
    Author,
    DebriefOutcome,
    GoalStatus,
    MissedKind,
    RelationshipStatus,
    Role,
    SessionKind,
    Visibility,
)
from workbook.models.items import (
    Acknowledgement,
    ActionItem,
    AgreementVersion,
    Answer,
    AnswerKey,
    AnswerValue,
    Benchmark,
    ConflictCopy,
    Debrief,
    Goal,
    MissedMeeting,
    Note,
    Session,
)
from workbook.models.relationship import Cadence, Relationship

__all__ = [
    "SCHEMA_VERSION",
    "Acknowledgement",
    "ActionItem",
    "ActionStatus",
    "AgreementVersion",
    "Answer",
    "AnswerKey",
    "AnswerValue",
    "Author",
    "Benchmark",
    "Cadence",
    "ConflictCopy",
    "Debrief",
    "DebriefOutcome",
    "Goal",
    "GoalStatus",
    "MissedKind",
    "MissedMeeting",
    "Note",
    "Relationship",
    "RelationshipStatus",
    "Role",
    "Session",
    "SessionKind",
    "StoredModel",
    "Visibility",
    "new_uid",
    "utc_now",
]
