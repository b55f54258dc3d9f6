"""The reference an employee types at the desk (kiosk.core.reference): what is kept, what is
refused and why."""

from __future__ import annotations

import pytest

from kiosk.core.reference import MAX_LENGTH, BadReference, check_reference


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("CUST-1001", "CUST-1001"),
        ("  case 42/7  ", "case 42/7"),  # spaces around it dropped, inside kept
        ("", None),
        ("   ", None),  # optional: nothing typed is no reference
        ("Müller-Łukasz 中文", "Müller-Łukasz 中文"),  # any script a name is written in
        ("x" * MAX_LENGTH, "x" * MAX_LENGTH),
    ],
)
def test_a_reference_is_kept_trimmed(typed: str, kept: str | None) -> None:
    assert check_reference(typed) == kept


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("x" * (MAX_LENGTH + 1), "use at most 64"),
        ("CUST\x001", "U+0000"),
        ("CUST\n1", "U+000A"),  # one line: a CSV row or a receipt line stays one
        ("CUST\t1", "U+0009"),
        ("CUST\x1b[2J", "U+001B"),  # a terminal escape
        ("abc\u202edcba", "U+202E"),  # a bidi override reads backwards
        ("a\u200bb", "U+200B"),  # zero width: two references that look the same
        ("a\u2028b", "U+2028"),  # a line separator
    ],
)
def test_a_wrong_reference_is_refused_with_why(typed: str, says: str) -> None:
    with pytest.raises(BadReference, match=says.replace("+", r"\+")):
        check_reference(typed)
