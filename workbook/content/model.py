"""Pydantic models of a parsed content pack: packs, tabs and prompts.

These are what the screens render; no prompt text lives in Python.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class PromptKind(StrEnum):
    """What sort of answer a prompt takes (and so which widget shows it)."""

    SHORT_TEXT = "short-text"
    LONG_TEXT = "long-text"
    SINGLE_CHOICE = "single-choice"
    MULTIPLE_CHOICE = "multiple-choice"
    RANKING = "ranking"
    SCALE = "scale"
    DATE = "date"
    YES_NO = "yes-no"
    CHECKLIST = "checklist"
    GOAL_LIST = "goal-list"
    ACTION_LIST = "action-list"
    CADENCE = "cadence"
    """The agreed meeting rhythm (how often, how long, first date, where): a structured form."""
    AGREEMENT = "agreement"
    """Shows the generated mentoring agreement for review and acknowledgement."""
    HOMEWORK_REVIEW = "homework-review"
    """Lists the homework set in earlier sessions for a debrief outcome each."""

    @property
    def needs_options(self) -> bool:
        """True for kinds whose prompt must list options."""
        return self in _OPTION_KINDS

    @property
    def is_structured(self) -> bool:
        """True for kinds backed by goals or action items rather than a stored answer."""
        return self in _STRUCTURED_KINDS


_OPTION_KINDS = frozenset(
    {
        PromptKind.SINGLE_CHOICE,
        PromptKind.MULTIPLE_CHOICE,
        PromptKind.RANKING,
        PromptKind.CHECKLIST,
    }
)


_STRUCTURED_KINDS = frozenset(
    {
        PromptKind.GOAL_LIST,
        PromptKind.ACTION_LIST,
        PromptKind.CADENCE,
        PromptKind.AGREEMENT,
        PromptKind.HOMEWORK_REVIEW,
    }
)


class Audience(StrEnum):
    """Who answers a prompt."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"
    """Mentor and mentee each answer separately."""
    JOINT = "joint"
    """One answer the pair agrees together."""


class SessionTag(StrEnum):
    """When in the relationship a tab or prompt is used."""

    BEFORE = "before"
    """Before the first meeting (preparation)."""
    FIRST = "first"
    SECOND = "second"
    AFTER = "after"
    """After the programme (follow-up)."""
    ANY = "any"


class SourceRef(BaseModel):
    """Where in a pack's files something was written (for error messages)."""

    model_config = ConfigDict(frozen=True)

    path: Path
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class Prompt(BaseModel):
    """One question of a tab, with how it is answered and guidance for answering it."""

    model_config = ConfigDict(frozen=True)

    id: str
    """Stable id, unique in the pack; answers are stored against it."""
    title: str
    """The question as shown (the Markdown heading's text)."""
    kind: PromptKind
    audience: Audience = Audience.BOTH
    session: SessionTag = SessionTag.ANY
    private: bool = False
    """Answers are seen only by their author (never shared, presented or exported)."""
    required: bool = False
    options: tuple[str, ...] = ()
    """Choices for single/multiple choice, ranking and checklist prompts."""
    scale_min: int = 1
    scale_max: int = 5
    agreement: str | None = None
    """The agreement section this prompt's answer feeds (e.g. ``cadence``), if any."""
    guidance: str = ""
    """Guidance shown under the question, in Markdown."""
    source: SourceRef | None = None


class Tab(BaseModel):
    """One tab of the workbook: a title, a short introduction and its prompts."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    intro: str = ""
    """Short introduction in Markdown."""
    session: SessionTag = SessionTag.ANY
    prompts: tuple[Prompt, ...] = ()
    source: SourceRef | None = None


class Pack(BaseModel):
    """A whole content pack, with any ``extends`` already resolved."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    version: str
    description: str = ""
    extends: str | None = None
    review_months: int = Field(default=6, ge=1, le=60)
    """Months until the mentoring agreement is due for review."""
    tabs: tuple[Tab, ...] = ()
    source_dir: Path | None = None

    def all_prompts(self) -> list[Prompt]:
        """Every prompt of every tab, in order."""
        return [prompt for tab in self.tabs for prompt in tab.prompts]

    def prompt(self, prompt_id: str) -> Prompt | None:
        """The prompt with ``prompt_id``, or None when the pack has no such prompt."""
        for tab in self.tabs:
            for prompt in tab.prompts:
                if prompt.id == prompt_id:
                    return prompt
        return None

    def tab(self, tab_id: str) -> Tab | None:
        """The tab with ``tab_id``, or None."""
        return next((tab for tab in self.tabs if tab.id == tab_id), None)


AGREEMENT_SECTIONS: tuple[str, ...] = (
    "objectives",
    "expectations",
    "cadence",
    "duration",
    "place",
    "contact",
    "between-sessions",
    "availability",
    "organising",
    "records",
    "confidentiality",
    "responsibilities",
    "decisions",
    "strengths",
    "missed-meetings",
    "feedback",
    "conflict",
    "accommodations",
    "coaching-style",
    "ending",
    "follow-up",
)
"""The sections of the mentoring agreement a prompt may feed (the ``agreement:`` setting)."""
