"""CSV cells a spreadsheet will not run: the journal's exports hold text from the server.

Session ids, template ids, statuses and error texts come from the server. Opened in a
spreadsheet, a cell starting with ``=`` ``+`` ``-`` ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking for one) is run as a formula: ``=HYPERLINK(...)`` can send
data away. (Terminals are :mod:`kiosk.core.text`'s concern.)
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """``value`` for a CSV cell: text that a spreadsheet would run as a formula gets a leading
    ``'`` (OWASP's advice: shown as text, the original still readable). Numbers are left as
    they are (a negative number is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
