"""The kiosk's heartbeat sender against a real hub and a real sandbox: a hub records the
kiosk's state; the sandbox answers 404 and the kiosk stops sending; failures are retried."""

from __future__ import annotations

import threading

import httpx

from kiosk.core.credentials import Credentials
from kiosk.core.heartbeat import HeartbeatSender, Report
from tests.conftest import APP_ID
from tests.hub.conftest import Hub


def test_a_hub_records_the_kiosks_state(hub: Hub) -> None:
    sender = HeartbeatSender(hub.url, Credentials(hub.kiosk.id, hub.secret))
    try:
        assert sender.send(Report("error", "camera\nlost")) is True
        assert sender.is_hub is True
    finally:
        sender.close()
    [beat] = hub.store.heartbeats()
    assert beat.state == "error" and beat.last_error is not None
    assert "\n" not in beat.last_error and "camera" in beat.last_error


def test_the_sandbox_is_not_a_hub_and_the_loop_stops(hub: Hub) -> None:
    sender = HeartbeatSender(hub.upstream.local_url, Credentials(APP_ID, hub.upstream_key))
    calls = 0

    def report() -> Report:
        nonlocal calls
        calls += 1
        return Report("idle")

    try:
        stop = threading.Event()
        # A short interval: were the loop to keep going it would call report() many times.
        thread = threading.Thread(target=sender.run, args=(stop, report, 0.01))
        thread.start()
        thread.join(timeout=10)
        assert not thread.is_alive()
        assert sender.is_hub is False and calls == 1
        assert sender.send(Report("idle")) is False
    finally:
        sender.close()


def test_failures_are_retried_at_the_next_beat() -> None:
    answers = iter([httpx.ConnectError("down"), httpx.Response(503), httpx.Response(200, json={})])

    def handler(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    sender = HeartbeatSender(
        "http://127.0.0.1:9", Credentials("k", "s"), transport=httpx.MockTransport(handler)
    )
    try:
        assert sender.send(Report("idle")) is False and sender.is_hub is None
        assert sender.send(Report("idle")) is False and sender.is_hub is None
        assert sender.send(Report("idle")) is True and sender.is_hub is True
    finally:
        sender.close()


def test_wrong_credentials_do_not_stop_the_heartbeat(hub: Hub) -> None:
    sender = HeartbeatSender(hub.url, Credentials(hub.kiosk.id, "wrong"))
    try:
        assert sender.send(Report("idle")) is False
        assert sender.is_hub is None  # 401: maybe a hub with a secret being rotated
    finally:
        sender.close()
