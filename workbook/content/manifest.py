"""Read a pack's ``pack.md``: who the pack is, what it changes in the pack it extends, and the
programme it describes (sessions, months, meeting rhythm, least contact, goals, agreement).

The front matter holds one-line settings. Lists whose items may hold commas (goal examples,
the agreement's sections and their headings) are bullet lists under ``## `` headings in the
body, the way choices are listed under ``Options:`` in a tab file. Nothing here raises: each
problem becomes a :class:`ContentProblem`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.blocks import Block, Document, list_after, plain_items, skip_title
from workbook.content.errors import ContentProblem
from workbook.content.frontmatter import (
    KeyValues,
    bad_id_message,
    is_valid_id,
    key_form,
    parse_list,
)
from workbook.content.model import BUILT_IN_AGREEMENT_SECTIONS, AgreementSection
from workbook.content.phrases import (
    RHYTHM_EXAMPLES,
    Rhythm,
    parse_minutes,
    parse_rhythm,
    parse_whole,
)
from workbook.content.suggest import closest

PACK_KEYS = (
    "id",
    "title",
    "version",
    "extends",
    "review_months",
    "drop",
    "drop_tabs",
    "sessions",
    "months",
    "meetings",
    "minimum contact",
    "required goal parts",
    "maximum goals",
)
"""The settings of a ``pack.md`` front matter, as the guide spells them."""

GOAL_EXAMPLES = "Goal examples"
ACTION_EXAMPLES = "Action examples"
AGREEMENT_HEADING = "Agreement sections"
BODY_SECTIONS = (AGREEMENT_HEADING, GOAL_EXAMPLES, ACTION_EXAMPLES)
"""The ``## `` headings a ``pack.md`` body may have, each over a bullet list."""

SMART_PARTS = {
    "specific": "specific",
    "measurable": "measurable",
    "achievable": "achievable",
    "relevant": "relevant",
    "time bound": "target",
    "target": "target",
    "target date": "target",
}
"""The SMART parts as written in ``required goal parts`` -> the goal field each one means."""

_BUILT_IN_TITLES = {section.id: section.title for section in BUILT_IN_AGREEMENT_SECTIONS}


@dataclass
class Manifest:
    """What ``pack.md`` says: the pack's identity, how it changes the pack it extends, and the
    programme settings it gives (None: not given here, so inherited or the default)."""

    path: Path
    id: str
    title: str
    version: str
    description: str = ""
    extends: str | None = None
    review_months: int | None = None
    drop: list[str] = field(default_factory=list)
    drop_tabs: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each front matter key (compared form), for problems found while resolving."""
    sessions: int | None = None
    months: int | None = None
    rhythm: Rhythm | None = None
    meeting_minutes: int | None = None
    minimum_contact: int | None = None
    """Least contacts a month the programme expects."""
    goal_parts: tuple[str, ...] | None = None
    max_goals: int | None = None
    goal_examples: tuple[str, ...] | None = None
    action_examples: tuple[str, ...] | None = None
    sections: tuple[AgreementSection, ...] | None = None
    """The agreement's sections when this pack declares them (``## Agreement sections``)."""
    section_lines: dict[str, int] = field(default_factory=dict)
    """The line each declared agreement section is listed on, and the heading's line ("")."""

    def line_of(self, key: str) -> int:
        """The line ``key`` was given on (1 when it was not given)."""
        return self.lines.get(key_form(key), 1)


def read_manifest(doc: Document) -> tuple[Manifest | None, list[ContentProblem]]:
    """The manifest in ``doc`` (a parsed ``pack.md``); None when it is too broken to use."""
    front = doc.front
    front.check_keys(PACK_KEYS, "pack.md")
    if not front.missing:
        front.require("id", "title", "version", where="pack.md")
    pack_id = front.ident("id", "pack id")
    extends = front.ident("extends", "extends: pack id")
    settings = _ProgrammeSettings(front)
    drop = front.id_list("drop", "drop: prompt id")
    drop_tabs = front.id_list("drop_tabs", "drop_tabs: tab id")
    start = skip_title(doc)
    headings = [i for i, block in enumerate(doc.body) if block.is_heading(2)]
    description_end = doc.body[headings[0]].start if headings else len(doc.source.lines)
    description = doc.source.text_between(start, description_end)
    body = _read_body(doc.body, headings, front)
    title, version = front.text("title"), front.text("version")
    if pack_id is None or title is None or version is None or front.problems:
        return None, list(front.problems)
    manifest = Manifest(
        doc.source.path,
        pack_id,
        title,
        version,
        description,
        extends,
        settings.review_months,
        drop,
        drop_tabs,
        dict(front.lines),
        sessions=settings.sessions,
        months=settings.months,
        rhythm=settings.rhythm,
        meeting_minutes=settings.minutes,
        minimum_contact=settings.minimum_contact,
        goal_parts=settings.goal_parts,
        max_goals=settings.max_goals,
        goal_examples=body.goal_examples,
        action_examples=body.action_examples,
        sections=body.sections,
        section_lines=body.section_lines,
    )
    return manifest, []


class _ProgrammeSettings:
    """The front matter settings that describe the programme, each read and checked."""

    def __init__(self, front: KeyValues) -> None:
        self.front = front
        self.review_months = self._whole(
            "review_months", 1, 60, "review_months must be a whole number of months from 1 to 60"
        )
        self.sessions = self._whole(
            "sessions", 1, 520, "sessions must be the whole number of sessions (1 to 520)"
        )
        self.months = self._whole(
            "months", 1, 120, "months must be the whole number of months (1 to 120)"
        )
        self.max_goals = self._whole(
            "maximum goals", 1, 50, "maximum goals must be a whole number from 1 to 50"
        )
        self.rhythm, self.minutes = self._meetings()
        self.minimum_contact = self._minimum_contact()
        self.goal_parts = self._goal_parts()

    def _whole(self, key: str, low: int, high: int, message: str) -> int | None:
        value = self.front.text(key)
        if value is None:
            return None
        number = parse_whole(value, low, high)
        if number is None:
            self.front.problem(self.front.line_of(key), f"{message}, not {value!r}")
        return number

    def _meetings(self) -> tuple[Rhythm | None, int | None]:
        value = self.front.text("meetings")
        if value is None:
            return None, None
        line = self.front.line_of("meetings")
        rhythm: Rhythm | None = None
        minutes: int | None = None
        for part in parse_list(value):
            found_rhythm, found_minutes = parse_rhythm(part), parse_minutes(part)
            if found_rhythm is not None and rhythm is None:
                rhythm = found_rhythm
            elif found_minutes is not None and minutes is None:
                minutes = found_minutes
            else:
                what = "a second rhythm" if found_rhythm else "a second length"
                if found_rhythm is None and found_minutes is None:
                    what = "not a rhythm or a length"
                self.front.problem(
                    line,
                    f"meetings: {part!r} is {what} (write how often and how long, e.g. "
                    f"'every 2 weeks, 60 minutes'; rhythms: {RHYTHM_EXAMPLES})",
                )
                return None, None
        if rhythm is not None and not _rhythm_in_range(rhythm):
            self.front.problem(
                line, "meetings: the rhythm must be every 1 to 52 weeks or 1 to 8 times a month"
            )
            return None, None
        if minutes is not None and not 5 <= minutes <= 600:
            self.front.problem(line, f"meetings: {minutes} minutes is not from 5 to 600")
            return None, None
        return rhythm, minutes

    def _minimum_contact(self) -> int | None:
        value = self.front.text("minimum contact")
        if value is None:
            return None
        rhythm = parse_rhythm(value)
        times = None if rhythm is None else rhythm.times_per_month
        if times is None or not 1 <= times <= 31:
            self.front.problem(
                self.front.line_of("minimum contact"),
                "minimum contact must say how many times a month, e.g. 'twice a month' or "
                f"'4 times a month', not {value!r}",
            )
            return None
        return times

    def _goal_parts(self) -> tuple[str, ...] | None:
        value = self.front.text("required goal parts")
        if value is None:
            return None
        if key_form(value) == "none":
            return ()
        parts: list[str] = []
        names = ("specific", "measurable", "achievable", "relevant", "time-bound")
        for item in parse_list(value):
            part = SMART_PARTS.get(key_form(item))
            if part is None:
                match = closest(item, names)
                hint = f": did you mean {match!r}?" if match else ""
                self.front.problem(
                    self.front.line_of("required goal parts"),
                    f"required goal parts: {item!r} is not a SMART part{hint} (parts: "
                    f"{', '.join(names)}, or 'none')",
                )
            elif part not in parts:
                parts.append(part)
        return tuple(parts)


def _rhythm_in_range(rhythm: Rhythm) -> bool:
    if rhythm.times_per_month is not None:
        return 1 <= rhythm.times_per_month <= 8
    return 1 <= (rhythm.every_weeks or 0) <= 52


@dataclass
class _Body:
    """The bullet lists under the ``## `` headings of a ``pack.md`` body."""

    goal_examples: tuple[str, ...] | None = None
    action_examples: tuple[str, ...] | None = None
    sections: tuple[AgreementSection, ...] | None = None
    section_lines: dict[str, int] = field(default_factory=dict)


def _read_body(blocks: Sequence[Block], headings: list[int], front: KeyValues) -> _Body:
    body = _Body()
    known = {key_form(name): name for name in BODY_SECTIONS}
    seen: dict[str, int] = {}
    for number, index in enumerate(headings):
        heading = blocks[index]
        stop = headings[number + 1] if number + 1 < len(headings) else len(blocks)
        form = key_form(heading.text.rstrip(":"))
        name = known.get(form)
        if name is None:
            match = closest(form, known)
            hint = f": did you mean '## {known[match]}'?" if match is not None else ""
            front.problem(
                heading.line,
                f"unknown heading {heading.text.strip()!r} in pack.md{hint} (a pack.md may have "
                f"'## {AGREEMENT_HEADING}', '## {GOAL_EXAMPLES}' and '## {ACTION_EXAMPLES}', "
                "each over a bullet list; use '### ' for a heading in the description)",
            )
            continue
        if name in seen:
            front.problem(
                heading.line, f"'## {name}' is given twice in pack.md (first at line {seen[name]})"
            )
            continue
        seen[name] = heading.line
        listing = list_after(blocks, index, front, f"'## {name}'", _ITEMS[name])
        if listing is None:
            continue
        for extra in blocks[index + 2 : stop]:
            front.problem(
                extra.line, f"only a bullet list belongs under '## {name}': remove this text"
            )
            break
        if name == AGREEMENT_HEADING:
            body.sections, body.section_lines = _sections(listing, front, heading.line)
        else:
            items = tuple(text for text, _ in plain_items(listing, front, _ITEM[name]))
            if name == GOAL_EXAMPLES:
                body.goal_examples = items
            else:
                body.action_examples = items
    return body


_ITEMS = {
    AGREEMENT_HEADING: "sections, '- id: Heading'",
    GOAL_EXAMPLES: "example goals",
    ACTION_EXAMPLES: "example actions",
}
_ITEM = {GOAL_EXAMPLES: "example goal", ACTION_EXAMPLES: "example action"}


def _sections(
    listing: Block, front: KeyValues, heading_line: int
) -> tuple[tuple[AgreementSection, ...], dict[str, int]]:
    """The declared agreement sections, in order; a built-in id may leave out its heading."""
    sections: list[AgreementSection] = []
    lines: dict[str, int] = {"": heading_line}
    for text, line in plain_items(listing, front, "agreement section"):
        section_id, _, title = text.partition(":")
        section_id, title = section_id.strip(), title.strip()
        if not is_valid_id(section_id):
            front.problem(line, bad_id_message("agreement section", section_id))
            continue
        if section_id in lines:
            front.problem(
                line,
                f"agreement section {section_id!r} is listed twice (first at line "
                f"{lines[section_id]})",
            )
            continue
        if not title:
            built_in = _BUILT_IN_TITLES.get(section_id)
            if built_in is None:
                front.problem(
                    line,
                    f"agreement section {section_id!r} is not a built-in one, so it needs a "
                    f"heading: '- {section_id}: Its heading'",
                )
                continue
            title = built_in
        lines[section_id] = line
        sections.append(AgreementSection(id=section_id, title=title))
    return tuple(sections), lines
