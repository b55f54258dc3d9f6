"""Issue 15: the status stream is hostile input like any answer. Whatever a server streams (a
line that never ends, huge events, non-JSON, NaN scores, another session's status, invalid
UTF-8), the kiosk neither fills its memory nor hangs nor believes it: it drops the stream,
reads the status with a plain GET, and ends the session on what that read says."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable

import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.events import MAX_EVENT_BYTES, PushPolicy
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.verdict import Outcome, Thresholds, decide
from tests.e2e.test_push_client import Listener
from tests.security.hostile import APP_KEY, base_of, created, done_status, send_json, serving

POLICY = PollPolicy(interval=0.05, active_interval=0.05, max_backoff=0.1, give_up_after=3)
FAIL_STATUS = done_status(similarity=0.1)  # what the status read says: not a match

Stream = Callable[[socket.socket, threading.Event], int]


def stream_head(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")


def events_then_reads(stream: Stream, sent: list[int], status: object = FAIL_STATUS) -> object:
    """A server whose event stream is ``stream`` (it returns the bytes it got out) and whose
    status read answers ``status``."""

    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        if method == "POST":
            send_json(conn, created(base_of(conn)))
        elif path.endswith("/events"):
            stream_head(conn)
            sent.append(stream(conn, stop))
        else:
            send_json(conn, status)

    return respond


def run_against(respond: object, seconds: float = 10.0) -> tuple[Listener, float]:
    with serving(respond) as server:  # type: ignore[arg-type]
        client = VerificationClient(server.url, Credentials("x", APP_KEY))
        runner = SessionRunner(
            client,
            scopes=["liveness", "deepfake", "search"],
            trusted_origins=[server.url],
            policy=POLICY,
            push=PushPolicy(max_reconnects=1),
        )
        listener, stop = Listener(), threading.Event()
        started = time.monotonic()
        thread = threading.Thread(target=runner.run, args=(listener, stop), daemon=True)
        thread.start()
        thread.join(seconds)
        took = time.monotonic() - started
        stop.set()
        thread.join(2)
        client.close()
    assert not thread.is_alive()
    return listener, took


def endless_line(conn: socket.socket, stop: threading.Event) -> int:
    sent = 0
    conn.sendall(b"data: ")
    try:
        while not stop.is_set() and sent < 256 * MAX_EVENT_BYTES:
            conn.sendall(b"x" * 65536)
            sent += 65536
    except OSError:
        pass
    return sent


def endless_event(conn: socket.socket, stop: threading.Event) -> int:
    sent = 0
    conn.sendall(b"event: status\n")
    line = b"data: " + b"x" * 1000 + b"\n"
    try:
        while not stop.is_set() and sent < 256 * MAX_EVENT_BYTES:
            conn.sendall(line * 64)
            sent += len(line) * 64
    except OSError:
        pass
    return sent


def one_event(data: bytes, name: bytes = b"status") -> Stream:
    def stream(conn: socket.socket, stop: threading.Event) -> int:
        conn.sendall(b"event: " + name + b"\ndata: " + data + b"\n\n")
        stop.wait(30)  # then silence: the kiosk must not wait for more
        return 0

    return stream


@pytest.mark.parametrize("stream", [endless_line, endless_event], ids=["line", "event"])
def test_a_never_ending_line_or_event_is_cut_at_the_cap(stream: Stream) -> None:
    sent: list[int] = []
    listener, took = run_against(events_then_reads(stream, sent))
    assert listener.raw[-1] == "DONE"  # from the status read
    # The kiosk hung up soon after the cap (what it did not read sits in socket buffers, a few
    # MB on loopback); the server would have sent 64 MiB.
    assert sent and max(sent) < 64 * MAX_EVENT_BYTES
    assert took < 5


NAN_DONE = json.dumps(done_status()).replace('"similarity": 0.89', '"similarity": NaN').encode()


@pytest.mark.parametrize(
    "data",
    [
        b"<html>proxy login</html>",
        NAN_DONE,
        b'{"status": "DONE", "status": "FAILED"}',
        b'"DONE"',
        json.dumps({**done_status(), "sessionId": "someone-else"}).encode(),
        json.dumps(done_status()).encode().replace(b"DONE", b"DONE\xff\xfe"),
    ],
    ids=["not-json", "nan", "twice", "not-object", "other-session", "bad-utf8"],
)
def test_a_hostile_event_never_reaches_the_verdict(data: bytes) -> None:
    sent: list[int] = []
    listener, _ = run_against(events_then_reads(one_event(data), sent))
    final = listener.statuses[-1]
    assert final.raw_status == "DONE"
    assert decide(final, thresholds=Thresholds(min_similarity=0.75)).outcome is Outcome.FAIL
    assert listener.troubles == []  # the status read answered: nothing to tell the visitor


def test_a_pushed_final_status_is_believed_only_when_the_status_read_agrees() -> None:
    """The body names no session, so a stream (a hub's bug, another session's fan-out) cannot
    decide a verdict: the kiosk reads its own token's status before it shows one."""
    sent: list[int] = []
    in_progress = {"status": "IN_PROGRESS", "scopes": ["liveness"], "nextStep": "LIVENESS"}
    passing = json.dumps(done_status()).encode()
    listener, _ = run_against(events_then_reads(one_event(passing), sent, in_progress), 1.5)
    assert "DONE" not in listener.raw
    assert listener.raw[-1] == "IN_PROGRESS"


def test_an_event_of_another_type_is_skipped() -> None:
    sent: list[int] = []
    passing = json.dumps(done_status()).encode()
    listener, _ = run_against(events_then_reads(one_event(passing, b"st\xffatus"), sent), 1.0)
    assert listener.statuses == [] or listener.raw[-1] == "DONE"
    # the only DONE seen is the status read's (a failing match), never the event's pass
    for status in listener.statuses:
        assert decide(status).outcome is Outcome.FAIL


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 405 X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
        b"Connection: close\r\n\r\n{}",
    ],
    ids=["405", "json"],
)
def test_a_server_without_a_stream_is_polled(head: bytes) -> None:
    def respond(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        if method == "POST":
            send_json(conn, created(base_of(conn)))
        elif path.endswith("/events"):
            conn.sendall(head)
        else:
            send_json(conn, FAIL_STATUS)

    listener, _ = run_against(respond)
    assert listener.raw == ["DONE"]
    assert listener.failures == []
