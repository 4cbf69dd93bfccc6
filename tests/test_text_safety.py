"""User text made safe: control characters never survive, names are checked on the way in."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from core_helpers import new_service
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from workbook import cli, paths
from workbook.errors import UsageError
from workbook.models import Author
from workbook.service import WorkbookService
from workbook.text import (
    check_name,
    escape_json_controls,
    escape_markdown,
    escape_markdown_line,
    has_controls,
    one_line,
    strip_controls,
)

HOSTILE = "\x1b]0;pwned\x07Ann\x1b[2J\u202eevil\x9b31m"


def test_strip_controls_removes_escape_sequences_keeps_lines() -> None:
    """ESC, BEL, C1 and bidi overrides go; the printable rest and line breaks stay."""
    assert strip_controls(HOSTILE + "\nline two\r\n") == "]0;pwnedAnn[2Jevil31m\nline two\n"


def test_one_line_joins_lines() -> None:
    """Line breaks and tabs become spaces."""
    assert one_line("a\nb\tc\r\nd") == "a b c d"


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    """Whatever the input, the output has no control character."""
    assert not has_controls(strip_controls(text), allow_newlines=True)
    assert not has_controls(one_line(text))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("Ann\nSmith", "line breaks"),
        (HOSTILE, "control characters"),
        ("x" * 101, "101 characters long: at most 100"),
        ("Bo\udcff", "control characters"),
    ],
)
def test_bad_names_are_refused_in_one_line(value: str, message: str) -> None:
    """Each refusal names what is wrong, on one line."""
    with pytest.raises(UsageError) as caught:
        check_name(value, "the mentor's name")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_good_names_pass_stripped() -> None:
    """Accents, apostrophes and hyphens are names."""
    assert check_name("  Siân O'Neill-Ng ", "name") == "Siân O'Neill-Ng"


# ------------------------------------------------------------------------------ on the way out
_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_PLAIN_TAGS = {"p", "br"}


def _rendered(markdown: str) -> tuple[set[str], str]:
    """The HTML tags ``markdown`` renders to, and its text (tags dropped, entities read)."""
    rendered = _MARKDOWN.render(markdown)
    tags = set(re.findall(r"</?([a-z0-9]+)", rendered))
    return tags, html.unescape(re.sub(r"<[^>]+>", " ", rendered))


@given(st.text())
def test_escaped_markdown_renders_as_the_typed_text(text: str) -> None:
    """Whatever is typed, a Markdown renderer shows it as plain paragraphs of the same
    characters: no heading, list, quote, code, table, link, image or HTML."""
    tags, shown = _rendered(escape_markdown(text))
    assert tags <= _PLAIN_TAGS, (text, tags)
    assert shown.split() == strip_controls(text).split()


@pytest.mark.parametrize(
    "typed",
    [
        "# a heading",
        "Ann\n# Smith",
        "- a list\n1. ordered\n2) too",
        "> a quote",
        "    indented code",
        "```\nfenced\n```",
        "~~~\nfenced\n~~~",
        "a | table\n--- | ---\n1 | 2",
        "[a link](https://example.org) and ![an image](https://example.org/x.png)",
        "<script>alert(1)</script> <b>bold</b>",
        "<https://example.org>",
        "[ref]: https://example.org",
        "Setext\n===",
        "**bold** _em_ `code` ~~struck~~ &amp; \\* backslash",
        "***",
    ],
)
def test_each_markdown_construct_is_made_literal(typed: str) -> None:
    tags, shown = _rendered(escape_markdown(typed))
    assert tags <= _PLAIN_TAGS, tags
    assert shown.split() == typed.split()
    line_tags, line_shown = _rendered(escape_markdown_line(typed))
    assert line_tags <= {"p"} and line_shown.split() == typed.split()


def test_json_controls_are_escaped_and_mean_the_same() -> None:
    raw = json.dumps({"name": HOSTILE + "\udcff"}, ensure_ascii=False)
    safe = escape_json_controls(raw)
    assert not has_controls(safe)
    assert json.loads(safe) == json.loads(raw)


def _hostile_file(home: Path) -> Path:
    """A relationship file whose names hold control codes and Markdown, as a received or
    hand-edited file can (``new`` and the app refuse such names on the way in)."""
    with new_service(paths.relationships_dir()) as service:
        service.set_answer("expect", Author.MENTEE, "# not a heading\n![x](https://e.org/p.png)")
        path = service.path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["relationship"]["1"].update(mentor=f"Ann\n# Smith {HOSTILE}", mentee="[Bo](https://x)")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_hostile_names_never_reach_the_terminal_or_become_markup(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hostile_file(home)
    assert cli.main(["list"]) == 0
    listed = capsys.readouterr().out
    assert not has_controls(listed, allow_newlines=True)
    assert len(listed.splitlines()) == 2  # the header and one row
    assert cli.main(["list", "--json"]) == 0
    assert not has_controls(capsys.readouterr().out, allow_newlines=True)
    assert cli.main(["export", path.stem, "--format", "json"]) == 0
    assert not has_controls(capsys.readouterr().out, allow_newlines=True)
    assert cli.main(["export", path.stem]) == 0
    markdown = capsys.readouterr().out
    assert not has_controls(markdown, allow_newlines=True)
    tokens = _MARKDOWN.parse(markdown)
    headings = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    assert len(headings) == 1
    inline = [child.type for t in tokens for child in t.children or []]
    assert "link_open" not in inline and "image" not in inline
    assert "\\# not a heading" in markdown


def test_error_lines_carry_no_control_codes(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", f"nobody{HOSTILE}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mentor-workbook: error: no relationship called")
    assert err.count("\n") == 1 and not has_controls(err.rstrip("\n"))
    with pytest.raises(SystemExit) as usage:
        cli.main(["export", "--format", f"x{HOSTILE}", "y"])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and not has_controls(err.rstrip("\n"))


def test_new_relationships_refuse_bad_names_from_every_caller(tmp_path: Path) -> None:
    """The check sits in WorkbookService.create: the CLI, the app's form, the demo."""
    for bad in (HOSTILE, "Ann\nSmith", "x" * 10_000, "  "):
        with pytest.raises(UsageError):
            WorkbookService.create(
                mentor=bad, mentee="Bo", pack_id="standard", pack_version="1", folder=tmp_path
            )
    assert list(tmp_path.iterdir()) == []
