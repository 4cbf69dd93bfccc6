"""``show if``: which questions are shown for whom, given the answers so far."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.conditions import Conditions, is_shown, value_matches
from workbook.content.model import Audience, Pack, Prompt, PromptKind, ShowIf, Tab
from workbook.models import Answer, AnswerValue, Author
from workbook.service import WorkbookService

MENTOR, MENTEE, JOINT = Author.MENTOR, Author.MENTEE, Author.JOINT


def choice(prompt_id: str, audience: Audience = Audience.BOTH, **extra: object) -> Prompt:
    return Prompt(
        id=prompt_id,
        title=prompt_id,
        kind=PromptKind.SINGLE_CHOICE,
        options=("Video", "Other"),
        audience=audience,
        **extra,
    )


def follow(
    prompt_id: str, on: str, *values: str, audience: Audience = Audience.BOTH, **extra: object
) -> Prompt:
    return Prompt(
        id=prompt_id,
        title=prompt_id,
        kind=PromptKind.SHORT_TEXT,
        audience=audience,
        show_if=ShowIf(prompt=on, values=values or ("Other",)),
        **extra,
    )


def pack_of(*prompts: Prompt) -> Pack:
    return Pack(id="p", title="P", version="1", tabs=(Tab(id="t", title="T", prompts=prompts),))


class Answers:
    """A lookup like ``WorkbookService.answer`` over a plain dict; it counts its calls."""

    def __init__(self, values: dict[tuple[str, Author, int | None], AnswerValue]) -> None:
        self.values = values
        self.calls = 0

    def __call__(self, prompt_id: str, author: Author, session: int | None) -> Answer | None:
        self.calls += 1
        key = (prompt_id, author, session)
        if key not in self.values:
            return None
        return Answer.model_validate(
            {
                "prompt_id": prompt_id,
                "author": author,
                "value": self.values[key],
                "updated_at": "2026-01-01T00:00:00Z",
            }
        )


@pytest.mark.parametrize(
    ("value", "wanted", "matches"),
    [
        ("Other", ("other",), True),
        ("  other ", ("Other",), True),
        ("Video", ("Other",), False),
        (["Email", "Other"], ("other",), True),
        (["Email"], ("Other",), False),
        (True, ("yes",), True),
        (False, ("yes",), False),
        (False, ("No",), True),
        (3, ("1", "2", "3"), True),
        (4, ("1", "2", "3"), False),
        (None, ("Other",), False),
        ("", ("",), True),
    ],
)
def test_value_matches(value: AnswerValue, wanted: tuple[str, ...], matches: bool) -> None:
    assert value_matches(value, wanted) is matches


def test_a_prompt_without_condition_is_always_shown() -> None:
    plain = choice("mode")
    assert is_shown(plain, MENTOR, pack_of(plain), Answers({}))


def test_each_person_decides_for_themselves_on_a_both_choice() -> None:
    mode, where = choice("mode"), follow("where", "mode")
    conditions = Conditions(
        pack_of(mode, where),
        Answers({("mode", MENTOR, None): "Other", ("mode", MENTEE, None): "Video"}),
    )
    assert conditions.shown(where, MENTOR)
    assert not conditions.shown(where, MENTEE)


def test_a_joint_choice_decides_for_everyone() -> None:
    mode, where = choice("mode", Audience.JOINT), follow("where", "mode")
    answers = Answers({("mode", JOINT, None): "other"})
    assert all(
        Conditions(pack_of(mode, where), answers).shown(where, who) for who in (MENTOR, MENTEE)
    )


def test_a_joint_question_after_a_both_choice_shows_when_either_picks_it() -> None:
    mode, where = choice("mode"), follow("where", "mode", audience=Audience.JOINT)
    pack = pack_of(mode, where)
    assert not is_shown(where, JOINT, pack, Answers({("mode", MENTOR, None): "Video"}))
    assert is_shown(where, JOINT, pack, Answers({("mode", MENTEE, None): "Other"}))


def test_the_mentee_question_after_a_mentor_choice() -> None:
    mode, note = choice("mode", Audience.MENTOR), follow("note", "mode", audience=Audience.MENTEE)
    pack = pack_of(mode, note)
    assert is_shown(note, MENTEE, pack, Answers({("mode", MENTOR, None): "Other"}))
    assert not is_shown(note, MENTEE, pack, Answers({}))


def test_a_hidden_decider_hides_what_depends_on_it() -> None:
    gate = Prompt(id="gate", title="gate", kind=PromptKind.YES_NO, audience=Audience.JOINT)
    mode = choice("mode", Audience.JOINT, show_if=ShowIf(prompt="gate", values=("yes",)))
    where = follow("where", "mode", audience=Audience.JOINT)
    pack = pack_of(gate, mode, where)
    kept = {("mode", JOINT, None): "Other"}  # answered while the gate was open: kept
    assert not is_shown(where, JOINT, pack, Answers({**kept, ("gate", JOINT, None): False}))
    assert is_shown(where, JOINT, pack, Answers({**kept, ("gate", JOINT, None): True}))


def test_a_repeating_decider_decides_in_the_same_session() -> None:
    score = Prompt(id="score", title="s", kind=PromptKind.SCALE, repeat=True)
    low = follow("low", "score", "1", "2", repeat=True)
    once = Prompt(id="once", title="o", kind=PromptKind.YES_NO)
    later = follow("later", "once", "yes", repeat=True)
    pack = pack_of(score, low, once, later)
    answers = Answers(
        {("score", MENTEE, 3): 1, ("score", MENTEE, 4): 5, ("once", MENTEE, None): True}
    )
    assert Conditions(pack, answers, session=3).shown(low, MENTEE)
    assert not Conditions(pack, answers, session=4).shown(low, MENTEE)
    assert Conditions(pack, answers, session=4).shown(later, MENTEE)


def test_a_long_chain_is_decided_without_recursion_and_once_each() -> None:
    depth = 5_000
    chain = [Prompt(id="p0", title="p0", kind=PromptKind.YES_NO, audience=Audience.JOINT)]
    for n in range(1, depth):
        chain.append(
            Prompt(
                id=f"p{n}",
                title=f"p{n}",
                kind=PromptKind.YES_NO,
                audience=Audience.JOINT,
                show_if=ShowIf(prompt=f"p{n - 1}", values=("yes",)),
            )
        )
    answers = Answers({(f"p{n}", JOINT, None): True for n in range(depth)})
    conditions = Conditions(pack_of(*chain), answers)
    assert conditions.shown(chain[-1], JOINT)
    assert answers.calls == depth - 1
    assert all(conditions.shown(p, JOINT) for p in chain)
    assert answers.calls == depth - 1  # remembered


def test_a_loop_of_conditions_in_a_hand_built_pack_ends() -> None:
    first = follow("a", "b", "x")
    second = follow("b", "a", "x")
    assert not is_shown(first, MENTOR, pack_of(first, second), Answers({}))


def test_with_the_real_service(tmp_path: Path) -> None:
    mode, where = choice("mode", Audience.JOINT), follow("where", "mode", audience=Audience.JOINT)
    pack = pack_of(mode, where)
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="p", pack_version="1", folder=tmp_path
    )
    with service:
        assert not Conditions(pack, service.answer).shown(where, JOINT)
        service.set_answer("where", JOINT, "The library")
        service.set_answer("mode", JOINT, "Other")
        assert Conditions(pack, service.answer).shown(where, JOINT)
        service.set_answer("mode", JOINT, "Video")
        assert not Conditions(pack, service.answer).shown(where, JOINT)
        answer = service.answer("where", JOINT)
        assert answer is not None and answer.value == "The library"  # hidden, still kept
