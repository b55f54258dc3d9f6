"""A small backend on 127.0.0.1 that pushes statuses as the hub's contract says (issue 15).

It serves the vendor's two calls (``POST /api/v1.0/flow/sessions``, ``GET .../{token}``) and the
hub's ``GET .../{token}/events``: ``200 text/event-stream``, the current status at once, one
``event: status`` per change, a ``: keep-alive`` comment while nothing changes, and the end of the
stream after a final status. A test (or the push benchmark) changes a session's status with
:meth:`PushBackend.set_status`. Knobs make it the vendor (``push=False``: 404 there), or a flaky
hub (``cut_after``: each stream closes after that many events).
"""

from __future__ import annotations

import json
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SESSIONS = "/api/v1.0/flow/sessions"
APP_ID = "push-kiosk"
APP_KEY = "push-kiosk-secret-0123456789"
FINAL = ("DONE", "FAILED", "EXPIRED", "CANCELED")


def status_body(status: str = "CREATED", **extra: Any) -> dict[str, Any]:
    """A status read's body; ``extra`` adds or replaces keys (``nextStep``, ``result`` ...)."""
    return {"status": status, "scopes": ["liveness"], "nextStep": None, **extra}


@dataclass
class _Session:
    body: dict[str, Any]
    version: int = 0


@dataclass
class PushBackend:
    """The server; use it as a context manager (it listens while inside)."""

    push: bool = True
    # What the events path answers when push is off (404 as the contract; a gateway in front
    # of a vendor may answer 403 to any path it does not route).
    no_push_code: int = 404
    keepalive: float = 15.0
    cut_after: int | None = None
    requests: list[tuple[str, str]] = field(default_factory=list)
    sessions: dict[str, _Session] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._changed = threading.Condition()
        self._closing = threading.Event()
        backend = self

        class Handler(_Handler):
            owner = backend

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> PushBackend:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        with self._changed:
            self._changed.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def create(self) -> dict[str, str]:
        token = f"tok-{uuid.uuid4().hex}"
        with self._changed:
            self.sessions[token] = _Session(status_body())
        return {"sessionId": str(uuid.uuid4()), "token": token, "url": f"{self.url}/flow/{token}"}

    def set_status(self, token: str, body: dict[str, Any]) -> None:
        """Change a session's status: every stream on it sends the new body at once."""
        with self._changed:
            session = self.sessions[token]
            session.body, session.version = body, session.version + 1
            self._changed.notify_all()

    def only_token(self) -> str:
        (token,) = self.sessions
        return token

    def count(self, kind: str) -> int:
        """Requests of one kind so far: ``create``, ``status`` or ``events``."""
        return sum(1 for method, path in self.requests if kind_of(method, path) == kind)

    def stream(self, token: str, write: Any) -> None:
        """Push ``token``'s statuses through ``write`` until a final one, a cut or the end."""
        sent_version, sent = -1, 0
        while not self._closing.is_set():
            with self._changed:
                session = self.sessions[token]
                if session.version == sent_version:
                    self._changed.wait(self.keepalive)
                    if session.version == sent_version:
                        if self._closing.is_set():
                            return
                        body = None
                    else:
                        body = dict(session.body)
                else:
                    body = dict(session.body)
                sent_version = session.version
            if body is None:
                write(b": keep-alive\n\n")
                continue
            write(b"event: status\ndata: " + json.dumps(body).encode() + b"\n\n")
            sent += 1
            if body["status"] in FINAL or (self.cut_after is not None and sent >= self.cut_after):
                return


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-request (the kiosk stopping) is no news


def kind_of(method: str, path: str) -> str:
    if method == "POST":
        return "create"
    return "events" if path.endswith("/events") else "status"


class _Handler(BaseHTTPRequestHandler):
    owner: PushBackend
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm holds the
        # second until the kiosk's delayed ACK (40 ms), as the sandbox and the hub also avoid.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args: Any) -> None:
        pass

    def _authorized(self) -> bool:
        if self.headers.get("APP-ID") == APP_ID and self.headers.get("APP-KEY") == APP_KEY:
            return True
        self._json(401, {"error": "unauthorized", "message": "Bad credentials."})
        return False

    def _json(self, code: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.owner.requests.append(("POST", self.path))
        if self.path == SESSIONS and self._authorized():
            self._json(201, self.owner.create())
        elif self.path != SESSIONS:
            self._json(404, {"detail": "Not Found"})

    def do_GET(self) -> None:
        self.owner.requests.append(("GET", self.path))
        tail = self.path.removeprefix(SESSIONS + "/")
        token, _, rest = tail.partition("/")
        if rest and not self.owner.push:
            self._json(self.owner.no_push_code, {"message": "Missing Authentication Token"})
            return
        if tail == self.path or rest not in ("", "events"):
            self._json(404, {"detail": "Not Found"})
            return
        if not self._authorized():
            return
        session = self.owner.sessions.get(token)
        if session is None:
            self._json(404, {"error": "not_found", "message": "Unknown session."})
        elif rest == "":
            self._json(200, session.body)
        else:
            self._events(token)

    def _events(self, token: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def write(data: bytes) -> None:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        try:
            self.owner.stream(token, write)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the kiosk hung up
        self.close_connection = True


@contextmanager
def push_backend(**options: Any) -> Iterator[PushBackend]:
    with PushBackend(**options) as backend:
        yield backend
