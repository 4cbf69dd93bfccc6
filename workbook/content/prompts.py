"""One prompt of a tab file: its ``##`` heading, settings list, options and guidance.

A prompt's settings are read by :mod:`workbook.content.prompt_settings`. Here: where each part
of the prompt is, the guidance for both people and for each role (after a line ``For the
mentor:`` or ``For the mentee:``), and the short follow-up question ``other:`` adds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.blocks import (
    INDENTED_AS_CODE,
    Block,
    SourceText,
    list_after,
    plain_items,
)
from workbook.content.frontmatter import KeyValues, split_key_value
from workbook.content.model import Prompt, PromptKind, SessionTag, ShowIf, SourceRef
from workbook.content.prompt_settings import kind_name, read_settings

H1_MESSAGE = (
    "a '# ' heading is only allowed as the file's first heading: use '## ' to start a "
    "prompt, or '### ' for a heading inside guidance"
)
_ROLE_MARKER = re.compile(r"for (?:the )?(mentor|mentee):", re.IGNORECASE)
"""A paragraph that starts one role's guidance: ``For the mentor:``."""
_PLEASE_SAY = re.compile(r"please say\W*$", re.IGNORECASE)


@dataclass
class ParsedPrompt:
    """What one ``##`` section of a tab file gave."""

    prompts: list[Prompt] = field(default_factory=list)
    """Empty when it is broken; two when ``other:`` adds a follow-up question."""
    id: str | None = None
    """Its id (None when missing or malformed)."""
    settings: KeyValues | None = None
    """Its settings as written, with their lines (for checks of the whole pack)."""


def parse_prompt(
    source: SourceText,
    blocks: Sequence[Block],
    region_end: int,
    tab_session: SessionTag,
    sink: KeyValues,
) -> ParsedPrompt:
    """Read the prompt whose ``##`` heading is ``blocks[0]``; problems go to ``sink``."""
    heading = blocks[0]
    title = heading.text.strip()
    if not title:
        sink.problem(heading.line, "a '## ' prompt heading has no question text")
    if len(blocks) < 2 or blocks[1].type != "bullet_list":
        if len(blocks) >= 2 and blocks[1].type == "code_block":
            sink.problem(
                blocks[1].line, f"the settings list of prompt {title!r} {INDENTED_AS_CODE}"
            )
        else:
            sink.problem(
                heading.line,
                f"prompt {title!r} has no settings list: put a bullet list of 'key: value' "
                "lines (at least id and kind) right under the heading",
            )
        return ParsedPrompt()
    settings = _settings(blocks[1], source.path, heading.line)
    prompt_id = settings.ident("id", "prompt id")
    found = read_settings(settings, title)
    rest = blocks[2:]
    options_blocks, options = _options(rest, sink)
    markers = _role_markers(rest, sink)
    for block in rest:
        if block.is_heading(1):
            sink.problem(block.line, H1_MESSAGE)
    kind = found.fields.get("kind")
    if isinstance(kind, PromptKind):
        _check_options(settings, kind, title, heading, options_blocks)
        if found.other is not None and found.other in options:
            settings.problem(
                settings.line_of("other"),
                f"other: {found.other!r} is already one of the options: remove it from the list",
            )
    sink.problems.extend(settings.problems)
    parsed = ParsedPrompt(id=prompt_id, settings=settings)
    if settings.problems or not title or prompt_id is None or kind is None:
        return parsed
    excluded = [blocks[1], *options_blocks, *(marker for _, marker in markers)]
    shared_end = markers[0][1].start if markers else region_end
    guidance = source.text_between(heading.end, shared_end, excluded)
    fields = dict(found.fields)
    if markers:
        fields["guidance_for_role"] = _role_guidance(
            source, markers, region_end, guidance, excluded
        )
    if found.other is not None:
        options = [*options, found.other]
    prompt = Prompt(
        id=prompt_id,
        title=title,
        options=tuple(options),
        guidance=guidance,
        session=fields.pop("session", tab_session),
        source=source.ref(heading.line),
        **fields,
    )
    parsed.prompts.append(prompt)
    if found.other is not None:
        where = source.ref(settings.line_of("other"))
        parsed.prompts.append(other_follow_up(prompt, found.other, where))
    return parsed


def other_follow_up(choice: Prompt, option: str, where: SourceRef) -> Prompt:
    """The short text question ``other:`` adds after ``choice``: id ``<id>-other``, shown only
    to whoever picks ``option``, answered by the same people, in the same agreement section."""
    title = option if _PLEASE_SAY.search(option) else f"{option} (please say)"
    return Prompt(
        id=f"{choice.id}-other",
        title=title,
        kind=PromptKind.SHORT_TEXT,
        audience=choice.audience,
        session=choice.session,
        private=choice.private,
        private_optional=choice.private_optional,
        agreement=choice.agreement,
        repeat=choice.repeat,
        show_if=ShowIf(prompt=choice.id, values=(option,)),
        source=where,
    )


def _check_options(
    settings: KeyValues,
    kind: PromptKind,
    title: str,
    heading: Block,
    options_blocks: list[Block],
) -> None:
    if kind.needs_options and not options_blocks:
        settings.problem(
            heading.line,
            f"prompt {title!r} is a {kind_name(kind)} question and needs an 'Options:' "
            "line followed by a bullet list of choices",
        )
    elif options_blocks and not kind.needs_options:
        settings.problem(
            options_blocks[0].line,
            f"a {kind_name(kind)} prompt takes no options: remove the 'Options:' list",
        )


def _settings(block: Block, path: Path, heading_line: int) -> KeyValues:
    settings = KeyValues(path=path, first_line=heading_line)
    for item in block.items:
        lines = item.text.split("\n")
        pair = split_key_value(lines[0])
        if pair is None:
            settings.problem(item.start + 1, f"settings line is not 'key: value': {lines[0]!r}")
        else:
            settings.add(pair[0], pair[1], item.start + 1, "this prompt's settings")
        for offset, extra in enumerate(lines[1:], start=1):
            hint = "'Options:'" if extra.strip().lower() == "options:" else "text"
            settings.problem(
                item.start + 1 + offset,
                f"{hint} right after the settings list: leave a blank line before it",
            )
        if not item.simple:
            settings.problem(item.start + 1, "each setting must be a single 'key: value' line")
    return settings


def _is_options_line(block: Block) -> bool:
    return block.type == "paragraph" and block.text.split("\n")[0].strip().lower() == "options:"


def _options(blocks: Sequence[Block], sink: KeyValues) -> tuple[list[Block], list[str]]:
    """The ``Options:`` paragraph and list among ``blocks`` (as blocks), and the option texts."""
    for index, block in enumerate(blocks):
        if not _is_options_line(block):
            continue
        if "\n" in block.text:
            sink.problem(
                block.line + 1,
                "the choices after 'Options:' are not a bullet list: start each choice with "
                "'- ' at the beginning of its line (a list indented 4 spaces or more is read "
                "as text)",
            )
            return [block], []
        listing = list_after(blocks, index, sink, "'Options:'", "choices")
        if listing is None:
            following = blocks[index + 1 : index + 2]
            code = [b for b in following if b.type == "code_block"]
            return [block, *code], []
        options = [text for text, _ in plain_items(listing, sink, "option")]
        for later in blocks[index + 2 :]:
            if _is_options_line(later):
                sink.problem(later.line, "a prompt can have only one 'Options:' list")
        return [block, listing], options
    return [], []


def _role_markers(blocks: Sequence[Block], sink: KeyValues) -> list[tuple[str, Block]]:
    """The ``For the mentor:`` / ``For the mentee:`` paragraphs (with their role), each role
    at most once."""
    markers: list[tuple[str, Block]] = []
    seen: dict[str, int] = {}
    for block in blocks:
        if block.type != "paragraph":
            continue
        match = _ROLE_MARKER.fullmatch(block.text.strip())
        if match is None:
            continue
        role = match[1].lower()
        if role in seen:
            sink.problem(
                block.line,
                f"'For the {role}:' is given twice in this prompt's guidance (first at line "
                f"{seen[role]})",
            )
            continue
        seen[role] = block.line
        markers.append((role, block))
    return markers


def _role_guidance(
    source: SourceText,
    markers: list[tuple[str, Block]],
    region_end: int,
    shared: str,
    excluded: list[Block],
) -> dict[str, str]:
    """Each role's guidance: the shared guidance, then the text under its marker."""
    guidance: dict[str, str] = {}
    for number, (role, marker) in enumerate(markers):
        end = markers[number + 1][1].start if number + 1 < len(markers) else region_end
        own = source.text_between(marker.end, end, excluded)
        guidance[role] = "\n\n".join(part for part in (shared, own) if part)
    return guidance
