"""The content engine: Markdown packs parsed into models, extends resolved, packs catalogued."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.packs import manifest, tab, write_pack
from workbook import paths
from workbook.content.catalog import PackCatalog, PackSummary, load_pack_dir
from workbook.content.errors import ContentError, ContentProblem
from workbook.content.model import Audience, PromptKind, SessionTag, ShowIf
from workbook.errors import NotFoundError, WorkbookError

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "docs" / "example-pack"


def ids(pack) -> list[tuple[str, list[str]]]:
    """The tab ids of ``pack`` each with its prompt ids, in order."""
    return [(t.id, [p.id for p in t.prompts]) for t in pack.tabs]


# --- parsing --------------------------------------------------------------------------------


def test_example_pack_loads_with_every_field() -> None:
    pack = load_pack_dir(EXAMPLE)
    assert pack.id == "example"
    assert pack.title == "Example mentoring pack"
    assert pack.version == "1.0"
    assert pack.review_months == 3
    assert pack.description.startswith("A small pack that shows every part of the format")
    assert "# Example" not in pack.description and "## " not in pack.description
    assert (pack.planned_sessions, pack.programme_months, pack.min_contacts_per_month) == (4, 6, 2)
    assert pack.cadence_defaults is not None
    assert pack.cadence_defaults.model_dump() == {
        "every_weeks": 2,
        "times_per_month": None,
        "duration_minutes": 60,
        "count": 4,
    }
    assert pack.goals.required == ("specific", "measurable", "target")
    assert pack.goals.max_goals == 3
    assert pack.goals.examples[0] == "Apply for three junior roles by the end of March"
    assert pack.goals.action_examples == ("Send my CV to my mentor before our next meeting",)
    assert [(s.id, s.title) for s in pack.agreement_outline()] == [
        ("voluntary", "Taking part"),
        ("objectives", "Objectives and goals"),
        ("cadence", "How often we meet"),
        ("place", "Where and how we meet"),
        ("contact", "Staying in touch"),
        ("review", "Reviewing this agreement"),
    ]
    assert [t.id for t in pack.tabs] == ["preparation", "first-meeting", "goals", "check-in"]
    assert [t.minutes for t in pack.tabs] == [None, 40, 20, 5]
    prep = pack.tab("preparation")
    assert prep is not None
    assert prep.session is SessionTag.BEFORE
    assert prep.intro == "Fill this in on your own before you meet. It takes about ten minutes."
    hopes = pack.prompt("hopes")
    assert hopes is not None
    assert hopes.title == "What would you like to get out of mentoring?"
    assert hopes.title_for("mentor") == "What would you like your mentee to get out of mentoring?"
    assert hopes.title_for("mentee") == hopes.title
    assert hopes.kind is PromptKind.LONG_TEXT
    assert hopes.audience is Audience.BOTH
    assert hopes.required and not hopes.private
    assert hopes.agreement == "objectives"
    assert hopes.session is SessionTag.BEFORE  # the tab's session by default
    assert hopes.guidance == "A sentence or two is enough. You can change it later."
    assert hopes.guidance_for("mentee") == (
        "A sentence or two is enough. You can change it later.\n\n"
        "Think of one thing that would make the next six months worthwhile."
    )
    assert hopes.guidance_for("mentor") == hopes.guidance
    assert hopes.source is not None and hopes.source.line == 11
    assert str(hopes.source) == f"{EXAMPLE / '10-preparation.md'}:11"
    secret = pack.prompt("private-worries")
    assert secret is not None and secret.private
    salary = pack.prompt("salary")
    assert salary is not None and salary.private_optional and not salary.private
    voluntary = pack.prompt("voluntary")
    assert voluntary is not None and voluntary.kind is PromptKind.STATEMENT
    assert voluntary.agreement == "voluntary"
    contact = pack.prompt("contact-channel")
    assert contact is not None
    assert contact.kind is PromptKind.SINGLE_CHOICE
    assert contact.audience is Audience.JOINT
    assert contact.options == ("Email", "Chat messages", "Only at our meetings", "Another way")
    assert contact.guidance == "Pick the one you will both actually check."
    other = pack.prompt("contact-channel-other")
    assert other is not None and other.title == "Another way (please say)"
    assert other.show_if == ShowIf(prompt="contact-channel", values=("Another way",))
    link = pack.prompt("video-link")
    assert link is not None and link.kind is PromptKind.LINK
    assert link.show_if == ShowIf(prompt="meeting-place", values=("Video call",))
    confidence = pack.prompt("confidence")
    assert confidence is not None
    assert (confidence.scale_min, confidence.scale_max) == (1, 10)
    assert confidence.scale_labels == {1: "not at all", 10: "completely"}
    assert confidence.guidance == (
        "### Why we ask\n\nAsking again at the end of the programme shows how far you have come."
    )
    review = pack.review_date_prompt()
    assert review is not None and review.id == "review-date"
    goals = pack.tab("goals")
    assert goals is not None
    assert goals.intro.startswith("Agree two or three goals.")
    assert [p.kind for p in goals.prompts] == [PromptKind.GOAL_LIST, PromptKind.ACTION_LIST]
    assert pack.prompt("rhythm").kind is PromptKind.CADENCE  # type: ignore[union-attr]
    fit = pack.checkin_prompt("pairing-fit")
    assert fit is not None and fit.session is SessionTag.FIRST and fit.private_optional
    on_track = pack.checkin_prompt("on-track")
    assert on_track is not None and on_track.repeat
    assert on_track.scale_labels == {1: "stuck", 5: "on track"}
    in_the_way = pack.prompt("in-the-way")
    assert in_the_way is not None and in_the_way.show_if == ShowIf(
        prompt="on-track", values=("1", "2")
    )
    feedback = pack.checkin_prompt("feedback")
    assert feedback is not None and feedback.repeat and feedback.audience is Audience.BOTH


def test_documentation_shows_the_example_pack_exactly() -> None:
    doc = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
    assert "docs/content-format.md" in "\n".join(doc.splitlines()[:5])
    shown = dict(
        re.findall(r"\*\*`docs/example-pack/([^`]+)`\*\*\n\n```markdown\n(.*?)```", doc, re.S)
    )
    files = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLE.glob("*.md")}
    assert shown == files
    assert len(files) >= 3


def test_spec_example_guidance_and_options(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest("p"),
            "20-rapport.md": """
                ---
                id: rapport
                title: Rapport
                session: first
                ---

                # Rapport

                Trust grows from liking and knowing each other. Spend the first part of
                each meeting on each other's story.

                ## How do you prefer to be coached?

                - id: coaching-style
                - kind: single choice
                - audience: mentee
                - agreement: coaching-style

                Options:

                - Direct and to the point
                - Questions that let me find the answer

                Think about the best feedback you ever had.

                ```
                keep   this
                ```

                [link]: https://example.org
                """,
        },
    )
    pack = load_pack_dir(folder)
    rapport = pack.tabs[0]
    assert rapport.title == "Rapport"
    assert rapport.intro == (
        "Trust grows from liking and knowing each other. Spend the first part of\n"
        "each meeting on each other's story."
    )
    prompt = rapport.prompts[0]
    assert prompt.options == ("Direct and to the point", "Questions that let me find the answer")
    assert prompt.agreement == "coaching-style"
    assert prompt.session is SessionTag.FIRST
    assert prompt.guidance == (
        "Think about the best feedback you ever had.\n\n```\nkeep   this\n```\n\n"
        "[link]: https://example.org"
    )


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("single choice", PromptKind.SINGLE_CHOICE),
        ("single-choice", PromptKind.SINGLE_CHOICE),
        ("Single_Choice", PromptKind.SINGLE_CHOICE),
        ("yes/no", PromptKind.YES_NO),
        ("yes-no", PromptKind.YES_NO),
        ("homework review", PromptKind.HOMEWORK_REVIEW),
        ("goal_list", PromptKind.GOAL_LIST),
    ],
)
def test_kind_spellings(tmp_path: Path, written: str, kind: PromptKind) -> None:
    options = "\nOptions:\n\n- One\n- Two\n" if kind.needs_options else ""
    folder = write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest("p"),
            "10-t.md": f"---\nid: t\ntitle: T\n---\n## Q\n\n- id: q\n- kind: {written}\n{options}",
        },
    )
    assert load_pack_dir(folder).tabs[0].prompts[0].kind is kind


def test_settings_defaults_and_values(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest("p"),
            "10-t.md": """
                ---
                id: t
                title: T
                # a comment line
                ---
                ## Plain
                - id: plain
                - kind: date
                ## Set
                - ID: set
                - kind: scale
                - audience: Mentor
                - session: second
                - private: true
                - required: Yes
                - scale: 0 - 10
                """,
        },
    )
    plain, full = load_pack_dir(folder).tabs[0].prompts
    assert (plain.audience, plain.session, plain.private, plain.required) == (
        Audience.BOTH,
        SessionTag.ANY,
        False,
        False,
    )
    assert (plain.scale_min, plain.scale_max, plain.options, plain.guidance) == (1, 5, (), "")
    assert (full.audience, full.session, full.private, full.required) == (
        Audience.MENTOR,
        SessionTag.SECOND,
        True,
        True,
    )
    assert (full.scale_min, full.scale_max) == (0, 10)


def test_tabs_ordered_by_file_name_numbers_and_other_files_ignored(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest("p"),
            "9-nine.md": tab("nine", "a"),
            "10-ten.md": tab("ten", "b"),
            "README.md": "# not a tab",
            "notes.txt": "not a tab",
            ".hidden.md": "not a tab",
        },
    )
    assert ids(load_pack_dir(folder)) == [("nine", ["a"]), ("ten", ["b"])]


def test_bom_and_windows_line_endings(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, "p", {"pack.md": manifest("p")})
    (folder / "10-t.md").write_bytes(
        b"\xef\xbb\xbf---\r\nid: t\r\ntitle: T\r\n---\r\n## Q\r\n\r\n- id: q\r\n- kind: date\r\n"
    )
    assert ids(load_pack_dir(folder)) == [("t", ["q"])]


# --- extends --------------------------------------------------------------------------------


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A folder of packs holding ``base``: tabs one (a, b), two (c, d), three (e)."""
    write_pack(
        tmp_path,
        "base",
        {
            "pack.md": manifest("base", "review_months: 4\n", "# Base\n\nThe base pack.\n"),
            "10-one.md": tab("one", "a", "b", extra="session: first\n", intro="One intro."),
            "20-two.md": tab("two", "c", "d"),
            "30-three.md": tab("three", "e"),
        },
    )
    return tmp_path


def test_child_replaces_tab_in_place(base: Path) -> None:
    write_pack(
        base,
        "child",
        {"pack.md": manifest("child", "extends: base\n"), "20-two.md": tab("two", "x")},
    )
    pack = PackCatalog([base]).load("child")
    assert ids(pack) == [("one", ["a", "b"]), ("two", ["x"]), ("three", ["e"])]
    assert pack.extends == "base"
    assert pack.review_months == 4  # inherited
    assert pack.description == "The base pack."  # inherited when the child has none
    assert pack.source_dir == base / "child"


def test_child_appends_to_tab(base: Path) -> None:
    child_tab = """
        ---
        id: one
        title: New title
        session: second
        mode: append
        ---

        New intro.

        ## Replaced b

        - id: b
        - kind: long text

        ## Added

        - id: z
        - kind: date
        """
    write_pack(
        base,
        "child",
        {
            "pack.md": manifest("child", "extends: base\nreview_months: 12\n"),
            "10-one.md": child_tab,
        },
    )
    pack = PackCatalog([base]).load("child")
    assert ids(pack)[0] == ("one", ["a", "b", "z"])
    one = pack.tabs[0]
    assert (one.title, one.session, one.intro) == ("New title", SessionTag.SECOND, "New intro.")
    assert one.prompts[1].title == "Replaced b"
    assert one.prompts[1].kind is PromptKind.LONG_TEXT
    assert pack.review_months == 12


def test_append_without_intro_keeps_parent_intro(base: Path) -> None:
    write_pack(
        base,
        "child",
        {
            "pack.md": manifest("child", "extends: base\n"),
            "10-one.md": tab("one", "z", extra="mode: append\n"),
        },
    )
    assert PackCatalog([base]).load("child").tabs[0].intro == "One intro."


def test_new_tabs_inserted_after_or_at_end(base: Path) -> None:
    write_pack(
        base,
        "child",
        {
            "pack.md": manifest("child", "extends: base\n"),
            "10-new1.md": tab("new1", "n1", extra="after: one\n"),
            "20-new2.md": tab("new2", "n2", extra="after: one\n"),
            "30-last.md": tab("last", "n3"),
            "40-first-after-three.md": tab("after-three", "n4", extra="after: three\n"),
        },
    )
    pack = PackCatalog([base]).load("child")
    assert [t.id for t in pack.tabs] == [
        "one",
        "new1",
        "new2",
        "two",
        "three",
        "after-three",
        "last",
    ]


def test_drop_prompts_and_tabs(base: Path) -> None:
    write_pack(
        base,
        "child",
        {"pack.md": manifest("child", "extends: base\ndrop: a, d\ndrop_tabs: three\n")},
    )
    assert ids(PackCatalog([base]).load("child")) == [("one", ["b"]), ("two", ["c"])]


def test_grandchild_resolves_recursively(base: Path) -> None:
    write_pack(base, "child", {"pack.md": manifest("child", "extends: base\ndrop_tabs: two\n")})
    write_pack(
        base,
        "grandchild",
        {
            "pack.md": manifest("grandchild", "extends: child\n"),
            "10-one.md": tab("one", "q", extra="mode: append\n"),
        },
    )
    catalog = PackCatalog([base])
    assert ids(catalog.load("grandchild")) == [("one", ["a", "b", "q"]), ("three", ["e"])]
    assert catalog.load("base").tab("two") is not None  # the parent itself is unchanged


def test_extends_across_search_dirs_and_load_pack_dir(base: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    folder = write_pack(other, "mine", {"pack.md": manifest("mine", "extends: base\n")})
    catalog = PackCatalog([base])
    assert ids(load_pack_dir(folder, catalog))[0] == ("one", ["a", "b"])
    with pytest.raises(ContentError) as caught:
        load_pack_dir(folder)
    assert str(caught.value) == (
        f"{folder / 'pack.md'}:5: extends 'base', but there is no such pack (available: none)"
    )


# --- catalog --------------------------------------------------------------------------------


def test_later_dirs_override_and_missing_dirs_are_skipped(tmp_path: Path) -> None:
    write_pack(tmp_path / "one", "p", {"pack.md": manifest("p"), "10-t.md": tab("t", "a")})
    write_pack(tmp_path / "two", "other-name", {"pack.md": manifest("p"), "10-t.md": tab("t", "b")})
    catalog = PackCatalog([tmp_path / "one", tmp_path / "missing", tmp_path / "two"])
    assert catalog.pack_ids() == ["p"]
    assert ids(catalog.load("p")) == [("t", ["b"])]
    assert catalog.load("p") is catalog.load("p")  # cached


def test_unknown_pack_id_is_not_found(tmp_path: Path) -> None:
    write_pack(tmp_path, "b", {"pack.md": manifest("b"), "10-t.md": tab("t", "a")})
    write_pack(tmp_path, "a", {"pack.md": manifest("a"), "10-t.md": tab("t", "a")})
    with pytest.raises(NotFoundError) as caught:
        PackCatalog([tmp_path]).load("x")
    assert str(caught.value) == "no content pack called 'x'; available: a, b"
    assert isinstance(caught.value, WorkbookError)


def test_summaries_skip_broken_packs(tmp_path: Path) -> None:
    write_pack(tmp_path, "good", {"pack.md": manifest("good", "extends: base\n")})
    write_pack(
        tmp_path,
        "base",
        {"pack.md": manifest("base"), "10-t.md": tab("t", "a", "b"), "20-u.md": tab("u", "c")},
    )
    write_pack(tmp_path, "bad", {"pack.md": manifest("bad")})
    catalog = PackCatalog([tmp_path])
    assert catalog.pack_ids() == ["bad", "base", "good"]
    assert catalog.summaries() == [
        PackSummary(
            id="base",
            title="Pack base",
            version="1.0",
            tabs=2,
            prompts=3,
            source_dir=tmp_path / "base",
            extends=None,
        ),
        PackSummary(
            id="good",
            title="Pack good",
            version="1.0",
            tabs=2,
            prompts=3,
            source_dir=tmp_path / "good",
            extends="base",
        ),
    ]
    with pytest.raises(ContentError) as caught:
        catalog.load("bad")
    assert caught.value.problems == [
        ContentProblem(
            tmp_path / "bad" / "pack.md",
            1,
            "this pack has no tabs: add one Markdown file per tab next to it",
        )
    ]


def test_default_catalog_uses_home_packs_and_extra(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_pack(home / "packs", "mine", {"pack.md": manifest("mine"), "10-t.md": tab("t", "a")})
    single = write_pack(tmp_path, "single", {"pack.md": manifest("solo"), "10-t.md": tab("t", "a")})
    several = tmp_path / "several"
    write_pack(several, "x", {"pack.md": manifest("x"), "10-t.md": tab("t", "a")})
    paths.set_home_override(home)
    try:
        plain = PackCatalog.default()
        assert "mine" in plain.pack_ids()
        assert plain.search_dirs[:2] == [paths.bundled_content_dir(), home / "packs"]
        assert "solo" in PackCatalog.default(single).pack_ids()
        assert ids(PackCatalog.default(several).load("x")) == [("t", ["a"])]
    finally:
        paths.set_home_override(None)


def test_catalog_import_and_listing_are_cheap(tmp_path: Path) -> None:
    write_pack(tmp_path, "p", {"pack.md": manifest("p"), "10-t.md": tab("t", "a")})
    code = (
        "import sys; from pathlib import Path\n"
        "from workbook.content.catalog import PackCatalog\n"
        f"c = PackCatalog([Path({str(tmp_path)!r})])\n"
        "assert 'markdown_it' not in sys.modules\n"
        "assert c.pack_ids() == ['p']\n"
        "assert 'markdown_it' not in sys.modules\n"
        "c.load('p')\n"
        "assert 'markdown_it' in sys.modules\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_bundled_packs_are_valid() -> None:
    catalog = PackCatalog([paths.bundled_content_dir()])
    if not catalog.pack_ids():
        pytest.skip("no bundled packs yet")
    assert [str(problem) for problem in catalog.check()] == []
    assert "standard" in catalog.pack_ids()


def test_quotes_around_values_are_removed(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path,
        "p",
        {
            "pack.md": '---\nid: "p"\ntitle: "Pack: quoted"\nversion: \'2\'\n---\n',
            "10-t.md": '---\nid: t\ntitle: "T"\n---\n## Q\n\n- id: "q"\n- kind: \'date\'\n',
        },
    )
    pack = load_pack_dir(folder)
    assert (pack.id, pack.title, pack.version) == ("p", "Pack: quoted", "2")
    assert ids(pack) == [("t", ["q"])]
    assert pack.tabs[0].title == "T"
