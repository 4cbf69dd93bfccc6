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
    STATEMENT = "statement"
    """A term of the agreement stated by the pack, not asked ("The mentee leads the agenda")."""
    LINK = "link"
    """A web address (a booking page, a video-call link), shown as a link where possible."""

    @property
    def needs_options(self) -> bool:
        """True for kinds whose prompt must list options."""
        return self in _OPTION_KINDS

    @property
    def is_structured(self) -> bool:
        """True for kinds backed by goals or action items rather than a stored answer."""
        return self in _STRUCTURED_KINDS

    @property
    def takes_answer(self) -> bool:
        """True for kinds a person answers in a box of their own: not statements (nobody
        answers them) and not the structured editors (goals, actions, cadence, agreement,
        homework review)."""
        return not self.is_structured and self is not PromptKind.STATEMENT


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
"""Kinds with an editor of their own, backed by goals, actions, the cadence or the agreement
(a statement is neither: it holds no answer at all)."""


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


class ShowIf(BaseModel):
    """A condition on another prompt's answer: the prompt is shown only while it holds.

    Written ``show if: meeting-mode is other`` (or ``is one of a, b``). For a prompt answered
    by both people, each person's own answer to ``prompt`` decides for them (a joint answer
    decides for both).
    """

    model_config = ConfigDict(frozen=True)

    prompt: str
    """The id of the prompt whose answer decides."""
    values: tuple[str, ...]
    """The answers (options, ``yes``/``no``) for which the prompt is shown."""


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
    private_optional: bool = False
    """``private: optional``: each author chooses, per answer, whether to share it (private
    until they do). ``private`` is then False; the stored visibility decides."""
    required: bool = False
    options: tuple[str, ...] = ()
    """Choices for single/multiple choice, ranking and checklist prompts."""
    scale_min: int = 1
    scale_max: int = 5
    scale_labels: dict[int, str] = Field(default_factory=dict)
    """Words for points of a scale, at least its ends (``{0: "struggling", 10: "thriving"}``)."""
    agreement: str | None = None
    """The agreement section this prompt's answer feeds (e.g. ``cadence``), if any."""
    guidance: str = ""
    """Guidance shown under the question, in Markdown."""
    title_for_role: dict[str, str] = Field(default_factory=dict)
    """The question as asked of one role (``{"mentee": "What do you hope to learn?"}``);
    ``title`` is used for a role not listed, and wherever both roles read it."""
    guidance_for_role: dict[str, str] = Field(default_factory=dict)
    """Guidance for one role only, in Markdown, in place of ``guidance``."""
    show_if: ShowIf | None = None
    """Shown only while another prompt's answer is one of some values (see :class:`ShowIf`);
    hidden, it does not count towards progress and its answers are kept."""
    repeat: bool = False
    """``repeat: every session``: answered once per session; earlier sessions' answers are
    kept as history and shown beneath the current one."""
    checkin: str | None = None
    """Which programme check-in the answer is (``pairing-fit``, ``on-track``, ``feedback``):
    the coordinator's report shows the latest shared answer."""
    source: SourceRef | None = None

    def title_for(self, role: str | None) -> str:
        """The question as asked of ``role`` (a role value, or None for both)."""
        return self.title_for_role.get(role, self.title) if role else self.title

    def guidance_for(self, role: str | None) -> str:
        """The guidance for ``role`` (a role value, or None for both)."""
        return self.guidance_for_role.get(role, self.guidance) if role else self.guidance


class Tab(BaseModel):
    """One tab of the workbook: a title, a short introduction and its prompts."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    intro: str = ""
    """Short introduction in Markdown."""
    session: SessionTag = SessionTag.ANY
    minutes: int | None = Field(default=None, ge=1, le=600)
    """Suggested time for this step in a session (a timebox), e.g. 10 for rapport."""
    prompts: tuple[Prompt, ...] = ()
    source: SourceRef | None = None


class AgreementSection(BaseModel):
    """One section of a pack's mentoring agreement: its id (what prompts name in
    ``agreement:``) and its heading."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str


class CadenceDefaults(BaseModel):
    """The meeting rhythm a programme suggests; the cadence form starts from it."""

    model_config = ConfigDict(frozen=True)

    every_weeks: int | None = Field(default=None, ge=1, le=52)
    times_per_month: int | None = Field(default=None, ge=1, le=8)
    """Meetings a month (``twice a month``), instead of ``every_weeks``."""
    duration_minutes: int | None = Field(default=None, ge=5, le=600)
    count: int | None = Field(default=None, ge=1, le=520)


class GoalSettings(BaseModel):
    """How a pack shapes goals: examples, which SMART parts are required, how many."""

    model_config = ConfigDict(frozen=True)

    examples: tuple[str, ...] = ()
    """Example goal titles shown in the goal form."""
    action_examples: tuple[str, ...] = ()
    """Example action items shown in the action form."""
    required: tuple[str, ...] = ("specific", "measurable", "achievable", "relevant", "target")
    """The SMART parts a goal must have before it can be saved as SMART."""
    max_goals: int | None = Field(default=None, ge=1, le=50)


class Pack(BaseModel):
    """A whole content pack, with any ``extends`` already resolved."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    version: str
    description: str = ""
    extends: str | None = None
    review_months: int = Field(default=6, ge=1, le=60)
    """Months until the mentoring agreement is due for review, when no prompt with
    ``agreement: review`` has been answered with a date."""
    agreement_sections: tuple[AgreementSection, ...] = ()
    """The agreement's sections in order, when the pack declares its own (empty: the built-in
    :data:`AGREEMENT_SECTIONS`)."""
    planned_sessions: int | None = Field(default=None, ge=1, le=520)
    """How many sessions the programme has (e.g. 2), if it fixes it."""
    programme_months: int | None = Field(default=None, ge=1, le=120)
    """Over how many months the programme runs, if it says."""
    cadence_defaults: CadenceDefaults | None = None
    min_contacts_per_month: int | None = Field(default=None, ge=1, le=31)
    """The least contact the programme expects; the cadence form warns below it."""
    goals: GoalSettings = Field(default_factory=GoalSettings)
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

    def review_date_prompt(self) -> Prompt | None:
        """The date prompt in the agreement's ``review`` section, if the pack has one: its
        (joint) answer is the agreement's review date, before ``review_months``."""
        return next(
            (
                prompt
                for prompt in self.all_prompts()
                if prompt.agreement == "review" and prompt.kind is PromptKind.DATE
            ),
            None,
        )

    def checkin_prompt(self, checkin: str) -> Prompt | None:
        """The prompt that is the check-in ``checkin`` (one of :data:`CHECKINS`), if any."""
        return next((prompt for prompt in self.all_prompts() if prompt.checkin == checkin), None)

    def agreement_outline(self) -> tuple[AgreementSection, ...]:
        """The agreement's sections in order, with their headings: the ones the pack declares
        (``## Agreement sections`` in ``pack.md``, or inherited), else the built-in ones."""
        return self.agreement_sections or BUILT_IN_AGREEMENT_SECTIONS

    def agreement_title(self, section_id: str) -> str:
        """The heading of agreement section ``section_id`` in this pack (an unknown id, such as
        one an older version of the pack had, is turned into words: ``"Missed meetings"``)."""
        for section in self.agreement_outline():
            if section.id == section_id:
                return section.title
        return section_id.replace("-", " ").capitalize()


BUILT_IN_AGREEMENT_SECTIONS: tuple[AgreementSection, ...] = tuple(
    AgreementSection(id=section_id, title=title)
    for section_id, title in (
        ("objectives", "Objectives and goals"),
        ("expectations", "What we expect of each other"),
        ("cadence", "How often we meet"),
        ("duration", "How long we meet"),
        ("place", "Where we meet"),
        ("contact", "Staying in touch"),
        ("between-sessions", "Between sessions"),
        ("availability", "Availability and limits"),
        ("organising", "Who organises meetings"),
        ("records", "Records we keep"),
        ("confidentiality", "Confidentiality"),
        ("responsibilities", "Responsibilities"),
        ("decisions", "Decisions"),
        ("strengths", "Strengths we bring"),
        ("missed-meetings", "Missed or moved meetings"),
        ("feedback", "Feedback"),
        ("conflict", "Disagreements"),
        ("accommodations", "Accommodations"),
        ("coaching-style", "Coaching style"),
        ("ending", "Ending the relationship"),
        ("follow-up", "Follow-up"),
        ("review", "Reviewing this agreement"),
    )
)
"""The agreement's sections, in order with their headings, for a pack that declares none."""

AGREEMENT_SECTIONS: tuple[str, ...] = tuple(section.id for section in BUILT_IN_AGREEMENT_SECTIONS)
"""The built-in sections of the mentoring agreement a prompt may feed (``agreement:``). A date
prompt in ``review`` sets the agreement's review date; one in ``follow-up`` the follow-up."""

CHECKINS: tuple[str, ...] = ("pairing-fit", "on-track", "feedback")
"""The programme check-ins a prompt may be (``checkin:``): is the pairing a good fit, is the
mentee on track, how did the session go. The coordinator's report reads them."""
