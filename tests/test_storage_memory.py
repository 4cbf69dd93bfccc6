"""A save never holds the whole file text in memory: it is written a few lines at a time."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from workbook.storage import AtomicJSONStorage, encode_tables

ANSWER = "A long answer about what the mentee wants from the next three months. " * 6


def _big_data(count: int) -> dict[str, dict[str, dict[str, object]]]:
    answers = {
        str(n): {"prompt_id": f"p{n}", "value": f"{ANSWER} #{n}"} for n in range(1, count + 1)
    }
    return {"answers": answers, "relationship": {"1": {"mentor": "Ana", "mentee": "Bo"}}}


def test_flush_writes_the_same_text_without_a_whole_file_copy(tmp_path: Path) -> None:
    data = _big_data(3000)
    storage = AtomicJSONStorage(tmp_path / "r.json")
    storage.write(data)
    storage.flush()
    size = (tmp_path / "r.json").stat().st_size
    assert size > 1_000_000
    data["answers"]["7"] = {"prompt_id": "p7", "value": "changed"}
    storage.put("answers", 7, data["answers"]["7"])
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        assert storage.flush()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    written = (tmp_path / "r.json").read_text("utf-8")
    assert written == encode_tables(data)
    assert json.loads(written)["answers"]["7"]["value"] == "changed"
    # One copy of the text as a str, or as bytes, would already be ``size`` bytes.
    assert peak - before < size // 4, f"a save of {size} bytes peaked at {peak - before} bytes"


def test_an_open_file_gives_the_garbage_collector_two_objects_per_answer(tmp_path: Path) -> None:
    """Each answer held open is its model and the model's attributes: no pair holding its
    document id, no empty list of conflicts. Every full collection visits every tracked
    object, so at 50,000 answers each extra one per answer was 50,000 more to visit (the
    slowest keystrokes and step switches are those collections)."""
    import gc

    from helpers.files import make_relationship

    from workbook.service import WorkbookService

    count = 2000
    path = make_relationship(tmp_path, answers=count)
    gc.collect()
    before = len(gc.get_objects())
    service = WorkbookService.open(path, read_only=True)
    gc.collect()
    held = len(gc.get_objects()) - before
    assert len(service.answers()) == count
    assert held <= 2 * count + 200, f"{held / count:.2f} tracked objects per answer"
    service.close()


def test_an_open_makes_two_objects_per_answer_for_the_collector(tmp_path: Path) -> None:
    """Besides what it holds, what an open makes counts: every object the garbage collector
    tracks that is made (and kept) moves it closer to its next collection, and at 50,000
    answers a third one per answer (each answer's own copy of an equal clock) meant one more
    full collection of everything held. Equal clocks are now shared."""
    import gc

    from helpers.files import make_relationship

    from workbook.service import WorkbookService

    count = 2000
    path = make_relationship(tmp_path, answers=count)
    gc.collect()
    gc.disable()
    try:
        before = gc.get_count()[0]
        service = WorkbookService.open(path, read_only=True)
        made = gc.get_count()[0] - before
    finally:
        gc.enable()
    answers = service.answers()
    assert len(answers) == count
    assert all(answer.clock is answers[0].clock for answer in answers)
    assert made <= 2 * count + 300, f"{made / count:.2f} tracked objects made per answer"
    service.close()


def test_an_edit_changes_only_its_own_answers_clock(tmp_path: Path) -> None:
    """Answers opened with equal clocks share one; an edit (and a merge's join) makes a new
    clock for the answer edited, and every other answer keeps its own count, also on disk."""
    from helpers.files import make_relationship

    from workbook.models import Author
    from workbook.service import WorkbookService

    path = make_relationship(tmp_path, answers=3)
    with WorkbookService.open(path) as service:
        first, second, third = service.answers()
        assert first.clock is second.clock is third.clock
        service.set_answer(first.prompt_id, Author.MENTOR, "edited")
        edited = service.answer(first.prompt_id, Author.MENTOR)
        assert edited is not None
        assert dict(edited.clock) == {"mentor": 2}
        assert [dict(a.clock) for a in service.answers()[1:]] == [{"mentor": 1}] * 2
    with WorkbookService.open(path, read_only=True) as service:
        assert sorted(dict(a.clock)["mentor"] for a in service.answers()) == [1, 1, 2]
