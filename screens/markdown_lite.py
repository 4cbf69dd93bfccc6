"""A small, fast Markdown renderer for guidance and the agreement (no Markdown parser).

Pack guidance is a few sentences or a short list; the agreement is headings, paragraphs and
lists. Rendering them with ``rich.markdown`` imports a full Markdown parser and builds a
document tree, which made showing the agreement step cost a hundred milliseconds or more;
this handles what they use (paragraphs, bullet and numbered lists, headings, bold, italic,
code, links) in one :class:`~textual.content.Content`.
"""

from __future__ import annotations

import re

from textual.content import Content

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*|__(?P<bold2>.+?)__|`(?P<code>[^`]+)`"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*]*?)\*(?!\w)|(?<![\w_])_(?P<em2>[^_\s][^_]*?)_(?!\w)"
)
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


def inline_content(text: str) -> Content:
    """One line of Markdown with its inline styles (the text itself is never markup)."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(text[position : match.start()])
        groups = match.groupdict()
        if groups["bold"] or groups["bold2"]:
            parts.append((groups["bold"] or groups["bold2"], "bold"))
        elif groups["code"]:
            parts.append((groups["code"], "$text-accent"))
        elif groups["link"]:
            parts.append((groups["link"], "underline"))
            parts.append((f" ({groups['url']})", "dim"))
        else:
            parts.append((groups["em"] or groups["em2"], "italic"))
        position = match.end()
    parts.append(text[position:])
    return Content.assemble(*parts)


def _blocks(markdown: str) -> list[list[str]]:
    """Paragraphs and lists as groups of lines (continuation lines joined to their item)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in markdown.strip().splitlines():
        line = raw.rstrip()
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        starts_item = bool(_BULLET.match(line) or _NUMBERED.match(line) or _HEADING.match(line))
        if (
            current
            and not starts_item
            and (_BULLET.match(current[-1]) or _NUMBERED.match(current[-1]))
        ):
            current[-1] = f"{current[-1]} {line.strip()}"
        elif current and not starts_item and not _HEADING.match(current[-1]):
            current[-1] = f"{current[-1]} {line.strip()}"
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def markdown_content(markdown: str) -> Content:
    """Short Markdown guidance as styled content, blocks separated by blank lines."""
    rendered: list[Content] = []
    for block in _blocks(markdown):
        lines: list[Content] = []
        for line in block:
            if heading := _HEADING.match(line):
                lines.append(inline_content(heading.group(1)).stylize("bold"))
            elif bullet := _BULLET.match(line):
                lines.append(Content("  • ") + inline_content(bullet.group(1)))
            elif numbered := _NUMBERED.match(line):
                lines.append(
                    Content(f"  {numbered.group(1)}. ") + inline_content(numbered.group(2))
                )
            else:
                lines.append(inline_content(line.strip()))
        rendered.append(Content("\n").join(lines))
    return Content("\n\n").join(rendered)
