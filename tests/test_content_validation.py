"""Validation: every problem in a pack is reported as ``file:line: message``, never a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workbook.content import parser
from workbook.content.catalog import PackCatalog, load_pack_dir
from workbook.content.errors import ContentError, ContentProblem
from workbook.errors import NotFoundError, WorkbookError

KINDS = (
    "short text, long text, single choice, multiple choice, ranking, scale, date, yes/no, "
    "checklist, goal list, action list, cadence, agreement, homework review, statement, link"
)
SESSIONS = "before, first, second, after, any"


def write_pack(root: Path, name: str, files: dict[str, str | bytes]) -> Path:
    """Write a pack folder ``root/name`` holding ``files`` (texts are dedented)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in files.items():
        if isinstance(text, bytes):
            (folder / file_name).write_bytes(text)
        else:
            (folder / file_name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


def manifest(pack_id: str, extra: str = "") -> str:
    """A ``pack.md`` with the required keys plus ``extra`` front matter lines."""
    return f"---\nid: {pack_id}\ntitle: Pack {pack_id}\nversion: 1.0\n{extra}---\n"


def tab(tab_id: str, *prompt_ids: str, extra: str = "") -> str:
    """A tab file with one short-text prompt per id; prompt n's heading is on line 5 + 5n."""
    text = f"---\nid: {tab_id}\ntitle: Tab {tab_id}\n{extra}---\n"
    for prompt_id in prompt_ids:
        text += f"## Question {prompt_id}?\n\n- id: {prompt_id}\n- kind: short text\n\n"
    return text


def check(root: Path, folder: Path | None = None, dirs: tuple[Path, ...] = ()) -> list[str]:
    """The problems of ``folder`` (default ``root``), as strings with ``root/`` removed."""
    found = PackCatalog(list(dirs)).check(folder or root)
    return [str(problem).replace(f"{root}/", "") for problem in found]


def one_tab(tmp_path: Path, body: str) -> list[str]:
    """Problems of a pack whose only tab file ``10-t.md`` is ``body``."""
    write_pack(tmp_path, "p", {"pack.md": manifest("p"), "10-t.md": body})
    return check(tmp_path)


def test_problem_and_error_text(tmp_path: Path) -> None:
    problem = ContentProblem(Path("p/10-t.md"), 7, "unknown kind 'x'")
    assert str(problem) == "p/10-t.md:7: unknown kind 'x'"
    error = ContentError([problem, ContentProblem(Path("p/pack.md"), 1, "m")])
    assert isinstance(error, WorkbookError)
    assert str(error) == "p/10-t.md:7: unknown kind 'x'\np/pack.md:1: m"
    assert error.problems[1].line == 1


def test_valid_pack_has_no_problems(tmp_path: Path) -> None:
    assert one_tab(tmp_path, tab("t", "a", "b")) == []


def test_every_front_matter_problem(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {
            "pack.md": """
                ---
                id: Bad_Id
                title:
                version 1.0
                review_months: 99
                colour: red
                extends: Not Valid
                drop: ok-id, BAD
                ---
                """,
            "10-t.md": """
                ---
                id: t
                title: T
                title: Again
                session: someday
                mode: merge
                after: UP
                ---
                ## Q

                - id: q
                - kind: date
                """,
        },
    )
    assert check(tmp_path) == [
        "p/10-t.md:4: 'title' is given twice in the front matter (first at line 3)",
        f"p/10-t.md:5: unknown session 'someday' (use one of: {SESSIONS})",
        "p/10-t.md:6: unknown mode 'merge' (use one of: replace, append)",
        "p/10-t.md:7: after: tab id 'UP' is not a valid id (use lowercase letters, digits and "
        "hyphens)",
        "p/pack.md:1: pack.md needs 'version'",
        "p/pack.md:2: pack id 'Bad_Id' is not a valid id (use lowercase letters, digits and "
        "hyphens)",
        "p/pack.md:3: pack.md needs 'title'",
        "p/pack.md:4: front matter line is not 'key: value': 'version 1.0'",
        "p/pack.md:5: review_months must be a whole number of months from 1 to 60, not '99'",
        "p/pack.md:6: unknown key 'colour' in pack.md (known keys: id, title, version, extends, "
        "review_months, drop, drop_tabs)",
        "p/pack.md:7: extends: pack id 'Not Valid' is not a valid id (use lowercase letters, "
        "digits and hyphens)",
        "p/pack.md:8: drop: prompt id 'BAD' is not a valid id (use lowercase letters, digits and "
        "hyphens)",
    ]


def test_missing_and_unclosed_front_matter(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {
            "pack.md": "# no front matter\n",
            "10-t.md": "---\nid: t\ntitle: T\n",
            "20-u.md": "---\n---\n## Q\n\n- id: q\n- kind: date\n",
        },
    )
    assert check(tmp_path) == [
        "p/10-t.md:1: the front matter is not closed: add a line '---' after its last key",
        "p/20-u.md:1: a tab file needs 'id'",
        "p/20-u.md:1: a tab file needs 'title'",
        "p/pack.md:1: missing front matter: the file must start with a line '---'",
    ]


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {"pack.md": manifest("p"), "10-t.md": b"---\nid: t\ntitle: T\n---\n\n## caf\xe9\n"},
    )
    assert check(tmp_path) == [
        "p/10-t.md:6: this file is not UTF-8 text (bad byte at offset 30); save it as UTF-8",
    ]
    tab_file, problems = parser.parse_tab_file(tmp_path)  # a folder cannot be read as a file
    assert tab_file is None
    assert [p.message for p in problems] == ["cannot read this file: Is a directory"]


def test_every_prompt_setting_problem(tmp_path: Path) -> None:
    problems = one_tab(
        tmp_path,
        """
        ---
        id: t
        title: T
        ---
        ## Q1

        - id: q1
        - kind: essay
        - audience: everyone
        - session: never
        - private: maybe
        - required: perhaps
        - agreement: snacks
        - colour: blue
        - audience: mentor

        ## Q2

        - id: Q2
        - kind: scale
        - scale: 5 to 1

        ## Q3

        - id: q3
        - kind: short text
        - scale: 1 to 10

        ## Q4

        - kind: date
        - not a setting
        """,
    )
    assert problems == [
        f"p/10-t.md:8: unknown kind 'essay' (kinds: {KINDS})",
        "p/10-t.md:9: unknown audience 'everyone' (use one of: mentor, mentee, both, joint)",
        f"p/10-t.md:10: unknown session 'never' (use one of: {SESSIONS})",
        "p/10-t.md:11: private must be yes or no, not 'maybe'",
        "p/10-t.md:12: required must be yes or no, not 'perhaps'",
        "p/10-t.md:13: unknown agreement section 'snacks' (sections: objectives, expectations, "
        "cadence, duration, place, contact, between-sessions, availability, organising, "
        "records, confidentiality, responsibilities, decisions, strengths, missed-meetings, "
        "feedback, conflict, accommodations, coaching-style, ending, follow-up, review)",
        "p/10-t.md:14: unknown key 'colour' in a prompt's settings (known keys: id, kind, "
        "audience, session, private, required, scale, agreement)",
        "p/10-t.md:15: 'audience' is given twice in this prompt's settings (first at line 9)",
        "p/10-t.md:19: prompt id 'Q2' is not a valid id (use lowercase letters, digits and "
        "hyphens)",
        "p/10-t.md:21: scale must look like '1 to 10' (two whole numbers from 0 to 100, the "
        "first smaller), not '5 to 1'",
        "p/10-t.md:27: scale is only for prompts of kind scale",
        "p/10-t.md:29: prompt 'Q4' needs 'id'",
        "p/10-t.md:32: settings line is not 'key: value': 'not a setting'",
    ]


def test_options_problems(tmp_path: Path) -> None:
    problems = one_tab(
        tmp_path,
        """
        ---
        id: t
        title: T
        ---
        ## Pick one

        - id: pick
        - kind: single choice

        ## Free text

        - id: free
        - kind: short text

        Options:

        - Nope

        ## Rank

        - id: rank
        - kind: ranking

        Options:

        Not a list.

        ## Tick

        - id: tick
        - kind: checklist

        Options:

        - Same
        - Same
        -
        """,
    )
    assert problems == [
        "p/10-t.md:5: prompt 'Pick one' is a single choice question and needs an 'Options:' "
        "line followed by a bullet list of choices",
        "p/10-t.md:15: a short text prompt takes no options: remove the 'Options:' list",
        "p/10-t.md:24: 'Options:' must be followed by a bullet list of choices",
        "p/10-t.md:36: duplicate option 'Same'",
        "p/10-t.md:37: empty option",
    ]


def test_options_glued_to_settings_list(tmp_path: Path) -> None:
    problems = one_tab(
        tmp_path,
        "---\nid: t\ntitle: T\n---\n## Q\n- id: q\n- kind: checklist\nOptions:\n\n- a\n",
    )
    assert problems == [
        "p/10-t.md:5: prompt 'Q' is a checklist question and needs an 'Options:' line followed "
        "by a bullet list of choices",
        "p/10-t.md:8: 'Options:' right after the settings list: leave a blank line before it",
        "p/10-t.md:10: settings line is not 'key: value': 'a'",
    ]


def test_structure_problems(tmp_path: Path) -> None:
    problems = one_tab(
        tmp_path,
        """
        ---
        id: t
        title: T
        ---
        # Title

        ## No settings

        Just some text.

        ##

        - id: untitled
        - kind: date

        ## Dup

        - id: untitled
        - kind: date

        # Stray top heading
        """,
    )
    assert problems == [
        "p/10-t.md:7: prompt 'No settings' has no settings list: put a bullet list of "
        "'key: value' lines (at least id and kind) right under the heading",
        "p/10-t.md:11: a '## ' prompt heading has no question text",
        "p/10-t.md:16: duplicate prompt id 'untitled' (first used at line 11)",
        "p/10-t.md:21: a '# ' heading is only allowed as the file's first heading: use '## ' "
        "to start a prompt, or '### ' for a heading inside guidance",
    ]


def test_duplicate_tab_ids_and_prompt_ids_across_files(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest("p"),
            "10-a.md": tab("a", "x", "y"),
            "20-b.md": tab("a", "z"),
            "30-c.md": tab("c", "y"),
        },
    )
    assert check(tmp_path) == [
        "p/20-b.md:2: duplicate tab id 'a' (also used by 10-a.md)",
        "p/30-c.md:5: duplicate prompt id 'y' (also used at p/10-a.md:10)",
    ]


def test_empty_tab_and_pack_without_tabs(tmp_path: Path) -> None:
    write_pack(tmp_path, "p", {"pack.md": manifest("p"), "10-t.md": tab("t")})
    write_pack(tmp_path, "q", {"pack.md": manifest("q")})
    write_pack(
        tmp_path, "r", {"pack.md": manifest("r"), "10-t.md": tab("t", extra="mode: append\n")}
    )
    assert check(tmp_path) == [
        "p/10-t.md:1: this tab has no prompts: start each question with a '## ' heading",
        "q/pack.md:1: this pack has no tabs: add one Markdown file per tab next to it",
        "r/10-t.md:1: this tab has no prompts: start each question with a '## ' heading",
    ]


def test_missing_pack_md(tmp_path: Path) -> None:
    write_pack(tmp_path, "p", {"10-t.md": tab("t", "a")})
    expected = "p/pack.md:1: missing pack.md: every pack needs one, with id, title and version"
    assert check(tmp_path) == [expected]
    assert check(tmp_path, tmp_path / "p") == [expected]
    with pytest.raises(ContentError) as caught:
        load_pack_dir(tmp_path / "p")
    assert str(caught.value).replace(f"{tmp_path}/", "") == expected


def test_check_of_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="is not a folder"):
        PackCatalog([]).check(tmp_path / "nope")
    with pytest.raises(NotFoundError, match="no content packs in"):
        PackCatalog([]).check(tmp_path)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A catalog folder with pack ``base``: tab one (a, b), tab two (c)."""
    write_pack(
        tmp_path / "cat",
        "base",
        {
            "pack.md": manifest("base"),
            "10-one.md": tab("one", "a", "b"),
            "20-two.md": tab("two", "c"),
        },
    )
    return tmp_path / "cat"


def test_extends_problems(tmp_path: Path, base: Path) -> None:
    root = tmp_path / "mine"
    write_pack(
        root,
        "child",
        {
            "pack.md": manifest("child", "extends: base\ndrop: a, nope\ndrop_tabs: gone\n"),
            "10-new.md": tab("new", "n", extra="after: missing\n"),
            "20-clash.md": tab("clash", "c"),
        },
    )
    write_pack(root, "emptied", {"pack.md": manifest("emptied", "extends: base\ndrop: c\n")})
    write_pack(root, "orphan", {"pack.md": manifest("orphan", "extends: nobody\n")})
    write_pack(
        root,
        "alone",
        {
            "pack.md": manifest("alone", "drop: a\ndrop_tabs: one\n"),
            "10-t.md": tab("t", "x", extra="after: one\n"),
        },
    )
    assert check(root, dirs=(base,)) == [
        "alone/10-t.md:4: after: this pack extends no other pack, so there is no tab 'one'",
        "alone/pack.md:5: drop: this pack extends no other pack, so there is no prompt 'a'",
        "alone/pack.md:6: drop_tabs: this pack extends no other pack, so there is no tab 'one'",
        "child/10-new.md:4: after: there is no tab 'missing' to follow (tabs so far: one, two)",
        f"child/20-clash.md:5: duplicate prompt id 'c' (also used at {base}/base/20-two.md:5)",
        "child/pack.md:6: drop: the pack 'base' has no prompt 'nope'",
        "child/pack.md:7: drop_tabs: the pack 'base' has no tab 'gone'",
        "emptied/pack.md:6: drop removes every prompt of tab 'two': use drop_tabs to remove "
        "the tab",
        "orphan/pack.md:5: extends 'nobody', but there is no such pack (available: alone, base, "
        "child, emptied)",
    ]


def test_circular_and_broken_parent_extends(tmp_path: Path) -> None:
    write_pack(tmp_path, "a", {"pack.md": manifest("a", "extends: b\n")})
    write_pack(tmp_path, "b", {"pack.md": manifest("b", "extends: a\n")})
    write_pack(tmp_path, "c", {"pack.md": manifest("c", "extends: a\n")})
    write_pack(tmp_path, "self", {"pack.md": manifest("self", "extends: self\n")})
    write_pack(tmp_path, "broken", {"pack.md": manifest("broken"), "10-t.md": tab("t")})
    write_pack(tmp_path, "kid", {"pack.md": manifest("kid", "extends: broken\n")})
    assert check(tmp_path) == [
        "a/pack.md:5: circular extends: a -> b -> a",
        "b/pack.md:5: circular extends: b -> a -> b",
        "broken/10-t.md:1: this tab has no prompts: start each question with a '## ' heading",
        "c/pack.md:5: the pack it extends, 'a', has problems: fix those first",
        "kid/pack.md:5: the pack it extends, 'broken', has problems: fix those first",
        "self/pack.md:5: circular extends: self -> self",
    ]
    with pytest.raises(ContentError, match="circular extends: a -> b -> a"):
        PackCatalog([tmp_path]).load("a")


def test_same_id_twice_in_checked_folder(tmp_path: Path) -> None:
    write_pack(tmp_path, "one", {"pack.md": manifest("p"), "10-t.md": tab("t", "a")})
    write_pack(tmp_path, "two", {"pack.md": manifest("p"), "10-t.md": tab("t", "a")})
    assert check(tmp_path) == ["one/pack.md:1: the pack id 'p' is also used by two"]


def test_every_problem_across_files_is_collected(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest("p", "review_months: soon\n"),
            "10-a.md": "---\nid: a\ntitle: A\n---\n## Q\n\n- id: q\n- kind: nope\n",
            "20-b.md": "---\nid: b\ntitle: B\nsession: later\n---\n## Q\n\n- id: r\n",
        },
    )
    with pytest.raises(ContentError) as caught:
        PackCatalog([tmp_path]).load("p")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        f"p/10-a.md:8: unknown kind 'nope' (kinds: {KINDS})",
        f"p/20-b.md:4: unknown session 'later' (use one of: {SESSIONS})",
        "p/20-b.md:6: prompt 'Q' needs 'kind'",
        "p/pack.md:5: review_months must be a whole number of months from 1 to 60, not 'soon'",
    ]


def test_unexpected_exception_becomes_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(parser, "parse_prompt", boom)
    assert one_tab(tmp_path, tab("t", "a")) == [
        "p/10-t.md:1: could not read this file (RuntimeError: boom); please report this"
    ]
