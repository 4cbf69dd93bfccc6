"""The per-document encoding cache never lets an old value reach the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.models import Author, Goal, SessionKind
from workbook.service import WorkbookService
from workbook.storage import ENCODED_ONLY
from workbook.store import ITEM_TABLES, RELATIONSHIP_TABLE

operations = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.sampled_from(["a", "b", "c"]), st.text(max_size=20)),
        st.tuples(st.just("goal"), st.integers(0, 2), st.text(min_size=1, max_size=20)),
        st.tuples(st.just("delete"), st.integers(0, 2), st.just("")),
        st.tuples(st.just("cadence"), st.integers(1, 8), st.just("")),
        st.tuples(st.just("flush"), st.just(0), st.just("")),
    ),
    max_size=30,
)


def _on_disk(service: WorkbookService) -> dict[str, Any]:
    data = json.loads(service.path.read_text("utf-8"))
    return {name: table for name, table in data.items() if table}


def _from_models(service: WorkbookService) -> dict[str, Any]:
    """What the file must hold: every model the service has, as JSON, by document id."""
    expected = {RELATIONSHIP_TABLE: {"1": service.relationship.model_dump(mode="json")}}
    for name, model in ITEM_TABLES.items():
        items = service.items(model, include_deleted=True)
        ids = {uid: doc_id for uid, (doc_id, _) in service._items[name].items()}
        if items:
            expected[name] = {str(ids[item.uid]): item.model_dump(mode="json") for item in items}
    return json.loads(json.dumps(expected))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_file_always_matches_a_fresh_encoding(
    tmp_path: Path, steps: list[tuple[str, object, str]]
) -> None:
    service = WorkbookService.create(
        mentor="A", mentee="B", pack_id="standard", pack_version="1", folder=tmp_path / "r"
    )
    try:
        for kind, key, text in steps:
            goals = service.goals()
            if kind == "answer":
                service.set_answer(str(key), Author.MENTOR, text)
            elif kind == "goal":
                if goals and int(key) < len(goals):  # type: ignore[call-overload]
                    service.save(goals[int(key)].model_copy(update={"title": text}))  # type: ignore[call-overload]
                else:
                    service.save(Goal(title=text))
            elif kind == "delete" and goals:
                service.delete(Goal, goals[int(key) % len(goals)].uid)  # type: ignore[call-overload]
            elif kind == "cadence":
                from workbook.models import Cadence

                service.update_relationship(cadence=Cadence(every_weeks=int(key)))  # type: ignore[call-overload]
            elif kind == "flush":
                service.flush()
                assert _on_disk(service) == _from_models(service)
        service.start_session(SessionKind.FIRST)
        service.flush()
        assert _on_disk(service) == _from_models(service)
    finally:
        service.close()
        for leftover in (tmp_path / "r").glob("*"):
            leftover.unlink()


def test_open_keeps_items_only_as_encoded_lines_and_saves_them_unchanged(tmp_path: Path) -> None:
    service = WorkbookService.create(
        mentor="A", mentee="B", pack_id="standard", pack_version="1", folder=tmp_path / "r"
    )
    with service:
        for index in range(20):
            service.set_answer(f"p{index}", Author.MENTOR, f"answer {index} with ünïcode")
        service.save(Goal(title="Run the demo"))
    before = service.path.read_bytes()
    with WorkbookService.open(service.path) as reopened:
        stored = reopened._storage.read() or {}
        assert all(doc is ENCODED_ONLY for doc in stored["answers"].values())
        assert stored[RELATIONSHIP_TABLE]["1"] is not ENCODED_ONLY  # updated in place: kept
        reopened.set_answer("p3", Author.MENTOR, "changed")
        reopened.set_answer("new", Author.MENTEE, "added")
        reopened.flush()
        assert _on_disk(reopened) == _from_models(reopened)
    after = json.loads(service.path.read_text("utf-8"))
    unchanged = json.loads(before)
    unchanged_ids = [
        doc_id for doc_id, doc in unchanged["answers"].items() if doc["prompt_id"] != "p3"
    ]
    assert all(after["answers"][doc_id] == unchanged["answers"][doc_id] for doc_id in unchanged_ids)
