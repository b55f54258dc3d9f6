"""A QR code as terminal text, in characters the terminal can actually print.

:func:`kiosk.core.qr.render_text` draws with Unicode half blocks (two module rows per line, the
squarest and smallest result). A terminal whose encoding lacks them (a Windows console or a
redirected output in cp1252, a Latin-1 terminal) would show ``?`` in their place, a code no phone
can read, or fail outright; :func:`render_for` then draws the code in ASCII instead.
"""

from __future__ import annotations

import codecs

from kiosk.core.qr import QUIET_ZONE_MODULES, QrMatrix, render_text

BLOCKS = "█▀▄"
"""The characters :func:`kiosk.core.qr.render_text` draws with (besides spaces)."""

DARK_ASCII = "  "
LIGHT_ASCII = "##"
"""One module in ASCII: two characters wide, because a terminal cell is about twice as tall as
it is wide, so the code comes out close to square. Like the block rendering, light modules are
drawn and dark ones left blank, which reads right on the usual light-on-dark terminal."""


def can_print_blocks(encoding: str | None) -> bool:
    """Whether text in ``encoding`` can hold the half blocks.

    None (an in-memory text stream, which holds any character) counts as yes; an unknown
    encoding name counts as no.
    """
    if encoding is None:
        return True
    try:
        codecs.lookup(encoding)
        BLOCKS.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def render_ascii(matrix: QrMatrix) -> str:
    """Draw the matrix with ``#`` and spaces, one line per module row, quiet zone included."""
    quiet = QUIET_ZONE_MODULES
    width = matrix.size + 2 * quiet
    blank = LIGHT_ASCII * width
    lines = [blank] * quiet
    for row in matrix.rows:
        cells = "".join(DARK_ASCII if dark else LIGHT_ASCII for dark in row)
        lines.append(LIGHT_ASCII * quiet + cells + LIGHT_ASCII * quiet)
    lines += [blank] * quiet
    return "\n".join(lines)


def render_for(matrix: QrMatrix, encoding: str | None) -> str:
    """The matrix drawn for a stream in ``encoding`` (a stream's ``.encoding``): half blocks
    when the encoding has them, else ASCII."""
    return render_text(matrix) if can_print_blocks(encoding) else render_ascii(matrix)
