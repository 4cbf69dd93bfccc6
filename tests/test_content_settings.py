"""Every setting added for real programmes: how it is written, what it gives, and each message
when it is written wrong (as ``file:line: message``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.packs import manifest, problems_of, write_pack
from workbook.content.catalog import PackCatalog, load_pack_dir
from workbook.content.model import (
    BUILT_IN_AGREEMENT_SECTIONS,
    AgreementSection,
    Audience,
    Pack,
    PromptKind,
    SessionTag,
    ShowIf,
)
from workbook.content.prompt_settings import split_values


def one_tab(tmp_path: Path, body: str, extra: str = "") -> Path:
    """A pack ``p`` whose only tab file is ``10-t.md`` = ``body``."""
    return write_pack(tmp_path, "p", {"pack.md": manifest("p", extra), "10-t.md": body})


def load(tmp_path: Path, body: str, extra: str = "") -> Pack:
    """The pack of :func:`one_tab`."""
    return load_pack_dir(one_tab(tmp_path, body, extra))


HEAD = "---\nid: t\ntitle: T\n---\n"
"""A tab's front matter: the first prompt heading is on line 5."""


# --- prompt settings ------------------------------------------------------------------------


def test_statement_link_and_private_optional(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        HEAD + "## The mentee leads the agenda\n\n- id: agenda\n- kind: statement\n"
        "- agreement: expectations\n\nThey bring the topics.\n\n"
        "## Your booking page\n\n- id: booking\n- kind: link\n- audience: mentor\n\n"
        "## Salary\n\n- id: salary\n- kind: short text\n- private: Optional\n",
    )
    agenda, booking, salary = pack.tabs[0].prompts
    assert (agenda.kind, agenda.agreement, agenda.guidance) == (
        PromptKind.STATEMENT,
        "expectations",
        "They bring the topics.",
    )
    assert booking.kind is PromptKind.LINK
    assert (salary.private, salary.private_optional) == (False, True)


def test_scale_labels(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        HEAD + "## Q\n\n- id: q\n- kind: scale\n- scale: 0 to 10\n"
        "- labels: 10 = thriving, 0 = struggling, 5 = getting by\n",
    )
    assert pack.tabs[0].prompts[0].scale_labels == {
        0: "struggling",
        5: "getting by",
        10: "thriving",
    }
    default_range = load(
        tmp_path / "b", HEAD + "## Q\n\n- id: q\n- kind: scale\n- labels: 1 = low, 5 = high\n"
    )
    assert default_range.tabs[0].prompts[0].scale_labels == {1: "low", 5: "high"}


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("0 = struggling", "labels must name both ends of the scale (0 and 10); missing: 10"),
        ("0 = a, 11 = b", "labels: 11 is not on this scale (0 to 10)"),
        ("0 = a, 0 = b, 10 = c", "labels: 0 is labelled twice"),
        (
            "low to high",
            "labels must look like '0 = not at all, 10 = completely' (a point of the scale, "
            "'=', and its words, separated by commas), not 'low to high'",
        ),
        (
            "0 =, 10 = high",
            "labels must look like '0 = not at all, 10 = completely' (a point of "
            "the scale, '=', and its words, separated by commas), not '0 ='",
        ),
    ],
)
def test_scale_label_problems(tmp_path: Path, labels: str, message: str) -> None:
    one_tab(
        tmp_path, HEAD + f"## Q\n\n- id: q\n- kind: scale\n- scale: 0 to 10\n- labels: {labels}\n"
    )
    assert problems_of(tmp_path) == [f"p/10-t.md:10: {message}"]


def test_repeat_checkin_and_per_role_wording(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        HEAD + "## How on track do you feel?\n\n- id: on-track\n- kind: scale\n"
        "- audience: both\n- repeat: Every Session\n- checkin: on track\n"
        "- for mentor: How on track is your mentee?\n"
        "- for mentee: How on track do you feel?\n",
    )
    prompt = pack.tabs[0].prompts[0]
    assert prompt.repeat and prompt.checkin == "on-track"
    assert prompt.title_for_role == {
        "mentor": "How on track is your mentee?",
        "mentee": "How on track do you feel?",
    }
    assert prompt.title_for("mentor") == "How on track is your mentee?"
    assert prompt.title_for(None) == "How on track do you feel?"


def test_guidance_for_each_role(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        HEAD + "## Q\n\n- id: q\n- kind: single choice\n\nShared words.\n\nFor the mentee:\n\n"
        "Only the **mentee** reads this.\n\nOptions:\n\n- A\n- B\n\nfor mentor:\n\n"
        "Mentor part, line one\nline two.\n\n### Why\n\nMore for the mentor.\n",
    )
    prompt = pack.tabs[0].prompts[0]
    assert prompt.options == ("A", "B")
    assert prompt.guidance == "Shared words."
    assert prompt.guidance_for_role == {
        "mentee": "Shared words.\n\nOnly the **mentee** reads this.",
        "mentor": "Shared words.\n\nMentor part, line one\nline two.\n\n### Why\n\n"
        "More for the mentor.",
    }
    assert prompt.guidance_for("mentee").endswith("reads this.")
    assert prompt.guidance_for(None) == "Shared words."


def test_role_guidance_without_shared_text_and_twice(tmp_path: Path) -> None:
    pack = load(tmp_path, HEAD + "## Q\n\n- id: q\n- kind: date\n\nFor the mentor:\n\nPick one.\n")
    assert pack.tabs[0].prompts[0].guidance == ""
    assert pack.tabs[0].prompts[0].guidance_for_role == {"mentor": "Pick one."}
    one_tab(
        tmp_path / "b",
        HEAD + "## Q\n\n- id: q\n- kind: date\n\nFor the mentor:\n\nA\n\nFor mentor:\n\nB\n",
    )
    assert problems_of(tmp_path / "b") == [
        "p/10-t.md:14: 'For the mentor:' is given twice in this prompt's guidance (first at "
        "line 10)"
    ]


def test_show_if_forms(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        HEAD + "## Mode\n\n- id: mode\n- kind: single choice\n\nOptions:\n\n- Video\n"
        "- Phone\n- In person, nearby\n\n"
        "## Where?\n\n- id: where\n- kind: short text\n- show if: mode is in person, nearby\n\n"
        "## Why?\n\n- id: why\n- kind: short text\n"
        '- show if: mode is one of Video, "In person, nearby"\n',
    )
    prompts = {prompt.id: prompt for prompt in pack.tabs[0].prompts}
    assert prompts["where"].show_if == ShowIf(prompt="mode", values=("in person, nearby",))
    assert prompts["why"].show_if == ShowIf(prompt="mode", values=("Video", "In person, nearby"))


def test_split_values_honours_quotes() -> None:
    assert split_values('a, "b, c",d ,  ') == ["a", "b, c", "d"]
    assert split_values('"only"') == ["only"]


def test_other_adds_a_choice_and_its_follow_up(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        HEAD + "## How can we reach you?\n\n- id: reach\n- kind: multiple choice\n"
        "- audience: both\n- agreement: contact\n- private: optional\n- other: Another way\n\n"
        "Options:\n\n- Email\n- Phone\n\n"
        "## Where?\n\n- id: where\n- kind: single choice\n- other: yes\n\nOptions:\n\n- Here\n\n"
        "## Say it\n\n- id: say\n- kind: single choice\n- other: Something else, please say\n\n"
        "Options:\n\n- This\n",
    )
    prompts = pack.tabs[0].prompts
    assert [p.id for p in prompts] == [
        "reach",
        "reach-other",
        "where",
        "where-other",
        "say",
        "say-other",
    ]
    reach, follow_up = prompts[0], prompts[1]
    assert reach.options == ("Email", "Phone", "Another way")
    assert follow_up.title == "Another way (please say)"
    assert follow_up.kind is PromptKind.SHORT_TEXT
    assert (follow_up.audience, follow_up.agreement, follow_up.private_optional) == (
        Audience.BOTH,
        "contact",
        True,
    )
    assert follow_up.show_if == ShowIf(prompt="reach", values=("Another way",))
    assert follow_up.source is not None and follow_up.source.line == 12  # the 'other:' line
    assert prompts[2].options == ("Here", "Other")
    assert prompts[3].title == "Other (please say)"
    assert prompts[5].title == "Something else, please say"


def test_other_problems(tmp_path: Path) -> None:
    one_tab(
        tmp_path,
        HEAD + "## A\n\n- id: a\n- kind: ranking\n- other: yes\n\nOptions:\n\n- X\n\n"
        "## B\n\n- id: b\n- kind: single choice\n- other: X\n\nOptions:\n\n- X\n\n"
        "## C\n\n- id: c\n- kind: single choice\n- other: yes\n\nOptions:\n\n- X\n\n"
        "## Clash\n\n- id: c-other\n- kind: date\n",
    )
    assert problems_of(tmp_path) == [
        "p/10-t.md:9: other is only for single choice and multiple choice prompts, not ranking",
        "p/10-t.md:19: other: 'X' is already one of the options: remove it from the list",
        "p/10-t.md:35: duplicate prompt id 'c-other' (first used at line 25)",
    ]


def test_every_new_prompt_setting_problem(tmp_path: Path) -> None:
    one_tab(
        tmp_path,
        HEAD + "## Q1\n\n- id: q1\n- kind: long text\n- private: sometimes\n"
        "- repeat: weekly\n- checkin: on-trak\n- show if: nonsense\n- agreement: Not Valid\n\n"
        "## Q2\n\n- id: q2\n- kind: statement\n- audience: mentor\n- required: yes\n"
        "- repeat: every session\n\n"
        "## Q3\n\n- id: q3\n- kind: goal list\n- repeat: every session\n- show if: q1 is x\n\n"
        "## Q4\n\n- id: q4\n- kind: long text\n- checkin: feedback\n- private: yes\n\n"
        "## Q5\n\n- id: q5\n- kind: short text\n- show if: Bad_Id is x\n- labels: 1 = a, 5 = b\n\n"
        "## Q6\n\n- id: q6\n- kind: short text\n- kind of: x\n",
    )
    assert problems_of(tmp_path) == [
        "p/10-t.md:9: private must be yes, no or optional, not 'sometimes'",
        "p/10-t.md:10: repeat must be 'every session' (or leave it out), not 'weekly'",
        "p/10-t.md:11: unknown checkin 'on-trak': did you mean 'on-track'? (check-ins: "
        "pairing-fit, on-track, feedback)",
        "p/10-t.md:12: show if must look like 'meeting-mode is Other' or 'meeting-mode is one "
        "of Email, Phone', not 'nonsense'",
        "p/10-t.md:13: agreement section 'Not Valid' is not a valid id (use lowercase letters, "
        "digits and hyphens)",
        "p/10-t.md:19: a statement is not answered, so it takes no 'audience' setting",
        "p/10-t.md:20: a statement is not answered, so it takes no 'required' setting",
        "p/10-t.md:21: a statement is not answered, so it takes no 'repeat' setting",
        "p/10-t.md:27: a goal list prompt has an editor of its own: remove 'repeat'",
        "p/10-t.md:28: a goal list prompt has an editor of its own: remove 'show if'",
        "p/10-t.md:35: a check-in is read by the programme's report, so it cannot be private: "
        "yes (use private: optional to let each person choose)",
        "p/10-t.md:41: show if: prompt id 'Bad_Id' is not a valid id (use lowercase letters, "
        "digits and hyphens)",
        "p/10-t.md:42: labels is only for prompts of kind scale",
        "p/10-t.md:48: unknown key 'kind of' in a prompt's settings: did you mean 'kind'? "
        "(known keys: id, kind, audience, session, private, required, scale, labels, "
        "agreement, show if, other, repeat, checkin, for mentor, for mentee)",
    ]


def test_keys_accept_spaces_hyphens_and_underscores(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        HEAD + "## Mode\n\n- id: mode\n- kind: yes/no\n\n"
        "## Q\n\n- id: q\n- kind: short text\n- Show_If: mode is yes\n- FOR-MENTEE: Hi?\n",
        extra="Minimum_Contact: twice a month\nmaximum-goals: 2\n",
    )
    prompt = pack.tabs[0].prompts[1]
    assert prompt.show_if == ShowIf(prompt="mode", values=("yes",))
    assert prompt.title_for_role == {"mentee": "Hi?"}
    assert (pack.min_contacts_per_month, pack.goals.max_goals) == (2, 2)


def test_unknown_kind_and_audience_suggest_the_near_one(tmp_path: Path) -> None:
    one_tab(tmp_path, HEAD + "## Q\n\n- id: q\n- kind: short answer\n- audience: mentors\n")
    found = problems_of(tmp_path)
    assert found[0].startswith(
        "p/10-t.md:8: unknown kind 'short answer': did you mean 'short text'? (kinds: "
    )
    assert found[1] == (
        "p/10-t.md:9: unknown audience 'mentors': did you mean 'mentor'? (use one of: mentor, "
        "mentee, both, joint)"
    )


# --- tab settings ---------------------------------------------------------------------------


def test_tab_minutes(tmp_path: Path) -> None:
    pack = load(tmp_path, "---\nid: t\ntitle: T\nminutes: 10\n---\n## Q\n\n- id: q\n- kind: date\n")
    assert pack.tabs[0].minutes == 10
    with_unit = load(
        tmp_path / "b",
        "---\nid: t\ntitle: T\nminutes: 25 minutes\n---\n## Q\n\n- id: q\n- kind: date\n",
    )
    assert with_unit.tabs[0].minutes == 25
    one_tab(
        tmp_path / "c", "---\nid: t\ntitle: T\nminutes: ten\n---\n## Q\n\n- id: q\n- kind: date\n"
    )
    assert problems_of(tmp_path / "c") == [
        "p/10-t.md:4: minutes must be the whole number of minutes this step takes (1 to 600), "
        "not 'ten'"
    ]


# --- pack.md settings -----------------------------------------------------------------------

TAB = HEAD + "## Q\n\n- id: q\n- kind: date\n"


def test_programme_settings(tmp_path: Path) -> None:
    pack = load(
        tmp_path,
        TAB,
        extra="sessions: 4\nmonths: 6\nmeetings: 45 min, every 2 weeks\n"
        "minimum contact: twice a month\nrequired goal parts: specific, Time-Bound, measurable\n"
        "maximum goals: 3\n",
    )
    assert (pack.planned_sessions, pack.programme_months, pack.min_contacts_per_month) == (4, 6, 2)
    defaults = pack.cadence_defaults
    assert defaults is not None
    assert (defaults.every_weeks, defaults.times_per_month) == (2, None)
    assert (defaults.duration_minutes, defaults.count) == (45, 4)
    assert pack.goals.required == ("specific", "target", "measurable")
    assert pack.goals.max_goals == 3


@pytest.mark.parametrize(
    ("meetings", "every", "times", "minutes"),
    [
        ("twice a month", None, 2, None),
        ("once a month, an hour", None, 1, 60),
        ("3 times a month", None, 3, None),
        ("fortnightly", 2, None, None),
        ("weekly, 2 hours", 1, None, 120),
        ("every 4 weeks, 60 minutes", 4, None, 60),
        ("every 3 weeks", 3, None, None),
        ("90 minutes", None, None, 90),
    ],
)
def test_meetings_phrases(
    tmp_path: Path, meetings: str, every: int | None, times: int | None, minutes: int | None
) -> None:
    defaults = load(tmp_path, TAB, extra=f"meetings: {meetings}\n").cadence_defaults
    assert defaults is not None
    assert (defaults.every_weeks, defaults.times_per_month, defaults.duration_minutes) == (
        every,
        times,
        minutes,
    )


def test_no_programme_settings_gives_the_defaults(tmp_path: Path) -> None:
    pack = load(tmp_path, TAB)
    assert pack.cadence_defaults is None
    assert pack.planned_sessions is None and pack.min_contacts_per_month is None
    assert pack.goals.required == ("specific", "measurable", "achievable", "relevant", "target")
    assert pack.agreement_outline() == BUILT_IN_AGREEMENT_SECTIONS
    assert load(tmp_path / "b", TAB, extra="required goal parts: none\n").goals.required == ()


def test_every_programme_setting_problem(tmp_path: Path) -> None:
    one_tab(
        tmp_path,
        TAB,
        extra="sessions: two\nmonths: 0\nmeetings: sometimes\nminimum contact: every 2 weeks\n"
        "required goal parts: specific, mesurable\nmaximum goals: 99\n",
    )
    assert problems_of(tmp_path) == [
        "p/pack.md:5: sessions must be the whole number of sessions (1 to 520), not 'two'",
        "p/pack.md:6: months must be the whole number of months (1 to 120), not '0'",
        "p/pack.md:7: meetings: 'sometimes' is not a rhythm or a length (write how often and how "
        "long, e.g. 'every 2 weeks, 60 minutes'; rhythms: 'every week', 'every 2 weeks', 'once "
        "a month', 'twice a month', '3 times a month')",
        "p/pack.md:8: minimum contact must say how many times a month, e.g. 'twice a month' or "
        "'4 times a month', not 'every 2 weeks'",
        "p/pack.md:9: required goal parts: 'mesurable' is not a SMART part: did you mean "
        "'measurable'? (parts: specific, measurable, achievable, relevant, time-bound, or 'none')",
        "p/pack.md:10: maximum goals must be a whole number from 1 to 50, not '99'",
    ]


@pytest.mark.parametrize(
    ("meetings", "message"),
    [
        ("every 2 weeks, twice a month", "'twice a month' is a second rhythm"),
        ("60 minutes, 30 minutes", "'30 minutes' is a second length"),
    ],
)
def test_meetings_given_twice(tmp_path: Path, meetings: str, message: str) -> None:
    one_tab(tmp_path, TAB, extra=f"meetings: {meetings}\n")
    assert problems_of(tmp_path) == [
        f"p/pack.md:5: meetings: {message} (write how often and how long, e.g. 'every 2 weeks, "
        "60 minutes'; rhythms: 'every week', 'every 2 weeks', 'once a month', 'twice a month', "
        "'3 times a month')"
    ]


@pytest.mark.parametrize(
    ("meetings", "message"),
    [
        (
            "every 60 weeks",
            "meetings: the rhythm must be every 1 to 52 weeks or 1 to 8 times a month",
        ),
        (
            "9 times a month",
            "meetings: the rhythm must be every 1 to 52 weeks or 1 to 8 times a month",
        ),
        ("700 minutes", "meetings: 700 minutes is not from 5 to 600"),
    ],
)
def test_meetings_out_of_range(tmp_path: Path, meetings: str, message: str) -> None:
    one_tab(tmp_path, TAB, extra=f"meetings: {meetings}\n")
    assert problems_of(tmp_path) == [f"p/pack.md:5: {message}"]


def test_body_lists(tmp_path: Path) -> None:
    body = (
        "\n# P\n\nThe description.\n\n### A smaller heading\n\nStill the description.\n\n"
        "## Agreement sections\n\n- objectives\n- voluntary: Taking part is voluntary\n"
        "- ending: Ending or withdrawing, without blame\n\n"
        "## Goal examples\n\n- Land a first interview, by March\n- Ship a project\n\n"
        "## action examples:\n\n- Send my CV to two people\n"
    )
    folder = write_pack(tmp_path, "p", {"pack.md": manifest("p", body=body), "10-t.md": TAB})
    pack = load_pack_dir(folder)
    assert pack.description == (
        "The description.\n\n### A smaller heading\n\nStill the description."
    )
    assert pack.agreement_sections == (
        AgreementSection(id="objectives", title="Objectives and goals"),
        AgreementSection(id="voluntary", title="Taking part is voluntary"),
        AgreementSection(id="ending", title="Ending or withdrawing, without blame"),
    )
    assert pack.agreement_outline() == pack.agreement_sections
    assert pack.agreement_title("voluntary") == "Taking part is voluntary"
    assert pack.agreement_title("gone-now") == "Gone now"
    assert pack.goals.examples == ("Land a first interview, by March", "Ship a project")
    assert pack.goals.action_examples == ("Send my CV to two people",)


def test_body_list_problems(tmp_path: Path) -> None:
    body = (
        "\n## Agreement sections\n\n- objectives\n- Not An Id: X\n- voluntary\n"
        "- objectives: Our aims\n\n"
        "A stray paragraph.\n\n"
        "## Goal example\n\n- x\n\n"
        "## Action examples\n\n    - indented too far\n\n"
        "## Goal examples\n\nNo list here.\n\n"
        "## Agreement sections\n\n- ending\n"
    )
    write_pack(tmp_path, "p", {"pack.md": manifest("p", body=body), "10-t.md": TAB})
    assert problems_of(tmp_path) == [
        "p/pack.md:10: agreement section 'Not An Id' is not a valid id (use lowercase letters, "
        "digits and hyphens)",
        "p/pack.md:11: agreement section 'voluntary' is not a built-in one, so it needs a "
        "heading: '- voluntary: Its heading'",
        "p/pack.md:12: agreement section 'objectives' is listed twice (first at line 9)",
        "p/pack.md:14: only a bullet list belongs under '## Agreement sections': remove this text",
        "p/pack.md:16: unknown heading 'Goal example' in pack.md: did you mean '## Goal "
        "examples'? (a pack.md may have '## Agreement sections', '## Goal examples' and '## "
        "Action examples', each over a bullet list; use '### ' for a heading in the description)",
        "p/pack.md:22: the list after '## Action examples' is indented 4 spaces or more, which "
        "Markdown reads as a block of code: start each '- ' at the beginning of its line",
        "p/pack.md:24: '## Goal examples' must be followed by a bullet list of example goals",
        "p/pack.md:28: '## Agreement sections' is given twice in pack.md (first at line 7)",
    ]


def test_settings_are_inherited_unless_given(tmp_path: Path) -> None:
    body = "\n## Agreement sections\n\n- objectives\n- agenda: Setting the agenda\n\n## Goal examples\n\n- Ship it\n"
    write_pack(
        tmp_path,
        "base",
        {
            "pack.md": manifest(
                "base",
                "sessions: 4\nmonths: 6\nmeetings: every 2 weeks, 60 minutes\n"
                "minimum contact: twice a month\nmaximum goals: 3\n",
                body,
            ),
            "10-t.md": TAB,
        },
    )
    write_pack(
        tmp_path,
        "child",
        {"pack.md": manifest("child", "extends: base\nmeetings: 45 minutes\nsessions: 2\n")},
    )
    write_pack(
        tmp_path,
        "other",
        {
            "pack.md": manifest(
                "other",
                "extends: base\nmeetings: twice a month\n",
                "\n## Goal examples\n\n- Mine\n## Agreement sections\n\n- objectives\n",
            )
        },
    )
    catalog = PackCatalog([tmp_path])
    child = catalog.load("child")
    assert (child.planned_sessions, child.programme_months, child.min_contacts_per_month) == (
        2,
        6,
        2,
    )
    assert child.cadence_defaults is not None
    assert (child.cadence_defaults.every_weeks, child.cadence_defaults.duration_minutes) == (2, 45)
    assert child.cadence_defaults.count == 2
    assert [s.id for s in child.agreement_outline()] == ["objectives", "agenda"]
    assert (child.goals.examples, child.goals.max_goals) == (("Ship it",), 3)
    other = catalog.load("other")
    assert other.cadence_defaults is not None
    assert (other.cadence_defaults.every_weeks, other.cadence_defaults.times_per_month) == (None, 2)
    assert other.cadence_defaults.duration_minutes == 60
    assert other.goals.examples == ("Mine",)
    assert [s.id for s in other.agreement_outline()] == ["objectives"]


def test_tab_minutes_inherited_by_an_appended_tab(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "base",
        {
            "pack.md": manifest("base"),
            "10-t.md": "---\nid: t\ntitle: T\nminutes: 15\n---\n## Q\n\n- id: q\n- kind: date\n",
        },
    )
    write_pack(
        tmp_path,
        "child",
        {
            "pack.md": manifest("child", "extends: base\n"),
            "10-t.md": "---\nid: t\ntitle: T\nmode: append\n---\n## R\n\n- id: r\n- kind: date\n",
        },
    )
    write_pack(
        tmp_path,
        "timed",
        {
            "pack.md": manifest("timed", "extends: base\n"),
            "10-t.md": "---\nid: t\ntitle: T\nmode: append\nminutes: 5\n---\n## R\n\n- id: r\n- kind: date\n",
        },
    )
    catalog = PackCatalog([tmp_path])
    assert catalog.load("child").tabs[0].minutes == 15
    assert catalog.load("timed").tabs[0].minutes == 5
    assert catalog.load("timed").tabs[0].session is SessionTag.ANY


@pytest.mark.parametrize(
    ("kind", "answered"),
    [
        (PromptKind.SHORT_TEXT, True),
        (PromptKind.LINK, True),
        (PromptKind.SCALE, True),
        (PromptKind.STATEMENT, False),
        (PromptKind.GOAL_LIST, False),
        (PromptKind.AGREEMENT, False),
    ],
)
def test_which_kinds_take_an_answer(kind: PromptKind, answered: bool) -> None:
    assert kind.takes_answer is answered
