"""Review: a reference pasted with a no-break space (kiosk.core.reference)."""

from __future__ import annotations

from kiosk.core.reference import check_reference


def test_a_reference_pasted_with_a_no_break_space_is_accepted() -> None:
    # Copied from a web page or a spreadsheet: "CUST 1001" with U+00A0, "Dossier 42" with
    # U+202F (French). Refused as "a character that cannot be shown"; it is a space.
    assert check_reference("CUST\u00a01001") in ("CUST 1001", "CUST\u00a01001")
    assert check_reference("Dossier\u202f42") in ("Dossier 42", "Dossier\u202f42")
