"""The kiosk's side of remote settings on the wire (see :mod:`kiosk.core.remote_settings`):
one fetch with a cap on the body and a deadline on the whole call, and the loop that fetches
at start and then every minute while the kiosk is idle. Qt-free: ``kiosk.fleet_settings`` runs
:func:`run` in a thread.

A backend that answers 404 (or 405) before it ever answered as a hub is the vendor or the
sandbox: it is asked again only hourly (:data:`NOT_A_HUB_INTERVAL`), not never, so a kiosk that
started while its hub was being upgraded (an old instance behind the load balancer answered)
still gets its settings. Once the backend has answered as a hub, a 404 is a passing failure (a
proxy, an instance mid-upgrade): asked again at the next minute.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import httpx

from kiosk import __version__
from kiosk.core.credentials import Credentials
from kiosk.core.deadline import CallStopped, bounded
from kiosk.core.netio import AbortableTransport
from kiosk.core.remote_settings import (
    DEFAULT_INTERVAL,
    MAX_BODY_BYTES,
    SETTINGS_PATH,
    Answer,
    SettingsCache,
    log_refusals,
    read_answer,
)
from kiosk.core.text import printable
from kiosk.core.wire import BodyTooLarge, NotJson, loads, read_capped

log = logging.getLogger(__name__)

_NOT_A_HUB = frozenset({404, 405})
# Seconds between asks of a backend that said it has no settings (one 404 an hour is nothing).
NOT_A_HUB_INTERVAL = 3600.0


class RemoteSettingsClient:
    """Fetches the kiosk's remote settings from ``base_url`` with its credentials.

    Args:
        call_seconds: the whole of one call (connect, headers, body), however the hub paces it.
        transport: an httpx transport, for tests (default: one a stop event aborts).
    """

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        call_seconds: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.is_hub: bool | None = None
        """None until answered; True once it answered as a hub (200 or 304), for good; False
        while it says it has no settings (404/405) and never answered as a hub."""
        self.call_seconds = call_seconds
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={
                "APP-ID": credentials.app_id,
                "APP-KEY": credentials.app_key,
                "User-Agent": f"verification-kiosk/{__version__}",
                "Accept": "application/json",
            },
            timeout=httpx.Timeout(call_seconds, connect=5.0),
            transport=transport if transport is not None else AbortableTransport(),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def fetch(self, etag: str | None = None) -> Answer:
        """One fetch (``If-None-Match: etag`` when given). Never raises for the network or
        the hub's answer."""
        headers = {"If-None-Match": etag} if etag else {}
        try:
            with bounded(self.call_seconds):
                request = self._http.build_request("GET", SETTINGS_PATH, headers=headers)
                response = self._http.send(request, stream=True)
                try:
                    status = response.status_code
                    if status == 304:
                        self.is_hub = True
                        return Answer("same")
                    if status in _NOT_A_HUB and self.is_hub is not True:
                        if self.is_hub is None:  # said once, not every hour
                            log.info(
                                "the backend has no remote settings (%d): asking again hourly",
                                status,
                            )
                        self.is_hub = False
                        return Answer("not_a_hub")
                    if status != 200:
                        log.info("remote settings not read (%d); trying again later", status)
                        return Answer("failed")
                    data = loads(read_capped(response, MAX_BODY_BYTES))
                    raw_etag = response.headers.get("ETag")
                finally:
                    response.close()
        except (BodyTooLarge, NotJson) as exc:
            log.warning("the hub's settings were refused: %s", printable(str(exc), 200))
            return Answer("failed")
        except (httpx.HTTPError, CallStopped) as exc:
            # The type only: httpx's text may carry the URL.
            log.info("remote settings not read: %s", type(exc).__name__)
            return Answer("failed")
        self.is_hub = True
        answer = read_answer(data, raw_etag)
        if answer.kind == "failed":
            log.warning("the hub's settings were refused: not a settings answer")
        log_refusals(answer.refused)
        return answer


def run(
    client: RemoteSettingsClient,
    cache: SettingsCache | None,
    stop: threading.Event,
    idle: Callable[[], bool],
    deliver: Callable[[Answer], None],
    *,
    interval: float = DEFAULT_INTERVAL,
    etag: str | None = None,
    not_a_hub_interval: float = NOT_A_HUB_INTERVAL,
) -> None:
    """Fetch now and every ``interval`` seconds while ``idle()`` (never during a session), until
    ``stop``; every ``not_a_hub_interval`` seconds instead while the backend says it has no
    settings. Each new version is kept in ``cache`` and handed to ``deliver``. ``etag``: the
    version already applied (the cached copy's)."""
    while not stop.is_set():
        wait = interval
        if idle():
            answer = client.fetch(etag)
            if answer.kind == "not_a_hub":
                wait = not_a_hub_interval
            elif answer.kind == "changed" and not stop.is_set():
                etag = answer.etag
                if cache is not None:
                    cache.save(answer)
                deliver(answer)
        stop.wait(wait)
