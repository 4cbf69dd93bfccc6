"""The per-document encoding cache never lets an old value reach the file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.models import Author, Goal, SessionKind
from workbook.service import WorkbookService
from workbook.storage import encode_tables

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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_file_always_matches_a_fresh_encoding(tmp_path: Path, steps: list[tuple[str, object, str]]) -> None:
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
                on_disk = json.loads(service.path.read_text("utf-8"))
                assert on_disk == json.loads(encode_tables(service._storage.read() or {}))
        service.start_session(SessionKind.FIRST)
        service.flush()
        on_disk = json.loads(service.path.read_text("utf-8"))
        assert on_disk == json.loads(encode_tables(service._storage.read() or {}))
    finally:
        service.close()
        for leftover in (tmp_path / "r").glob("*"):
            leftover.unlink()
