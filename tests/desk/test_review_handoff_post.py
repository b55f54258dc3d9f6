"""Review: a receiver that accepted the result (200) but sends its body slowly."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from kiosk.core.handoff import Handoff

pytestmark = pytest.mark.timeout(60)


def test_a_2xx_whose_body_drips_is_delivered_once_not_retried() -> None:
    posts: list[bytes] = []
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                posts.append(conn.recv(65536))
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
                try:
                    for _ in range(100):
                        if stop.is_set():
                            break
                        conn.sendall(b"x")
                        time.sleep(0.05)  # the receiver's own pace: 5 s for its answer
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/hook"
    try:
        report = Handoff(url=url, timeout=1.0, retries=2, backoff=0.01).deliver(
            {"session_id": "sid-1", "reference": "CUST-1"}, threading.Event()
        )
    finally:
        stop.set()
        thread.join(5)
        server.close()
    # The status line said 200: the bank's system took the result. Reading the body of a 2xx
    # (never looked at) turned it into "no answer within 1 s" and the JSON was POSTed again.
    assert report.ok, report
    assert len(posts) == 1, f"the result was POSTed {len(posts)} times"
