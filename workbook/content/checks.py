"""Checks that need the whole resolved pack: conditions, agreement sections, the review date,
check-ins and the meeting rhythm against the least contact.

A prompt's own settings are checked where it is read; these checks look across prompts (does
``show if`` name an earlier prompt with that option?) and across packs (does a section this
pack leaves out still feed a question it inherits?). Each check runs once over the pack's
prompts with dictionaries built once, so the whole pass is linear in the pack's size.

A problem is reported where it can be fixed: at the setting of the pack's own prompt, or,
for a prompt inherited from the extended pack, at the line of this pack that broke it (the
``drop`` that removed a prompt it depends on, the section list that leaves its section out).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.content.errors import ContentProblem
from workbook.content.frontmatter import KeyValues, is_valid_id
from workbook.content.manifest import AGREEMENT_HEADING, Manifest
from workbook.content.model import Audience, Pack, Prompt, PromptKind, ShowIf
from workbook.content.phrases import Rhythm
from workbook.content.prompt_settings import kind_name
from workbook.content.suggest import SUGGESTION_BUDGET, did_you_mean, unknown_name

if TYPE_CHECKING:
    from workbook.content.resolve import Lineage

DECIDING_KINDS = frozenset(
    {
        PromptKind.SINGLE_CHOICE,
        PromptKind.MULTIPLE_CHOICE,
        PromptKind.CHECKLIST,
        PromptKind.YES_NO,
        PromptKind.SCALE,
    }
)
"""Kinds whose answer can decide whether another prompt is shown (``show if``)."""

YES_NO_VALUES = ("yes", "no")
LISTED_ANSWERS = 30
"""How many possible answers a message lists."""


@dataclass(frozen=True)
class _Place:
    """Where a prompt stands in the resolved pack."""

    index: int
    tab_id: str
    prompt: Prompt


class _Reporter:
    """Puts each problem at the line that can fix it (see the module docstring)."""

    def __init__(
        self,
        manifest: Manifest,
        own_settings: Mapping[str, KeyValues],
        lineage: Lineage | None,
        problems: list[ContentProblem],
    ) -> None:
        self.manifest = manifest
        self.own_settings = own_settings
        self.lineage = lineage
        self.problems = problems
        self.folder = manifest.path.parent

    def is_own(self, prompt: Prompt) -> bool:
        """True when ``prompt`` is written in this pack's files (not inherited)."""
        return (
            prompt.id in self.own_settings
            and prompt.source is not None
            and prompt.source.path.parent == self.folder
        )

    def at_setting(self, prompt: Prompt, key: str, message: str) -> None:
        """Report ``message`` at ``prompt``'s ``key`` setting (its heading when not given)."""
        source = prompt.source
        path, line = (source.path, source.line) if source else (self.manifest.path, 1)
        settings = self.own_settings.get(prompt.id)
        if settings is not None and settings.has(key):
            line = settings.line_of(key)
        self.problems.append(ContentProblem(path, line, message))

    def at_manifest(self, key: str, message: str) -> None:
        """Report ``message`` at ``key``'s line of ``pack.md``."""
        self.problems.append(
            ContentProblem(self.manifest.path, self.manifest.line_of(key), message)
        )

    def at_prompt(self, prompt: Prompt, message: str) -> None:
        """Report ``message`` at ``prompt``'s heading."""
        source = prompt.source
        path, line = (source.path, source.line) if source else (self.manifest.path, 1)
        self.problems.append(ContentProblem(path, line, message))

    def why_missing(self, prompt_id: str) -> tuple[Path, int, str] | None:
        """Where this pack removed ``prompt_id`` of the extended pack, and how, if it did."""
        dropped = self.lineage.dropped_prompts.get(prompt_id) if self.lineage else None
        if dropped is None:
            return None
        how = "its tab is replaced without it"
        if dropped.reason in ("drop", "drop_tabs"):
            how = f"{dropped.reason} removes it"
        return dropped.path, dropped.line, how


def check_pack(
    pack: Pack,
    manifest: Manifest,
    problems: list[ContentProblem],
    own_settings: Mapping[str, KeyValues] | None = None,
    lineage: Lineage | None = None,
) -> None:
    """Run every whole-pack check on ``pack`` (built from ``manifest``), adding ``problems``.

    ``own_settings`` holds the settings of the pack's own prompts as written (with their
    lines; also of prompts too broken to build); ``lineage`` says what this pack dropped from
    the one it extends.
    """
    report = _Reporter(manifest, own_settings or {}, lineage, problems)
    places: dict[str, _Place] = {}
    for tab in pack.tabs:
        for prompt in tab.prompts:
            places.setdefault(prompt.id, _Place(len(places), tab.id, prompt))
    _check_sections(pack, report)
    _check_conditions(pack, places, report)
    _check_review_date(pack, report)
    _check_checkins(pack, report)
    _check_contact(pack, manifest, report)


def _check_sections(pack: Pack, report: _Reporter) -> None:
    """Every ``agreement:`` names a section of the pack's agreement: as written in the pack's
    own prompts (also those too broken to build), and in the prompts it inherits."""
    sections = [section.id for section in pack.agreement_outline()]
    known = set(sections)
    for settings in report.own_settings.values():
        written = (settings.text("agreement") or "").lower()
        if written and is_valid_id(written) and written not in known:
            report.problems.append(
                ContentProblem(
                    settings.path,
                    settings.line_of("agreement"),
                    unknown_name("agreement section", written, sections, "sections"),
                )
            )
    left_out: dict[str, list[Prompt]] = {}
    for prompt in pack.all_prompts():
        section = prompt.agreement
        if section is not None and section not in known and not report.is_own(prompt):
            left_out.setdefault(section, []).append(prompt)
    for section, prompts in left_out.items():
        names = ", ".join(f"{p.id!r} ({p.source})" for p in prompts[:5])
        more = f" and {len(prompts) - 5} more" if len(prompts) > 5 else ""
        report.problems.append(
            ContentProblem(
                report.manifest.path,
                report.manifest.section_lines.get("", 1),
                f"'## {AGREEMENT_HEADING}' leaves out {section!r}, which inherited prompts "
                f"feed: {names}{more}; add the section or drop those prompts",
            )
        )


def _check_conditions(pack: Pack, places: dict[str, _Place], report: _Reporter) -> None:
    """Every ``show if`` names an earlier prompt whose answer can decide, with those values."""
    suggestions = 0
    answers = _Answers()
    for tab in pack.tabs:
        for prompt in tab.prompts:
            condition = prompt.show_if
            if condition is None:
                continue
            here = places[prompt.id]
            target = places.get(condition.prompt)
            if target is None:
                hint = ""
                if suggestions < SUGGESTION_BUDGET:
                    suggestions += 1
                    hint = did_you_mean(condition.prompt, places)
                _condition_problem(
                    report,
                    prompt,
                    None,
                    f"there is no prompt {condition.prompt!r} in this pack{hint}",
                )
                continue
            reason = _condition_fault(prompt, condition, here, target, answers)
            if reason is not None:
                _condition_problem(report, prompt, target.prompt, reason)


def _condition_fault(
    prompt: Prompt, condition: ShowIf, here: _Place, target: _Place, answers: _Answers
) -> str | None:
    """What is wrong with ``prompt``'s ``condition`` on ``target`` (None when it is sound)."""
    decider = target.prompt
    if target.index >= here.index:
        where = (
            "is this question" if decider is prompt else f"comes after it (tab {target.tab_id!r})"
        )
        return f"{decider.id!r} {where}: a question can only depend on an answer given before it"
    if decider.kind not in DECIDING_KINDS:
        return (
            f"{decider.id!r} is a {kind_name(decider.kind)} question; only a choice, a "
            "yes/no or a scale answer can decide whether a question is shown"
        )
    wrong = _wrong_values(decider, condition.values, answers)
    if wrong:
        return wrong
    if decider.repeat and not prompt.repeat:
        return (
            f"{decider.id!r} is asked every session but this question only once, so no one "
            "answer can decide: give it 'repeat: every session' too"
        )
    if decider.private or decider.private_optional:
        same_people = prompt.audience is decider.audience and prompt.audience is not Audience.JOINT
        if not same_people or not (prompt.private or prompt.private_optional):
            return (
                f"{decider.id!r} may be private, so a question it shows must be answered by the "
                "same person and be private (or private: optional) too: otherwise the other "
                "person would learn the private answer from seeing the question"
            )
    return None


class _Answers:
    """The answers each deciding prompt can have, folded for comparison, built once each."""

    def __init__(self) -> None:
        self._folded: dict[str, tuple[list[str], set[str]]] = {}

    def of(self, decider: Prompt) -> tuple[list[str], set[str]]:
        """``decider``'s possible answers, and the same casefolded."""
        found = self._folded.get(decider.id)
        if found is None:
            if decider.kind is PromptKind.YES_NO:
                allowed = list(YES_NO_VALUES)
            elif decider.kind is PromptKind.SCALE:
                allowed = [str(point) for point in range(decider.scale_min, decider.scale_max + 1)]
            else:
                allowed = list(decider.options)
            found = self._folded[decider.id] = (allowed, {a.casefold() for a in allowed})
        return found


def _wrong_values(decider: Prompt, values: Iterable[str], answers: _Answers) -> str | None:
    """Why ``values`` cannot be answers of ``decider`` (None when every one can)."""
    allowed, folded = answers.of(decider)
    for value in values:
        if value.casefold() in folded:
            continue
        what = "an answer of"
        if decider.kind is PromptKind.SCALE:
            what = "a point of"
        elif decider.kind in (PromptKind.SINGLE_CHOICE, PromptKind.MULTIPLE_CHOICE):
            what = "an option of"
        elif decider.kind is PromptKind.CHECKLIST:
            what = "an item of"
        hint = did_you_mean(value, allowed)
        commas = ""
        if any(value in choice and "," in choice for choice in allowed):
            commas = '; put a choice that holds a comma in double quotes: "A, B"'
        shown = ", ".join(allowed) if len(allowed) <= LISTED_ANSWERS else "see its options"
        return f"{value!r} is not {what} {decider.id!r}{hint} (answers: {shown}){commas}"
    return None


def _condition_problem(
    report: _Reporter, prompt: Prompt, decider: Prompt | None, reason: str
) -> None:
    decided_by = prompt.show_if.prompt if prompt.show_if else ""
    if report.is_own(prompt):
        report.at_setting(prompt, "show if", f"show if: {reason}")
        return
    shown_by = f"prompt {prompt.id!r} ({prompt.source}) has 'show if: {decided_by} is ...'"
    if decider is not None and report.is_own(decider):
        report.at_prompt(decider, f"{shown_by}, but {reason}")
        return
    removed = report.why_missing(decided_by)
    if removed is not None:
        path, line, why = removed
        message = f"{shown_by}, but {why}: drop {prompt.id!r} too, or keep {decided_by!r}"
        report.problems.append(ContentProblem(path, line, message))
        return
    report.problems.append(ContentProblem(report.manifest.path, 1, f"{shown_by}, but {reason}"))


def _check_review_date(pack: Pack, report: _Reporter) -> None:
    """At most one date prompt feeds ``review`` (it is the review date), and it is joint."""
    first: Prompt | None = None
    for prompt in pack.all_prompts():
        if prompt.agreement != "review" or prompt.kind is not PromptKind.DATE:
            continue
        message = None
        if first is not None:
            message = (
                f"the review date is already asked by {first.id!r} ({first.source}): a pack has "
                "one date question in the 'review' section"
            )
        elif prompt.audience is not Audience.JOINT:
            message = (
                "the date question in the 'review' section is the agreement's review date, "
                "which the pair agree together: give it 'audience: joint'"
            )
        first = first or prompt
        if message is None:
            continue
        if report.is_own(prompt):
            report.at_setting(prompt, "agreement", message)
        else:
            report.at_prompt(prompt, message)


def _check_checkins(pack: Pack, report: _Reporter) -> None:
    """Each check-in (``pairing-fit``, ``on-track``, ``feedback``) is one prompt."""
    seen: dict[str, Prompt] = {}
    for prompt in pack.all_prompts():
        if prompt.checkin is None:
            continue
        first = seen.setdefault(prompt.checkin, prompt)
        if first is prompt:
            continue
        message = (
            f"checkin: {prompt.checkin!r} is already the check-in of {first.id!r} "
            f"({first.source}): a pack has one prompt for each check-in"
        )
        if report.is_own(prompt):
            report.at_setting(prompt, "checkin", message)
        else:
            report.at_prompt(prompt, message)


def _check_contact(pack: Pack, manifest: Manifest, report: _Reporter) -> None:
    """The suggested rhythm is not less contact than the least the pack expects."""
    defaults = pack.cadence_defaults
    minimum = pack.min_contacts_per_month
    if defaults is None or minimum is None:
        return
    if defaults.every_weeks is None and defaults.times_per_month is None:
        return
    rhythm = Rhythm(defaults.every_weeks, defaults.times_per_month)
    if rhythm.per_month >= minimum:
        return
    if manifest.rhythm is None and manifest.minimum_contact is None:
        return  # both inherited: reported in the pack that set them
    key = "meetings" if manifest.rhythm is not None else "minimum contact"
    report.at_manifest(
        key,
        f"the meetings this pack suggests come about {rhythm.per_month:.1f} times a month, "
        f"less than its minimum contact of {minimum} a month: the cadence form would warn "
        "about the pack's own suggestion",
    )
