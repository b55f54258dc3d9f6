"""A second attack on the hardened sandbox (after issue 9): what still gave way, as regressions.

* A client that pipelines requests and never reads the answers held its connection (and a
  request task) forever: the header and body deadlines stop once a request is in.
* Every malformed request, and every ``Upgrade`` request, wrote one or two warnings: anyone on
  the network could write log lines as fast as they could send requests.
* The holder of one flow link could run hundreds of 15 MB photo uploads at once (all spooled to
  the temporary folder together).
* The selfie's header was parsed on the event loop from the whole upload, in any format Pillow
  knows: a 15 MB JPEG of comment segments froze the server for 3 s, and a photo for a step that
  was not the current one was parsed anyway, so this could be repeated without end.
"""

from __future__ import annotations

import io
import logging
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from kiosk.sandbox import flow_routes
from kiosk.sandbox.gate import RequestGate
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, make_config
from tests.security.sandbox_support import MB, address_of, form_token

pytestmark = pytest.mark.e2e

PATH = "/api/v1.0/flow/sessions"
AUTH = {"APP-ID": APP_ID, "APP-KEY": APP_KEY}
BOUNDARY = "review-boundary"


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


# --- connections that stop reading -----------------------------------------------------------


def test_a_client_that_never_reads_its_answers_is_cut_off() -> None:
    config = make_config(header_timeout=1.0, body_timeout=1.0, send_timeout=1.0)
    with SandboxServer(config) as server:
        connections = server._server.server_state.connections
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect(address_of(server.local_url))
            sock.setblocking(False)
            request = b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            try:  # far more answers than the socket buffers hold; none is read
                for _ in range(3000):
                    sock.send(request)
            except BlockingIOError:
                pass
            wait_for(lambda: len(connections) == 1)
            # Before the fix the connection (and its task) stayed, whatever the timeouts.
            wait_for(lambda: len(connections) == 0)
            wait_for(lambda: not server._server.server_state.tasks)
        assert httpx.get(server.local_url + "/openapi.json", timeout=5).status_code == 200


def test_a_slow_but_reading_client_keeps_its_connection() -> None:
    config = make_config(send_timeout=1.0)
    with SandboxServer(config) as server, httpx.Client(base_url=server.local_url) as http:
        for _ in range(3):
            assert http.get("/openapi.json").status_code == 200
        assert len(server._server.server_state.connections) == 1


# --- the log --------------------------------------------------------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def uvicorn_log() -> Iterator[list[logging.LogRecord]]:
    """What uvicorn's protocol logs (its logger does not propagate to the root's handlers)."""
    handler = _Records()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def _exchange(url: str, data: bytes) -> bytes:
    with socket.create_connection(address_of(url), timeout=5) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET / HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade, close\r\nUpgrade: websocket\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade, close\r\nUpgrade: h2c\r\n\r\n",
    ],
    ids=["malformed", "websocket-upgrade", "h2c-upgrade"],
)
def test_requests_that_make_uvicorn_warn_cannot_flood_the_log(
    sandbox: SandboxServer, uvicorn_log: list[logging.LogRecord], request_bytes: bytes
) -> None:
    for _ in range(200):
        assert _exchange(sandbox.local_url, request_bytes).startswith(b"HTTP/1.1 ")
    # Before: one line per request (two per upgrade): 200 to 400 lines.
    assert len(uvicorn_log) <= 2, [r.getMessage() for r in uvicorn_log]


# --- photo uploads --------------------------------------------------------------------------


@pytest.fixture
def at_photo_step(sandbox: SandboxServer) -> Iterator[tuple[httpx.Client, str, str]]:
    with httpx.Client(base_url=sandbox.local_url, timeout=20) as http:
        body = {"scopes": ["liveness", "deepfake"]}
        token = http.post(PATH, json=body, headers=AUTH).json()["token"]
        page = f"/flow/{token}"
        csrf = form_token(http, page)
        assert http.post(f"{page}/start", data={"csrf": csrf}).status_code == 303
        yield http, page, csrf


def _upload(csrf: str, step: str, photo: bytes) -> bytes:
    fields = "".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in (("step", step), ("csrf", csrf))
    )
    head = (
        f'{fields}--{BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; '
        'filename="selfie.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    ).encode()
    return head + photo + f"\r\n--{BOUNDARY}--\r\n".encode()


def _gate(server: SandboxServer) -> RequestGate:
    gate = server.app.middleware_stack.app  # type: ignore[union-attr]
    assert isinstance(gate, RequestGate)
    return gate


def test_one_photo_upload_at_a_time_per_session(
    sandbox: SandboxServer, at_photo_step: tuple[httpx.Client, str, str]
) -> None:
    _, page, csrf = at_photo_step
    body = _upload(csrf, "LIVENESS", _jpeg(640, 480) + b"\0" * MB)
    head = (
        f"POST {page}/step HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(address_of(sandbox.local_url), timeout=10) as first:
        first.sendall(head + body[: len(body) // 2])  # the first upload is under way
        wait_for(lambda: bool(_gate(sandbox)._uploading))
        # A second one, with the same link, is sent back unread and its connection closed.
        with socket.create_connection(address_of(sandbox.local_url), timeout=10) as second:
            second.sendall(head)
            answer = b""
            while chunk := second.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 303")
        assert b"problem=photo_in_progress" in answer
        assert b"connection: close" in answer.lower()
        # The first one completes normally.
        first.sendall(body[len(body) // 2 :])
        assert first.recv(65536).startswith(b"HTTP/1.1 303")
    wait_for(lambda: not _gate(sandbox)._uploading)
    session = sandbox.app.state.store.get(page.rsplit("/", 1)[1])
    assert session.photo_size == (640, 480)
    assert session.next_step is not None and session.next_step.value == "DEEPFAKE"


def _jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (190, 160, 140)).save(buffer, "JPEG", quality=50)
    return buffer.getvalue()


def _comment_bomb(size: int) -> bytes:
    """A JPEG start followed only by empty comment segments: Pillow walks every one of them."""
    return b"\xff\xd8" + b"\xff\xfe\x00\x02" * (size // 4)


class _CountingReader(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.most = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.most += len(data)
        return data


def test_only_the_photos_first_megabyte_is_parsed() -> None:
    reader = _CountingReader(_comment_bomb(15 * MB))
    start = time.monotonic()
    assert flow_routes._photo_size(reader) is None
    elapsed = time.monotonic() - start
    assert reader.most <= flow_routes.PHOTO_HEADER_BYTES
    assert elapsed < 1.5  # 3 s before, on the event loop; ~0.2 s now, off it
    # a real photo's size is still found
    assert flow_routes._photo_size(io.BytesIO(_jpeg(4000, 3000) + b"\0" * 8 * MB)) == (4000, 3000)


@pytest.mark.parametrize("kind", ["GIF", "TIFF", "BMP", "ICO"])
def test_formats_phones_do_not_send_are_not_parsed(kind: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64)).save(buffer, kind)
    buffer.seek(0)
    assert flow_routes._photo_size(buffer) is None


def test_a_photo_for_a_step_that_is_not_current_is_not_parsed(
    at_photo_step: tuple[httpx.Client, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    http, page, csrf = at_photo_step
    calls: list[Any] = []
    monkeypatch.setattr(flow_routes, "_photo_size", lambda photo: calls.append(photo))
    for _ in range(3):  # before: parsed every time, then refused; repeatable without end
        response = http.post(
            f"{page}/step",
            data={"step": "DEEPFAKE", "csrf": csrf},
            files={"photo": ("x.jpg", _comment_bomb(MB), "image/jpeg")},
        )
        assert response.status_code == 303
        assert "problem=" in response.headers["location"]
    assert calls == []
