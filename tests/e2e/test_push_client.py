"""The kiosk follows a session by push when its backend offers an event stream (issue 15),
and polls when it does not, or when the stream keeps failing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.events import PushPolicy
from kiosk.core.models import SessionStatus
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.state import ActiveSession, ErrorKind
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID as SANDBOX_APP_ID
from tests.conftest import APP_KEY as SANDBOX_APP_KEY
from tests.support.push_backend import (
    APP_ID,
    APP_KEY,
    PushBackend,
    kind_of,
    push_backend,
    status_body,
)

SLOW_POLL = PollPolicy(interval=30.0, active_interval=30.0, max_backoff=0.2, give_up_after=5)
FAST_POLL = PollPolicy(interval=0.05, active_interval=0.05, max_backoff=0.1, give_up_after=5)


@dataclass
class Listener:
    """Records what the runner reports, with a wait for the next status."""

    statuses: list[SessionStatus] = field(default_factory=list)
    session: ActiveSession | None = None
    troubles: list[str] = field(default_factory=list)
    failures: list[tuple[ErrorKind, str]] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def created(self, session: ActiveSession) -> None:
        with self.changed:
            self.session = session
            self.changed.notify_all()

    def status(self, status: SessionStatus) -> None:
        with self.changed:
            self.statuses.append(status)
            self.changed.notify_all()

    def trouble(self, message: str) -> None:
        self.troubles.append(message)

    def failed(self, kind: ErrorKind, message: str) -> None:
        self.failures.append((kind, message))

    def wait(self, predicate: Any, timeout: float = 10.0) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: predicate(self), timeout), self

    @property
    def raw(self) -> list[str]:
        return [s.raw_status for s in self.statuses]


@dataclass
class Running:
    listener: Listener
    stop: threading.Event
    thread: threading.Thread

    def finish(self, timeout: float = 10.0) -> None:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the runner did not finish"


@pytest.fixture
def backend() -> Iterator[PushBackend]:
    with push_backend() as server:
        yield server


def client_for(url: str, app_id: str = APP_ID, app_key: str = APP_KEY) -> VerificationClient:
    return VerificationClient(url, Credentials(app_id, app_key))


def start(
    client: VerificationClient,
    policy: PollPolicy = SLOW_POLL,
    push: PushPolicy | None = None,
    **kwargs: Any,
) -> Running:
    kwargs.setdefault("trusted_origins", [client.base_url])
    kwargs.setdefault("scopes", ["liveness"])
    runner = SessionRunner(client, policy=policy, push=push or PushPolicy(), **kwargs)
    listener, stop = Listener(), threading.Event()
    thread = threading.Thread(target=runner.run, args=(listener, stop), daemon=True)
    thread.start()
    return Running(listener, stop, thread)


def test_every_change_is_pushed_and_the_final_one_is_confirmed(backend: PushBackend) -> None:
    with client_for(backend.url) as client:
        run = start(client)  # polling every 30 s: only push can deliver these in time
        run.listener.wait(lambda r: r.raw == ["CREATED"])
        token = backend.only_token()
        backend.set_status(token, status_body("IN_PROGRESS", nextStep="LIVENESS"))
        run.listener.wait(lambda r: r.raw[-1:] == ["IN_PROGRESS"])
        backend.set_status(token, status_body("DONE", result={}))
        run.finish()
    assert run.listener.raw == ["CREATED", "IN_PROGRESS", "DONE"]
    assert run.listener.failures == [] and run.listener.troubles == []
    assert client.push_offered is True
    assert backend.count("events") == 1
    assert backend.count("status") == 1  # the final status, confirmed by a status read


def test_a_backend_without_push_is_polled_and_asked_once_per_process() -> None:
    with push_backend(push=False) as vendor, client_for(vendor.url) as client:
        for _ in range(2):
            run = start(client, policy=FAST_POLL)
            run.listener.wait(lambda r: r.raw == ["CREATED"])
            vendor.set_status(list(vendor.sessions)[-1], status_body("DONE", result={}))
            run.finish()
            assert run.listener.raw == ["CREATED", "DONE"]
            assert run.listener.failures == []
        assert client.push_offered is False
        assert vendor.count("events") == 1  # the second session did not ask again


def test_the_sandbox_has_no_stream_and_a_session_completes_by_polling(
    sandbox: SandboxServer,
) -> None:
    with client_for(sandbox.local_url, SANDBOX_APP_ID, SANDBOX_APP_KEY) as client:
        run = start(
            client,
            policy=FAST_POLL,
            metadata={"sandbox": {"scenario": "pass"}},
            trusted_origins=[sandbox.local_url, sandbox.public_url],
        )
        run.finish(30)
    assert run.listener.failures == []
    assert run.listener.raw[-1] == "DONE"
    assert client.push_offered is False


def test_a_dropped_stream_is_reread_at_once_then_reconnected() -> None:
    with push_backend(cut_after=1) as flaky, client_for(flaky.url) as client:
        run = start(client)
        run.listener.wait(lambda r: r.raw == ["CREATED"])
        token = flaky.only_token()
        for step in ("LIVENESS", "DEEPFAKE"):
            flaky.set_status(token, status_body("IN_PROGRESS", nextStep=step))
            run.listener.wait(lambda r, step=step: r.statuses[-1].next_step == step)
        flaky.set_status(token, status_body("DONE", result={}))
        run.finish()
    assert run.listener.raw[-1] == "DONE"
    assert run.listener.failures == []
    # Each cut was followed at once by a status read, then by a new stream.
    kinds = [kind_of(method, path) for method, path in flaky.requests]
    assert kinds[0] == "create" and kinds.count("events") >= 2
    assert all(after == "status" for before, after in pairwise(kinds) if before == "events")


def test_a_stream_that_keeps_dropping_without_news_falls_back_to_polling() -> None:
    with push_backend(cut_after=1) as flaky, client_for(flaky.url) as client:
        run = start(client, policy=FAST_POLL, push=PushPolicy(max_reconnects=2))
        run.listener.wait(lambda r: r.raw == ["CREATED"])
        deadline = time.monotonic() + 10
        while flaky.count("events") < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        reads = flaky.count("status")
        time.sleep(0.3)  # polling every 0.05 s: several reads, and no new stream
        assert flaky.count("events") == 3  # the first, then max_reconnects more
        assert flaky.count("status") > reads + 2
        flaky.set_status(flaky.only_token(), status_body("DONE", result={}))
        run.finish()
    assert run.listener.raw[-1] == "DONE"
    assert client.push_offered is True  # it does push; this session just could not use it


def test_a_stalled_stream_counts_as_dropped() -> None:
    with push_backend(keepalive=30) as quiet, client_for(quiet.url) as client:
        run = start(client, push=PushPolicy(stall_seconds=0.3, max_reconnects=50))
        run.listener.wait(lambda r: r.raw == ["CREATED"])
        deadline = time.monotonic() + 10
        while quiet.count("events") < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert quiet.count("events") >= 2  # silence for 0.3 s ended the first stream
        assert quiet.count("status") >= 1  # ... and the status was read at once
        run.stop.set()
        run.finish(2)


def test_a_stop_ends_an_open_stream_promptly(backend: PushBackend) -> None:
    with client_for(backend.url) as client:
        run = start(client)
        run.listener.wait(lambda r: r.raw == ["CREATED"])
        time.sleep(0.2)  # the stream is open and idle
        stopped = time.monotonic()
        run.stop.set()
        run.finish(2)
        assert time.monotonic() - stopped < 0.5
    assert run.listener.failures == []


def test_revoked_credentials_on_the_stream_end_the_session_with_the_credentials_screen(
    backend: PushBackend,
) -> None:
    with client_for(backend.url) as client:
        session = backend.create()
        with client_for(backend.url, app_key="revoked-key-000000000") as revoked:
            from kiosk.core.models import CreatedSession

            resumed = CreatedSession(session["sessionId"], session["token"], session["url"])
            run = start(revoked, resume=resumed)
            run.finish()
    assert run.listener.failures and run.listener.failures[0][0] is ErrorKind.CREDENTIALS
    assert client.push_offered is None
