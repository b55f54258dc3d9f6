"""Fault injection for the sandbox: make the server misbehave on purpose, switchable at run time.

Tests, demos and soak runs use it to show how a kiosk copes with a bad network and a bad server.
A :class:`FaultRule` names a fault, which requests it hits (``create``, ``poll`` = a status read
of a live session, ``final`` = a status read that would report a final status, or ``any``), and
how often: the next ``count`` matching requests, or a ``rate`` share of them.

Set rules with ``PUT /sandbox/faults`` (same APP-ID/APP-KEY as the API), ``--fault`` on the
command line, or ``app.state.faults`` in-process.
"""

from __future__ import annotations

import asyncio
import random
import threading
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

HUGE_PADDING_BYTES = 2_000_000
STALL_LIMIT_SECONDS = 120.0


class FaultKind(StrEnum):
    """What goes wrong."""

    LATENCY = "latency"  # answer correctly, `seconds` late
    ERROR = "error"  # 503 with a JSON error body
    RATE_LIMIT = "rate_limit"  # 429 with Retry-After: `seconds`
    DROP = "drop"  # the connection closes in the middle of the response body
    NOT_JSON = "not_json"  # 200 with an HTML page (a captive portal, a proxy)
    MISSING_FIELDS = "missing_fields"  # 200, JSON without the required fields
    WRONG_TYPES = "wrong_types"  # 200, JSON with the fields of the wrong types
    UNKNOWN_STATUS = "unknown_status"  # 200, a status value the contract does not list
    HUGE = "huge"  # 200, a correct body padded to ~2 MB
    STALL = "stall"  # accept the request and never answer


class Target(StrEnum):
    """Which requests a rule hits."""

    CREATE = "create"
    POLL = "poll"
    FINAL = "final"
    ANY = "any"


class FaultRule(BaseModel):
    """One fault. Without ``count`` or ``rate`` it hits every matching request."""

    model_config = ConfigDict(extra="forbid")

    kind: FaultKind
    target: Target = Target.ANY
    count: int | None = Field(default=None, ge=1, description="hit the next N matching requests")
    rate: float | None = Field(default=None, ge=0, le=1, description="hit this share of them")
    seconds: float = Field(default=0.5, ge=0, le=60, description="latency or Retry-After")

    @model_validator(mode="after")
    def _count_or_rate(self) -> FaultRule:
        if self.count is not None and self.rate is not None:
            raise ValueError("give count or rate, not both")
        return self

    @classmethod
    def parse(cls, text: str) -> FaultRule:
        """``kind=error,target=poll,rate=0.3`` (the command line's form)."""
        values: dict[str, Any] = {}
        for part in text.split(","):
            key, _, value = part.partition("=")
            values[key.strip()] = value.strip()
        return cls.model_validate(values)


class FaultPlan:
    """The active rules; safe to change from any thread while the server runs."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._left: dict[int, int] = {}
        self._rng = rng or random.Random()
        self.hits = 0

    def set(self, rules: list[FaultRule]) -> None:
        """Replace every rule."""
        with self._lock:
            self._rules = list(rules)
            self._left = {i: r.count for i, r in enumerate(self._rules) if r.count is not None}

    def clear(self) -> None:
        """No more faults."""
        self.set([])

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def pick(self, target: Target) -> FaultRule | None:
        """The fault to apply to a request of ``target``, if any (counts are used up here)."""
        with self._lock:
            for index, rule in enumerate(self._rules):
                if rule.target not in (target, Target.ANY):
                    continue
                if rule.count is not None:
                    if self._left.get(index, 0) <= 0:
                        continue
                    self._left[index] -= 1
                elif rule.rate is not None and self._rng.random() >= rule.rate:
                    continue
                self.hits += 1
                return rule
        return None


async def before(rule: FaultRule | None, request: Request) -> Response | None:
    """Faults that happen before the request is handled: a response to send instead, or None
    to go on (after any added latency)."""
    if rule is None:
        return None
    if rule.kind is FaultKind.LATENCY:
        await asyncio.sleep(rule.seconds)
        return None
    if rule.kind is FaultKind.ERROR:
        body = {"error": "unavailable", "message": "Injected fault: the service is unavailable."}
        return JSONResponse(body, status_code=503)
    if rule.kind is FaultKind.RATE_LIMIT:
        body = {"error": "rate_limited", "message": "Injected fault: too many requests."}
        headers = {"Retry-After": f"{rule.seconds:g}"}
        return JSONResponse(body, status_code=429, headers=headers)
    if rule.kind is FaultKind.STALL:
        # Hold the request until the client gives up (or a long limit passes).
        for _ in range(int(STALL_LIMIT_SECONDS / 0.1)):
            if await request.is_disconnected():
                break
            await asyncio.sleep(0.1)
        return Response(status_code=504)
    return None


def after(rule: FaultRule | None, body: dict[str, Any]) -> Response | None:
    """Faults that spoil a response the server did produce (the work is done)."""
    if rule is None:
        return None
    if rule.kind is FaultKind.DROP:
        return _Dropped()
    if rule.kind is FaultKind.NOT_JSON:
        page = "<html><body><h1>Please log in to the guest network</h1></body></html>"
        return Response(page, media_type="text/html")
    if rule.kind is FaultKind.MISSING_FIELDS:
        return JSONResponse({"ok": True})
    if rule.kind is FaultKind.WRONG_TYPES:
        return JSONResponse({k: [v] for k, v in body.items()})
    if rule.kind is FaultKind.UNKNOWN_STATUS:
        return JSONResponse({**body, "status": "ARCHIVED"} if "status" in body else body)
    if rule.kind is FaultKind.HUGE:
        return JSONResponse({**body, "padding": "x" * HUGE_PADDING_BYTES})
    return None


class _Dropped(Response):
    """Announces a body, sends part of it, and returns: the server then closes the connection."""

    def __init__(self) -> None:
        super().__init__()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"status": "DO', "more_body": True})
