"""The QR code as terminal text on terminals without the Unicode half blocks (cp1252)."""

from __future__ import annotations

import pytest

from kiosk.core.qr import QUIET_ZONE_MODULES, encode
from kiosk.core.qr_text import can_print_blocks, render_ascii, render_for

URL = "http://192.168.1.20:8765/flow/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefg"


@pytest.mark.parametrize(
    ("encoding", "blocks"),
    [
        ("utf-8", True),
        ("cp437", True),  # the Windows console's OEM code page has the half blocks
        ("cp1252", False),
        ("latin-1", False),
        ("ascii", False),
        ("no-such-codec", False),
        (None, True),  # an in-memory stream holds any character
    ],
)
def test_blocks_are_used_only_where_the_encoding_has_them(
    encoding: str | None, blocks: bool
) -> None:
    assert can_print_blocks(encoding) is blocks


def test_the_ascii_rendering_is_the_same_code_module_for_module() -> None:
    matrix = encode(URL)
    lines = render_ascii(matrix).splitlines()
    quiet = QUIET_ZONE_MODULES
    assert len(lines) == matrix.size + 2 * quiet
    assert {len(line) for line in lines} == {2 * (matrix.size + 2 * quiet)}
    # Read it back: each module is two characters, "  " dark and "##" light.
    read = [tuple(line[i : i + 2] == "  " for i in range(0, len(line), 2)) for line in lines]
    assert not any(any(row) for row in read[:quiet] + read[-quiet:])  # light quiet zone
    inner = tuple(row[quiet:-quiet] for row in read[quiet:-quiet])
    assert inner == matrix.rows
    assert not any(any(row[:quiet] + row[-quiet:]) for row in read)


def test_render_for_picks_what_the_stream_can_print() -> None:
    matrix = encode(URL)
    as_cp1252 = render_for(matrix, "cp1252")
    as_cp1252.encode("cp1252")  # no UnicodeEncodeError, no "?" substitutes
    assert set(as_cp1252) <= {"#", " ", "\n"}
    assert set(render_for(matrix, "utf-8")) & set("█▀▄")
