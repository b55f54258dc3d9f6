"""The kiosks' heartbeat: ``POST /api/hub/v1/heartbeat`` with a kiosk's APP-ID / APP-KEY (the
gate authenticates every ``/api/`` path) and a small JSON body::

    {"version": "1.4.0", "state": "idle" | "in_session" | "error", "lastError": "..." | null}

The hub stores it as the kiosk's last heartbeat (``fleet_records.Heartbeat``, the time is the
hub's clock, not the kiosk's) and answers ``{"interval": seconds}``, the pace it expects.
Unknown fields are refused (422, like the session API); the texts are neutralised
(``kiosk.core.text.printable``: control and bidi characters replaced) and capped before they
are stored, because the dashboard shows them to IT staff.

The path is under ``/api/`` but not under the vendor's ``/api/v1.0/``: a kiosk pointed at the
vendor or at the sandbox gets 404 there and so learns that its backend is not a hub.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from kiosk.core.text import printable
from kiosk.hub.fleet_records import MAX_ERROR, MAX_VERSION, Heartbeat
from kiosk.hub.store import HubStore, KioskRecord, StoreError, utc_now
from kiosk.sandbox.app import error

log = logging.getLogger(__name__)

HEARTBEAT_PATH = "/api/hub/v1/heartbeat"
# Seconds between a kiosk's heartbeats; the dashboard calls a kiosk offline after a few missed.
HEARTBEAT_INTERVAL = 30


class HeartbeatBody(BaseModel):
    """What a kiosk reports. Over-long texts are refused rather than silently cut, so a kiosk
    sending garbage learns it (422)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    version: str = Field(min_length=1, max_length=MAX_VERSION)
    state: Literal["idle", "in_session", "error"]
    last_error: str | None = Field(default=None, alias="lastError", max_length=MAX_ERROR)


def heartbeat_from(kiosk_id: str, body: HeartbeatBody) -> Heartbeat:
    """The row to store: texts neutralised, an empty error as none."""
    last_error = printable(body.last_error, MAX_ERROR) if body.last_error else None
    return Heartbeat(
        kiosk_id=kiosk_id,
        last_seen=utc_now(),
        version=printable(body.version, MAX_VERSION),
        state=body.state,
        last_error=last_error,
    )


def router() -> APIRouter:
    """The heartbeat route (it finds the store in ``request.app.state``)."""
    api = APIRouter()

    @api.post(HEARTBEAT_PATH, summary="A kiosk reports its version and state")
    async def heartbeat(body: HeartbeatBody, request: Request) -> Response:
        kiosk: KioskRecord = request.state.hub_kiosk
        store: HubStore = request.app.state.store
        try:
            await asyncio.to_thread(store.record_heartbeat, heartbeat_from(kiosk.id, body))
        except StoreError as exc:
            log.warning("cannot store kiosk %s's heartbeat: %s", kiosk.id, exc)
            return error(
                503,
                "unavailable",
                "The hub cannot reach its database; retry.",
                **{"Retry-After": "1"},
            )
        return JSONResponse({"interval": HEARTBEAT_INTERVAL})

    return api
