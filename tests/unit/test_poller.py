"""The session runner: create once, check the URL, poll, ride out trouble, stop on time."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.models import SessionStatus, Status
from kiosk.core.poller import FIRST_READ_DELAY, PollPolicy, SessionRunner
from kiosk.core.state import ActiveSession, ErrorKind

BASE = "https://vendor.test"
TOKEN = "tok-0123456789abcdef"
CREATED = {"sessionId": "sid-1", "token": TOKEN, "url": f"{BASE}/flow/{TOKEN}"}


class FakeTime:
    """A monotonic clock plus a stop event whose waits advance the clock instead of sleeping."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now


class InstantStop(threading.Event):
    def __init__(self, time: FakeTime, stop_after_waits: int = 1000) -> None:
        super().__init__()
        self._time = time
        self._limit = stop_after_waits

    def wait(self, timeout: float | None = None) -> bool:
        assert timeout is not None
        self._time.waits.append(timeout)
        self._time.now += timeout
        if len(self._time.waits) >= self._limit:
            self.set()
        return self.is_set()


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def created(self, session: ActiveSession) -> None:
        self.events.append(("created", session))

    def status(self, status: SessionStatus) -> None:
        self.events.append(("status", status.raw_status))

    def trouble(self, message: str) -> None:
        self.events.append(("trouble", message))

    def failed(self, kind: ErrorKind, message: str) -> None:
        self.events.append(("failed", kind))

    def names(self) -> list[Any]:
        return [e[0] if e[0] in ("created", "trouble") else e for e in self.events]


Script = list[Callable[[httpx.Request], httpx.Response]]


def serve(posts: Script, gets: Script) -> tuple[VerificationClient, dict[str, int]]:
    """A client whose server answers POSTs and GETs from the scripts in order (last repeats)."""
    counts = {"POST": 0, "GET": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        script = posts if request.method == "POST" else gets
        index = min(counts[request.method], len(script) - 1)
        counts[request.method] += 1
        return script[index](request)

    client = VerificationClient(
        BASE, Credentials("a", "k-123456"), transport=httpx.MockTransport(handler)
    )
    return client, counts


def ok(body: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(200, json=body)


def status(value: str, step: str | None = None) -> Callable[[httpx.Request], httpx.Response]:
    return ok({"status": value, "nextStep": step, "scopes": ["liveness"]})


def code(number: int, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(number, json={}, headers=headers)


def raises(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


def run(
    client: VerificationClient,
    time: FakeTime,
    *,
    trusted: tuple[str, ...] = (BASE,),
    policy: PollPolicy | None = None,
    stop_after_waits: int = 1000,
) -> Recorder:
    recorder = Recorder()
    runner = SessionRunner(
        client,
        scopes=["liveness"],
        trusted_origins=trusted,
        policy=policy or PollPolicy(interval=1.0, active_interval=0.5, give_up_after=30),
        clock=time.clock,
        rng=lambda: 0.5,
    )
    runner.run(recorder, InstantStop(time, stop_after_waits))
    return recorder


def test_reports_each_change_once_and_stops_at_the_final_status(time: FakeTime) -> None:
    gets: Script = [
        status("CREATED"),
        status("CREATED"),
        status("IN_PROGRESS", "LIVENESS"),
        status("IN_PROGRESS", "LIVENESS"),
        status("DONE"),
    ]
    client, counts = serve([ok(CREATED)], gets)
    recorder = run(client, time)
    assert recorder.names() == [
        "created",
        ("status", "CREATED"),
        ("status", "IN_PROGRESS"),
        ("status", "DONE"),
    ]
    assert counts == {"POST": 1, "GET": 5}
    # A short pause lets the code be drawn first; then slower while waiting for a scan,
    # quicker once the person is in the flow.
    assert time.waits == [FIRST_READ_DELAY, 1.0, 1.0, 0.5, 0.5]
    session = recorder.events[0][1]
    assert session.host == "vendor.test" and session.matrix.size >= 21


def test_link_to_another_host_is_never_reported(time: FakeTime) -> None:
    evil = {**CREATED, "url": f"https://evil.test/flow/{TOKEN}"}
    client, counts = serve([ok(evil)], [status("CREATED")])
    recorder = run(client, time)
    assert recorder.names() == [("failed", ErrorKind.UNTRUSTED_URL)]
    assert counts["GET"] == 0


def test_create_is_retried_only_when_it_never_reached_the_server(time: FakeTime) -> None:
    refused = raises(httpx.ConnectError("refused"))
    client, counts = serve([refused, refused, ok(CREATED)], [status("DONE")])
    recorder = run(client, time)
    assert recorder.names() == ["trouble", "trouble", "created", ("status", "DONE")]
    assert counts["POST"] == 3


@pytest.mark.parametrize(
    "answer",
    [raises(httpx.ReadTimeout("slow")), raises(httpx.RemoteProtocolError("cut")), code(502)],
)
def test_create_that_may_have_arrived_is_not_repeated(
    time: FakeTime, answer: Callable[[httpx.Request], httpx.Response]
) -> None:
    client, counts = serve([answer, ok(CREATED)], [status("DONE")])
    recorder = run(client, time)
    assert recorder.names() == [("failed", ErrorKind.NETWORK)]
    assert counts["POST"] == 1


def test_create_rate_limited_waits_as_told(time: FakeTime) -> None:
    client, counts = serve([code(429, **{"Retry-After": "7"}), ok(CREATED)], [status("DONE")])
    recorder = run(client, time)
    assert recorder.names()[:2] == ["trouble", "created"]
    assert time.waits[0] == 7.0
    assert counts["POST"] == 2


def test_retry_after_is_capped(time: FakeTime) -> None:
    client, _ = serve([ok(CREATED)], [code(429, **{"Retry-After": "3600"}), status("DONE")])
    run(client, time, policy=PollPolicy(retry_after_cap=60, give_up_after=1000))
    assert time.waits == [FIRST_READ_DELAY, 60.0]


def test_poll_trouble_is_reported_then_cleared_by_a_status(time: FakeTime) -> None:
    gets: Script = [
        status("CREATED"),
        code(503),
        raises(httpx.ReadError("reset")),
        status("CREATED"),
        status("DONE"),
    ]
    client, _ = serve([ok(CREATED)], gets)
    recorder = run(client, time)
    assert recorder.names() == [
        "created",
        ("status", "CREATED"),
        "trouble",
        "trouble",
        ("status", "CREATED"),  # the same status again: it tells the screen trouble is over
        ("status", "DONE"),
    ]


def test_backoff_grows_with_full_jitter_up_to_a_ceiling(time: FakeTime) -> None:
    client, _ = serve([ok(CREATED)], [code(500)] * 6 + [status("DONE")])
    run(client, time, policy=PollPolicy(interval=1.0, max_backoff=4.0, give_up_after=1000))
    # rng is 0.5: half of 1, 2, 4, 4, 4, 4.
    assert time.waits == [FIRST_READ_DELAY, 0.5, 1.0, 2.0, 2.0, 2.0, 2.0]


def test_gives_up_after_continuous_failure(time: FakeTime) -> None:
    client, counts = serve([ok(CREATED)], [raises(httpx.ConnectError("down"))])
    recorder = run(client, time, policy=PollPolicy(interval=1.0, max_backoff=2.0, give_up_after=10))
    assert recorder.names()[-1] == ("failed", ErrorKind.NETWORK)
    assert 10 <= time.now < 13
    assert counts["GET"] == len(time.waits)  # one read per wait, the first wait before any


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (code(401), ErrorKind.CREDENTIALS),
        (code(404), ErrorKind.SESSION_LOST),
        (code(422), ErrorKind.CONFIGURATION),
    ],
)
def test_errors_that_will_not_go_away_end_at_once(
    time: FakeTime, answer: Callable[[httpx.Request], httpx.Response], kind: ErrorKind
) -> None:
    client, counts = serve([ok(CREATED)], [answer])
    recorder = run(client, time)
    assert recorder.names() == ["created", ("failed", kind)]
    assert counts["GET"] == 1


def test_stop_ends_the_loop_without_further_reports(time: FakeTime) -> None:
    client, counts = serve([ok(CREATED)], [status("CREATED")])
    recorder = run(client, time, stop_after_waits=3)
    assert recorder.names() == ["created", ("status", "CREATED")]
    assert counts["GET"] == 2  # the first wait comes before the first read


def test_a_real_stop_wakes_the_wait_at_once() -> None:
    client, _ = serve([ok(CREATED)], [status("CREATED")])
    runner = SessionRunner(
        client, scopes=["liveness"], trusted_origins=[BASE], policy=PollPolicy(interval=3600)
    )
    stop = threading.Event()
    recorder = Recorder()
    thread = threading.Thread(target=runner.run, args=(recorder, stop))
    thread.start()
    stop.set()
    thread.join(5)
    assert not thread.is_alive()


@pytest.fixture(autouse=True)
def _no_threads_left() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert set(threading.enumerate()) - before == set(), "a thread started here is still alive"


def test_unknown_status_keeps_polling(time: FakeTime) -> None:
    client, _ = serve([ok(CREATED)], [status("ARCHIVING"), status("DONE")])
    recorder = run(client, time)
    assert [e for e in recorder.names() if e != "created"] == [
        ("status", "ARCHIVING"),
        ("status", "DONE"),
    ]
    assert Status("DONE").is_final


def test_the_token_leaves_the_mask_registry_when_the_session_ends(time: FakeTime) -> None:
    from kiosk.core import redact

    client, _ = serve([ok(CREATED)], [status("DONE")])
    run(client, time)
    assert TOKEN not in redact._secrets
    assert redact.redact(f"GET {BASE}/api/v1.0/flow/sessions/{TOKEN}") == (
        f"GET {BASE}/api/v1.0/flow/sessions/***"
    )


def test_a_garbled_status_read_is_retried_like_a_network_blip(time: FakeTime) -> None:
    client, _ = serve([ok(CREATED)], [ok({"status": 5}), status("DONE")])
    recorder = run(client, time)
    assert recorder.names() == ["created", "trouble", ("status", "DONE")]


def test_reads_that_stay_unreadable_give_up_as_unreadable(time: FakeTime) -> None:
    client, _ = serve([ok(CREATED)], [ok({"status": 5})])
    recorder = run(client, time, policy=PollPolicy(interval=1.0, give_up_after=5))
    assert recorder.names()[-1] == ("failed", ErrorKind.UNREADABLE)


def test_create_attempts_are_capped(time: FakeTime) -> None:
    client, counts = serve([raises(httpx.ConnectError("down"))], [status("DONE")])
    recorder = run(client, time, policy=PollPolicy(create_attempts=3, give_up_after=1000))
    assert recorder.names() == ["trouble", "trouble", ("failed", ErrorKind.NETWORK)]
    assert counts["POST"] == 3
