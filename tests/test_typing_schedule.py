"""The keystroke benchmark's arithmetic (``benchmarks/typing_schedule.py``): what is typed and
when, and which typed keys a frame's text shows. Loaded from its file: the benchmarks are
scripts, not a package."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest


def _load() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "typing_schedule.py"
    spec = importlib.util.spec_from_file_location("bench_typing_schedule", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ts = _load()
BASE = "Longer term I want to lead the platform team."


def test_typed_letters_are_letters_and_the_same_for_a_seed() -> None:
    letters = ts.typed_letters(200, seed=3)
    assert len(letters) == 200 and letters.isalpha() and letters.islower()
    assert letters == ts.typed_letters(200, seed=3)
    assert letters != ts.typed_letters(200, seed=4)


def test_burst_offsets_start_at_zero_and_keep_a_typists_gaps() -> None:
    offsets = ts.burst_offsets(12, random.Random(1))
    assert offsets[0] == 0.0 and len(offsets) == 12
    gaps = [b - a for a, b in zip(offsets, offsets[1:], strict=False)]
    assert all(0.030 <= gap <= 0.060 for gap in gaps)


def test_bursts_split_every_key_and_refuse_nonsense() -> None:
    assert ts.bursts(30, 12) == [12, 12, 6]
    assert ts.bursts(24, 12) == [12, 12]
    assert ts.bursts(0, 12) == []
    with pytest.raises(ValueError):
        ts.bursts(10, 0)


def _screen(typed: str, width: int = 9) -> str:
    """The text as a soft-wrapping editor shows it, whitespace removed, with other widgets'
    text above and below in the same columns."""
    text = BASE + typed
    rows = [text[i : i + width].ljust(width) for i in range(0, len(text), width)]
    return ts.letters_only("Your goals " + "".join(rows) + " ctrl+s save")


def test_keys_shown_counts_the_keys_on_screen_not_the_keys_sent() -> None:
    typed = ts.typed_letters(40, seed=9)
    assert ts.keys_shown(_screen(typed[:5]), BASE, typed, 0, 12) == 5
    assert ts.keys_shown(_screen(typed[:12]), BASE, typed, 5, 12) == 12
    # a frame never shows a key not sent yet, nor takes back one already shown
    assert ts.keys_shown(_screen(typed[:12]), BASE, typed, 5, 8) == 8
    assert ts.keys_shown(_screen(typed[:3]), BASE, typed, 5, 12) == 5


def test_keys_shown_is_zero_before_the_first_key_is_drawn() -> None:
    typed = ts.typed_letters(10, seed=2)
    assert ts.keys_shown(_screen(""), BASE, typed, 0, 3) == 0


def test_letters_only_drops_spaces_and_line_breaks() -> None:
    assert ts.letters_only(" a b\n c\t") == "abc"


def test_during_is_inside_a_save_bounds_included() -> None:
    saves = [(1.0, 1.2), (3.0, 3.5)]
    assert ts.during(1.0, saves) and ts.during(3.5, saves) and ts.during(1.1, saves)
    assert not ts.during(2.0, saves) and not ts.during(0.9, saves)
