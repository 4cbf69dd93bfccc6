"""The storage's lines are its only state: nothing that was written can reach the disk stale.

The file must always hold what was last written, through the service or through TinyDB's own
API (TinyDB changes the documents it read in place before writing them back), and a file this
program wrote is kept line for line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB

from workbook.models import Author, Goal, SessionKind
from workbook.service import WorkbookService
from workbook.storage import AtomicJSONStorage
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


def _on_disk(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    return {name: table for name, table in data.items() if table}


def _from_models(service: WorkbookService) -> dict[str, Any]:
    """What the file must hold: every model the service has, as JSON, by document id."""
    expected = {RELATIONSHIP_TABLE: {"1": service.relationship.model_dump(mode="json")}}
    for name, model in ITEM_TABLES.items():
        items = service.items(model, include_deleted=True)
        if items:
            expected[name] = {
                str(service._items.doc_id(name, item.uid)): item.model_dump(mode="json")
                for item in items
            }
    return json.loads(json.dumps(expected))


def _new_service(folder: Path) -> WorkbookService:
    return WorkbookService.create(
        mentor="A", mentee="B", pack_id="standard", pack_version="1", folder=folder
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_file_always_matches_a_fresh_encoding(
    tmp_path: Path, steps: list[tuple[str, object, str]]
) -> None:
    service = _new_service(tmp_path / "r")
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
                assert _on_disk(service.path) == _from_models(service)
        service.start_session(SessionKind.FIRST)
        service.flush()
        assert _on_disk(service.path) == _from_models(service)
    finally:
        service.close()
        for leftover in (tmp_path / "r").glob("*"):
            leftover.unlink()


def test_tinydb_update_then_flush_reaches_the_disk(tmp_path: Path) -> None:
    """The bug this design removes: TinyDB's own ``update`` then ``flush()`` wrote the old
    value (the encoded-line cache was only invalidated by the service's own methods)."""
    service = _new_service(tmp_path / "r")
    with service:
        service.set_answer("p1", Author.MENTOR, "old")
        service.flush()
        db = TinyDB(storage=lambda: service._storage)
        changed = db.table("answers").update({"value": "new"}, Query().prompt_id == "p1")
        assert changed
        assert service.flush()
        assert _on_disk(service.path)["answers"][str(changed[0])]["value"] == "new"


def test_a_document_changed_in_place_and_written_back_is_saved(tmp_path: Path) -> None:
    """What ``read()`` returns belongs to the caller: change it, ``write`` it, and that is saved
    (and changing it without writing it back changes nothing)."""
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"tags": ["a"]}, "2": {"tags": []}}})
    data = storage.read()
    data["t"]["1"]["tags"].append("b")
    assert storage.read()["t"]["1"]["tags"] == ["a"]  # not written back: unchanged
    storage.write(data)
    storage.flush()
    assert AtomicJSONStorage(path).read() == {"t": {"1": {"tags": ["a", "b"]}, "2": {"tags": []}}}


def test_a_write_that_cannot_be_encoded_changes_nothing(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"x": 1}}})
    with pytest.raises(TypeError):
        storage.write({"t": {"1": {"x": 1}, "2": {"x": object()}}})
    assert storage.read() == {"t": {"1": {"x": 1}}}


def test_unchanged_documents_are_written_back_line_for_line(tmp_path: Path) -> None:
    """Opening encodes nothing: each line is kept as read, even one written differently (keys
    in another order), until its item changes; ``read()`` still gives real documents."""
    service = _new_service(tmp_path / "r")
    with service:
        for index in range(20):
            service.set_answer(f"p{index}", Author.MENTOR, f"answer {index} with ünïcode")
        service.save(Goal(title="Run the demo"))
    lines = service.path.read_text("utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if '"prompt_id": "p0"' in line)
    doc_id, _, body = lines[number].strip().partition(": ")
    document = json.loads(body.rstrip(","))
    reordered = json.dumps(dict(reversed(list(document.items()))), ensure_ascii=False)
    lines[number] = f"    {doc_id}: {reordered}" + ("," if body.endswith(",") else "")
    service.path.write_text("\n".join(lines) + "\n", "utf-8")
    with WorkbookService.open(service.path) as reopened:
        assert reopened._storage.read()["answers"][doc_id.strip('"')] == document
        reopened.set_answer("p3", Author.MENTOR, "changed")
        reopened.set_answer("new", Author.MENTEE, "added")
        reopened.flush()
        assert _on_disk(reopened.path) == _from_models(reopened)
    after = {line.rstrip(",") for line in service.path.read_text("utf-8").splitlines()}
    changed = [line for line in lines if line.rstrip(",") not in after]
    assert len(changed) == 1 and '"prompt_id": "p3"' in changed[0]
    assert lines[number].rstrip(",") in after


def test_inserts_take_the_next_id_and_keep_the_table_in_order(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    assert storage.insert("t", {"n": 1}) == 1
    storage.put("t", 12, {"n": 12})
    assert storage.insert("t", {"n": 13}) == 13
    storage.put("t", 5, {"n": 5})  # below the last id: written in its place
    storage.flush()
    text = path.read_text("utf-8")
    assert [json.loads(text)["t"][key]["n"] for key in json.loads(text)["t"]] == [1, 5, 12, 13]
    assert TinyDB(path).table("t").insert({"n": 14}) == 14


def test_a_file_in_another_layout_is_read_and_written_in_ours(tmp_path: Path) -> None:
    """A file TinyDB's JSONStorage wrote (all on one line) opens; the next save writes this
    program's layout with the same data."""
    path = tmp_path / "db.json"
    with TinyDB(path) as db:  # TinyDB's default JSONStorage
        db.table("t").insert_multiple([{"b": 2, "a": [1, "ü"]}, {"c": None}])
    one_line = path.read_text("utf-8")
    assert one_line.count("\n") == 0
    storage = AtomicJSONStorage(path)
    assert storage.read() == json.loads(one_line)
    storage.flush(force=True)
    assert json.loads(path.read_text("utf-8")) == json.loads(one_line)
    assert path.read_text("utf-8").splitlines()[2] == '    "1": {"a": [1, "ü"], "b": 2},'


@pytest.mark.parametrize("answers", [10, 3000])
def test_a_keystroke_encodes_one_document_and_decodes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: int
) -> None:
    """The keystroke path does the same work at any size: an edit or a first answer encodes
    that one document, and nothing reads the table back (TinyDB's own insert re-read and
    rewrote the whole table)."""
    from workbook import storage as storage_module

    service = _new_service(tmp_path / "r")
    with service:
        for index in range(answers):
            service.set_answer(f"p{index}", Author.MENTOR, f"answer {index}")
        encoded: list[object] = []
        decoded: list[object] = []
        encode, decode = storage_module._encode, storage_module.decode_document
        monkeypatch.setattr(
            storage_module, "_encode", lambda value: encoded.append(value) or encode(value)
        )
        monkeypatch.setattr(
            storage_module,
            "decode_document",
            lambda *args: decoded.append(args) or decode(*args),
        )
        service.set_answer("p1", Author.MENTOR, "an edit")
        service.set_answer("a-new-prompt", Author.MENTEE, "a first answer")
        assert [type(value) for value in encoded if not isinstance(value, str)] == [dict, dict]
        assert decoded == []
