"""Remote settings at the hub: what IT set for a kiosk's site and for the kiosk itself, merged
(the kiosk's value wins), checked, and served to the kiosk at ``GET /api/hub/v1/settings``.

Every value is checked by the kiosk's own rules (:func:`kiosk.core.remote_settings.vet`) when
IT sets it (``kiosk hub settings set``) and again when it is served, so a row written by hand or
by another version of the program never reaches a kiosk unchecked; a refused key is logged
(rate-limited) and left out, the others are served.

The answer's ``version`` is a hash of the merged values, and its ``ETag``: a kiosk asking with
``If-None-Match`` gets 304 while nothing it would receive changed, whichever scope changed,
and also when the kiosk moved to another site with the same values. The per-scope integer
versions (monotonic, in the store) are what ``kiosk hub settings show`` prints.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from kiosk.core.remote_settings import SETTINGS_PATH, vet, wire_form
from kiosk.hub.remote_settings_rows import ScopeSettings
from kiosk.hub.store import HubStore, KioskRecord, StoreError
from kiosk.sandbox.app import error
from kiosk.sandbox.connections import RateLimitedLog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Effective:
    """A kiosk's remote settings: the values served (JSON form), where each came from
    (``site`` or ``kiosk``), the version, and the keys refused when serving."""

    values: dict[str, Any]
    sources: dict[str, str]
    version: str
    refused: tuple[str, ...] = ()


def version_of(values: dict[str, Any]) -> str:
    """The content version of ``values``: 20 hex digits of a SHA-256 of their canonical JSON."""
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def merge(site: ScopeSettings | None, kiosk: ScopeSettings | None) -> Effective:
    """The site's values, the kiosk's over them, each checked again (refusals in the result)."""
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for row in (site, kiosk):
        if row is not None:
            for key, value in row.values.items():
                merged[key], sources[key] = value, row.scope
    accepted, refused = vet(merged, "stored remote settings")
    values = wire_form(accepted)
    sources = {k: v for k, v in sources.items() if k in values}
    return Effective(values, sources, version_of(values), tuple(refused))


def effective_for(store: HubStore, kiosk: KioskRecord) -> Effective:
    """What ``kiosk`` receives: its site's settings (if it has a site) under its own."""
    site = store.scope_settings("site", kiosk.site) if kiosk.site else None
    return merge(site, store.scope_settings("kiosk", kiosk.id))


def _matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak forms and ``*`` included)."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def router() -> APIRouter:
    """The kiosks' settings route (the gate authenticated the kiosk; a revoked one is 401)."""
    api = APIRouter()
    refusals = RateLimitedLog(log, interval=300.0)

    @api.get(SETTINGS_PATH, summary="A kiosk reads the settings IT set for it and its site")
    async def settings(request: Request) -> Response:
        kiosk: KioskRecord = request.state.hub_kiosk
        store: HubStore = request.app.state.store
        try:
            found = await asyncio.to_thread(effective_for, store, kiosk)
        except StoreError as exc:
            log.warning("cannot read kiosk %s's settings: %s", kiosk.id, exc)
            return error(
                503,
                "unavailable",
                "The hub cannot reach its database; retry.",
                **{"Retry-After": "5"},
            )
        for message in found.refused:
            refusals.warning(f"{kiosk.id}:{message}", f"kiosk {kiosk.id}: {message}")
        etag = f'"{found.version}"'
        headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
        if _matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return JSONResponse({"version": found.version, "settings": found.values}, headers=headers)

    return api
