"""Checks across a resolved pack: ``show if``, agreement sections, the review date, check-ins
and the meeting rhythm against the least contact; each problem where it can be fixed."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.packs import manifest, problems_of, write_pack
from workbook.content.catalog import PackCatalog

HEAD = "---\nid: t\ntitle: T\n---\n"
CHOICE = (
    "## Mode\n\n- id: mode\n- kind: single choice\n- audience: joint\n\nOptions:\n\n"
    "- Video\n- In person, nearby\n- Phone\n\n"
)
"""A joint single choice `mode` with three options, one holding a comma."""


def prompt(prompt_id: str, *settings: str, kind: str = "short text") -> str:
    """A prompt section with ``settings`` lines after its id and kind."""
    extra = "".join(f"- {line}\n" for line in settings)
    return f"## Q {prompt_id}\n\n- id: {prompt_id}\n- kind: {kind}\n{extra}\n"


def one_tab(tmp_path: Path, body: str, extra: str = "", pack_body: str = "") -> list[str]:
    write_pack(tmp_path, "p", {"pack.md": manifest("p", extra, pack_body), "10-t.md": HEAD + body})
    return problems_of(tmp_path)


# --- show if ----------------------------------------------------------------------------------


def test_sound_conditions_pass(tmp_path: Path) -> None:
    body = (
        CHOICE
        + prompt("where", "audience: joint", "show if: mode is In Person, Nearby")
        + prompt("ok", "audience: mentee", kind="yes/no")
        + prompt("why-not", "audience: mentee", "show if: ok is no")
        + prompt("score", "scale: 0 to 10", "repeat: every session", kind="scale")
        + prompt("low", "repeat: every session", "show if: score is one of 0, 1, 2")
        + "## Tick\n\n- id: tick\n- kind: checklist\n\nOptions:\n\n- Done\n\n"
        + prompt("done-note", "show if: tick is done")
    )
    assert one_tab(tmp_path, body) == []


def test_every_condition_problem(tmp_path: Path) -> None:
    body = (
        prompt("early", "show if: mode is Video")  # mode comes later
        + CHOICE
        + prompt("self", "show if: self is x")
        + prompt("text", kind="long text")
        + prompt("on-text", "show if: text is hello")
        + prompt("typo", "show if: mode is Vidoe")
        + prompt("comma", "show if: mode is one of Video, In person, nearby")
        + prompt("nobody", "show if: mood is Video")
        + prompt("again", "repeat: every session", kind="yes/no")
        + prompt("once", "show if: again is yes")
        + prompt("secret", "private: yes", "audience: mentee", kind="yes/no")
        + prompt("leak", "audience: mentor", "private: yes", "show if: secret is yes")
        + prompt("open", "audience: mentee", "show if: secret is yes")
        + prompt("scale", "scale: 1 to 3", kind="scale")
        + prompt("far", "show if: scale is 4")
        + prompt("yn", kind="yes/no")
        + prompt("maybe", "show if: yn is maybe")
    )
    found = one_tab(tmp_path, body)
    assert found == [
        "p/10-t.md:9: show if: 'mode' comes after it (tab 't'): a question can only depend on "
        "an answer given before it",
        "p/10-t.md:27: show if: 'self' is this question: a question can only depend on an "
        "answer given before it",
        "p/10-t.md:38: show if: 'text' is a long text question; only a choice, a yes/no or a "
        "scale answer can decide whether a question is shown",
        "p/10-t.md:44: show if: 'Vidoe' is not an option of 'mode': did you mean 'Video'? "
        "(answers: Video, In person, nearby, Phone)",
        "p/10-t.md:50: show if: 'In person' is not an option of 'mode': did you mean 'In "
        "person, nearby'? (answers: Video, In person, nearby, Phone); put a choice that holds "
        'a comma in double quotes: "A, B"',
        "p/10-t.md:56: show if: there is no prompt 'mood' in this pack: did you mean 'mode'?",
        "p/10-t.md:68: show if: 'again' is asked every session but this question only once, so "
        "no one answer can decide: give it 'repeat: every session' too",
        "p/10-t.md:83: show if: 'secret' may be private, so a question it shows must be "
        "answered by the same person and be private (or private: optional) too: otherwise the "
        "other person would learn the private answer from seeing the question",
        "p/10-t.md:90: show if: 'secret' may be private, so a question it shows must be "
        "answered by the same person and be private (or private: optional) too: otherwise the "
        "other person would learn the private answer from seeing the question",
        "p/10-t.md:102: show if: '4' is not a point of 'scale' (answers: 1, 2, 3)",
        "p/10-t.md:113: show if: 'maybe' is not an answer of 'yn' (answers: yes, no)",
    ]


def test_other_follow_up_is_a_sound_condition(tmp_path: Path) -> None:
    body = (
        "## Mode\n\n- id: mode\n- kind: single choice\n- private: optional\n- other: yes\n\n"
        "Options:\n\n- Video\n\n" + prompt("note", "show if: mode-other is x")
    )
    assert one_tab(tmp_path, body) == [
        "p/10-t.md:20: show if: 'mode-other' is a short text question; only a choice, a "
        "yes/no or a scale answer can decide whether a question is shown"
    ]


def base_pack(root: Path) -> None:
    """Pack ``base``: tab ``one`` holds ``mode`` and ``where`` (shown if mode is In person)."""
    write_pack(
        root,
        "base",
        {
            "pack.md": manifest("base"),
            "10-one.md": "---\nid: one\ntitle: One\n---\n"
            + CHOICE
            + prompt("where", "show if: mode is In person, nearby"),
            "20-two.md": "---\nid: two\ntitle: Two\n---\n" + prompt("other-q"),
        },
    )


def test_extending_pack_that_breaks_an_inherited_condition(tmp_path: Path) -> None:
    base_pack(tmp_path)
    write_pack(tmp_path, "dropper", {"pack.md": manifest("dropper", "extends: base\ndrop: mode\n")})
    write_pack(
        tmp_path,
        "changer",
        {
            "pack.md": manifest("changer", "extends: base\n"),
            "10-one.md": "---\nid: one\ntitle: One\nmode: append\n---\n"
            "## Mode\n\n- id: mode\n- kind: single choice\n\nOptions:\n\n- Video\n- Phone\n",
        },
    )
    write_pack(
        tmp_path,
        "replacer",
        {
            "pack.md": manifest("replacer", "extends: base\n"),
            "10-one.md": "---\nid: one\ntitle: One\n---\n" + prompt("fresh"),
            "20-two.md": "---\nid: two\ntitle: Two\n---\n"
            + prompt("where", "show if: mode is Video"),
        },
    )
    assert problems_of(tmp_path) == [
        "changer/10-one.md:6: prompt 'where' (base/10-one.md:17) has 'show if: mode is ...', but 'In "
        "person, nearby' is not an option of 'mode' (answers: Video, Phone)",
        "dropper/pack.md:6: prompt 'where' (base/10-one.md:17) has 'show if: mode is ...', but drop "
        "removes it: drop 'where' too, or keep 'mode'",
        "replacer/20-two.md:9: show if: there is no prompt 'mode' in this pack",
    ]


# --- agreement sections ---------------------------------------------------------------------


def test_agreement_must_name_a_section_of_the_pack(tmp_path: Path) -> None:
    sections = "\n## Agreement sections\n\n- objectives\n- agenda: Who sets the agenda\n"
    body = prompt("a", "agreement: agenda") + prompt("b", "agreement: cadence")
    assert one_tab(tmp_path, body, pack_body=sections) == [
        "p/10-t.md:15: unknown agreement section 'cadence' (sections: objectives, agenda)"
    ]


def test_agreement_typo_in_a_broken_prompt_is_still_reported(tmp_path: Path) -> None:
    body = prompt("a", "agreement: expectation", "audience: everyone")
    assert one_tab(tmp_path, body) == [
        "p/10-t.md:9: unknown agreement section 'expectation': did you mean 'expectations'? "
        "(sections: objectives, expectations, cadence, duration, place, contact, "
        "between-sessions, availability, organising, records, confidentiality, "
        "responsibilities, decisions, strengths, missed-meetings, feedback, conflict, "
        "accommodations, coaching-style, ending, follow-up, review)",
        "p/10-t.md:10: unknown audience 'everyone' (use one of: mentor, mentee, both, joint)",
    ]


def test_sections_left_out_that_inherited_prompts_feed(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "base",
        {
            "pack.md": manifest("base"),
            "10-t.md": HEAD + prompt("a", "agreement: place") + prompt("b", "agreement: place"),
        },
    )
    write_pack(
        tmp_path,
        "child",
        {
            "pack.md": manifest(
                "child", "extends: base\n", "\n## Agreement sections\n\n- objectives\n"
            )
        },
    )
    assert problems_of(tmp_path) == [
        "child/pack.md:8: '## Agreement sections' leaves out 'place', which inherited prompts "
        "feed: 'a' (base/10-t.md:5), 'b' (base/10-t.md:11); add the "
        "section or drop those prompts"
    ]


def test_renamed_built_in_section(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest(
                "p", body="\n## Agreement sections\n\n- place: Where, and how far\n"
            ),
            "10-t.md": HEAD + prompt("a", "agreement: place"),
        },
    )
    pack = PackCatalog([tmp_path]).load("p")
    assert pack.agreement_title("place") == "Where, and how far"


# --- review date, check-ins, contact --------------------------------------------------------


def test_review_date_is_one_joint_date(tmp_path: Path) -> None:
    body = (
        prompt("review-note", "agreement: review", kind="long text")
        + prompt("review-on", "agreement: review", "audience: both", kind="date")
        + prompt("review-again", "agreement: review", "audience: joint", kind="date")
    )
    assert one_tab(tmp_path, body) == [
        "p/10-t.md:15: the date question in the 'review' section is the agreement's review "
        "date, which the pair agree together: give it 'audience: joint'",
        "p/10-t.md:22: the review date is already asked by 'review-on' (p/10-t.md:11): "
        "a pack has one date question in the 'review' section",
    ]


def test_review_date_prompt_found(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {
            "pack.md": manifest("p"),
            "10-t.md": HEAD + prompt("on", "agreement: review", "audience: joint", kind="date"),
        },
    )
    pack = PackCatalog([tmp_path]).load("p")
    found = pack.review_date_prompt()
    assert found is not None and found.id == "on"


def test_each_checkin_is_one_prompt(tmp_path: Path) -> None:
    body = (
        prompt("fit", "checkin: pairing-fit")
        + prompt("fit-again", "checkin: pairing fit")
        + prompt("track", "checkin: on-track")
    )
    assert one_tab(tmp_path, body) == [
        "p/10-t.md:15: checkin: 'pairing-fit' is already the check-in of 'fit' "
        "(p/10-t.md:5): a pack has one prompt for each check-in"
    ]


def test_checkin_prompts_found(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "p",
        {"pack.md": manifest("p"), "10-t.md": HEAD + prompt("track", "checkin: on-track")},
    )
    pack = PackCatalog([tmp_path]).load("p")
    assert pack.checkin_prompt("on-track") is pack.prompt("track")
    assert pack.checkin_prompt("feedback") is None


def test_suggested_rhythm_below_the_minimum_contact(tmp_path: Path) -> None:
    body = prompt("a")
    assert one_tab(tmp_path, body, "meetings: every 4 weeks\nminimum contact: twice a month\n") == [
        "p/pack.md:5: the meetings this pack suggests come about 1.1 times a month, less than "
        "its minimum contact of 2 a month: the cadence form would warn about the pack's own "
        "suggestion"
    ]
    assert (
        one_tab(tmp_path / "b", body, "meetings: every 2 weeks\nminimum contact: twice a month\n")
        == []
    )


def test_replacing_the_tab_of_an_inherited_decider(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "base",
        {
            "pack.md": manifest("base"),
            "10-one.md": "---\nid: one\ntitle: One\n---\n" + CHOICE,
            "20-two.md": "---\nid: two\ntitle: Two\n---\n"
            + prompt("where", "show if: mode is Phone"),
        },
    )
    write_pack(
        tmp_path,
        "child",
        {
            "pack.md": manifest("child", "extends: base\n"),
            "10-one.md": "---\nid: one\ntitle: One\n---\n" + prompt("fresh"),
        },
    )
    assert problems_of(tmp_path) == [
        "child/10-one.md:2: prompt 'where' (base/20-two.md:5) has 'show if: mode is ...', but "
        "its tab is replaced without it: drop 'where' too, or keep 'mode'"
    ]
