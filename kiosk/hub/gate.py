"""The hub's front door: kiosk credentials checked before a byte of a body is read, and every
body counted while it streams in (the sandbox's limits, :mod:`kiosk.sandbox.gate`).

API paths (``/api/...``) need a kiosk's APP-ID (its kiosk id) and APP-KEY (its device secret):
the kiosk is read from the store at every request, so a revocation or a rotation made by
``kiosk hub kiosk ...`` (another process) applies at the next one. A refusal is logged with the
kiosk id the request named (neutralised), never with the secret. The authenticated kiosk is
left in the request's state (``request.state.hub_kiosk``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from kiosk.core.text import printable
from kiosk.hub.credentials import MAX_ID_LENGTH, Verifier
from kiosk.hub.store import HubStore, KioskRecord, StoreError
from kiosk.sandbox.connections import RateLimitedLog
from kiosk.sandbox.gate import MAX_JSON_BYTES, _CountedBody, _json_too_large, unauthorized

log = logging.getLogger(__name__)


# Secret checks (scrypt) waiting or running at once; beyond this a request is asked to retry.
MAX_PENDING_CHECKS = 8


def _busy() -> JSONResponse:
    body = {"error": "unavailable", "message": "The hub is busy checking credentials; retry."}
    return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})


def _unavailable() -> JSONResponse:
    body = {"error": "unavailable", "message": "The hub cannot read its database; retry."}
    return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})


class HubGate:
    """ASGI wrapper: kiosk authentication for ``/api/`` paths, body limits for every path."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        store: HubStore,
        verifier: Verifier | None = None,
        on_store_error: Callable[[str], None] | None = None,
    ) -> None:
        self.app = app
        self.on_store_error = on_store_error  # metrics hook: a kiosk could not be read
        self.store = store
        self.verifier = verifier or Verifier()
        self._refusals = RateLimitedLog(log)
        self._checking = 0  # event loop thread only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = dict(scope["headers"])
        if path.startswith("/api/"):
            kiosk, refusal = await self._authenticate(headers)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
            scope.setdefault("state", {})["hub_kiosk"] = kiosk
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_JSON_BYTES):
            await _json_too_large(MAX_JSON_BYTES)(scope, receive, send)
            return
        body = _CountedBody(receive, send, MAX_JSON_BYTES, False, path)
        try:
            await self.app(scope, body.receive, body.send)
        except Exception:
            if not body.refused:
                raise

    async def _authenticate(
        self, headers: dict[bytes, bytes]
    ) -> tuple[KioskRecord | None, JSONResponse | None]:
        raw_id = headers.get(b"app-id", b"")
        raw_secret = headers.get(b"app-key", b"")
        kiosk_id = raw_id.decode("latin-1")
        shown = printable(kiosk_id, MAX_ID_LENGTH) or "(none)"
        if not raw_id or len(raw_id) > MAX_ID_LENGTH or not raw_secret:
            self._refuse(shown, "missing or malformed credentials", known=False)
            return None, unauthorized()
        try:
            kiosk = await asyncio.to_thread(self.store.get_kiosk, kiosk_id)
        except StoreError as error:
            log.error("cannot check kiosk %r: %s", shown, error)
            if self.on_store_error is not None:
                self.on_store_error("gate")
            return None, _unavailable()
        if kiosk is None:
            self._refuse(shown, "unknown kiosk", known=False)
            return None, unauthorized()
        secret = raw_secret.decode("latin-1")
        ok = self.verifier.known(kiosk.id, secret, kiosk.secret_hash)
        if not ok:
            if self._checking >= MAX_PENDING_CHECKS:
                # Each waiting check holds one of the hub's I/O threads: a flood of wrong
                # secrets for a known id would queue every kiosk's database reads behind it.
                self._refusals.warning("busy", "secret checks queued up; asking to retry")
                return None, _busy()
            self._checking += 1
            try:
                ok = await asyncio.to_thread(
                    self.verifier.check, kiosk.id, secret, kiosk.secret_hash
                )
            finally:
                self._checking -= 1
        if not ok:
            self._refuse(shown, "wrong secret")
            return None, unauthorized()
        if kiosk.revoked:
            self._refuse(shown, "revoked")
            return None, unauthorized()
        return kiosk, None

    def _refuse(self, kiosk_id: str, why: str, *, known: bool = True) -> None:
        # Rate-limited per reason (and per kiosk for enrolled ids, which are few), so nobody
        # can flood the log, or the throttle's memory, with made-up ids or wrong keys.
        key = f"{why}:{kiosk_id}" if known else why
        self._refusals.warning(key, f"401 for kiosk {kiosk_id!r}: {why}")
