"""Random TinyDB operations, through the service and through TinyDB's own API on the service's
storage, leave the file holding exactly what TinyDB's own ``MemoryStorage`` holds after the same
operations, at every save and after reopening.

The reference is TinyDB itself: every raw operation runs on both storages (each time through a
fresh ``TinyDB``, as any other code would open one), and every change the service makes is
copied into the reference as the document the service stored.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from workbook.models import Goal, StoredModel
from workbook.service import WorkbookService
from workbook.storage import AtomicJSONStorage
from workbook.store import TABLE_OF_MODEL

PROMPTS = ["p1", "p2", "p3"]
TEXT = st.text(max_size=8)
EXTRA_TABLES = ["extra", "notes-of-a-plugin"]
"""Tables only raw TinyDB uses (any document is fine there)."""
plain = st.none() | st.booleans() | st.integers(-5, 5) | TEXT
raw_documents = st.dictionaries(st.sampled_from(["a", "b", "c"]), plain, max_size=3)

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("answer"), st.sampled_from(PROMPTS), st.sampled_from(["mentor", "mentee"]), TEXT
        ),
        st.tuples(st.just("goal"), TEXT.filter(bool)),
        st.tuples(st.just("insert"), st.sampled_from(EXTRA_TABLES), raw_documents),
        st.tuples(
            st.just("update extra"), st.sampled_from(EXTRA_TABLES), raw_documents, st.integers(0, 4)
        ),
        st.tuples(st.just("update answer"), st.sampled_from(PROMPTS), TEXT),
        st.tuples(
            st.just("remove"), st.sampled_from([*EXTRA_TABLES, "answers"]), st.integers(0, 4)
        ),
        st.tuples(st.just("drop"), st.sampled_from([*EXTRA_TABLES, "goals"])),
        st.tuples(st.just("flush")),
        st.tuples(st.just("reopen")),
    ),
    max_size=25,
)
_folders = itertools.count()


def _raw(storage: Any) -> TinyDB:
    """A fresh TinyDB over ``storage`` (its tables know nothing from before)."""
    return TinyDB(storage=lambda: storage)


def _nth_id(storage: Any, table: str, index: int) -> int | None:
    ids = sorted(int(doc_id) for doc_id in (storage.read() or {}).get(table, {}))
    return ids[index % len(ids)] if ids else None


def _mirror(reference: MemoryStorage, service: WorkbookService, item: StoredModel) -> None:
    """Copy what the service stored for ``item`` into the reference, document for document."""
    table = TABLE_OF_MODEL[type(item)]
    doc_id = service._items.doc_id(table, item.uid)
    stored = service._items.table(table)[item.uid]
    assert doc_id is not None
    tinydb = _raw(reference).table(table)
    tinydb.remove(doc_ids=[doc_id]) if tinydb.contains(doc_id=doc_id) else None
    tinydb.insert(Document(stored.model_dump(mode="json"), doc_id))


def _check(service: WorkbookService, reference: MemoryStorage) -> None:
    expected = json.loads(json.dumps(reference.read() or {}))
    assert json.loads(service.path.read_text("utf-8")) == expected
    assert AtomicJSONStorage(service.path).read() == expected


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=steps)
def test_service_and_raw_tinydb_agree_with_tinydb_itself(
    tmp_path: Path, operations: list[tuple[Any, ...]]
) -> None:
    service = WorkbookService.create(
        mentor="A",
        mentee="B",
        pack_id="standard",
        pack_version="1",
        folder=tmp_path / f"r{next(_folders)}",
    )
    reference = MemoryStorage()
    reference.write(service._storage.read())
    try:
        for kind, *args in operations:
            storage = service._storage
            if kind == "answer":
                prompt, author, text = args
                before = service.answer(prompt, author)
                saved = service.set_answer(prompt, author, text)
                if saved is not before:
                    _mirror(reference, service, saved)
            elif kind == "goal":
                _mirror(reference, service, service.save(Goal(title=args[0])))
            elif kind == "insert":
                table, document = args
                assert _raw(storage).table(table).insert(document) == _raw(reference).table(
                    table
                ).insert(document)
            elif kind == "update extra":
                table, document, index = args
                doc_id = _nth_id(storage, table, index)
                if doc_id is not None:
                    for target in (storage, reference):
                        _raw(target).table(table).update(document, doc_ids=[doc_id])
            elif kind == "update answer":
                prompt, text = args
                for target in (storage, reference):  # TinyDB changes the document in place
                    _raw(target).table("answers").update(
                        {"value": text}, Query().prompt_id == prompt
                    )
            elif kind == "remove":
                table, index = args
                doc_id = _nth_id(storage, table, index)
                if doc_id is not None:
                    for target in (storage, reference):
                        _raw(target).table(table).remove(doc_ids=[doc_id])
            elif kind == "drop":
                for target in (storage, reference):
                    _raw(target).drop_table(args[0])
            elif kind == "flush":
                service.flush()
                _check(service, reference)
            elif kind == "reopen":
                service.close()
                _check(service, reference)
                service = WorkbookService.open(service.path)
        service.flush()
        _check(service, reference)
    finally:
        service.close()
