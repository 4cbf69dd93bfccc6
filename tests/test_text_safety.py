"""User text made safe: control characters never survive, names are checked on the way in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.errors import UsageError
from workbook.text import check_name, has_controls, one_line, strip_controls

HOSTILE = "\x1b]0;pwned\x07Ann\x1b[2J\u202eevil\x9b31m"


def test_strip_controls_removes_escape_sequences_keeps_lines() -> None:
    """ESC, BEL, C1 and bidi overrides go; the printable rest and line breaks stay."""
    assert strip_controls(HOSTILE + "\nline two\r\n") == "]0;pwnedAnn[2Jevil31m\nline two\n"


def test_one_line_joins_lines() -> None:
    """Line breaks and tabs become spaces."""
    assert one_line("a\nb\tc\r\nd") == "a b c d"


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    """Whatever the input, the output has no control character."""
    assert not has_controls(strip_controls(text), allow_newlines=True)
    assert not has_controls(one_line(text))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("Ann\nSmith", "line breaks"),
        (HOSTILE, "control characters"),
        ("x" * 101, "101 characters long: at most 100"),
        ("Bo\udcff", "control characters"),
    ],
)
def test_bad_names_are_refused_in_one_line(value: str, message: str) -> None:
    """Each refusal names what is wrong, on one line."""
    with pytest.raises(UsageError) as caught:
        check_name(value, "the mentor's name")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_good_names_pass_stripped() -> None:
    """Accents, apostrophes and hyphens are names."""
    assert check_name("  Siân O'Neill-Ng ", "name") == "Siân O'Neill-Ng"
