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
from workbook.content.model import SessionTag, Tab
from workbook.content.prompts import H1_MESSAGE, parse_prompt

MANIFEST_NAME = "pack.md"
PACK_KEYS = ("id", "title", "version", "extends", "review_months", "drop", "drop_tabs")
TAB_KEYS = ("id", "title", "session", "mode", "after")
MODES = ("replace", "append")
_IGNORED_NAMES = frozenset({"readme.md"})


@dataclass
class Manifest:
    """What ``pack.md`` says: the pack's identity and how it changes the pack it extends."""

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
    """The line of each front matter key, for problems found while resolving."""

    def line_of(self, key: str) -> int:
        """The line ``key`` was given on (1 when it was not given)."""
        return self.lines.get(key, 1)


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
        front = doc.front
        front.check_keys(PACK_KEYS, "pack.md")
        if not front.missing:
            front.require("id", "title", "version", where="pack.md")
        pack_id = front.ident("id", "pack id")
        extends = front.ident("extends", "extends: pack id")
        review = _review_months(front)
        drop = front.id_list("drop", "drop: prompt id")
        drop_tabs = front.id_list("drop_tabs", "drop_tabs: tab id")
        start = skip_title(doc)
        description = doc.source.text_between(start, len(doc.source.lines))
        problems.extend(front.problems)
        title, version = front.text("title"), front.text("version")
        if pack_id is None or title is None or version is None or front.problems:
            return None, problems
        manifest = Manifest(
            path,
            pack_id,
            title,
            version,
            description,
            extends,
            review,
            drop,
            drop_tabs,
            dict(front.lines),
        )
        return manifest, problems
    except Exception as exc:  # noqa: BLE001 - a broken file must never become a traceback
        return None, [*problems, _internal(path, exc)]


def _review_months(front: KeyValues) -> int | None:
    value = front.text("review_months")
    if value is None:
        return None
    if not re.fullmatch(r"\d{1,3}", value) or not 1 <= int(value) <= 60:
        front.problem(
            front.line_of("review_months"),
            f"review_months must be a whole number of months from 1 to 60, not {value!r}",
        )
        return None
    return int(value)


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
    start = skip_title(doc)
    headings = [i for i, block in enumerate(doc.body) if block.is_heading(2)]
    intro_end = doc.body[headings[0]].start if headings else len(doc.source.lines)
    intro = doc.source.text_between(start, intro_end)
    for block in doc.body[: headings[0] if headings else len(doc.body)]:
        if block.is_heading(1):
            front.problem(block.line, H1_MESSAGE)
    prompts = []
    seen: dict[str, int] = {}
    for number, index in enumerate(headings):
        stop = headings[number + 1] if number + 1 < len(headings) else len(doc.body)
        region_end = doc.body[stop].start if stop < len(doc.body) else len(doc.source.lines)
        prompt, prompt_id = parse_prompt(
            doc.source, doc.body[index:stop], region_end, SessionTag(session), front
        )
        if prompt_id is not None and prompt_id in seen:
            front.problem(
                doc.body[index].line,
                f"duplicate prompt id {prompt_id!r} (first used at line {seen[prompt_id]})",
            )
            continue
        if prompt_id is not None:
            seen[prompt_id] = doc.body[index].line
        if prompt is not None:
            prompts.append(prompt)
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
        prompts=tuple(prompts),
        source=doc.source.ref(max(front.line_of("id"), 1)),
    )
    tab_file = TabFile(doc.source.path, tab, mode, after, front.line_of("after"), len(headings))
    return tab_file, problems


def _choice(front: KeyValues, key: str, allowed: list[str], default: str) -> str:
    value = front.text(key)
    if value is None:
        return default
    if value.lower() not in allowed:
        front.problem(
            front.line_of(key), f"unknown {key} {value!r} (use one of: {', '.join(allowed)})"
        )
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
