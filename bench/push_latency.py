"""Push latency: from a status change at the server to the kiosk's session runner delivering it.

The kiosk side is the real one (:class:`~kiosk.core.poller.SessionRunner` with its client, on
its own thread, as the window's worker runs it); the figure ends when the runner hands the new
status to its listener (the window's worker turns that into a Qt signal; ``status_latency``
measures the screen). Each change carries a new ``returnUrl``, so every one is a distinct status
the runner must deliver; the next change waits until it has, after a random pause, so changes
land at any moment of a poll cycle.

Two servers:

* ``contract``: the test suite's small backend that pushes as the hub's contract says
  (``tests/support/push_backend.py``); the change is its ``set_status``.
* ``hub``: the real hub (``kiosk hub``, SQLite store) in front of that backend acting as the
  vendor (no push; the hub polls it every 20 ms). The change is the moment the hub applies the
  new upstream body (its tracker's ``_apply``, timed by wrapping it here), so the figure is the
  hub's fan-out and the kiosk, not the hub's own poll of upstream; the upstream-to-kiosk time is
  reported beside it.

Each is measured with push, and with 1 s polling (the push stream off).
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import median, percentile
from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.events import PushPolicy
from kiosk.core.models import SessionStatus
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.state import ActiveSession, ErrorKind
from tests.support.push_backend import APP_ID, APP_KEY, PushBackend, status_body

POLL_INTERVAL = 1.0
TARGET_P95_MS = 100.0


@dataclass
class _Deliveries:
    """The runner's listener: when each ``returnUrl`` was delivered."""

    seen: dict[str, float] = field(default_factory=dict)
    count: int = 0
    problems: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def created(self, session: ActiveSession) -> None:
        pass

    def status(self, status: SessionStatus) -> None:
        now = time.perf_counter()
        with self.changed:
            self.count += 1
            if status.return_url is not None:
                self.seen.setdefault(status.return_url, now)
            self.changed.notify_all()

    def trouble(self, message: str) -> None:
        self.problems.append(message)

    def failed(self, kind: ErrorKind, message: str) -> None:
        self.problems.append(f"{kind.value}: {message}")

    def wait_for(self, mark: str | None, seconds: float = 10.0) -> float:
        """When ``mark`` was delivered (None: any first status), waiting up to ``seconds``."""
        with self.changed:
            ready = (lambda: self.count > 0) if mark is None else (lambda: mark in self.seen)
            if not self.changed.wait_for(ready, seconds):
                raise TimeoutError(f"the runner never delivered {mark}: {self.problems}")
            return 0.0 if mark is None else self.seen[mark]


@dataclass
class Target:
    """Where the kiosk connects and how a test changes a status there."""

    url: str
    credentials: Credentials
    trusted: list[str]
    change: Callable[[dict[str, Any]], None]
    changed_at: Callable[[str, float], float]  # (mark, when the bench changed it) -> t0


def _measure(target: Target, changes: int, push: bool, pause: float) -> dict[str, float]:
    client = VerificationClient(target.url, target.credentials)
    runner = SessionRunner(
        client,
        scopes=["liveness"],
        trusted_origins=target.trusted,
        policy=PollPolicy(interval=POLL_INTERVAL, active_interval=POLL_INTERVAL),
        push=PushPolicy() if push else None,
    )
    listener, stop = _Deliveries(), threading.Event()
    thread = threading.Thread(target=runner.run, args=(listener, stop), daemon=True)
    thread.start()
    latencies: list[float] = []
    overall: list[float] = []  # from the bench's change (at the hub: upstream's) to delivery
    try:
        listener.wait_for(None, 10 + POLL_INTERVAL)  # the session exists
        target.change(status_body("IN_PROGRESS", nextStep="LIVENESS", returnUrl="warm-up"))
        listener.wait_for("warm-up", 10 + POLL_INTERVAL)
        for i in range(changes):
            time.sleep(random.uniform(0, pause))
            mark = f"https://return.test/{i}"
            changed = time.perf_counter()
            target.change(status_body("IN_PROGRESS", nextStep="LIVENESS", returnUrl=mark))
            delivered = listener.wait_for(mark, 10 + POLL_INTERVAL)
            latencies.append(delivered - target.changed_at(mark, changed))
            overall.append(delivered - changed)
    finally:
        stop.set()
        thread.join(5)
        client.close()
    return {
        "p50_ms": median(latencies) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "max_ms": max(latencies) * 1000,
        "overall_p95_ms": percentile(overall, 0.95) * 1000,
        "changes": float(len(latencies)),
        "pushed": float(client.push_offered is True),
    }


@contextmanager
def contract() -> Iterator[Target]:
    with PushBackend() as server:

        def change(body: dict[str, Any]) -> None:
            server.set_status(list(server.sessions)[-1], body)  # the latest session's

        yield Target(
            server.url,
            Credentials(APP_ID, APP_KEY),
            [server.url],
            change,
            lambda mark, changed: changed,
        )


@contextmanager
def hub() -> Iterator[Target]:
    from kiosk.hub.app import HubConfig
    from kiosk.hub.database import open_store
    from kiosk.hub.kiosks import enrol
    from kiosk.hub.server import HubServer
    from kiosk.hub.tracker import Sessions, TrackerSettings

    applied: dict[str, float] = {}
    original = Sessions._apply

    async def timed(self: Sessions, tracker: Any, status: Any, body: dict[str, Any]) -> None:
        mark = body.get("returnUrl")
        if isinstance(mark, str) and body != tracker.body:
            applied.setdefault(mark, time.perf_counter())
        await original(self, tracker, status, body)

    with tempfile.TemporaryDirectory() as folder, PushBackend(push=False) as vendor:
        store = open_store(f"sqlite:///{Path(folder) / 'hub.sqlite3'}")
        kiosk, secret = enrol(store, "bench kiosk")
        config = HubConfig(
            upstream_url=vendor.url,
            upstream_app_id=APP_ID,
            upstream_key=APP_KEY,
            tracker=TrackerSettings(poll_interval=0.02, fresh_seconds=0.01),
        )
        Sessions._apply = timed  # type: ignore[method-assign]
        try:
            with HubServer(config, store, graceful_seconds=1) as hub:

                def change(body: dict[str, Any]) -> None:
                    vendor.set_status(list(vendor.sessions)[-1], body)

                yield Target(
                    hub.local_url,
                    Credentials(kiosk.id, secret),
                    [vendor.url],
                    change,
                    lambda mark, changed: applied[mark],
                )
        finally:
            Sessions._apply = original  # type: ignore[method-assign]
            store.close()


def run(changes: int = 200, server: str = "contract") -> dict[str, dict[str, float]]:
    """p50/p95/max in ms, with push and with 1 s polling, over ``changes`` changes each."""
    opened = contract if server == "contract" else hub
    figures: dict[str, dict[str, float]] = {}
    for mode, push, pause in (("push", True, 0.05), ("poll", False, POLL_INTERVAL)):
        with opened() as target:
            figures[mode] = _measure(target, changes, push, pause)
    return figures


if __name__ == "__main__":
    import sys

    where = sys.argv[1] if len(sys.argv) > 1 else "contract"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    for name, values in run(count, where).items():
        print(name, {k: round(v, 1) for k, v in values.items()})
