"""The file layout is read back exactly as it was written, and nothing else passes for it.

:func:`~workbook.storage.parse_layout` keeps each document's line as it was read, so it must
accept exactly what :func:`~workbook.storage.layout_chunks` writes: a truncated or altered file
must never be taken for a whole one (the general JSON reader then says what is wrong).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.errors import DamagedFileError
from workbook.service import WorkbookService
from workbook.storage import (
    LayoutError,
    decode_document,
    encode_tables,
    encode_tables_lines,
    parse_layout,
)

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["\u2028", "\r", "\r\n", '"}', "},\n", "\x00", "ü", "\\"]
)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
documents = st.dictionaries(texts, values, max_size=4)
databases = st.dictionaries(
    texts, st.dictionaries(st.integers(1, 10_000).map(str), documents, max_size=5), max_size=4
)


def _lines_of(text: str) -> io.StringIO:
    """The text as a file opened the way the storage opens one (lines end at ``\\n`` only)."""
    return io.StringIO(text, newline="\n")


@settings(max_examples=200, deadline=None)
@given(data=databases)
def test_what_is_written_parses_back_to_the_same_lines(data: dict[str, Any]) -> None:
    text = encode_tables(data)
    tables = parse_layout(_lines_of(text))
    assert tables == encode_tables_lines(data)
    normal = json.loads(json.dumps(data))
    decoded = {
        name: {doc_id: decode_document(doc_id, line) for doc_id, line in lines.items()}
        for name, lines in tables.items()
    }
    assert decoded == normal == json.loads(text)


def _sample_text() -> str:
    return encode_tables(
        {
            "answers": {"1": {"v": "a"}, "2": {"v": "},"}, "10": {"v": [1, {"x": None}]}},
            "empty": {},
            "relationship": {"1": {"mentor": "Ana"}},
        }
    )


def test_every_cut_short_file_is_refused() -> None:
    text = _sample_text()
    for cut in range(len(text)):
        with pytest.raises(LayoutError):
            parse_layout(_lines_of(text[:cut]))


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text + "\n",
        lambda text: text + "{}\n",
        lambda text: text.replace('"2": ', '"1": '),  # the same id twice
        lambda text: text.replace('"empty"', '"answers"'),  # the same table twice
        lambda text: text.replace('"v": "a"},', '"v": "a"}'),  # a comma missing
        lambda text: text.replace('"10": ', '"1\\u0030": '),  # an id written differently
        lambda text: text.replace("\n", "\r\n"),
        lambda text: text.replace("    ", "   ", 1),
        lambda text: text.replace("  }", "  }  ", 1),
    ],
)
def test_anything_else_is_refused(change: Any) -> None:
    with pytest.raises(LayoutError):
        parse_layout(_lines_of(change(_sample_text())))


def test_ids_out_of_order_are_put_in_order() -> None:
    text = _sample_text().replace('"10": ', '"0": ')
    assert list(parse_layout(_lines_of(text))["answers"]) == ["0", "1", "2"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"deleted": false', '"deleted": fals'),  # a document that is not JSON
        ('"visibility": "shared"}', '"visibility": "shared"}}'),  # more after a document
    ],
)
def test_a_broken_document_line_is_reported_as_damaged(tmp_path: Path, old: str, new: str) -> None:
    """The layout may hold; the document inside a line must still be JSON."""
    service = WorkbookService.create(
        mentor="A", mentee="B", pack_id="standard", pack_version="1", folder=tmp_path / "r"
    )
    with service:
        service.set_answer("p", "mentor", "x")
    text = service.path.read_text("utf-8")
    assert old in text
    service.path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(DamagedFileError, match="not valid JSON"):
        WorkbookService.open(service.path)


@pytest.mark.parametrize("doc_id", ["\u00b2", "\u0661", "1.5", "-1"])
def test_a_document_id_that_is_not_a_number_is_reported_as_damaged(
    tmp_path: Path, doc_id: str
) -> None:
    """Only ASCII digits make a document number (``"²".isdigit()`` is true, ``int`` refuses
    it: that was a traceback)."""
    service = WorkbookService.create(
        mentor="A", mentee="B", pack_id="standard", pack_version="1", folder=tmp_path / "r"
    )
    with service:
        service.set_answer("p", "mentor", "x")
    text = service.path.read_text("utf-8")
    service.path.write_text(
        text.replace('    "1": {"author"', f'    "{doc_id}": {{"author"'), "utf-8"
    )
    with pytest.raises(DamagedFileError, match="bad document id"):
        WorkbookService.open(service.path)


def test_the_fast_open_gives_the_same_models_as_the_general_reader(tmp_path: Path) -> None:
    """Opening a file in this program's layout lets pydantic parse each line's JSON itself;
    it must give exactly the models the general reader (JSON decoded, then validated) gives."""
    from core_helpers import new_service

    from workbook.models import Author, Visibility
    from workbook.store import _read_in_layout, load_models, read_raw

    with new_service(tmp_path / "r", mentor="Zoë «Z» Ng", mentee="B\u2028C") as service:
        service.set_answer("about-me", Author.MENTOR, 'Line one\nline "two" \\ ü 😀')
        service.set_answer("hopes", Author.MENTEE, ["one", "two"], visibility=Visibility.PRIVATE)
        service.set_answer("confidence", Author.MENTEE, 4)
        service.set_answer("empty-list", Author.JOINT, [])
        service.set_answer("big", Author.JOINT, 2**53 + 1)
    path = service.path
    fast = _read_in_layout(path)
    assert fast is not None
    raw, _ = read_raw(path)
    general = load_models(path, raw)
    assert fast[0] == general[0]
    for table, items in general[1].tables().items():
        assert fast[1].table(table) == items
        assert all(fast[1].doc_id(table, uid) == general[1].doc_id(table, uid) for uid in items)
    assert len(fast[1].table("answers")) == 5


@pytest.mark.parametrize(
    ("doc_ids", "expected"),
    [
        ([], True),
        (["1", "2", "10"], True),
        (["1", ""], False),
        (["1", "²"], False),
        (["1", "2a"], False),
        (["1", " 2"], False),
        (["-1"], False),
        (["١"], False),  # (an Arabic-Indic digit: ``isdigit`` alone would take it)
    ],
)
def test_all_numbers_takes_only_ascii_digit_ids(doc_ids: list[str], expected: bool) -> None:
    from workbook.storage import all_numbers, is_number

    assert all_numbers(doc_ids) is expected
    assert expected is all(is_number(doc_id) for doc_id in doc_ids)
