"""Markdown files as top-level blocks with source line ranges (markdown-it-py underneath)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.content.errors import ContentProblem
from workbook.content.frontmatter import KeyValues, parse_front_matter
from workbook.content.model import SourceRef

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass
class Item:
    """One bullet-list item: its text and 0-based line range; ``simple`` = one paragraph only."""

    text: str
    start: int
    end: int
    simple: bool = True


@dataclass
class Block:
    """A top-level Markdown block with its 0-based ``[start, end)`` line range."""

    type: str
    start: int
    end: int
    level: int = 0
    text: str = ""
    items: list[Item] = field(default_factory=list)

    @property
    def line(self) -> int:
        """The block's first line, plural from 1."""
        return self.start + 1

    def is_heading(self, level: int) -> bool:
        """True for a heading of exactly ``level``."""
        return self.type == "heading" and self.level == level

    @classmethod
    def from_tokens(cls, tokens: Sequence[Token]) -> Block:
        """Build a block from its markdown-it tokens (opening token first)."""
        first = tokens[0]
        start, end = first.map or (0, 0)
        kind = first.type.removesuffix("_open")
        block = cls(kind, start, end)
        if kind == "heading":
            block.level = int(first.tag[1:]) if first.tag[1:].isdigit() else 0
        if first.type == "front_matter":
            block.text = first.content
        elif len(tokens) > 1 and tokens[1].type == "inline":
            block.text = tokens[1].content
        if kind == "bullet_list":
            block.items = _items(tokens, first.level + 1)
        return block


def _items(tokens: Sequence[Token], level: int) -> list[Item]:
    items: list[Item] = []
    for token in tokens:
        if token.level == level and token.type == "list_item_open":
            start, end = token.map or (0, 0)
            items.append(Item("", start, end, simple=True))
        elif items and token.level > level and token.nesting == 1:
            item = items[-1]
            if token.level == level + 1 and token.type == "paragraph_open" and not item.text:
                continue
            item.simple = False
        elif items and token.type == "inline" and token.level == level + 2:
            if items[-1].text:
                items[-1].simple = False
            else:
                items[-1].text = token.content
    return items


@dataclass
class SourceText:
    """The lines of one file, for quoting guidance and intros exactly as written."""

    path: Path
    lines: list[str]

    def ref(self, line: int) -> SourceRef:
        """A reference to ``line`` (1-based) of this file."""
        return SourceRef(path=self.path, line=line)

    def text_between(self, start: int, end: int, exclude: Sequence[Block] = ()) -> str:
        """Lines ``[start, end)`` (0-based) without the ``exclude`` blocks, blank edges removed."""
        skipped = {i for block in exclude for i in range(block.start, block.end)}
        kept: list[str] = []
        seam = False
        for index in range(max(start, 0), min(end, len(self.lines))):
            line = self.lines[index]
            if index in skipped:
                seam = True
                continue
            if not line.strip() and (not kept or (seam and not kept[-1].strip())):
                continue  # blank lines before the text, or doubled where a block was cut out
            seam = False
            kept.append(line)
        return "\n".join(kept).rstrip()


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin)


def read_source(path: Path) -> tuple[str | None, list[ContentProblem]]:
    """The text of ``path`` (UTF-8, newlines normalised), or None and the reason it can't be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [ContentProblem(path, 1, f"cannot read this file: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"this file is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"
        return None, [ContentProblem(path, line, message)]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\0", "\ufffd"), []


def blocks_of(tokens: list[Token]) -> list[Block]:
    """Group markdown-it's flat token stream into top-level blocks with 0-based line ranges."""
    blocks: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            while end + 1 < len(tokens) and not (
                tokens[end + 1].level == token.level and tokens[end + 1].nesting == -1
            ):
                end += 1
            end += 1
        if token.map is not None:
            blocks.append(Block.from_tokens(tokens[index : end + 1]))
        index = end + 1
    return blocks


@dataclass
class Document:
    """A parsed Markdown file: its lines, front matter and top-level blocks."""

    source: SourceText
    front: KeyValues
    body: list[Block]


def read_document(path: Path, problems: list[ContentProblem]) -> Document | None:
    """Read and parse ``path``; None (and a problem) when it cannot be read as UTF-8 text."""
    text, read_problems = read_source(path)
    problems.extend(read_problems)
    if text is None:
        return None
    blocks = blocks_of(_markdown().parse(text))
    lines = text.split("\n")
    if blocks and blocks[0].type == "front_matter":
        first = blocks.pop(0)
        front = parse_front_matter(first.text, path, first.start + 2)
    else:
        # Only the first cause: without front matter, the settings would be read as Markdown
        # (a heading, a rule) and every message after this one would mislead.
        front = KeyValues(path=path)
        front.problem(1, _front_matter_message(lines))
        front.missing = True
        blocks = []
    return Document(SourceText(path, lines), front, blocks)


def _front_matter_message(lines: list[str]) -> str:
    """Why a file has no front matter: not closed, or its opening line missing."""
    if lines and lines[0].strip().startswith("---"):
        return "the front matter is not closed: add a line '---' after its last key"
    message = "missing front matter: the file must start with a line '---'"
    for number, line in enumerate(lines[:50], start=1):
        stripped = line.strip()
        if stripped == "---" and number > 1:
            return f"{message} (line {number} closes settings that were never opened)"
        if stripped and not stripped.startswith("#") and ":" not in stripped:
            break
    return message


def skip_title(doc: Document) -> int:
    """The 0-based line where a file's body starts, past an optional leading ``# Title``."""
    if doc.body and doc.body[0].type == "heading" and doc.body[0].level == 1:
        return doc.body.pop(0).end
    return doc.body[0].start if doc.body else len(doc.source.lines)


INDENTED_AS_CODE = (
    "is indented 4 spaces or more, which Markdown reads as a block of code: start each '- ' "
    "at the beginning of its line"
)
"""Why a list that is indented too far is not seen as a list (the end of a message)."""


def list_after(
    blocks: Sequence[Block], index: int, sink: KeyValues, intro: str, items: str
) -> Block | None:
    """The bullet list right after ``blocks[index]``; else None and a problem saying why.

    ``intro`` names what needs the list (``"'Options:'"``) and ``items`` what it lists
    (``"choices"``), for the message.
    """
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is not None and following.type == "bullet_list":
        return following
    if following is not None and following.type == "code_block":
        sink.problem(following.line, f"the list after {intro} {INDENTED_AS_CODE}")
    else:
        sink.problem(blocks[index].line, f"{intro} must be followed by a bullet list of {items}")
    return None


def plain_items(block: Block, sink: KeyValues, what: str) -> list[tuple[str, int]]:
    """The items of a bullet list as (text, 1-based line), each a single line of plain text.

    Items that are not (nested lists, several paragraphs), empty items and repeated items are
    reported as problems (``what`` names an item: "option") and left out.
    """
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    for item in block.items:
        text = " ".join(part.strip() for part in item.text.split("\n")).strip()
        line = item.start + 1
        if not item.simple:
            sink.problem(line, f"each {what} must be a single line of plain text")
        elif not text:
            sink.problem(line, f"empty {what}")
        elif text in seen:
            sink.problem(line, f"duplicate {what} {text!r}")
        else:
            seen.add(text)
            found.append((text, line))
    return found
