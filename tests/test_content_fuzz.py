"""Fuzzing: whatever is written into a pack, loading gives a Pack or a ContentError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.content.catalog import PackCatalog, load_pack_dir
from workbook.content.errors import ContentError
from workbook.content.model import Pack

MANIFEST = "---\nid: fuzz\ntitle: Fuzz\nversion: 1.0\n---\n"
TAB = "---\nid: t\ntitle: T\n---\n## Q\n\n- id: q\n- kind: short text\n"

# Lines that look like pack syntax, so random documents reach deep into the parser.
PIECES = [
    "---",
    "",
    "# Title",
    "## Question?",
    "##",
    "### Sub",
    "- id: q",
    "- id: r",
    "- id: Q!",
    "- kind: single choice",
    "- kind: scale",
    "- kind: nonsense",
    "- kind: goal list",
    "- audience: joint",
    "- session: first",
    "- private: maybe",
    "- required: yes",
    "- scale: 1 to 10",
    "- scale: 9 to 2",
    "- agreement: cadence",
    "- agreement: x",
    "Options:",
    "- A choice",
    "- ",
    "  - nested",
    "id: t",
    "id: fuzz",
    "title: T",
    "version: 1.0",
    "extends: fuzz",
    "extends: other",
    "drop: q",
    "drop_tabs: t",
    "mode: append",
    "after: t",
    "session: whenever",
    "review_months: 0",
    "```",
    "> quote",
    "<!-- c -->",
    "1. ordered",
    "Text with *emphasis*.",
    "key: value",
    ": no key",
    "\t- tabbed",
    "...",
    "\ufeff",
    "\x00",
    "   ",
    "- id: q\nOptions:",
    "***",
    "Setext\n---",
    "[x]: http://e",
    # the settings real programmes need
    "- kind: statement",
    "- kind: link",
    "- kind: yes/no",
    "- kind: single choice",
    "- private: optional",
    "- labels: 1 = low, 5 = high",
    "- labels: 0 = a",
    "- show if: q is A choice",
    '- show if: q is one of yes, "A, b"',
    "- show if: r is 2",
    "- show if: nonsense",
    "- other: yes",
    "- other: Something else",
    "- repeat: every session",
    "- checkin: on-track",
    "- checkin: feedback",
    "- for mentor: Asked of the mentor?",
    "- for mentee: Asked of the mentee?",
    "For the mentor:",
    "For the mentee:",
    "    - indented as code",
    "Options:\n    - glued",
    "minutes: 10",
    "sessions: 2",
    "months: 6",
    "meetings: every 2 weeks, 60 minutes",
    "meetings: twice a month",
    "minimum contact: twice a month",
    "maximum goals: 3",
    "required goal parts: specific, time-bound",
    "## Agreement sections",
    "- objectives",
    "- own: Our own section",
    "## Goal examples",
    "## Action examples",
]


def outcome(folder: Path) -> Pack | None:
    """Load ``folder`` both ways; only ContentError may escape (returns None then)."""
    catalog = PackCatalog([folder.parent])
    try:
        pack = load_pack_dir(folder)
    except ContentError as error:
        assert error.problems, "a ContentError always lists its problems"
        for problem in error.problems:
            assert problem.line >= 1
            assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
        pack = None
    try:
        catalog.load(catalog.pack_ids()[0])
    except ContentError:
        pass
    catalog.check()
    catalog.summaries()
    return pack


def run_with(files: dict[str, str | bytes]) -> Pack | None:
    """Write ``files`` into a fresh pack folder and load it."""
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "fuzz"
        folder.mkdir()
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8", "replace")
            (folder / name).write_bytes(data)
        return outcome(folder)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text())
def test_arbitrary_text_as_tab_file(text: str) -> None:
    pack = run_with({"pack.md": MANIFEST, "10-t.md": text})
    if pack is not None:
        assert pack.id == "fuzz" and pack.tabs


@FUZZ
@given(st.binary())
def test_arbitrary_bytes_as_tab_file(data: bytes) -> None:
    run_with({"pack.md": MANIFEST, "10-t.md": data})


@FUZZ
@given(st.text())
def test_arbitrary_text_as_manifest(text: str) -> None:
    pack = run_with({"pack.md": text, "10-t.md": TAB})
    if pack is not None:
        assert [t.id for t in pack.tabs] == ["t"]


@FUZZ
@given(st.binary())
def test_arbitrary_bytes_as_manifest(data: bytes) -> None:
    run_with({"pack.md": data, "10-t.md": TAB})


@FUZZ
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("\n".join),
    st.lists(st.sampled_from(PIECES), max_size=15).map("\n".join),
)
def test_pack_like_documents(tab_text: str, manifest_text: str) -> None:
    pack = run_with(
        {
            "pack.md": manifest_text,
            "10-t.md": "---\nid: t\ntitle: T\n---\n" + tab_text,
            "20-u.md": tab_text,
        }
    )
    if pack is not None:
        ids = [p.id for p in pack.all_prompts()]
        assert len(ids) == len(set(ids))
        assert all(tab.prompts for tab in pack.tabs)
        sections = {section.id for section in pack.agreement_outline()}
        earlier: set[str] = set()
        for prompt in pack.all_prompts():
            assert prompt.agreement is None or prompt.agreement in sections
            assert prompt.show_if is None or prompt.show_if.prompt in earlier
            earlier.add(prompt.id)
