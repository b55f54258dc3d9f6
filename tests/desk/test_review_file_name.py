"""Review: the receipt's suggested file name keeps its .pdf whatever the id's length."""

from __future__ import annotations

from kiosk.desk.help import safe_file_name


def test_a_long_session_id_keeps_the_pdf_suffix() -> None:
    # No reference: the receipt is named after the session id, up to 128 characters.
    name = safe_file_name(f"receipt-{'s' * 128}.pdf")
    assert name.endswith(".pdf") and len(name) == 100
    assert name.startswith("receipt-sss")


def test_a_short_name_is_kept_and_made_safe() -> None:
    assert safe_file_name("receipt-CUST/1 2.pdf") == "receipt-CUST_1_2.pdf"
    assert safe_file_name("x" * 150) == "x" * 100  # no suffix: simply cut
