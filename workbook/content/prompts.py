"""One prompt of a tab file: its ``##`` heading, settings list, options and guidance."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbook.content.blocks import Block, SourceText
from workbook.content.frontmatter import KeyValues, split_key_value
from workbook.content.model import (
    AGREEMENT_SECTIONS,
    Audience,
    Prompt,
    PromptKind,
    SessionTag,
)

PROMPT_KEYS = ("id", "kind", "audience", "session", "private", "required", "scale", "agreement")
H1_MESSAGE = (
    "a '# ' heading is only allowed as the file's first heading: use '## ' to start a "
    "prompt, or '### ' for a heading inside guidance"
)
_SCALE = re.compile(r"(-?\d{1,4})\s*(?:to|-|–|\.\.)\s*(-?\d{1,4})", re.IGNORECASE)


def kind_name(kind: PromptKind) -> str:
    """How a kind is written in a pack: ``single choice``, ``yes/no``..."""
    return "yes/no" if kind is PromptKind.YES_NO else kind.value.replace("-", " ")


def parse_kind(value: str) -> PromptKind | None:
    """The kind named by ``value`` (spaces, hyphens, underscores or ``/`` between words)."""
    normal = re.sub(r"[\s_/-]+", "-", value.strip().lower())
    try:
        return PromptKind(normal)
    except ValueError:
        return None


def parse_prompt(
    source: SourceText,
    blocks: Sequence[Block],
    region_end: int,
    tab_session: SessionTag,
    sink: KeyValues,
) -> tuple[Prompt | None, str | None]:
    """Read the prompt whose ``##`` heading is ``blocks[0]``; problems go to ``sink``.

    Returns the prompt (None when broken) and its id (None when missing or malformed).
    """
    heading = blocks[0]
    title = heading.text.strip()
    if not title:
        sink.problem(heading.line, "a '## ' prompt heading has no question text")
    if len(blocks) < 2 or blocks[1].type != "bullet_list":
        sink.problem(
            heading.line,
            f"prompt {title!r} has no settings list: put a bullet list of 'key: value' lines "
            "(at least id and kind) right under the heading",
        )
        return None, None
    settings = _settings(blocks[1], source.path, heading.line)
    prompt_id = settings.ident("id", "prompt id")
    found = _read_settings(settings, title)
    options_blocks, options = _options(blocks[2:], sink)
    for block in blocks[2:]:
        if block.is_heading(1):
            sink.problem(block.line, H1_MESSAGE)
    kind = found.get("kind")
    if isinstance(kind, PromptKind):
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
        if "scale_min" in found and kind is not PromptKind.SCALE:
            settings.problem(settings.line_of("scale"), "scale is only for prompts of kind scale")
    sink.problems.extend(settings.problems)
    if settings.problems or not title or prompt_id is None or kind is None:
        return None, prompt_id
    guidance = source.text_between(heading.end, region_end, [blocks[1], *options_blocks])
    prompt = Prompt(
        id=prompt_id,
        title=title,
        options=tuple(options),
        guidance=guidance,
        session=found.get("session", tab_session),
        source=source.ref(heading.line),
        **{key: value for key, value in found.items() if key != "session"},
    )
    return prompt, prompt_id


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


def _read_settings(settings: KeyValues, title: str) -> dict[str, Any]:
    settings.check_keys(PROMPT_KEYS, "a prompt's settings")
    settings.require("id", "kind", where=f"prompt {title!r}")
    found: dict[str, Any] = {}
    kind_text = settings.text("kind")
    if kind_text is not None:
        kind = parse_kind(kind_text)
        if kind is None:
            names = ", ".join(kind_name(k) for k in PromptKind)
            settings.problem(
                settings.line_of("kind"), f"unknown kind {kind_text!r} (kinds: {names})"
            )
        else:
            found["kind"] = kind
    for key, enum in (("audience", Audience), ("session", SessionTag)):
        value = settings.text(key)
        if value is None:
            continue
        try:
            found[key] = enum(value.lower())
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            settings.problem(
                settings.line_of(key), f"unknown {key} {value!r} (use one of: {allowed})"
            )
    for key in ("private", "required"):
        if settings.text(key) is not None:
            found[key] = settings.flag(key, False)
    agreement = settings.text("agreement")
    if agreement is not None:
        if agreement.lower() in AGREEMENT_SECTIONS:
            found["agreement"] = agreement.lower()
        else:
            settings.problem(
                settings.line_of("agreement"),
                f"unknown agreement section {agreement!r} (sections: {', '.join(AGREEMENT_SECTIONS)})",
            )
    _scale(settings, found)
    return found


def _scale(settings: KeyValues, found: dict[str, Any]) -> None:
    value = settings.text("scale")
    if value is None:
        return
    match = _SCALE.fullmatch(value)
    low, high = (int(match[1]), int(match[2])) if match else (0, -1)
    if not match or not 0 <= low < high <= 100:
        settings.problem(
            settings.line_of("scale"),
            f"scale must look like '1 to 10' (two whole numbers from 0 to 100, the first "
            f"smaller), not {value!r}",
        )
        return
    found["scale_min"], found["scale_max"] = low, high


def _options(blocks: Sequence[Block], sink: KeyValues) -> tuple[list[Block], list[str]]:
    """The ``Options:`` paragraph and list among ``blocks`` (as blocks), and the option texts."""
    for index, block in enumerate(blocks):
        if block.type != "paragraph" or block.text.strip().lower() != "options:":
            continue
        if index + 1 >= len(blocks) or blocks[index + 1].type != "bullet_list":
            sink.problem(block.line, "'Options:' must be followed by a bullet list of choices")
            return [block], []
        items = blocks[index + 1].items
        options: list[str] = []
        for item in items:
            text = " ".join(part.strip() for part in item.text.split("\n")).strip()
            if not item.simple:
                sink.problem(item.start + 1, "each option must be a single line of plain text")
            elif not text:
                sink.problem(item.start + 1, "empty option")
            elif text in options:
                sink.problem(item.start + 1, f"duplicate option {text!r}")
            else:
                options.append(text)
        for later in blocks[index + 2 :]:
            if later.type == "paragraph" and later.text.strip().lower() == "options:":
                sink.problem(later.line, "a prompt can have only one 'Options:' list")
        return [block, blocks[index + 1]], options
    return [], []
