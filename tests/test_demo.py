"""The sample relationship."""

from __future__ import annotations

from pathlib import Path

from workbook.agreement import latest_agreement
from workbook.content.model import PromptKind
from workbook.debrief import homework_for_debrief
from workbook.demo import DATED_PROMPTS, DEMO_ANSWERS, create_demo, sample_value
from workbook.exports import export_text
from workbook.models import Author, Role, SessionKind
from workbook.service import WorkbookService
from workbook.sessions import next_meeting
from workbook.visibility import authors_for


def _check_value(prompt, value) -> None:
    kind = prompt.kind
    if kind in (PromptKind.SHORT_TEXT, PromptKind.LONG_TEXT, PromptKind.DATE):
        assert isinstance(value, str) and value
    elif kind is PromptKind.SINGLE_CHOICE:
        assert value in prompt.options
    elif kind in (PromptKind.MULTIPLE_CHOICE, PromptKind.CHECKLIST):
        assert value and set(value) <= set(prompt.options)
    elif kind is PromptKind.RANKING:
        assert sorted(value) == sorted(prompt.options)
    elif kind is PromptKind.SCALE:
        assert prompt.scale_min <= value <= prompt.scale_max
    elif kind is PromptKind.YES_NO:
        assert isinstance(value, bool)


def test_demo_is_filled_in(tmp_path: Path, home: Path) -> None:
    path = create_demo(tmp_path)
    svc = WorkbookService.open(path, read_only=True)
    rel = svc.relationship
    assert (rel.mentor, rel.mentee, rel.pack_id) == ("Priya Shah", "Sam Okafor", "standard")
    assert rel.cadence is not None and rel.cadence.first_meeting is not None
    assert rel.follow_up_on is not None
    assert [s.kind for s in svc.sessions()] == [SessionKind.FIRST, SessionKind.SECOND]
    assert all(s.shared_notes for s in svc.sessions())
    assert {n.author for n in svc.notes()} == {Role.MENTOR, Role.MENTEE}
    goals = svc.goals()
    assert len(goals) == 2 and all(g.benchmarks and g.target_date for g in goals)
    actions = svc.actions()
    first_homework = [a for a in actions if a.set_in_session == 1]
    assert len(first_homework) == 3 and all(a.debrief_in(2) for a in first_homework)
    assert [a.set_in_session for a in actions if a not in first_homework] == [2]
    assert len(homework_for_debrief(svc, 2)) == 3
    # The partly-done item carries forward to session 3, with the homework set in session 2.
    assert len(homework_for_debrief(svc, 3)) == 2
    assert all(not s.is_open and s.recap for s in svc.sessions())
    upcoming = next_meeting(svc)
    assert upcoming is not None and upcoming.source == "agreed at the close of session 2"
    agreement = latest_agreement(svc)
    assert agreement is not None and agreement.fully_acknowledged
    authors = {a.author for a in svc.answers()}
    assert authors == {Author.MENTOR, Author.MENTEE, Author.JOINT}
    assert len(svc.answers()) >= 20
    for fmt in ("markdown", "json", "ics"):
        assert export_text(svc, fmt)


def test_demo_values_fit_their_prompts(tmp_path: Path, home: Path) -> None:
    from workbook.content.catalog import PackCatalog

    pack = PackCatalog.default().load("standard")
    svc = WorkbookService.open(create_demo(tmp_path), read_only=True)
    for answer in svc.answers():
        prompt = pack.prompt(answer.prompt_id)
        assert prompt is not None and not prompt.kind.is_structured
        _check_value(prompt, answer.value)
        assert answer.is_private == prompt.private


def test_every_standard_prompt_has_its_own_answer() -> None:
    """Each answer was written for its question: none is missing, none is shared by two
    questions, none names a prompt the pack does not have (the demo is the first look)."""
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import SessionTag

    pack = PackCatalog.default().load("standard")
    expected = {
        (prompt.id, author)
        for prompt in pack.all_prompts()
        if prompt.kind.takes_answer
        and prompt.session is not SessionTag.AFTER
        and not prompt.repeat  # (answered session by session: _CHECK_INS)
        and prompt.show_if is None  # (a follow-up: answered when its condition holds)
        and prompt.id not in DATED_PROMPTS
        for author in authors_for(prompt)
    }
    assert set(DEMO_ANSWERS) == expected
    free_text = (PromptKind.SHORT_TEXT, PromptKind.LONG_TEXT)
    texts = [
        value
        for (prompt_id, _), value in DEMO_ANSWERS.items()
        if getattr(pack.prompt(prompt_id), "kind", None) in free_text
    ]
    assert len(texts) == len(set(texts))
    for (prompt_id, _), value in DEMO_ANSWERS.items():
        prompt = pack.prompt(prompt_id)
        assert prompt is not None
        _check_value(prompt, value)


def test_sample_value_for_a_prompt_the_demo_does_not_know() -> None:
    from datetime import date

    from workbook.content.model import Prompt

    for kind in PromptKind:
        prompt = Prompt(id="x", title="X", kind=kind, options=("a", "b", "c"))
        value = sample_value(prompt, Author.MENTEE, 4, date(2025, 1, 1))
        if kind.is_structured or kind in (
            PromptKind.SHORT_TEXT,
            PromptKind.LONG_TEXT,
            PromptKind.STATEMENT,
            PromptKind.LINK,
        ):
            assert value is None  # no invented text that would not fit the question
        else:
            _check_value(prompt, value)


def test_check_ins_are_answered_for_their_own_question_each_session(tmp_path: Path) -> None:
    """Every every-session question the demo answers has its own words each session (the old
    demo gave "How did this session go?" and "since last time" the same sentence), and a
    follow-up hidden by its condition is left unanswered."""
    from workbook.content.catalog import PackCatalog
    from workbook.demo import _CHECK_INS

    pack = PackCatalog.default().load("standard")
    with WorkbookService.open(create_demo(tmp_path), read_only=True) as svc:
        repeat = [p for p in pack.all_prompts() if p.repeat and p.kind.takes_answer]
        given = [a for a in svc.answers() if a.session_number is not None]
        assert given and all(pack.prompt(a.prompt_id).repeat for a in given)  # type: ignore[union-attr]
        texts = [a.value for a in given if isinstance(a.value, str)]
        assert len(texts) == len(set(texts))
        for answer in given:
            assert (
                _CHECK_INS[(answer.prompt_id, answer.session_number)][answer.author] == answer.value
            )  # type: ignore[index]
        assert {p.id for p in repeat} - {a.prompt_id for a in given} == {"holding-back"}
