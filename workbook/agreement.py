"""The mentoring agreement: always derived from the answers, goals and cadence; acknowledged
versions frozen.

:func:`draft_agreement` is the one function that says what the agreement is *now*; every place
that shows it (the agreement tab, the home screen and ``list``, the exports, ``status``, the
calendar) calls it, so none of them can show stale terms. Nothing is stored until someone
acknowledges: :func:`acknowledge` freezes the current draft as a version (or adds the second
side's acknowledgement to the version that still matches it). Whether the draft has moved on
since is :mod:`workbook.agreement_state`'s job.

The text is Markdown: a header (who, which programme), then every section that holds something,
in the order :func:`agreement_sections` gives, then one line naming the sections not yet agreed,
then the review section. Private answers never appear (:class:`~workbook.privacy.PrivacyRule`).
A version's ``source_hash`` is the hash of the text without its review section; the review date
is compared on its own (an agreed date is part of what was agreed, a default one is not).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from workbook.content.model import AgreementSection, Pack, Prompt, PromptKind
from workbook.errors import WorkbookError
from workbook.goals import add_months
from workbook.meetings import describe_moment
from workbook.models import (
    Acknowledgement,
    AgreementVersion,
    Answer,
    AnswerKey,
    AnswerValue,
    Author,
    Goal,
    Relationship,
    Role,
    utc_now,
)
from workbook.privacy import PrivacyRule
from workbook.scales import scale_description
from workbook.service import WorkbookService
from workbook.text import escape_markdown_line, escape_markdown_value

_md = escape_markdown_line

REVIEW_SECTION = "review"
"""The section whose date answer is the agreement's review date (always shown last)."""

REVIEW_HEADING = "## Review"
"""The last section of every agreement text (not part of its hash)."""

HEADER_TITLE = "Names and programme"
"""How the agreement's header (who, which programme, since when) is named when it changed."""
REVIEW_TITLE = "Review"
NOT_YET_AGREED = "Not yet agreed:"
"""Starts the one line that names every section still empty."""
AUTHOR_LABELS = {Author.MENTOR: "Mentor", Author.MENTEE: "Mentee", Author.JOINT: "Agreed"}


# ------------------------------------------------------------------------------ sections
def agreement_sections(pack: Pack) -> list[AgreementSection]:
    """The sections of ``pack``'s agreement in order, with their titles.

    The pack's own outline (declared, or the built-in sections: ``Pack.agreement_outline``);
    a section a prompt names that the outline lacks comes at the end. This is the only place
    the agreement's section order is decided.
    """
    sections = list(pack.agreement_outline())
    known = {section.id for section in sections}
    for prompt in pack.all_prompts():
        if prompt.agreement and prompt.agreement not in known:
            known.add(prompt.agreement)
            sections.append(
                AgreementSection(id=prompt.agreement, title=pack.agreement_title(prompt.agreement))
            )
    return sections


def _expected_sections(pack: Pack) -> set[str]:
    """Sections something in ``pack`` can fill: named by a shared prompt, or goals and cadence."""
    expected = {p.agreement for p in pack.all_prompts() if p.agreement and not p.private}
    kinds = {p.kind for p in pack.all_prompts()}
    if PromptKind.GOAL_LIST in kinds:
        expected.add("objectives")
    if PromptKind.CADENCE in kinds:
        expected.add("cadence")
    expected.discard(REVIEW_SECTION)
    return {section for section in expected if section}


# ----------------------------------------------------------------------------- values
def format_value(prompt: Prompt | None, value: AnswerValue) -> list[str]:
    """``value`` as Markdown lines, by the prompt's kind (lists become bullets or a ranking)."""
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if isinstance(value, int):
        if prompt is not None and prompt.kind is PromptKind.SCALE:
            return [f"{value} ({_md(scale_description(prompt))})"]
        return [str(value)]
    if isinstance(value, list):
        ranked = prompt is not None and prompt.kind is PromptKind.RANKING
        return [f"{n}. {item}" if ranked else f"- {item}" for n, item in enumerate(value, 1)]
    return str(value or "").strip().splitlines() or [""]


def labelled(label: str, prompt: Prompt | None, value: AnswerValue) -> list[str]:
    """A bullet ``- Label: value`` (lists and long text indented under it)."""
    lines = format_value(prompt, value)
    if isinstance(value, list):
        return [f"- {label}:"] + [f"  {line}" for line in lines]
    return [f"- {label}: {lines[0]}"] + [f"  {line}" for line in lines[1:]]


def _goal_lines(goals: list[Goal]) -> list[str]:
    lines = ["**Our goals**", ""]
    for number, goal in enumerate(goals, 1):
        when = f" (by {goal.target_date.isoformat()})" if goal.target_date else ""
        lines.append(f"{number}. {_md(goal.title)}{when}")
        for label, text in (("Specific", goal.specific), ("Measured by", goal.measurable)):
            if text.strip():
                lines.append(f"   - {label}: {_md(text)}")
        for benchmark in goal.benchmarks:
            due = f" ({benchmark.due.isoformat()})" if benchmark.due else ""
            lines.append(f"   - Benchmark: {_md(benchmark.label)}{due}")
    return lines + [""]


def _cadence_lines(relationship: Relationship) -> list[str]:
    cadence = relationship.cadence
    if cadence is None:
        return []
    lines = [f"- We meet {_md(cadence.describe())}."]
    if cadence.first_meeting is not None:
        lines.append(
            f"- First meeting: {describe_moment(cadence.first_meeting, cadence.timezone)}."
        )
    return lines + [""]


def _prompt_lines(prompt: Prompt, answers: dict[AnswerKey, Answer]) -> list[str]:
    """Every shared answer to ``prompt``: the joint one, and each person's (both, not one)."""
    if prompt.kind is PromptKind.STATEMENT:
        return [f"- {_md(prompt.title)}", ""]
    lines: list[str] = []
    for author in (Author.JOINT, Author.MENTOR, Author.MENTEE):
        answer = answers.get((prompt.id, author.value, 0))
        if answer is not None:
            lines += labelled(AUTHOR_LABELS[author], prompt, escape_markdown_value(answer.value))
    return [f"**{_md(prompt.title)}**", "", *lines, ""] if lines else []


def _date_of(value: AnswerValue) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value.strip() else None
    except ValueError:
        return None


# ------------------------------------------------------------------------------ drafts
@dataclass(frozen=True)
class DraftSection:
    """One section of a draft agreement: its id, heading and Markdown lines (empty: not agreed)."""

    id: str
    title: str
    lines: tuple[str, ...]

    @property
    def agreed(self) -> bool:
        """True when something fills the section."""
        return bool(self.lines)

    def markdown(self) -> list[str]:
        """The section as Markdown lines, heading first."""
        return [f"## {self.title}", "", *self.lines]


@dataclass(frozen=True)
class AgreementDraft:
    """The agreement as the answers, goals and cadence say it now (nothing stored)."""

    header: tuple[str, ...]
    sections: tuple[DraftSection, ...]
    """Every section the pack can fill, in order, agreed or not."""
    review_answer: date | None
    """The review date both agreed (the review prompt's answer), if they did."""
    review_months: int
    """The pack's default months from acknowledgement to review."""

    @property
    def agreed(self) -> list[DraftSection]:
        """The sections that hold something."""
        return [section for section in self.sections if section.agreed]

    @property
    def unagreed(self) -> list[DraftSection]:
        """The sections nothing fills yet."""
        return [section for section in self.sections if not section.agreed]

    @property
    def is_empty(self) -> bool:
        """True when nothing at all has been agreed (no section and no review date)."""
        return not self.agreed and self.review_answer is None

    @property
    def body(self) -> str:
        """The Markdown text without its review section (the form that is hashed)."""
        lines = list(self.header)
        for section in self.agreed:
            lines += section.markdown()
        if self.unagreed:
            lines += [f"{NOT_YET_AGREED} {', '.join(s.title for s in self.unagreed)}.", ""]
        return "\n".join(lines).rstrip() + "\n"

    @property
    def source_hash(self) -> str:
        """The hash of :attr:`body`: equal hashes, equal terms."""
        return source_hash(self.body)

    def review_on(self, acknowledged_on: date) -> date:
        """The review date if acknowledged on ``acknowledged_on``: the agreed date, or the
        pack's months after it."""
        return self.review_answer or add_months(acknowledged_on, self.review_months)

    def text(self, review_on: date) -> str:
        """The whole agreement, with the review section for ``review_on``."""
        return with_review(self.body, review_on)


def build_draft(
    relationship: Relationship, pack: Pack, answers: Iterable[Answer], goals: Iterable[Goal]
) -> AgreementDraft:
    """The agreement for these answers, goals and cadence (see :func:`draft_agreement`)."""
    rule = PrivacyRule.for_pack(pack)
    usable = {
        a.key: a for a in answers if not a.deleted and a.filled and not rule.answer_is_private(a)
    }
    goal_list = [goal for goal in goals if not goal.deleted]
    header = (
        "# Mentoring agreement",
        "",
        f"- Mentor: {_md(relationship.mentor)}",
        f"- Mentee: {_md(relationship.mentee)}",
        f"- Programme: {_md(f'{pack.title} ({pack.id} {pack.version})')}",
        f"- Started: {relationship.started_on.isoformat()}",
        "",
    )
    expected = _expected_sections(pack)
    prompts = [p for p in pack.all_prompts() if p.agreement and not p.private]
    sections: list[DraftSection] = []
    for section in agreement_sections(pack):
        if section.id == REVIEW_SECTION:
            continue
        body: list[str] = []
        if section.id == "objectives" and goal_list:
            body += _goal_lines(goal_list)
        if section.id == "cadence":
            body += _cadence_lines(relationship)
        if section.id == "follow-up" and relationship.follow_up_on:
            body += [f"- Follow-up on {relationship.follow_up_on.isoformat()}.", ""]
        for prompt in prompts:
            if prompt.agreement == section.id and not prompt.kind.is_structured:
                body += _prompt_lines(prompt, usable)
        if body or section.id in expected:
            sections.append(DraftSection(section.id, section.title, tuple(body)))
    review_answer = next(
        (
            found
            for prompt in prompts
            if prompt.agreement == REVIEW_SECTION and prompt.kind is PromptKind.DATE
            for author in (Author.JOINT, Author.MENTOR, Author.MENTEE)
            if (answer := usable.get((prompt.id, author.value, 0))) is not None
            and (found := _date_of(answer.value)) is not None
        ),
        None,
    )
    return AgreementDraft(header, tuple(sections), review_answer, pack.review_months)


def draft_agreement(service: WorkbookService, pack: Pack) -> AgreementDraft:
    """The current draft of ``service``'s agreement: what every view of it shows."""
    return build_draft(service.relationship, pack, service.answers(), service.goals())


def build_agreement_text(
    relationship: Relationship,
    pack: Pack,
    answers: Iterable[Answer],
    goals: Iterable[Goal],
    review_on: date | None = None,
) -> str:
    """The agreement as Markdown (without ``review_on``: no review section, the hashed form)."""
    draft = build_draft(relationship, pack, answers, goals)
    return draft.text(review_on) if review_on else draft.body


def with_review(body: str, review_on: date) -> str:
    """``body`` (without review section) followed by the review section for ``review_on``."""
    return f"{body.rstrip()}\n\n{REVIEW_HEADING}\n\nWe review this agreement by {review_on.isoformat()}.\n"


def body_of(text: str) -> str:
    """An agreement text without its review section."""
    head, found, _ = text.rpartition(f"\n\n{REVIEW_HEADING}\n")
    return head.rstrip() + "\n" if found else text


def source_hash(body: str) -> str:
    """The hash that identifies what an agreement text says."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- versions
def agreement_uid(version: int) -> str:
    """The uid of agreement version ``version`` (the same in both copies, so merges match)."""
    return f"agreement-v{version}"


def latest_agreement(service: WorkbookService) -> AgreementVersion | None:
    """The newest acknowledged version (by anyone), if there is one.

    Files from before drafts were derived may hold unacknowledged versions: they were drafts,
    never agreed, and are left out.
    """
    versions = [v for v in service.agreements() if v.acknowledgements]
    return versions[-1] if versions else None


def split_sections(text: str) -> dict[str, str]:
    """An agreement text's parts by heading: the header under ``""``, each ``## `` section
    under its title (sections that say they are not agreed yet, and the review, left out)."""
    parts: dict[str, list[str]] = {"": []}
    current = ""
    for line in body_of(text).splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            parts[current] = []
        elif not line.startswith(NOT_YET_AGREED) and line.strip() != "_Not yet agreed._":
            parts[current].append(line)
    blocks = {title: "\n".join(lines).strip() for title, lines in parts.items()}
    return {title: block for title, block in blocks.items() if block or title == ""}


def changed_sections(draft: AgreementDraft, version: AgreementVersion) -> list[str]:
    """The titles of what differs between ``draft`` and the frozen ``version`` (empty: none)."""
    changed: list[str] = []
    if version.source_hash != draft.source_hash:
        then, now = split_sections(version.text), split_sections(draft.body)
        titles = [s.title for s in draft.sections]
        titles += [title for title in then if title not in titles and title]
        changed = [t for t in titles if then.get(t) != now.get(t)]
        if then.get("") != now.get(""):
            changed.insert(0, HEADER_TITLE)
    agreed_review = version.review_on if version.review_agreed else None
    if agreed_review != draft.review_answer:
        changed.append(REVIEW_TITLE)
    return changed


def matches(draft: AgreementDraft, version: AgreementVersion) -> bool:
    """True when ``version`` says what ``draft`` says (no section and no agreed date differ)."""
    return not changed_sections(draft, version)


def _next_number(service: WorkbookService) -> int:
    """The number of the next version (an unacknowledged one left by an older release is
    taken over: it was only ever a draft)."""
    versions = service.agreements()
    if not versions:
        return 1
    return versions[-1].version + (1 if versions[-1].acknowledgements else 0)


def current_agreement(service: WorkbookService, pack: Pack, today: date) -> AgreementVersion:
    """The agreement as it stands now, as a version: the acknowledged version when the draft
    still matches it, else the draft as the next version (not stored, no acknowledgements,
    reviewed ``review_months`` from ``today`` unless a date was agreed). Writes nothing."""
    draft = draft_agreement(service, pack)
    latest = latest_agreement(service)
    if latest is not None and matches(draft, latest):
        return latest
    number = _next_number(service)
    review_on = draft.review_on(today)
    return AgreementVersion(
        uid=agreement_uid(number),
        version=number,
        text=draft.text(review_on),
        source_hash=draft.source_hash,
        review_on=review_on,
        review_agreed=draft.review_answer is not None,
    )


class UnagreedSectionsError(WorkbookError):
    """Acknowledging was refused because sections are not agreed yet (``sections``: titles)."""

    def __init__(self, sections: list[str]) -> None:
        super().__init__(
            f"{len(sections)} section{'s are' if len(sections) != 1 else ' is'} not agreed yet: "
            + ", ".join(sections)
        )
        self.sections = sections


def _pack_of(service: WorkbookService) -> Pack:
    from workbook.relationship_pack import pack_of

    pack = pack_of(service)
    if pack is None:
        raise WorkbookError(
            f"pack {service.relationship.pack_id!r} cannot be loaded, so the agreement cannot "
            "be drawn up"
        )
    return pack


def acknowledge(
    service: WorkbookService,
    role: Role,
    name: str,
    *,
    pack: Pack | None = None,
    today: date | None = None,
    review_months: int | None = None,
    refuse_unagreed: bool = False,
) -> AgreementVersion:
    """Record ``role``'s acknowledgement of the agreement as it stands now, and store it.

    The acknowledged version that still matches the draft gains (or renews) this side's
    acknowledgement; otherwise the draft becomes a new frozen version acknowledged by this side
    only. The review date is the agreed one, else ``today`` + the pack's review months
    (``review_months`` overrides the pack's). With ``refuse_unagreed``, sections not agreed yet
    raise :class:`UnagreedSectionsError` naming them (the UI asks first, then acknowledges);
    either way the returned version's text says which sections were not yet agreed.
    """
    pack = pack or _pack_of(service)
    if review_months is not None:
        pack = pack.model_copy(update={"review_months": review_months})
    name = name.strip()
    if not name:
        raise WorkbookError("give a name to acknowledge the agreement")
    draft = draft_agreement(service, pack)
    if refuse_unagreed and draft.unagreed:
        raise UnagreedSectionsError([section.title for section in draft.unagreed])
    now = utc_now()
    review_on = draft.review_on(today or now.date())
    latest = latest_agreement(service)
    if latest is not None and matches(draft, latest):
        existing = latest.acknowledged_by(role)
        if existing is not None and existing.name == name:
            return latest
        acks = [ack for ack in latest.acknowledgements if ack.role is not role]
        base = latest
    else:
        number = _next_number(service)
        acks = []
        base = service.get(AgreementVersion, agreement_uid(number)) or AgreementVersion(
            uid=agreement_uid(number), version=number, text="", review_on=review_on
        )
        base = base.model_copy(update={"source_hash": draft.source_hash})
    acks.append(Acknowledgement(role=role, name=name, at=now))
    acks.sort(key=lambda ack: ack.role.value)
    update = {
        "acknowledgements": acks,
        "review_on": review_on,
        "review_agreed": draft.review_answer is not None,
        "text": draft.text(review_on),
    }
    return service.save(base.model_copy(update=update))


def review_due(service: WorkbookService, today: date, pack: Pack | None = None) -> bool:
    """True when the agreement, acknowledged by both, has reached its review date."""
    from workbook.agreement_state import agreement_status
    from workbook.relationship_pack import pack_of

    return agreement_status(service, pack or pack_of(service), today).review_due
