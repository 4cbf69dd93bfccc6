"""Every model survives the store: save through the service, close, reopen, compare equal."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from helpers.files import make_relationship
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.models import (
    Acknowledgement,
    ActionItem,
    ActionStatus,
    AgreementVersion,
    Answer,
    Author,
    Benchmark,
    Cadence,
    DebriefOutcome,
    Goal,
    GoalStatus,
    Note,
    RelationshipStatus,
    Role,
    Session,
    SessionKind,
    StoredModel,
    Visibility,
)
from workbook.service import WorkbookService
from workbook.text import NAME_MAX, has_controls

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TRICKY = [
    "[bold]x[/]",
    "[learn]",
    "😀👩🏽‍💻",
    "Ана & 李",
    "line\nbreak\ttab",
    "\\u00e9",
    '"quoted"',
    "\x00",
]
texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=60))
names = texts.filter(lambda text: 1 <= len(text) <= NAME_MAX - 2 and not has_controls(text))
"""Names that pass :func:`workbook.text.check_name` (as every new relationship's must)."""
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
moments = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=zones
)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))
clocks = st.dictionaries(st.sampled_from(["mentor", "mentee"]), st.integers(0, 10**6))
values = st.one_of(st.none(), st.booleans(), st.integers(), texts, st.lists(texts, max_size=5))


def _stored(model: type[StoredModel], **fields: Any) -> st.SearchStrategy[Any]:
    return st.builds(model, updated_at=moments, clock=clocks, deleted=st.booleans(), **fields)


answers = _stored(
    Answer,
    prompt_id=names,
    author=st.sampled_from(Author),
    value=values,
    visibility=st.sampled_from(Visibility),
)
goals = _stored(
    Goal,
    title=names,
    specific=texts,
    measurable=texts,
    achievable=texts,
    relevant=texts,
    target_date=st.none() | dates,
    benchmarks=st.lists(
        st.builds(Benchmark, label=texts, due=st.none() | dates, done=st.booleans()), max_size=4
    ),
    status=st.sampled_from(GoalStatus),
    progress=st.integers(0, 100),
    notes=texts,
)
actions = _stored(
    ActionItem,
    text=names,
    owner=st.sampled_from(Role),
    due_date=st.none() | dates,
    due_session=st.none() | st.integers(1, 50),
    set_in_session=st.none() | st.integers(1, 50),
    goal_uid=st.none() | st.uuids().map(lambda u: u.hex),
    status=st.sampled_from(ActionStatus),
    outcome=st.none() | st.sampled_from(DebriefOutcome),
    what_worked=texts,
    what_did_not=texts,
)
sessions = _stored(
    Session,
    number=st.integers(1, 1000),
    kind=st.sampled_from(SessionKind),
    held_on=dates,
    started_at=st.none() | moments,
    shared_notes=texts,
)
notes = _stored(
    Note, author=st.sampled_from(Role), session_number=st.none() | st.integers(1, 99), text=texts
)
agreements = _stored(
    AgreementVersion,
    version=st.integers(1, 99),
    text=texts,
    source_hash=st.text("0123456789abcdef", max_size=64),
    review_on=dates,
    acknowledgements=st.lists(
        st.builds(Acknowledgement, role=st.sampled_from(Role), name=names, at=moments),
        max_size=2,
    ),
)
STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "answers": answers,
    "goals": goals,
    "actions": actions,
    "sessions": sessions,
    "notes": notes,
    "agreements": agreements,
}


def _reopened(path: Path, check: Callable[[WorkbookService], None]) -> None:
    with WorkbookService.open(path) as service:
        check(service)
    with WorkbookService.open(path, read_only=True) as service:
        check(service)


def _assert_same(found: StoredModel | None, saved: StoredModel) -> None:
    assert found == saved
    assert found is not None and found.model_dump() == saved.model_dump()
    if isinstance(saved, Answer):
        assert type(found.value) is type(saved.value)  # type: ignore[attr-defined]


def _save_and_check(items: list[StoredModel], touch: bool) -> None:
    """Save ``items`` to a fresh file, then check each one after reopening it."""
    with tempfile.TemporaryDirectory() as folder:
        path = make_relationship(Path(folder))
        with WorkbookService.open(path) as service:
            saved = [service.save(item, touch=touch) for item in items]
        latest = {item.uid: item for item in saved}

        def check(service: WorkbookService) -> None:
            for uid, item in latest.items():
                found = service.get(type(item), uid)
                if item.deleted:
                    assert found is None
                    found = next(
                        i for i in service.items(type(item), include_deleted=True) if i.uid == uid
                    )
                _assert_same(found, item)

        _reopened(path, check)


@pytest.mark.parametrize("table", sorted(STRATEGIES))
@SETTINGS
@given(data=st.data(), touch=st.booleans())
def test_each_model_round_trips(table: str, data: st.DataObject, touch: bool) -> None:
    """Items of one table, saved with or without touching, read back equal."""
    items = data.draw(st.lists(STRATEGIES[table], min_size=1, max_size=5), label=table)
    _save_and_check(items, touch)


@SETTINGS
@given(items=st.lists(st.one_of(*STRATEGIES.values()), min_size=2, max_size=10))
def test_mixed_items_round_trip(items: list[StoredModel]) -> None:
    """Any mix of items in one file reads back equal."""
    _save_and_check(items, touch=True)


@SETTINGS
@given(
    value=values,
    author=st.sampled_from(Author),
    visibility=st.sampled_from(Visibility),
    prompt_id=names,
)
def test_set_answer_round_trips_every_value_type(
    value: Any, author: Author, visibility: Visibility, prompt_id: str
) -> None:
    """str / int / bool / list[str] / None answers keep their value and type."""
    with tempfile.TemporaryDirectory() as folder:
        path = make_relationship(Path(folder))
        with WorkbookService.open(path) as service:
            saved = service.set_answer(prompt_id, author, value, visibility)

        def check(service: WorkbookService) -> None:
            _assert_same(service.answer(prompt_id, author), saved)

        _reopened(path, check)


cadences = st.none() | st.builds(
    Cadence,
    every_weeks=st.integers(1, 52),
    duration_minutes=st.integers(5, 600),
    first_meeting=st.none() | moments,
    count=st.none() | st.integers(1, 520),
    place=texts,
)


@SETTINGS
@given(
    mentor=names,
    mentee=names,
    cadence=cadences,
    status=st.sampled_from(RelationshipStatus),
    reason=texts,
    ended_on=st.none() | dates,
)
def test_relationship_round_trips(
    mentor: str,
    mentee: str,
    cadence: Cadence | None,
    status: RelationshipStatus,
    reason: str,
    ended_on: date | None,
) -> None:
    """The relationship record, with any names, cadence and status, reads back equal."""
    with tempfile.TemporaryDirectory() as folder:
        service = WorkbookService.create(
            mentor=f"m {mentor}",
            mentee=f"e {mentee}",
            pack_id="standard",
            pack_version="2.0",
            folder=Path(folder),
        )
        with service:
            saved = service.update_relationship(
                cadence=cadence, status=status, end_reason=reason, ended_on=ended_on
            )

        def check(reopened: WorkbookService) -> None:
            assert reopened.relationship == saved
            assert reopened.relationship.model_dump() == saved.model_dump()

        _reopened(service.path, check)


def test_markup_and_emoji_are_stored_literally(tmp_path: Path) -> None:
    """User text is stored as typed: no escapes, no markup processing."""
    path = make_relationship(tmp_path)
    with WorkbookService.open(path) as service:
        service.set_answer("p", "mentor", "[bold]x[/] 😀 é")
    raw = path.read_text(encoding="utf-8")
    assert '"[bold]x[/] 😀 é"' in raw


def test_lone_surrogate_does_not_break_saving(tmp_path: Path) -> None:
    """A lone surrogate (e.g. from undecodable argv bytes) is saved and read back as is."""
    path = make_relationship(tmp_path)
    with WorkbookService.open(path) as service:
        service.set_answer("p", "mentor", "bad \udcff byte")
        assert service.flush()
        service.set_answer("q", "mentor", "later edit")
    with WorkbookService.open(path) as service:
        assert service.answer("p", "mentor").value == "bad \udcff byte"  # type: ignore[union-attr]
        assert service.answer("q", "mentor").value == "later edit"  # type: ignore[union-attr]


def test_large_texts_round_trip(tmp_path: Path) -> None:
    """A 100 KB answer and a 1 MB note survive, character for character."""
    path = make_relationship(tmp_path)
    hundred_kb = ("Mentoring 🌱 [b]notes[/b] «ok»\n" * 4000)[:100_000]
    one_mb = ("x" * 1023 + "é") * 1024
    with WorkbookService.open(path) as service:
        answer = service.set_answer("long", "mentee", hundred_kb)
        note = service.save(Note(author=Role.MENTOR, text=one_mb))
    assert path.stat().st_size > 1_100_000
    with WorkbookService.open(path) as service:
        assert service.answer("long", "mentee") == answer
        assert service.get(Note, note.uid) == note
        assert len(service.get(Note, note.uid).text) == len(one_mb)  # type: ignore[union-attr]


def test_file_is_utf8_sorted_one_document_per_line(tmp_path: Path) -> None:
    """Non-ASCII kept as is, keys sorted everywhere, each document on its own line."""
    path = make_relationship(tmp_path, answers=3)
    with WorkbookService.open(path) as service:
        service.set_answer("名前", "mentee", "Zoë 🌱")
        service.save(Goal(title="Ship it", benchmarks=[Benchmark(label="by session two")]))
        service.save(Note(author=Role.MENTEE, text="private"))
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert "Zoë 🌱" in text and "名前" in text and "\\u" not in text
    data = json.loads(text)
    assert list(data) == sorted(data)
    doc_lines = [line for line in text.splitlines() if line.startswith('    "')]
    assert len(doc_lines) == sum(len(table) for table in data.values()) == 7
    for line in doc_lines:
        doc_id, _, body = line.strip().rstrip(",").partition(": ")
        doc = json.loads(body)
        assert _keys_sorted(doc), line
        assert doc == data[_table_of(data, json.loads(doc_id), doc)][json.loads(doc_id)]
    assert text.endswith("}\n")


def _keys_sorted(value: Any) -> bool:
    if isinstance(value, dict):
        return list(value) == sorted(value) and all(_keys_sorted(v) for v in value.values())
    if isinstance(value, list):
        return all(_keys_sorted(v) for v in value)
    return True


def _table_of(data: dict[str, dict[str, Any]], doc_id: str, doc: dict[str, Any]) -> str:
    return next(name for name, table in data.items() if table.get(doc_id) == doc)
