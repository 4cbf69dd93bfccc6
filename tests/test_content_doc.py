"""``docs/content-format.md`` says what the engine does: every setting is documented, and its
examples (the sample ``content check`` output, the built-in sections, the ``extends`` example,
each sample question) are checked against the engine block by block.

The complete example pack is checked file by file in ``test_content_engine.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.packs import manifest, problems_of, write_pack
from workbook import paths
from workbook.content.catalog import PackCatalog
from workbook.content.manifest import BODY_SECTIONS, PACK_KEYS
from workbook.content.model import BUILT_IN_AGREEMENT_SECTIONS, CHECKINS, PromptKind
from workbook.content.parser import TAB_KEYS
from workbook.content.prompt_settings import PROMPT_KEYS, kind_name

DOC = (Path(__file__).resolve().parent.parent / "docs" / "content-format.md").read_text("utf-8")


def fenced(text: str) -> list[tuple[str, str]]:
    """The fenced blocks of ``text`` as (language, content), in order."""
    found: list[tuple[str, str]] = []
    language: str | None = None
    lines: list[str] = []
    for line in text.split("\n"):
        if language is None and line.startswith("```"):
            language, lines = line[3:].strip(), []
        elif language is not None and line == "```":
            found.append((language, "\n".join(lines) + "\n"))
            language = None
        elif language is not None:
            lines.append(line)
    return found


def blocks(language: str, text: str = DOC) -> list[str]:
    """The fenced blocks of the guide in ``language`` ("" for plain ones), in order."""
    return [content for lang, content in fenced(text) if lang == language]


def section(heading: str) -> str:
    """The guide's text under ``heading`` (a ``##`` or ``###`` heading), to the next heading
    (lines starting with ``#`` inside fenced blocks are not headings)."""
    kept: list[str] = []
    inside = in_fence = False
    for line in DOC.split("\n"):
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith("#"):
            if inside:
                break
            inside = line.lstrip("#").strip() == heading
            continue
        if inside:
            kept.append(line)
    assert kept, f"no section {heading!r}"
    return "\n".join(kept)


@pytest.mark.parametrize("key", [*PACK_KEYS, *TAB_KEYS, *PROMPT_KEYS])
def test_every_setting_is_documented(key: str) -> None:
    assert f"`{key}`" in DOC


@pytest.mark.parametrize("kind", list(PromptKind))
def test_every_kind_is_in_the_kinds_table(kind: PromptKind) -> None:
    assert f"| `{kind_name(kind)}` |" in section("Kinds of question")


@pytest.mark.parametrize("name", [*CHECKINS, *(f"## {name}" for name in BODY_SECTIONS)])
def test_every_checkin_and_list_is_documented(name: str) -> None:
    assert f"`{name}`" in DOC


def test_built_in_sections_table_is_the_engine_list() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \|$", section("The built-in sections"), re.M)
    assert rows == [(s.id, s.title) for s in BUILT_IN_AGREEMENT_SECTIONS]


def test_sample_check_output_is_what_the_engine_prints(tmp_path: Path) -> None:
    """The pack described under "Checking a pack" gives exactly the lines shown there."""
    write_pack(
        tmp_path,
        "my-pack",
        {
            "pack.md": "---\nid: my-pack\ntitle: My pack\nversion: 1.0\nextends: standerd\n---\n",
            "20-rapport.md": "---\nid: rapport\ntitle: Rapport\nsession: first\n---\n\n"
            "## What is your current role?\n\n- id: current-role\n- audience: both\n"
            "- kind: short answer\n\nSay what you do day to day.\n\n"
            "## How do you prefer to be coached?\n\n- id: coaching-style\n"
            "- kind: single choice\n- audience: mentee\n",
        },
    )
    shown = next(block for block in blocks("") if block.startswith("my-pack/")).splitlines()
    found = PackCatalog([paths.bundled_content_dir()]).check(tmp_path / "my-pack")
    printed = [str(problem).replace(f"{tmp_path}/", "") for problem in found]
    assert shown == [*printed, f"{len(printed)} problems in 1 pack"]


def test_extends_example_builds_on_the_standard_pack(tmp_path: Path) -> None:
    text = section("Building on another pack: `extends`")
    shown = blocks("markdown", text)
    names = ["pack.md", *re.findall(r"^`careers/([^`]+\.md)`", text, re.M)]
    assert names == ["pack.md", "25-ambitions.md", "30-expectations.md"]
    assert len(shown) == len(names)
    files: dict[str, str | bytes] = dict(zip(names, shown, strict=True))
    write_pack(tmp_path, "careers", files)
    assert problems_of(tmp_path, bundled=True) == []
    pack = PackCatalog([paths.bundled_content_dir(), tmp_path]).load("careers")
    assert pack.prompt("hobbies") is None and pack.tab("debrief") is None
    ambitions = [tab.id for tab in pack.tabs]
    assert ambitions[ambitions.index("rapport") + 1] == "ambitions"
    assert pack.tabs[ambitions.index("expectations")].prompts[-1].id == "share-adverts"


def test_every_sample_question_parses(tmp_path: Path) -> None:
    questions = [
        block
        for block in blocks("markdown")
        if block.startswith("## ") and not block.startswith("## Agreement sections")
    ]
    assert len(questions) >= 3
    context = (
        "## Where will you meet?\n\n- id: meeting-place\n- kind: single choice\n\n"
        "Options:\n\n- Video call\n- In person\n\n"
    )
    body = "---\nid: t\ntitle: T\n---\n" + context + "\n".join(questions)
    write_pack(tmp_path, "p", {"pack.md": manifest("p"), "10-t.md": body})
    assert problems_of(tmp_path) == []


def test_sample_agreement_sections_are_valid(tmp_path: Path) -> None:
    listing = next(b for b in blocks("markdown") if b.startswith("## Agreement sections"))
    tab = "---\nid: t\ntitle: T\n---\n## Q\n\n- id: q\n- kind: statement\n- agreement: agenda\n"
    write_pack(tmp_path, "p", {"pack.md": manifest("p", body="\n" + listing), "10-t.md": tab})
    assert problems_of(tmp_path) == []
    pack = PackCatalog([tmp_path]).load("p")
    assert [s.id for s in pack.agreement_outline()] == [
        "voluntary",
        "objectives",
        "agenda",
        "place",
        "ending",
    ]
