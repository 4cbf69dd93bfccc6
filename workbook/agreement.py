"""The mentoring agreement: generated from the answers, goals and cadence; versioned; acknowledged.

The text is a Markdown document. Its sections follow the ``agreement:`` settings of the pack's
prompts, in pack order. Private answers never appear. A version's ``source_hash`` is the hash
of the text without its review line, so a version changes only when what was agreed changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from workbook.content.model import BUILT_IN_AGREEMENT_SECTIONS, Pack, Prompt, PromptKind
from workbook.errors import WorkbookError
from workbook.goals import add_months
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
from workbook.service import WorkbookService

DEFAULT_REVIEW_MONTHS = 6
"""Months until an agreement is due for review when the pack does not say."""

REVIEW_HEADING = "## Review"
"""The last section of every agreement text (not part of its hash)."""

SECTION_TITLES: dict[str, str] = {
    section.id: section.title for section in BUILT_IN_AGREEMENT_SECTIONS
}
"""Headings of the built-in agreement sections (unknown section names are title-cased); the
titles live with the content model (a pack may declare its own: ``Pack.agreement_outline``)."""

NOT_YET_AGREED = "_Not yet agreed._"
AUTHOR_LABELS = {Author.MENTOR: "Mentor", Author.MENTEE: "Mentee", Author.JOINT: "Agreed"}


def format_value(prompt: Prompt | None, value: AnswerValue) -> list[str]:
    """``value`` as Markdown lines, by the prompt's kind (lists become bullets or a ranking)."""
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if isinstance(value, int):
        if prompt is not None and prompt.kind is PromptKind.SCALE:
            return [f"{value} (on a scale of {prompt.scale_min} to {prompt.scale_max})"]
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


def _section_order(pack: Pack, relationship: Relationship, goals: list[Goal]) -> list[str]:
    order: list[str] = []
    for prompt in pack.all_prompts():
        if prompt.agreement and prompt.agreement not in order:
            order.append(prompt.agreement)
    if goals and "objectives" not in order:
        order.insert(0, "objectives")
    if relationship.cadence and "cadence" not in order:
        order.insert(1 if order[:1] == ["objectives"] else 0, "cadence")
    return order


def _goal_lines(goals: list[Goal]) -> list[str]:
    lines = ["**Our goals**", ""]
    for number, goal in enumerate(goals, 1):
        when = f" (by {goal.target_date.isoformat()})" if goal.target_date else ""
        lines.append(f"{number}. {goal.title}{when}")
        for label, text in (("Specific", goal.specific), ("Measured by", goal.measurable)):
            if text.strip():
                lines.append(f"   - {label}: {' '.join(text.split())}")
        for benchmark in goal.benchmarks:
            due = f" ({benchmark.due.isoformat()})" if benchmark.due else ""
            lines.append(f"   - Benchmark: {benchmark.label}{due}")
    return lines + [""]


def _cadence_lines(relationship: Relationship) -> list[str]:
    cadence = relationship.cadence
    if cadence is None:
        return []
    lines = [f"- We meet {cadence.describe()}."]
    if cadence.first_meeting is not None:
        lines.append(f"- First meeting: {cadence.first_meeting.strftime('%Y-%m-%d %H:%M')} UTC.")
    return lines + [""]


def _prompt_lines(prompt: Prompt, answers: dict[AnswerKey, Answer]) -> list[str]:
    lines: list[str] = []
    for author in (Author.JOINT, Author.MENTOR, Author.MENTEE):
        answer = answers.get((prompt.id, author.value, 0))
        if answer is not None and answer.filled:
            lines += labelled(AUTHOR_LABELS[author], prompt, answer.value)
    return [f"**{prompt.title}**", "", *lines, ""] if lines else []


def build_agreement_text(
    relationship: Relationship,
    pack: Pack,
    answers: Iterable[Answer],
    goals: Iterable[Goal],
    review_on: date | None = None,
) -> str:
    """The agreement as Markdown, from shared answers, goals and the cadence.

    Without ``review_on`` the text has no review section (that form is what is hashed).
    """
    usable = {a.key: a for a in answers if not a.deleted and not a.is_private and a.filled}
    goal_list = [goal for goal in goals if not goal.deleted]
    lines = [
        "# Mentoring agreement",
        "",
        f"- Mentor: {relationship.mentor}",
        f"- Mentee: {relationship.mentee}",
        f"- Programme: {pack.title} ({pack.id} {pack.version})",
        f"- Started: {relationship.started_on.isoformat()}",
        "",
    ]
    for section in _section_order(pack, relationship, goal_list):
        body: list[str] = []
        if section == "objectives" and goal_list:
            body += _goal_lines(goal_list)
        if section == "cadence":
            body += _cadence_lines(relationship)
        if section == "follow-up" and relationship.follow_up_on:
            body += [f"- Follow-up on {relationship.follow_up_on.isoformat()}.", ""]
        for prompt in pack.all_prompts():
            if prompt.agreement == section and not prompt.private and not prompt.kind.is_structured:
                body += _prompt_lines(prompt, usable)
        title = SECTION_TITLES.get(section, section.replace("-", " ").capitalize())
        lines += [f"## {title}", "", *(body or [NOT_YET_AGREED, ""])]
    text = "\n".join(lines).rstrip() + "\n"
    return with_review(text, review_on) if review_on else text


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


def agreement_uid(version: int) -> str:
    """The uid of agreement version ``version`` (the same in both copies, so merges match)."""
    return f"agreement-v{version}"


def latest_agreement(service: WorkbookService) -> AgreementVersion | None:
    """The newest agreement version, if there is one."""
    versions = service.agreements()
    return versions[-1] if versions else None


def current_agreement(service: WorkbookService, pack: Pack, today: date) -> AgreementVersion:
    """The agreement for what is agreed now: the latest version, a redraft, or a new version.

    An unacknowledged latest version is redrafted in place; once anyone has acknowledged it, a
    change yields a new version (earlier ones are kept) that needs new acknowledgements.
    """
    rel = service.relationship
    body = build_agreement_text(rel, pack, service.answers(), service.goals())
    digest = source_hash(body)
    latest = latest_agreement(service)
    if latest is not None and latest.source_hash == digest:
        return latest
    review_on = add_months(today, pack.review_months)
    text = with_review(body, review_on)
    if latest is not None and not latest.acknowledgements:
        update = {"text": text, "source_hash": digest, "review_on": review_on}
        return service.save(latest.model_copy(update=update))
    number = latest.version + 1 if latest else 1
    version = AgreementVersion(
        uid=agreement_uid(number),
        version=number,
        text=text,
        source_hash=digest,
        review_on=review_on,
    )
    return service.save(version)


def _review_months(service: WorkbookService) -> int:
    try:
        from workbook.content.catalog import PackCatalog

        return PackCatalog.default().load(service.relationship.pack_id).review_months
    except Exception:  # noqa: BLE001 - any pack problem: fall back to the default
        return DEFAULT_REVIEW_MONTHS


def acknowledge(
    service: WorkbookService,
    role: Role,
    name: str,
    *,
    today: date | None = None,
    review_months: int | None = None,
) -> AgreementVersion:
    """Record ``role``'s acknowledgement of the latest version; the review date moves to
    ``today`` + the pack's review months (default six)."""
    latest = latest_agreement(service)
    if latest is None:
        raise WorkbookError("there is no agreement to acknowledge yet")
    name = name.strip()
    if not name:
        raise WorkbookError("give a name to acknowledge the agreement")
    existing = latest.acknowledged_by(role)
    if existing is not None and existing.name == name:
        return latest
    now = utc_now()
    months = review_months or _review_months(service)
    review_on = add_months(today or now.date(), months)
    acks = [ack for ack in latest.acknowledgements if ack.role is not role]
    acks.append(Acknowledgement(role=role, name=name, at=now))
    acks.sort(key=lambda ack: ack.role.value)
    update = {
        "acknowledgements": acks,
        "review_on": review_on,
        "text": with_review(body_of(latest.text), review_on),
    }
    return service.save(latest.model_copy(update=update))


def review_due(service: WorkbookService, today: date) -> bool:
    """True when the latest agreement was acknowledged by both and its review date has come."""
    latest = latest_agreement(service)
    return latest is not None and latest.fully_acknowledged and latest.review_on <= today


def needs_acknowledgement(service: WorkbookService) -> list[Role]:
    """The sides that have not acknowledged the latest agreement version."""
    latest = latest_agreement(service)
    if latest is None:
        return []
    return [role for role in Role if latest.acknowledged_by(role) is None]
