"""Domain models (pydantic v2) for everything a relationship file stores.

Import from here: ``from workbook.models import Relationship, Answer, Goal, ...``. Each name is
loaded from its module when first asked for (PEP 562), so the enumerations (``Role``,
``RelationshipStatus``...) come without pydantic: the command line builds its parser with them
and ``--help`` and ``--version`` never pay for building the models (about 150 ms).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (the names, for type checkers: `X` re-exports them)
    from workbook.models.base import (
        SCHEMA_VERSION,
        StoredModel,
        new_uid,
        utc_now,
    )
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


_HOMES = {
    "workbook.models.base": ("SCHEMA_VERSION", "StoredModel", "new_uid", "utc_now"),
    "workbook.models.enums": (
        "ActionStatus",
        "Author",
        "DebriefOutcome",
        "GoalStatus",
        "MissedKind",
        "RelationshipStatus",
        "Role",
        "SessionKind",
        "Visibility",
    ),
    "workbook.models.items": (
        "Acknowledgement",
        "ActionItem",
        "AgreementVersion",
        "Answer",
        "AnswerKey",
        "AnswerValue",
        "Benchmark",
        "ConflictCopy",
        "Debrief",
        "Goal",
        "MissedMeeting",
        "Note",
        "Session",
    ),
    "workbook.models.relationship": ("Cadence", "Relationship"),
}
"""Where each name lives (the package loads the module when the name is first asked for)."""
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

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


def __getattr__(name: str) -> Any:
    """Load ``name`` from its module the first time it is asked for."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
