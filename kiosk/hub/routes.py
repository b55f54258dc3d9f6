"""The hub's routes: create a session, read its status, stream its status, take a callback.

A kiosk sees only its own sessions (another kiosk's token is 404, as an unknown one). What a
kiosk asks for is bounded by its policy: scopes outside ``allowed_scopes`` are refused (422),
``ttlSec`` is capped at ``max_ttl_sec`` (as the vendor clamps it), creations beyond
``rate_per_minute`` get 429 with Retry-After. The session's metadata goes upstream with the
hub's stamp, ``metadata.hub = {"kiosk": <id>, "site": <site>}``, beside the kiosk's own keys (a
``hub`` key the kiosk sent is replaced, so a kiosk cannot claim another's identity); the
kiosk's ``callbackUrl`` is not passed on: upstream calls the hub, and kiosks get the event
stream instead.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import secrets
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from kiosk.core.errors import ApiError
from kiosk.core.text import printable
from kiosk.hub import remote_settings
from kiosk.hub.events import KEEPALIVE, Subscriber
from kiosk.hub.store import HubStore, KioskRecord, SessionRecord, StoreError, utc_now
from kiosk.hub.tracker import Sessions, retry_store
from kiosk.hub.upstream import failure_for
from kiosk.sandbox.app import SESSIONS_PATH, error
from kiosk.sandbox.connections import RateLimitedLog
from kiosk.sandbox.schemas import CreateSessionRequest

log = logging.getLogger(__name__)

CALLBACK_PREFIX = "/hub/callbacks/"
MAX_REFERENCE = 200
# Open event streams one kiosk may hold at once (it needs one; a few cover reconnect overlaps).
MAX_STREAMS_PER_KIOSK = 16
_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{16,128}$")


def _failure(exc: ApiError, what: str) -> JSONResponse:
    failure = failure_for(exc, what)
    return error(failure.status, failure.code, failure.message, **failure.headers)


def _store_down(state: Any) -> JSONResponse:
    if state.metrics is not None:
        state.metrics.database_error("request")
    return error(
        503, "unavailable", "The hub cannot reach its database; retry.", **{"Retry-After": "1"}
    )


def _not_found() -> JSONResponse:
    return error(404, "not_found", "No session has this token.")


async def _own_session(request: Request, token: str) -> SessionRecord | JSONResponse:
    """The session ``token`` names if it belongs to the calling kiosk, else the answer."""
    kiosk: KioskRecord = request.state.hub_kiosk
    if not _TOKEN.match(token):
        return _not_found()
    store: HubStore = request.app.state.store
    try:
        record = await asyncio.to_thread(store.find_by_hub_token, token)
    except StoreError:
        return _store_down(request.app.state)
    if record is None or record.kiosk_id != kiosk.id:
        return _not_found()
    return record


def router() -> APIRouter:
    """The routes (they find the hub's parts in ``request.app.state``)."""
    api = APIRouter()
    api.include_router(remote_settings.router())  # GET /api/hub/v1/settings, for kiosks
    # Refusals a caller can repeat at will (callbacks come from the internet, unsigned; a
    # kiosk may retry a refused stream in a loop) are logged rate-limited.
    repeated_log = RateLimitedLog(log)

    @api.post(SESSIONS_PATH, summary="Create a verification session")
    async def create_session(body: CreateSessionRequest, request: Request) -> Response:
        kiosk: KioskRecord = request.state.hub_kiosk
        refusal = _policy_refusal(kiosk, body)
        if refusal is not None:
            return refusal
        wait = request.app.state.limiter.take(kiosk.id, kiosk.rate_per_minute)
        if wait:
            log.warning("kiosk %s: creation rate limit reached", kiosk.id)
            return error(
                429,
                "rate_limited",
                "This kiosk creates sessions faster than its limit allows.",
                **{"Retry-After": str(max(1, math.ceil(wait)))},
            )
        # Shielded: a kiosk that hangs up does not cancel a creation upstream half-way, so a
        # session created upstream always reaches the journal.
        work = asyncio.ensure_future(_create(request, kiosk, body))
        return await asyncio.shield(work)

    @api.get(SESSIONS_PATH + "/{token}", summary="Get a session's status by its token")
    async def get_status(token: str, request: Request) -> Response:
        record = await _own_session(request, token)
        if isinstance(record, Response):
            return record
        sessions: Sessions = request.app.state.sessions
        try:
            body = await sessions.status(record)
        except ApiError as exc:
            return _failure(exc, "get status")
        return JSONResponse(body)

    @api.get(SESSIONS_PATH + "/{token}/events", summary="Stream a session's status (SSE)")
    async def events(token: str, request: Request) -> Response:
        record = await _own_session(request, token)
        if isinstance(record, Response):
            return record
        kiosk: KioskRecord = request.state.hub_kiosk
        sessions: Sessions = request.app.state.sessions
        open_streams: Counter[str] = request.app.state.open_streams
        if open_streams[kiosk.id] >= MAX_STREAMS_PER_KIOSK:
            repeated_log.warning(
                f"streams:{kiosk.id}", f"kiosk {kiosk.id}: too many open event streams"
            )
            message = "This kiosk has too many open event streams; close one or poll."
            return error(429, "too_many_streams", message, **{"Retry-After": "5"})

        def release() -> None:
            open_streams[kiosk.id] -= 1
            if open_streams[kiosk.id] <= 0:
                del open_streams[kiosk.id]

        # Counted before the first await: streams opened all at once, each waiting on the
        # upstream read below, would otherwise all pass the check above.
        open_streams[kiosk.id] += 1
        try:
            subscriber = await sessions.subscribe(record, kiosk.id, kiosk.secret_hash)
        except BaseException as exc:
            release()
            if isinstance(exc, ApiError):
                return _failure(exc, "get status")
            raise

        def closed() -> None:
            # Runs after the response, also when the kiosk hung up before the stream began.
            sessions.unsubscribe(record, subscriber)
            release()

        keepalive = request.app.state.config.keepalive_seconds
        return StreamingResponse(
            _stream(sessions, record, subscriber, keepalive),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
            background=BackgroundTask(closed),
        )

    @api.post(CALLBACK_PREFIX + "{path}", include_in_schema=False)
    async def callback(path: str, request: Request) -> Response:
        # The body is never read: a callback only says "look again".
        if not _TOKEN.match(path):
            return error(404, "not_found", "No such callback.")
        try:
            store = request.app.state.store
            record = await asyncio.to_thread(store.find_by_callback_path, path)
        except StoreError:
            return _store_down(request.app.state)
        if record is None:
            repeated_log.warning("unknown", "callback to an unknown path ignored")
            return error(404, "not_found", "No such callback.")
        if request.app.state.sessions.hint(record):  # logged once per read it wakes
            log.info("callback for session %s: reading upstream", record.session_id)
        return JSONResponse({"received": True})

    return api


def _policy_refusal(kiosk: KioskRecord, body: CreateSessionRequest) -> JSONResponse | None:
    if kiosk.allowed_scopes is not None:
        refused = [s for s in body.scopes if s not in kiosk.allowed_scopes]
        if refused:
            return error(
                422,
                "invalid_request",
                f"scopes: {', '.join(refused)} not allowed for this kiosk.",
            )
    return None


async def _stream(
    sessions: Sessions, record: SessionRecord, subscriber: Subscriber, keepalive: float
) -> AsyncIterator[bytes]:
    try:
        while True:
            event = await subscriber.next(keepalive)
            if event is None:
                return
            yield event or KEEPALIVE
    finally:
        sessions.unsubscribe(record, subscriber)


async def _create(request: Request, kiosk: KioskRecord, body: CreateSessionRequest) -> Response:
    state = request.app.state
    metadata: dict[str, Any] = dict(body.metadata or {})
    metadata["hub"] = {"kiosk": kiosk.id, "site": kiosk.site}
    raw_reference = metadata.get("reference")
    reference = (
        printable(raw_reference, MAX_REFERENCE).replace("\x00", "")
        if isinstance(raw_reference, str)
        else None
    )
    ttl = body.ttlSec
    if kiosk.max_ttl_sec is not None:
        ttl = kiosk.max_ttl_sec if ttl is None else min(ttl, kiosk.max_ttl_sec)
    callback_path = secrets.token_urlsafe(32)
    callback_url = f"{state.config.public_url.rstrip('/')}{CALLBACK_PREFIX}{callback_path}"
    try:
        created = await state.upstream.create(
            list(body.scopes), metadata, callback_url, body.returnUrl, ttl
        )
    except ApiError as exc:
        log.warning("kiosk %s: upstream create failed: %s", kiosk.id, exc.message)
        return _failure(exc, "create session")
    if state.metrics is not None:  # counted once created upstream, journaled or not yet
        state.metrics.session_created(kiosk.site)
    now = utc_now()
    record = SessionRecord(
        session_id=created.session_id,
        hub_token=secrets.token_urlsafe(32),
        upstream_token=created.token,
        callback_path=callback_path,
        kiosk_id=kiosk.id,
        site=kiosk.site,
        reference=reference,
        scopes=tuple(body.scopes),
        status="CREATED",
        created_at=now,
        updated_at=now,
    )
    sessions: Sessions = state.sessions
    try:
        await retry_store(
            lambda: state.store.add_session(record),
            sessions.settings.store_retry_seconds,
            "journal",
        )
    except StoreError as exc:
        # Created upstream but not journaled: this line is the record of last resort, and the
        # hub keeps trying to journal it (and then watches it) while it runs.
        log.error(
            "session %s created upstream for kiosk %s (site %r, reference %r, scopes %s) but"
            " the journal did not take it: %s",
            record.session_id,
            kiosk.id,
            kiosk.site,
            reference,
            ",".join(record.scopes),
            exc,
        )
        sessions.journal_later(record)
        return _store_down(state)
    sessions.track(record)
    log.info(
        "kiosk %s created session %s (%s)", kiosk.id, record.session_id, ",".join(record.scopes)
    )
    return JSONResponse(
        {"sessionId": created.session_id, "token": record.hub_token, "url": created.url}
    )
