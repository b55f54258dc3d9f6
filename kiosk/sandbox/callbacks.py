"""Delivery of completion callbacks: POST the final status body once, like the vendor.

The vendor sends each callback once ("If you need retries/signature, implement them on your
side"), so by default the sandbox does too: a receiver that is down when the session ends misses
it, and must read the status itself. Retries (with backoff) are an explicit option
(``kiosk.sandbox --callback-retries N``) for integrators who want to test a receiver's handling of
repeats; a receiver must be idempotent either way.

Each try resolves the target again and checks it with :mod:`kiosk.sandbox.egress` (so a name
that re-resolves to a forbidden address is refused), connects to the checked address, and never
follows a redirect. URLs are logged without their user-info.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from kiosk.core.redact import redact
from kiosk.sandbox.egress import ForbiddenTarget, resolve_target, without_userinfo

log = logging.getLogger(__name__)


class CallbackDispatcher:
    """Sends callbacks from the server's event loop; safe to schedule from any thread.

    Args:
        attempts: tries per callback, the first included; 1 (the vendor's behaviour) by default.
        backoff: seconds before the second try; doubled before each further try.
        timeout: per-try timeout in seconds.
        allow_private: whether loopback and private addresses are allowed targets.
    """

    def __init__(
        self,
        *,
        attempts: int = 1,
        backoff: float = 0.5,
        timeout: float = 5.0,
        allow_private: bool = False,
    ) -> None:
        if attempts < 1:
            raise ValueError("a callback is tried at least once")
        self.attempts = attempts
        self.allow_private = allow_private
        self.backoff = backoff
        self._timeout = timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: httpx.AsyncClient | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Bind to the running loop; call from the server's startup."""
        self._loop = asyncio.get_running_loop()
        # No proxies from the environment: the request must go to the address that was checked.
        self._client = httpx.AsyncClient(
            timeout=self._timeout, follow_redirects=False, trust_env=False
        )

    async def stop(self) -> None:
        """Cancel pending deliveries and close the HTTP client."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()
        self._loop = None

    def schedule(self, url: str, body: dict[str, Any]) -> None:
        """Queue delivery of ``body`` to ``url``. Callable from any thread; no-op when stopped."""
        loop = self._loop
        if loop is None or loop.is_closed():
            log.warning("callback to %s dropped: the server is not running", _shown(url))
            return
        loop.call_soon_threadsafe(self._spawn, url, body)

    def _spawn(self, url: str, body: dict[str, Any]) -> None:
        task = asyncio.get_running_loop().create_task(self._deliver(url, body))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, url: str, body: dict[str, Any]) -> None:
        assert self._client is not None
        shown = _shown(url)
        delay = self.backoff
        outcome = "not tried"
        for attempt in range(1, self.attempts + 1):
            try:
                target = await resolve_target(url, allow_private=self.allow_private)
            except ForbiddenTarget as exc:
                log.warning("callback to %s refused: it %s", shown, exc)
                return
            extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else {}
            try:
                response = await self._client.post(
                    target.url,
                    json=body,
                    headers={"Host": target.host_header},
                    auth=httpx.BasicAuth(*target.auth) if target.auth else httpx.USE_CLIENT_DEFAULT,
                    extensions=extensions,
                )
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
            else:
                if response.is_success:
                    log.info("callback to %s delivered (try %d)", shown, attempt)
                    return
                outcome = f"HTTP {response.status_code}"
            if attempt < self.attempts:
                log.info("callback to %s failed (%s), retrying in %.1f s", shown, outcome, delay)
                await asyncio.sleep(delay)
                delay *= 2
        tries = f"{self.attempts} tries" if self.attempts > 1 else "1 try (the vendor's: no retry)"
        log.warning("callback to %s failed (%s) after %s", shown, outcome, tries)


def _shown(url: str) -> str:
    """``url`` as it may appear in a log line: no user-info, no token."""
    return redact(without_userinfo(url))
