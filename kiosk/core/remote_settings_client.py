"""The kiosk's side of remote settings on the wire (see :mod:`kiosk.core.remote_settings`):
one fetch with a cap on the body and a deadline on the whole call, and the loop that fetches
at start and then every minute while the kiosk is idle. Qt-free: ``kiosk.fleet_settings`` runs
:func:`run` in a thread.
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
        """None until answered; False once the backend said it has no settings (404/405)."""
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
        if self.is_hub is False:
            return Answer("not_a_hub")
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
                    if status in _NOT_A_HUB:
                        log.info("the backend has no remote settings (%d): asking no more", status)
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
) -> None:
    """Fetch now and every ``interval`` seconds while ``idle()`` (never during a session), until
    ``stop`` or the backend says it has no settings; each new version is kept in ``cache`` and
    handed to ``deliver``. ``etag``: the version already applied (the cached copy's)."""
    while not stop.is_set():
        if idle():
            answer = client.fetch(etag)
            if answer.kind == "not_a_hub":
                return
            if answer.kind == "changed" and not stop.is_set():
                etag = answer.etag
                if cache is not None:
                    cache.save(answer)
                deliver(answer)
        stop.wait(interval)
