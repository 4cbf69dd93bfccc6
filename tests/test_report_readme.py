"""The README documents the report's CSV columns exactly as :data:`COLUMNS` defines them."""

from __future__ import annotations

import re

from helpers.files import REPO_ROOT

from workbook.report.columns import COLUMNS

ROW = re.compile(r"^\| `([a-z_]+)` \| (.+) \|$")


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n#", start + len(heading) + 2)
    return text[start : end if end != -1 else None]


def test_readme_lists_every_csv_column_with_its_meaning() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = _section(readme, "### Coordinator's report")
    documented = [match.groups() for line in section.splitlines() if (match := ROW.match(line))]
    assert documented == [(column.name, column.meaning) for column in COLUMNS]


def test_column_names_are_unique_and_csv_safe() -> None:
    names = [column.name for column in COLUMNS]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z][a-z_]*", name) for name in names)
