"""Issue 9, point 12: server text never drives the terminal (escape sequences, OSC 52, bidi)."""

from __future__ import annotations

import socket
import threading

import pytest

from kiosk.core.text import printable
from tests.security.hostile import (
    base_of,
    created,
    done_status,
    send_json,
    verify_clean,
)

CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07"
C1_CSI = "\x9b2J"
BIDI = "\u202egnp.exe"
HOSTILE = CLEAR + TITLE + CLIPBOARD + C1_CSI + BIDI


def test_printable_neutralises_every_control_and_bidi_character() -> None:
    cleaned = printable(HOSTILE + "\x00\x7f\u2066\u2069\n\t")
    assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in cleaned)
    assert "pwned" in cleaned  # the text stays readable; only its power is gone


def test_printable_caps_the_length() -> None:
    assert len(printable("x" * 10_000, 300)) == 300


@pytest.mark.parametrize("where", ["session id", "status", "template", "error message"])
def test_verify_prints_no_escape_sequence_from_the_server(where: str) -> None:
    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        base = base_of(conn)
        if method == "POST":
            if where == "error message":
                send_json(conn, {"error": "bad", "message": HOSTILE}, status=422)
            else:
                sid = HOSTILE if where == "session id" else "sess-1"
                send_json(conn, created(base, session_id=sid))
            return
        body = done_status()
        if where == "status":
            body["status"] = "DONE" + HOSTILE
        if where == "template":
            body["result"]["search"]["templateId"] = HOSTILE
        send_json(conn, body)

    run = verify_clean(respond, "--no-qr", "--timeout", "3")
    assert "pwned" in run.out + run.err or where == "template"
