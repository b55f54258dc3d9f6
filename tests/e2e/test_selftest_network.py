"""kiosk self-test against a configured server: a tiny HTTP(S) server on 127.0.0.1 answers as
the vendor's would (404 for an unknown token), or refuses the key, or has the wrong time, or
stalls, or is hostile."""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from kiosk.core.credentials import Credentials
from kiosk.selftest.network import check_remote
from kiosk.selftest.report import Result, Status

KEY = "sk-selftest-4f3e2d1c0b9a"
CREDENTIALS = Credentials("app-1", KEY)
SECONDS = 2.0


class Answer:
    """What the tiny server answers: status, body, Date header (None: none at all)."""

    def __init__(self, status: int = 404, body: dict[str, Any] | None = None) -> None:
        self.status = status
        self.body = body or {"error": "not_found", "message": "No session has this token."}
        self.date: str | None = format_datetime(datetime.now(UTC), usegmt=True)
        self.paths: list[str] = []
        self.keys: list[str | None] = []


def _handler(answer: Answer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer.paths.append(self.path)
            answer.keys.append(self.headers.get("APP-KEY"))
            body = json.dumps(answer.body).encode()
            self.send_response_only(answer.status)
            if answer.date is not None:
                self.send_header("Date", answer.date)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client refusing our test certificate is the point of some tests


@contextlib.contextmanager
def serve(answer: Answer, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """A server on a free loopback port; yields its base URL."""
    server = _Server(("127.0.0.1", 0), _handler(answer))
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if tls is not None else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def by_name(results: list[Result]) -> dict[str, Result]:
    assert [r.what for r in results] == ["backend", "credentials", "clock"]
    return {r.what: r for r in results}


def test_right_credentials_get_a_404_for_a_token_no_session_has() -> None:
    answer = Answer(404)
    with serve(answer) as url:
        lines = by_name(check_remote(url, CREDENTIALS, SECONDS))
    assert lines["backend"].status is Status.OK
    assert "plain HTTP on this machine" in lines["backend"].detail
    assert lines["credentials"].status is Status.OK
    assert "no session was created" in lines["credentials"].detail
    assert lines["clock"].status is Status.OK
    # One read of a status (no POST, so no session), for a random token: never the same twice.
    assert len(answer.paths) == 1
    assert answer.paths[0].startswith("/api/v1.0/flow/sessions/")
    with serve(answer) as url:
        check_remote(url, CREDENTIALS, SECONDS)
    assert answer.paths[1] != answer.paths[0]


def test_a_server_refusing_the_key_fails_the_credentials_with_the_fix() -> None:
    answer = Answer(401, {"error": "unauthorized", "message": "APP-ID or APP-KEY is wrong."})
    with serve(answer) as url:
        lines = by_name(check_remote(url, CREDENTIALS, SECONDS))
    assert lines["backend"].status is Status.OK  # it answered: the network is fine
    credentials = lines["credentials"]
    assert credentials.status is Status.FAIL
    assert "refused APP-ID app-1" in credentials.detail
    assert "kiosk secrets set-key --app-id app-1" in credentials.fix
    assert credentials.line().startswith("FAIL credentials: ")
    assert " -> " in credentials.line()
    assert KEY not in credentials.line()


def test_a_clock_two_hours_off_fails() -> None:
    answer = Answer(404)
    answer.date = format_datetime(datetime.now(UTC) - timedelta(hours=2), usegmt=True)
    with serve(answer) as url:
        clock = by_name(check_remote(url, CREDENTIALS, SECONDS))["clock"]
    assert clock.status is Status.FAIL
    assert "2.0 h ahead of the server's" in clock.detail
    assert "timedatectl set-ntp true" in clock.fix


def test_a_clock_a_few_seconds_off_is_advice_and_a_missing_date_is_said() -> None:
    answer = Answer(404)
    answer.date = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    with serve(answer) as url:
        clock = by_name(check_remote(url, CREDENTIALS, SECONDS))["clock"]
    assert clock.status is Status.WARN
    assert "behind the server's" in clock.detail
    answer.date = None
    with serve(answer) as url:
        clock = by_name(check_remote(url, CREDENTIALS, SECONDS))["clock"]
    assert clock.status is Status.WARN
    assert "no Date header" in clock.detail


@pytest.fixture
def away_from_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's local time zone five hours behind UTC (a kiosk in New York)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time zones are set through TZ on POSIX only")
    monkeypatch.setenv("TZ", "EST+05")
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.usefixtures("away_from_utc")
@pytest.mark.parametrize(
    "layout",
    [
        "%a %b %d %H:%M:%S %Y",  # asctime, which HTTP/1.1 recipients must accept: GMT
        "%a, %d %b %Y %H:%M:%S -0000",  # RFC 5322's "UTC, zone unknown"
        "%A, %d-%b-%y %H:%M:%S GMT",  # RFC 850
    ],
)
def test_a_date_header_in_an_older_layout_is_read_as_utc(layout: str) -> None:
    # A date without a zone came back naive and was read as local time: a clock that is
    # right FAILed as hours off on every kiosk outside UTC.
    answer = Answer(404)
    answer.date = time.strftime(layout, time.gmtime())
    with serve(answer) as url:
        clock = by_name(check_remote(url, CREDENTIALS, SECONDS))["clock"]
    assert clock.status is Status.OK, clock.line()


def test_a_clock_that_was_never_set_fails_whatever_the_server() -> None:
    with serve(Answer(404)) as url:
        results = check_remote(url, CREDENTIALS, SECONDS, clock=lambda: 86400.0)
    clock = by_name(results)["clock"]
    assert clock.status is Status.FAIL
    assert "reads 1970-01-02" in clock.detail


def test_a_stalled_server_fails_within_the_deadline() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # connections complete in the backlog; nothing ever answers them
    try:
        began = time.monotonic()
        results = check_remote(
            f"http://127.0.0.1:{listener.getsockname()[1]}", CREDENTIALS, SECONDS
        )
        took = time.monotonic() - began
    finally:
        listener.close()
    lines = by_name(results)
    assert lines["backend"].status is Status.FAIL
    assert "did not answer" in lines["backend"].detail
    assert lines["credentials"].status is Status.SKIP
    assert lines["clock"].status is Status.SKIP
    assert took < SECONDS + 1.0


def test_nobody_listening_fails_with_a_network_fix() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = by_name(check_remote(f"http://127.0.0.1:{port}", CREDENTIALS, SECONDS))["backend"]
    assert backend.status is Status.FAIL
    assert "Cannot connect" in backend.detail
    assert "firewall" in backend.fix


@pytest.mark.parametrize(
    ("status", "says"),
    [(200, "cannot exist"), (503, "failed with 503"), (302, "unexpected HTTP 302")],
)
def test_a_server_that_is_not_the_api_fails_the_backend(status: int, says: str) -> None:
    body = {"status": "DONE", "scopes": ["liveness"], "nextStep": None} if status == 200 else {}
    with serve(Answer(status, body)) as url:
        lines = by_name(check_remote(url, CREDENTIALS, SECONDS))
    assert lines["backend"].status is Status.FAIL
    assert says in lines["backend"].detail
    assert lines["credentials"].status is Status.SKIP


def test_hostile_server_text_is_neutralised_and_the_key_never_shown() -> None:
    evil = f"\x1b]52;c;{KEY}\x07\x1b[2J\u202eoops {KEY}"
    answer = Answer(403, {"message": evil})
    with serve(answer) as url:
        results = check_remote(url, CREDENTIALS, SECONDS)
    assert answer.keys == [KEY]  # it was sent, as the kiosk sends it
    for result in results:
        line = result.line()
        assert KEY not in line
        assert "\x1b" not in line
        assert "\u202e" not in line
        assert json.dumps(result.as_dict()).find(KEY) == -1


def test_without_a_stored_key_the_server_is_still_checked() -> None:
    answer = Answer(401)
    with serve(answer) as url:
        lines = by_name(check_remote(url, None, SECONDS))
    assert lines["backend"].status is Status.OK
    assert lines["credentials"].status is Status.SKIP
    assert lines["clock"].status is Status.OK


@pytest.fixture
def ca() -> Any:
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


def _tls(ca: Any, **cert: Any) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", **cert).configure_cert(context)
    return context


def _trusting(ca: Any) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def test_a_verified_https_server_passes_with_its_tls_details(ca: Any) -> None:
    with serve(Answer(404), tls=_tls(ca)) as url:
        lines = by_name(check_remote(url, CREDENTIALS, SECONDS, verify=_trusting(ca)))
    backend = lines["backend"]
    assert backend.status is Status.OK, backend.line()
    assert "TLS certificate verified (TLSv1." in backend.detail
    assert "valid until" in backend.detail
    assert lines["credentials"].status is Status.OK


def test_a_certificate_that_does_not_verify_fails_with_the_fix(ca: Any) -> None:
    with serve(Answer(404), tls=_tls(ca)) as url:  # the kiosk's CA list lacks this test CA
        lines = by_name(check_remote(url, CREDENTIALS, SECONDS))
    backend = lines["backend"]
    assert backend.status is Status.FAIL
    assert "CERTIFICATE_VERIFY_FAILED" in backend.detail
    assert "certificate does not verify" in backend.fix
    assert lines["credentials"].status is Status.SKIP


def test_a_certificate_about_to_expire_is_a_warning(ca: Any) -> None:
    soon = datetime.now(UTC) + timedelta(days=3)
    with serve(Answer(404), tls=_tls(ca, not_after=soon)) as url:
        backend = by_name(check_remote(url, CREDENTIALS, SECONDS, verify=_trusting(ca)))["backend"]
    assert backend.status is Status.WARN
    assert f"expires on {soon.date().isoformat()}" in backend.detail
