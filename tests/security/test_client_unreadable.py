"""Issue 9, point 11: odd server data is an "unreadable answer" (exit 4, a fix), no traceback."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

import pytest

from tests.security.hostile import (
    TOKEN,
    base_of,
    created,
    done_status,
    send_json,
    verify_clean,
)

Answer = Callable[[str], object]


def with_url(make_url: Callable[[str], str]) -> Callable[[str], tuple[object, object]]:
    return lambda base: (created(base, url=make_url(base)), done_status())


CASES: dict[str, Callable[[str], tuple[object, object]]] = {
    "bad port": with_url(lambda base: f"http://127.0.0.1:99999/flow/{TOKEN}"),
    "bad IPv6 host": with_url(lambda base: f"http://[::1/flow/{TOKEN}"),
    "backslash": with_url(lambda base: f"{base}\\@evil.example/flow/{TOKEN}"),
    "2300-character link": with_url(lambda base: f"{base}/flow/{TOKEN}?" + "a" * 2300),
    "400-digit score": lambda base: (
        created(base),
        b'{"status":"DONE","result":{"search":{"similarity":'
        + b"9" * 400
        + b',"templateId":"t"}}}',
    ),
    "JSON nested 100,000 deep": lambda base: (created(base), b"[" * 100_000 + b"]" * 100_000),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_verify_reports_an_unreadable_answer(case: str) -> None:
    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        base = base_of(conn)
        create, status = CASES[case](base)
        send_json(conn, create if method == "POST" else status)  # type: ignore[arg-type]

    run = verify_clean(respond, "--no-qr")
    assert run.code == 4, run.out + run.err
    assert "fix:" in run.err
    assert "VERDICT" not in run.out
