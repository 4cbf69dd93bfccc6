"""The seed-guide coverage table (docs/coverage.md) points at prompts that really exist.

Each of the five published guides the bundled packs were written from has a section in
``docs/coverage.md``: a table of the guide's points, each mapped to a pack and a prompt id.
These tests parse those tables and load the named packs through the content catalog.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbook.content.catalog import PackCatalog

COVERAGE = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"

BUNDLED_PACKS = {"standard", "career", "apprenticeship", "two-session", "coding"}
"""The packs shipped in ``content/``."""

GUIDES = {
    "Careers mentoring": 31,
    "Workplace mentor meetings": 27,
    "Two-session programme": 27,
    "Employee mentoring": 31,
    "Coding academy": 22,
}
"""Heading prefix of each seed guide's section -> the fewest rows its table may have."""

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_coverage(text: str) -> dict[str, list[tuple[str, str, str]]]:
    """Map each ``## `` section heading to its table rows as (point, pack, prompt id)."""
    sections: dict[str, list[tuple[str, str, str]]] = {}
    current: list[tuple[str, str, str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
            continue
        if current is None or not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0] == "Guide point" or set("".join(cells)) <= {"-", ":"}:
            continue  # header or separator row
        assert len(cells) == 3, f"coverage row needs 3 cells: {raw!r}"
        current.append((cells[0], cells[1], cells[2]))
    return sections


@pytest.fixture(scope="module")
def sections() -> dict[str, list[tuple[str, str, str]]]:
    """The parsed coverage tables."""
    return parse_coverage(COVERAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog() -> PackCatalog:
    """The catalog of bundled packs."""
    return PackCatalog.default()


def _section(sections: dict[str, list[tuple[str, str, str]]], prefix: str) -> list:
    matches = [rows for heading, rows in sections.items() if heading.startswith(prefix)]
    assert len(matches) == 1, f"expected one section starting {prefix!r}, found {len(matches)}"
    return matches[0]


@pytest.mark.parametrize(("prefix", "minimum"), sorted(GUIDES.items()))
def test_each_seed_guide_has_enough_rows(sections, prefix: str, minimum: int) -> None:
    rows = _section(sections, prefix)
    assert len(rows) >= minimum, f"{prefix}: {len(rows)} rows, expected at least {minimum}"


def test_rows_are_well_formed(sections) -> None:
    for heading, rows in sections.items():
        for point, pack_id, prompt_id in rows:
            assert point, f"{heading}: empty guide point"
            assert pack_id in BUNDLED_PACKS, f"{heading}: unknown pack {pack_id!r}"
            assert _ID.match(prompt_id), f"{heading}: bad prompt id {prompt_id!r}"


@pytest.mark.parametrize("pack_id", sorted(BUNDLED_PACKS))
def test_every_listed_prompt_exists(sections, catalog, pack_id: str) -> None:
    pack = catalog.load(pack_id)
    missing = [
        f"{heading}: {point} -> {prompt_id}"
        for heading, rows in sections.items()
        for point, row_pack, prompt_id in rows
        if row_pack == pack_id and pack.prompt(prompt_id) is None
    ]
    assert not missing, f"prompts missing from pack {pack_id!r}:\n" + "\n".join(missing)


def test_every_programme_pack_is_used(sections) -> None:
    used = {pack_id for rows in sections.values() for _, pack_id, _ in rows}
    assert BUNDLED_PACKS <= used, f"packs without coverage rows: {BUNDLED_PACKS - used}"
