"""The outline ``mentor-workbook content show PACK`` prints: a resolved pack's tabs and
questions, with where each came from when the pack extends another.

A coordinator building on a bundled pack needs the ids it can ``drop``, replace or name in
``after:``, ``show if:`` and ``agreement:``; this lists them all, with each question's kind,
audience, session, privacy, agreement section, repetition and condition, and marks what the
pack inherits, replaces, extends, adds or drops. Text from pack files is made safe to print
(no control codes).
"""

from __future__ import annotations

from workbook.content.model import Pack, Prompt, Tab
from workbook.content.prompt_settings import kind_name
from workbook.content.resolve import Lineage, Origin
from workbook.programme import programme_shape
from workbook.text import one_line, plural

HEADER = ("ID", "KIND", "AUDIENCE", "SESSION", "PRIVATE", "AGREEMENT", "REPEAT", "SHOW IF")
"""The columns of each question row (``FROM`` is added for a pack that extends another)."""
NONE = "-"


def _privacy(prompt: Prompt) -> str:
    if prompt.private_optional:
        return "optional"
    return "yes" if prompt.private else "no"


def _condition(prompt: Prompt) -> str:
    condition = prompt.show_if
    if condition is None:
        return NONE
    values = [one_line(value) for value in condition.values]
    if len(values) == 1:
        return f"{condition.prompt} is {values[0]}"
    return f"{condition.prompt} is one of {', '.join(values)}"


def prompt_row(prompt: Prompt) -> tuple[str, ...]:
    """One question as the cells of :data:`HEADER`."""
    return (
        prompt.id,
        kind_name(prompt.kind) + (f" ({prompt.checkin})" if prompt.checkin else ""),
        prompt.audience.value,
        prompt.session.value,
        _privacy(prompt),
        prompt.agreement or NONE,
        "every session" if prompt.repeat else NONE,
        _condition(prompt),
    )


def _tab_heading(tab: Tab, origin: Origin | None) -> str:
    notes = [tab.session.value]
    if tab.minutes is not None:
        notes.append(f"{tab.minutes} min")
    notes.append(plural(len(tab.prompts), "question"))
    if origin is not None:
        notes.append(origin.value)
    return f"Tab {tab.id}: {one_line(tab.title)} ({', '.join(notes)})"


def _table(rows: list[tuple[str, ...]], widths: list[int]) -> list[str]:
    return [
        "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]


def outline(pack: Pack, lineage: Lineage | None = None) -> list[str]:
    """The lines of ``content show`` for ``pack`` (``lineage`` marks where things came from;
    leave it out, or pass it for a pack that extends nothing, for no marks)."""
    marks = lineage if pack.extends is not None else None
    title = f"{pack.id} {one_line(pack.version)}: {one_line(pack.title)}"
    lines = [title]
    if pack.extends is not None:
        lines.append(f"extends: {pack.extends}")
    if pack.source_dir is not None:
        lines.append(f"folder: {pack.source_dir}")
    shape = programme_shape(pack)
    if shape:
        lines.append(f"programme: {shape}")
    lines.append(
        f"agreement review: every {plural(pack.review_months, 'month')} unless a date is agreed"
    )
    own = "the pack's own" if pack.agreement_sections else "built-in"
    sections = pack.agreement_outline()
    width = max(len(section.id) for section in sections)
    lines.append(f"agreement sections ({own}, in order):")
    lines += [f"  {section.id.ljust(width)}  {one_line(section.title)}" for section in sections]
    header = HEADER + (("FROM",) if marks else ())
    blocks: list[tuple[str, list[tuple[str, ...]]]] = []
    for tab in pack.tabs:
        rows = []
        for prompt in tab.prompts:
            row = prompt_row(prompt)
            if marks is not None:
                row += (marks.prompts.get(prompt.id, Origin.INHERITED).value,)
            rows.append(row)
        blocks.append((_tab_heading(tab, marks.tabs.get(tab.id) if marks else None), rows))
    everything = [header, *(row for _, rows in blocks for row in rows)]
    widths = [max(len(row[i]) for row in everything) for i in range(len(header))]
    for heading, rows in blocks:
        lines += ["", heading, *_table([header, *rows], widths)]
    if marks is not None and marks.dropped:
        lines += ["", f"Left out of {pack.extends}:"]
        lines += [f"  {dropped.what} {dropped.id} ({dropped.reason})" for dropped in marks.dropped]
    return lines
