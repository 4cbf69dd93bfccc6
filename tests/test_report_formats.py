"""The report's formats: the table fits the terminal, Markdown and HTML escape user text, CSV has
the documented columns and neutralises formulas, JSON keeps types; no format lets a control
code or markup from a name through."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from report_helpers import edit_raw, new_pair, report_of
from test_cli_basic import run

from workbook.models import Author
from workbook.report.cells import display_width, fit, wrap
from workbook.report.columns import COLUMNS
from workbook.report.document import Report
from workbook.report.formats import FORMATS, render
from workbook.report.render_csv import neutralise
from workbook.report.render_table import table_lines
from workbook.sessions import start_session

HOSTILE_MENTOR = "\x1b]0;pwned\x07Ann <b>bold</b> *em* [link](http://x.test) | `code` &amp;"
HOSTILE_MENTEE = '=HYPERLINK("http://x.test","click")'
HOSTILE_FIT = "@SUM(A1:A9)\u202e"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A received file whose names hold control codes, markup and a formula (names are only
    checked on the way in by this program; a copy may come from anywhere)."""
    folder = tmp_path / "in"
    with new_pair(folder) as svc:
        start_session(svc, held_on=date(2025, 2, 1))
        svc.set_answer("fit", Author.MENTEE, "Good fit", session=1)
        path = svc.path
    edit_raw(
        path,
        lambda data: data["relationship"]["1"].update(
            mentor=HOSTILE_MENTOR, mentee=HOSTILE_MENTEE, end_reason="-1+2", pack_version="+9"
        ),
    )

    def hostile_answer(data: dict[str, dict[str, dict[str, object]]]) -> None:
        for doc in data["answers"].values():
            if doc["prompt_id"] == "fit":
                doc["value"] = HOSTILE_FIT

    edit_raw(path, hostile_answer)
    for number in range(12):
        new_pair(folder, f"Mentor Number {number} With A Long Name", f"李小龍 {number}").close()
    return folder


def _report(folder: Path) -> Report:
    return Report.of(report_of(folder))


def _text(report: Report, fmt: str, width: int | None = None) -> str:
    return "".join(render(report, fmt, width=width))


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_code_reaches_any_format(hostile: Path, fmt: str) -> None:
    text = _text(_report(hostile), fmt, width=100)
    assert not any(char in text for char in "\x1b\x07\u202e\x00")
    assert "]0;pwned" in text or fmt == "table"  # the rest of the name is kept as text


@pytest.mark.parametrize("width", [60, 80, 100, 140, 220])
def test_the_table_fits_the_terminal(hostile: Path, width: int) -> None:
    """Every line fits; the first columns are kept (on the narrowest, the last meeting and the
    sessions held give way); "needs attention" wraps under itself rather than being cut."""
    report = _report(hostile)
    lines = list(table_lines(report, width))
    assert max(display_width(line) for line in lines) <= width
    heading, body = lines[0], lines[1:]
    for name in ("MENTOR", "MENTEE", "STATUS", "AGREEMENT"):
        assert name in heading
    assert ("LAST MEETING" in heading) is (width >= 100)
    starts = [line for line in body if not line.startswith(" ")]
    assert len(starts) == len(report.data.rows)
    column = heading.index("NEEDS")
    wrapped = [line for line in body if line.startswith(" ")]
    assert all(len(line) - len(line.lstrip()) == column for line in wrapped)
    if width <= 100:  # "no first session 54 days after matching" did not fit on one line
        assert wrapped and "matching" in " ".join(wrapped)
        assert not any("…" in line[column:] for line in starts if line.isascii())
    if width >= 220:
        assert "NEXT MEETING" in heading and "PAIRING FIT (MENTEE)" in heading


def test_wrap_breaks_between_words() -> None:
    assert wrap("no meeting for 40 days (meets every 14)", 16) == [
        "no meeting for",
        "40 days (meets",
        "every 14)",
    ]
    assert wrap("a-very-long-word here", 8) == ["a-very-…", "here"]


def test_without_a_width_the_table_shows_every_column_for_people_uncut(hostile: Path) -> None:
    lines = list(table_lines(_report(hostile), None))
    assert "Mentor Number 10 With A Long Name" in "\n".join(lines)
    assert "GOAL PROGRESS %" in lines[0] and "…" not in "\n".join(lines)


def test_wide_characters_are_counted_twice() -> None:
    assert display_width("李小龍") == 6
    assert fit("李小龍 1", 5) == "李小…"
    assert display_width(fit("李小龍 1", 5)) == 5
    assert fit("ab", 4) == "ab  "


def test_markdown_escapes_user_text(hostile: Path) -> None:
    text = _text(_report(hostile), "markdown")
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    assert "<b>" not in html and "<em>" not in html and "<a " not in html
    assert "<code>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; *em* [link](http://x.test) | `code` &amp;amp;" in html
    assert html.count("<tr>") == 1 + 13  # the heading and one row per pair: no | split a cell
    assert "<h2>Summary</h2>" in html and "<h2>Pairs</h2>" in html


def test_csv_has_the_documented_columns_and_no_formula(hostile: Path) -> None:
    rows = list(csv.reader(io.StringIO(_text(_report(hostile), "csv"))))
    assert rows[0] == [column.name for column in COLUMNS]
    assert len(rows) == 14 and all(len(row) == len(COLUMNS) for row in rows)
    record = next(dict(zip(rows[0], row, strict=True)) for row in rows if "pwned" in row[0])
    assert record["mentee"] == "'" + HOSTILE_MENTEE
    assert record["pairing_fit_mentee"] == "'@SUM(A1:A9)"
    assert record["end_reason"] == "'-1+2" and record["pack_version"] == "'+9"
    assert record["started"] == "2025-01-06" and record["first_session_overdue"] == "no"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_every_formula_start(start: str) -> None:
    assert neutralise(f"{start}1") == f"'{start}1"
    assert neutralise(f"a{start}1") == f"a{start}1"


def test_json_keeps_types_and_column_order(hostile: Path) -> None:
    data = json.loads(_text(_report(hostile), "json"))
    assert [c["name"] for c in data["columns"]] == [column.name for column in COLUMNS]
    pair = next(p for p in data["pairs"] if "pwned" in p["mentor"])
    assert list(pair) == [column.name for column in COLUMNS]
    assert pair["sessions_held"] == 1 and pair["goals_progress"] is None
    assert pair["first_session_overdue"] is False and pair["last_meeting"] == "2025-02-01"
    assert pair["mentor"] == "]0;pwnedAnn <b>bold</b> *em* [link](http://x.test) | `code` &amp;"
    assert data["summary"]["pairs"] == 13 and data["summary"]["by_status"]["active"] == 13
    assert data["generated_on"] == "2025-03-01" and data["problems"] == []


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "dl", "dt", "dd",
    "div", "svg", "text", "rect", "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
    "code", "footer",
}  # fmt: skip


def test_html_is_self_contained_and_escaped(hostile: Path) -> None:
    text = _text(_report(hostile), "html")
    parser = _Tags()
    parser.feed(text)
    assert parser.tags <= HTML_TAGS  # no tag came from a name
    assert not parser.attributes & {"src", "href", "onload", "onerror", "srcset", "action"}
    assert "script" not in parser.tags and "url(" not in text and "@import" not in text
    assert "Content-Security-Policy\" content=\"default-src 'none'" in text
    assert text.count("<svg ") >= 4  # status, agreement, attention, pairing fit of mentees
    assert "&lt;b&gt;bold&lt;/b&gt;" in text
    assert any("Ann <b>bold</b>" in chunk for chunk in parser.text)


def test_the_cli_writes_each_format(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through the command line (the pack is the bundled one here, so no check-ins)."""
    for fmt, start in (
        ("table", "Programme report: 13 pairs"),
        ("markdown", "# Programme report"),
        ("csv", "mentor,mentee,"),
        ("json", "{"),
        ("html", "<!DOCTYPE html>"),
    ):
        status, out, _ = run(capsys, "report", str(hostile), "--format", fmt)
        assert status == 0 and out.startswith(start)


def test_summary_counts(tmp_path: Path) -> None:
    """The summary's figures, on pairs whose facts are known."""
    folder = tmp_path / "in"
    new_pair(folder, "Waiting", "One", started_on=date(2025, 2, 1)).close()
    with new_pair(folder, "Met", "Two", started_on=date(2025, 1, 1)) as svc:
        start_session(svc, held_on=date(2025, 2, 27))
        svc.set_answer("fit", Author.MENTEE, "Good fit", session=1)
        svc.set_answer("fit", Author.MENTOR, "Not sure", session=1)
        svc.set_answer("feedback", Author.MENTEE, 5, session=1)
        svc.set_answer("feedback", Author.MENTOR, 2, session=1)
    with new_pair(folder, "Met", "Three", started_on=date(2025, 1, 1)) as svc:
        start_session(svc, held_on=date(2025, 2, 27))
        svc.set_answer("fit", Author.MENTEE, "Good fit", session=1)
        svc.set_answer("feedback", Author.MENTEE, 4, session=1)
    summary = Report.of(report_of(folder)).summary
    assert summary.pairs == 3 and summary.by_status["active"] == 3
    assert summary.no_first_session == 1 and summary.no_meeting_beyond_cadence == 0
    assert summary.pairing_fit == {"mentor": {"Not sure": 1}, "mentee": {"Good fit": 2}}
    assert summary.feedback_average == pytest.approx(11 / 3) and summary.feedback_answers == 3
    lines = dict(summary.lines())
    assert lines["Pairs"] == "3 (3 active)"
    assert lines["Pairing fit"] == "mentors: Not sure 1; mentees: Good fit 2"
    assert lines["Average feedback"] == "3.7 (3 answers)"
    assert lines["No first session"] == "1 pair matched more than 2 days ago"
