"""A scriptable, deliberately hostile HTTP server on loopback, and a way to run `kiosk verify`.

Each connection gets one answer from the test's ``respond(method, path, conn, stop)`` and is then
closed, so every misbehaviour (a drip, an endless chunked body, escape sequences) is easy to script.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

APP_KEY = "hostile-test-key-0123456789"
TOKEN = "tok-0123456789abcdef"

Respond = Callable[[str, str, socket.socket, threading.Event], None]


def send_json(conn: socket.socket, body: object | bytes, status: int = 200) -> None:
    """A complete JSON answer; ``bytes`` are sent as they are (NaN, deep nesting...)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    head = (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n"
    )
    conn.sendall(head.encode() + data)


def send_chunked(conn: socket.socket, total: int, stop: threading.Event) -> None:
    """An endless-looking chunked 200 (``total`` bytes of JSON-ish padding, no Content-Length)."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
    conn.sendall(b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b'{"status":"DONE","pad":"' + b"x" * (64 * 1024)
    sent = 0
    try:
        while sent < total and not stop.is_set():
            conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
            chunk = b"x" * (64 * 1024)
        conn.sendall(b'1\r\n"\r\n1\r\n}\r\n0\r\n\r\n')
    except OSError:
        pass  # the client hung up, as it should


def drip(conn: socket.socket, data: bytes, every: float, stop: threading.Event) -> None:
    """Send ``data`` one byte at a time, ``every`` seconds apart (each read sees progress)."""
    try:
        for i in range(len(data)):
            if stop.wait(every):
                return
            conn.sendall(data[i : i + 1])
    except OSError:
        pass


def stall(conn: socket.socket, stop: threading.Event) -> None:
    """Accept the request and never answer."""
    stop.wait(120)


def base_of(conn: socket.socket) -> str:
    """The server's own origin, as seen on an accepted connection."""
    host, port = conn.getsockname()[:2]
    return f"http://{host}:{port}"


def created(base_url: str, *, session_id: str = "sess-1", url: str | None = None) -> dict[str, str]:
    return {
        "sessionId": session_id,
        "token": TOKEN,
        "url": url if url is not None else f"{base_url}/flow/{TOKEN}",
    }


def done_status(**search: Any) -> dict[str, Any]:
    """A DONE status whose liveness and deepfake pass; ``search`` overrides the match."""
    return {
        "status": "DONE",
        "scopes": ["liveness", "deepfake", "search"],
        "nextStep": None,
        "result": {
            "liveness": {"fine": True, "score": 0.96},
            "deepfake": {"fine": True, "score": 0.95},
            "search": {"similarity": 0.89, "templateId": "t-1", **search},
        },
    }


@dataclass
class HostileServer:
    """Listens on 127.0.0.1; ``respond`` answers each request on its own thread."""

    respond: Respond

    def __post_init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.1)
        self.stop = threading.Event()
        self.requests: list[tuple[str, str]] = []
        self._threads: list[threading.Thread] = []
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def __enter__(self) -> HostileServer:
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self._threads.append(accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in list(self._threads):
            thread.join(5)
        self._sock.close()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    piece = conn.recv(65536)
                    if not piece:
                        return
                    data += piece
                head, _, rest = data.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                while len(rest) < length:
                    rest += conn.recv(65536)
            except OSError:
                return
            self.requests.append((method, path))
            with suppress(OSError):
                self.respond(method, path, conn, self.stop)


@contextmanager
def serving(respond: Respond) -> Iterator[HostileServer]:
    with HostileServer(respond) as server:
        yield server


def session_then(status: Callable[[str, socket.socket, threading.Event], None]) -> Respond:
    """A server that creates a normal session, then answers every status read with ``status``."""

    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        base = base_of(conn)
        if method == "POST":
            send_json(conn, created(base))
        else:
            status(path, conn, stop)

    return respond


def create_then(create: Callable[[str], object], status: object, status_code: int = 200) -> Respond:
    """A server that answers the create with ``create(its base URL)`` and every status read
    with ``status`` (each a JSON-able body, or bytes sent as written, escapes and all)."""

    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        if method == "POST":
            send_json(conn, create(base_of(conn)))
        else:
            send_json(conn, status, status_code)

    return respond


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    max_rss_kib: int | None = None


_RSS_WRAPPER = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(proc.stdout)
sys.stderr.buffer.write(proc.stderr)
sys.stderr.write("\\nMAXRSS=%d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(proc.returncode)
"""


def run_verify(
    base_url: str,
    *extra: str,
    timeout: float = 60,
    measure_rss: bool = False,
    encoding: str = "utf-8",
) -> Run:
    """``kiosk verify`` against ``base_url`` in a fresh process (optionally measuring its RSS),
    its standard streams encoded with ``encoding`` (a terminal's locale)."""
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "verify",
        "--base-url",
        base_url,
        "--app-id",
        "x",
        "--retry-for",
        "0",
        "--poll-interval",
        "0.05",
        *extra,
    ]
    if measure_rss:
        command = [sys.executable, "-c", _RSS_WRAPPER, *command]
    env = {**os.environ, "KIOSK_APP_KEY": APP_KEY, "PYTHONIOENCODING": encoding}
    env.pop("KIOSK_APP_ID", None)
    started = time.monotonic()
    proc = subprocess.run(command, capture_output=True, env=env, timeout=timeout, check=False)
    seconds = time.monotonic() - started
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    rss = None
    if measure_rss and "MAXRSS=" in err:
        err, _, tail = err.rpartition("\nMAXRSS=")
        rss = int(tail.strip())
    return Run(proc.returncode, out, err, seconds, rss)


def assert_clean(run: Run) -> None:
    """No traceback and no terminal control characters in anything verify printed."""
    text = run.out + run.err
    assert "Traceback" not in text, text[-3000:]
    bad = [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) <= 0x9F]
    bad += [c for c in text if 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]
    assert not bad, f"control characters reached the terminal: {bad[:5]!r} in {text[-2000:]!r}"


def verify_clean(respond: Respond, *extra: str, **options: Any) -> Run:
    """:func:`run_verify` against a server answering with ``respond`` (``options`` as for
    run_verify); whatever the server sent, nothing printed holds a traceback or a control
    character (:func:`assert_clean`)."""
    with serving(respond) as server:
        run = run_verify(server.url, *extra, **options)
    assert_clean(run)
    return run
