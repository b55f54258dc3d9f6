"""The kiosk's heartbeat to a hub (``POST /api/hub/v1/heartbeat``, see docs/HUB.md): its
version, its state (idle, in a session, in error) and its last error, every ``interval`` seconds,
so the hub's dashboard shows it online.

Only a hub has the endpoint. 2xx means "a hub", keep beating; 404 or 405 before any 2xx means
"the vendor or the sandbox", stop for the life of the process (:attr:`HeartbeatSender.is_hub`
becomes False). Anything else (a network failure, 401, 5xx, and a 404 from a backend that has
already answered as a hub: a proxy, an instance mid-upgrade) is tried again at the next beat.
Qt-free: the GUI runs :meth:`HeartbeatSender.run` in a thread of its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import httpx

from kiosk import __version__
from kiosk.core.credentials import Credentials
from kiosk.core.netio import AbortableTransport
from kiosk.core.text import printable

log = logging.getLogger(__name__)

HEARTBEAT_PATH = "/api/hub/v1/heartbeat"
DEFAULT_INTERVAL = 30.0
MAX_ERROR = 500
_NOT_A_HUB = frozenset({404, 405})

KioskState = Literal["idle", "in_session", "error"]


@dataclass(frozen=True)
class Report:
    """What one heartbeat says."""

    state: KioskState
    last_error: str | None = None


class HeartbeatSender:
    """Sends heartbeats to ``base_url`` with the kiosk's credentials.

    Args:
        transport: an httpx transport, for tests. The default ends a request in flight soon
            after the calling thread's stop event (:func:`kiosk.core.deadline.bounded`) is set.
    """

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.is_hub: bool | None = None
        """None until the backend answered; True for a hub; False for a backend without
        heartbeats (no more are sent)."""
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={
                "APP-ID": credentials.app_id,
                "APP-KEY": credentials.app_key,
                "User-Agent": f"verification-kiosk/{__version__}",
            },
            timeout=timeout,
            transport=transport if transport is not None else AbortableTransport(),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def send(self, report: Report) -> bool:
        """Send one heartbeat unless the backend is known not to be a hub; whether it was
        taken. Never raises for the network or the server's answer."""
        if self.is_hub is False:
            return False
        body = {
            "version": __version__[:64],
            "state": report.state,
            "lastError": printable(report.last_error, MAX_ERROR) if report.last_error else None,
        }
        try:
            answer = self._http.post(HEARTBEAT_PATH, json=body)
        except httpx.HTTPError as exc:
            log.info("heartbeat not sent: %s", type(exc).__name__)
            return False
        # Once a hub, always a hub: a later 404 must not end the heartbeats for good.
        if answer.status_code in _NOT_A_HUB and self.is_hub is not True:
            log.info(
                "the backend is not a hub (heartbeat %d): no more heartbeats", answer.status_code
            )
            self.is_hub = False
            return False
        if 200 <= answer.status_code < 300:
            self.is_hub = True
            return True
        log.info("heartbeat refused (%d); trying again later", answer.status_code)
        return False

    def run(
        self,
        stop: threading.Event,
        report: Callable[[], Report],
        interval: float = DEFAULT_INTERVAL,
    ) -> None:
        """Beat every ``interval`` seconds until ``stop`` is set or the backend is not a hub
        (the thread body; ``report`` is called each time for the kiosk's current state)."""
        while not stop.is_set():
            self.send(report())
            if self.is_hub is False:
                return
            stop.wait(interval)
