"""Read one pack folder: ``pack.md`` and its tab files, into drafts plus every problem found.

Nothing here raises: each problem becomes a :class:`ContentProblem` with its file and line.
Extends are resolved afterwards by :mod:`workbook.content.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.blocks import Document, read_document, skip_title
from workbook.content.errors import ContentProblem
from workbook.content.frontmatter import KeyValues
from workbook.content.manifest import Manifest, read_manifest
from workbook.content.model import Prompt, SessionTag, Tab
from workbook.content.phrases import parse_whole
from workbook.content.prompts import H1_MESSAGE, parse_prompt
from workbook.content.suggest import unknown_name

MANIFEST_NAME = "pack.md"
TAB_KEYS = ("id", "title", "session", "mode", "after", "minutes")
"""The settings of a tab file's front matter, as the guide spells them."""
MODES = ("replace", "append")
_IGNORED_NAMES = frozenset({"readme.md"})


@dataclass
class TabFile:
    """One tab file: its tab plus the settings that only matter when extending."""

    path: Path
    tab: Tab
    mode: str = "replace"
    after: str | None = None
    after_line: int = 1
    prompt_count: int = 0
    """How many ``##`` prompt headings the file has (valid or not)."""
    prompt_settings: dict[str, KeyValues] = field(default_factory=dict)
    """Each prompt's settings as written, by prompt id (also for prompts too broken to build),
    for the checks of the whole pack."""


@dataclass
class RawPack:
    """One pack folder as written, before extends are applied."""

    folder: Path
    manifest: Manifest | None
    tabs: list[TabFile] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)


def parse_manifest(path: Path) -> tuple[Manifest | None, list[ContentProblem]]:
    """Read a ``pack.md``; the manifest is None when it is too broken to use."""
    problems: list[ContentProblem] = []
    try:
        doc = read_document(path, problems)
        if doc is None:
            return None, problems
        manifest, found = read_manifest(doc)
        return manifest, [*problems, *found]
    except Exception as exc:  # noqa: BLE001 - a broken file must never become a traceback
        return None, [*problems, _internal(path, exc)]


def parse_tab_file(path: Path) -> tuple[TabFile | None, list[ContentProblem]]:
    """Read one tab file; the result is None when it is too broken to use."""
    problems: list[ContentProblem] = []
    try:
        doc = read_document(path, problems)
        if doc is None:
            return None, problems
        return _tab_from_document(doc, problems)
    except Exception as exc:  # noqa: BLE001 - a broken file must never become a traceback
        return None, [*problems, _internal(path, exc)]


def _tab_from_document(
    doc: Document, problems: list[ContentProblem]
) -> tuple[TabFile | None, list[ContentProblem]]:
    front = doc.front
    front.check_keys(TAB_KEYS, "a tab's front matter")
    if not front.missing:
        front.require("id", "title", where="a tab file")
    tab_id = front.ident("id", "tab id")
    session = _choice(front, "session", [tag.value for tag in SessionTag], "any")
    mode = _choice(front, "mode", list(MODES), "replace")
    after = front.ident("after", "after: tab id")
    minutes = _minutes(front)
    start = skip_title(doc)
    headings = [i for i, block in enumerate(doc.body) if block.is_heading(2)]
    intro_end = doc.body[headings[0]].start if headings else len(doc.source.lines)
    intro = doc.source.text_between(start, intro_end)
    for block in doc.body[: headings[0] if headings else len(doc.body)]:
        if block.is_heading(1):
            front.problem(block.line, H1_MESSAGE)
    prompt_settings: dict[str, KeyValues] = {}
    prompts = _prompts(doc, headings, SessionTag(session), prompt_settings)
    if not headings and mode == "replace" and not front.missing:
        front.problem(1, "this tab has no prompts: start each question with a '## ' heading")
    problems.extend(front.problems)
    title = front.text("title")
    if tab_id is None or title is None:
        return None, problems
    tab = Tab(
        id=tab_id,
        title=title,
        intro=intro,
        session=SessionTag(session),
        minutes=minutes,
        prompts=tuple(prompts),
        source=doc.source.ref(max(front.line_of("id"), 1)),
    )
    tab_file = TabFile(
        doc.source.path, tab, mode, after, front.line_of("after"), len(headings), prompt_settings
    )
    return tab_file, problems


def _prompts(
    doc: Document,
    headings: list[int],
    session: SessionTag,
    prompt_settings: dict[str, KeyValues],
) -> list[Prompt]:
    """The prompts under the ``##`` headings of ``doc`` (problems go to its front matter);
    each prompt's settings go into ``prompt_settings``."""
    front = doc.front
    prompts: list[Prompt] = []
    seen: dict[str, int] = {}
    for number, index in enumerate(headings):
        stop = headings[number + 1] if number + 1 < len(headings) else len(doc.body)
        region_end = doc.body[stop].start if stop < len(doc.body) else len(doc.source.lines)
        parsed = parse_prompt(doc.source, doc.body[index:stop], region_end, session, front)
        made, prompt_id = parsed.prompts, parsed.id
        line = doc.body[index].line
        if prompt_id is not None and prompt_id in seen:
            front.problem(
                line, f"duplicate prompt id {prompt_id!r} (first used at line {seen[prompt_id]})"
            )
            continue
        if prompt_id is not None:
            seen[prompt_id] = line
            if parsed.settings is not None:
                prompt_settings[prompt_id] = parsed.settings
        for extra in made[1:]:  # the follow-up question 'other:' adds
            if extra.id in seen:
                front.problem(
                    line,
                    f"'other:' adds a question with the id {extra.id!r}, which is already used "
                    f"at line {seen[extra.id]}: rename that prompt",
                )
                made = made[:1]
            else:
                seen[extra.id] = line
                other_line = parsed.settings.line_of("other") if parsed.settings else line
                prompt_settings[extra.id] = KeyValues(
                    doc.source.path, lines={"show if": other_line}, first_line=other_line
                )
        prompts.extend(made)
    return prompts


def _minutes(front: KeyValues) -> int | None:
    value = front.text("minutes")
    if value is None:
        return None
    minutes = parse_whole(value.removesuffix("minutes").strip(), 1, 600)
    if minutes is None:
        front.problem(
            front.line_of("minutes"),
            f"minutes must be the whole number of minutes this step takes (1 to 600), not "
            f"{value!r}",
        )
    return minutes


def _choice(front: KeyValues, key: str, allowed: list[str], default: str) -> str:
    value = front.text(key)
    if value is None:
        return default
    if value.lower() not in allowed:
        front.problem(front.line_of(key), unknown_name(key, value, allowed, "use one of"))
        return default
    return value.lower()


def _internal(path: Path, exc: Exception) -> ContentProblem:
    return ContentProblem(
        path, 1, f"could not read this file ({type(exc).__name__}: {exc}); please report this"
    )


def _natural_key(path: Path) -> tuple[object, ...]:
    parts = re.split(r"(\d+)", path.name.lower())
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts)


def tab_paths(folder: Path) -> list[Path]:
    """The tab files of a pack folder, in tab order (file names, numbers compared as numbers)."""
    paths = [
        path
        for path in folder.iterdir()
        if path.suffix.lower() == ".md"
        and path.name.lower() != MANIFEST_NAME
        and path.name.lower() not in _IGNORED_NAMES
        and not path.name.startswith(".")
        and path.is_file()
    ]
    return sorted(paths, key=_natural_key)


def parse_pack_dir(folder: Path) -> RawPack:
    """Read every file of the pack in ``folder`` (never raises; problems are collected)."""
    manifest_path = folder / MANIFEST_NAME
    problems: list[ContentProblem] = []
    manifest = None
    if manifest_path.is_file():
        manifest, found = parse_manifest(manifest_path)
        problems.extend(found)
    else:
        problems.append(
            ContentProblem(
                manifest_path,
                1,
                "missing pack.md: every pack needs one, with id, title and version",
            )
        )
    try:
        paths = tab_paths(folder)
    except OSError as exc:
        problems.append(ContentProblem(folder, 1, f"cannot list this folder: {exc.strerror}"))
        paths = []
    tabs: list[TabFile] = []
    tab_lines: dict[str, TabFile] = {}
    for path in paths:
        tab_file, found = parse_tab_file(path)
        problems.extend(found)
        if tab_file is None:
            continue
        first = tab_lines.get(tab_file.tab.id)
        if first is not None:
            problems.append(
                ContentProblem(
                    path,
                    tab_file.tab.source.line if tab_file.tab.source else 1,
                    f"duplicate tab id {tab_file.tab.id!r} (also used by {first.path.name})",
                )
            )
            continue
        tab_lines[tab_file.tab.id] = tab_file
        tabs.append(tab_file)
    if manifest is not None and manifest.extends is None and not paths:
        problems.append(
            ContentProblem(
                manifest_path, 1, "this pack has no tabs: add one Markdown file per tab next to it"
            )
        )
    return RawPack(folder, manifest, tabs, problems)
