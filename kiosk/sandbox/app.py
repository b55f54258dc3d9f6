"""The sandbox's HTTP application: the vendor's API paths and the phone-side flow page.

Every request passes :class:`~kiosk.sandbox.headers.SecurityHeaders` and then the gate
(``gate.py``: credentials and flow-token checks before any body is read, size limits while it
streams) before FastAPI's routing sees it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from kiosk import __version__
from kiosk.core.models import Status
from kiosk.sandbox import flow_routes
from kiosk.sandbox.antiforgery import FormGuard
from kiosk.sandbox.callbacks import CallbackDispatcher
from kiosk.sandbox.egress import ForbiddenTarget, check_callback_url
from kiosk.sandbox.faces import start_service
from kiosk.sandbox.faults import FaultPlan, FaultRule, Target
from kiosk.sandbox.faults import after as faults_after
from kiosk.sandbox.faults import before as faults_before
from kiosk.sandbox.gate import MAX_JSON_BYTES, Credentials, RequestGate
from kiosk.sandbox.headers import SecurityHeaders, api_explorer
from kiosk.sandbox.results import (
    DEFAULT_DEEPFAKE_THRESHOLD,
    DEFAULT_LIVENESS_THRESHOLD,
    CheckThresholds,
)
from kiosk.sandbox.schemas import (
    CreateSessionRequest,
    CreateSessionResponse,
    ErrorResponse,
    StatusResponse,
)
from kiosk.sandbox.store import (
    DEFAULT_MAX_LIVE_SESSIONS,
    SandboxSession,
    SessionStore,
    TooManySessions,
)

log = logging.getLogger(__name__)

MAX_BODY_BYTES = MAX_JSON_BYTES
SESSIONS_PATH = "/api/v1.0/flow/sessions"


@dataclass
class SandboxConfig:
    """How a sandbox behaves.

    Attributes:
        app_id / app_key: the only credentials accepted.
        public_base_url: where phones reach this server; session URLs point under it.
        step_seconds: pace of scenario timelines.
        need_captcha: whether sessions ask for a captcha unless metadata says otherwise.
        tick_seconds: the longest the server sleeps between advancing live sessions; it wakes
            earlier when a session is due to change, and not at all more often when none is.
        callback_attempts / callback_backoff: tries per callback and the first retry's delay
            (doubled before each further try). 1 try by default: the vendor sends each
            callback once and leaves retries to the receiver's side.
        liveness_threshold / deepfake_threshold: the scores from which a liveness or deepfake
            result is ``fine`` (the vendor documents "usually >= 0.75" and "e.g. >= 0.9").
        clock: epoch seconds; tests inject a fake one.
        faults: fault-injection rules active from the start (see ``faults.py``).
        max_sessions: live sessions the APP-ID may hold at once (429 beyond).
        max_connections: open connections at once; more are answered 503 and closed. Lowered
            to fit the process's descriptor limit (see ``connections.py``).
        header_timeout: seconds a client has to send a request's line and headers.
        body_timeout: seconds a client has to send a request's body once its headers are in.
        send_timeout: seconds a client may leave an answer unread (the server's send buffer
            full) before its connection is closed.
        allow_private_callbacks: allow loopback and private callback targets even when the
            server is reachable from the network (link-local and metadata addresses never).
        loopback_only: set by the server: it listens on loopback alone, so loopback and
            private callback targets are allowed (local development and tests).
        face_analysis: analyse the phone's selfie for real (``faces/``): None for "when the
            ``faces`` extra is installed", True to require it, False for simulated outcomes.
        face_templates: the enrolled-templates file (default: in the kiosk's data folder).
    """

    app_id: str
    app_key: str
    public_base_url: str = "http://127.0.0.1:8765"
    step_seconds: float = 1.0
    need_captcha: bool = False
    tick_seconds: float = 5.0
    callback_attempts: int = 1
    callback_backoff: float = 0.5
    liveness_threshold: float = DEFAULT_LIVENESS_THRESHOLD
    deepfake_threshold: float = DEFAULT_DEEPFAKE_THRESHOLD
    clock: Callable[[], float] | None = field(default=None, repr=False)
    faults: list[FaultRule] = field(default_factory=list)
    max_sessions: int = DEFAULT_MAX_LIVE_SESSIONS
    max_connections: int = 256
    header_timeout: float = 10.0
    body_timeout: float = 120.0
    send_timeout: float = 30.0
    allow_private_callbacks: bool = False
    loopback_only: bool = False
    face_analysis: bool | None = None
    face_templates: Path | None = None

    @property
    def private_callbacks_allowed(self) -> bool:
        """Whether callbacks may go to loopback and private addresses."""
        return self.allow_private_callbacks or self.loopback_only

    def __repr__(self) -> str:
        return f"SandboxConfig(app_id={self.app_id!r}, public_base_url={self.public_base_url!r})"


class FaultList(BaseModel):
    """Body of ``PUT /sandbox/faults``."""

    rules: list[FaultRule]


def error(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    """The sandbox's one error shape: ``{"error": code, "message": sentence}``."""
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "The body is not a JSON object."},
    401: {"model": ErrorResponse, "description": "APP-ID / APP-KEY missing or wrong."},
    413: {"model": ErrorResponse, "description": "The body is too large."},
    422: {"model": ErrorResponse, "description": "A field is invalid; nothing was created."},
    429: {
        "model": ErrorResponse,
        "description": "This APP-ID has as many live sessions as allowed (too_many_sessions).",
    },
}

# Declared so /openapi.json documents the two headers; checked by hand in ``_authorized``.
_app_id_header = APIKeyHeader(name="APP-ID", auto_error=False, scheme_name="AppId")
_app_key_header = APIKeyHeader(name="APP-KEY", auto_error=False, scheme_name="AppKey")


def _authorized(
    request: Request,
    app_id: Annotated[str | None, Depends(_app_id_header)],
    app_key: Annotated[str | None, Depends(_app_key_header)],
) -> None:
    """Refuse with 401 unless the request carries this sandbox's APP-ID and APP-KEY.

    The gate (``gate.py``) has already made this check before the body was read; this repeats it
    so the routes stay safe on their own and ``/openapi.json`` documents the headers.
    """
    config: SandboxConfig = request.app.state.config
    id_ok = hmac.compare_digest((app_id or "").encode(), config.app_id.encode())
    key_ok = hmac.compare_digest((app_key or "").encode(), config.app_key.encode())
    if not (id_ok and key_ok):
        raise StarletteHTTPException(401, "APP-ID or APP-KEY is missing or wrong.")


_AUTHORIZED = [Depends(_authorized)]


class SandboxApp(FastAPI):
    """FastAPI with the sandbox's outer layers around its whole stack, so that even the
    responses of Starlette's own error handling carry the security headers."""

    outer: Callable[[ASGIApp], ASGIApp] | None = None

    def build_middleware_stack(self) -> ASGIApp:
        stack = super().build_middleware_stack()
        return self.outer(stack) if self.outer is not None else stack


def create_app(config: SandboxConfig) -> FastAPI:
    """Build the sandbox application for ``config``."""
    dispatcher = CallbackDispatcher(
        attempts=config.callback_attempts,
        backoff=config.callback_backoff,
        allow_private=config.private_callbacks_allowed,
    )

    faces = start_service(config.face_analysis, config.face_templates)

    def deliver(session: SandboxSession, body: dict[str, Any]) -> None:
        if faces is not None:
            faces.finished(session)  # stores the enrolment of a DONE session
        if session.callback_url:
            dispatcher.schedule(session.callback_url, body)

    store_kwargs: dict[str, Any] = {
        "step_seconds": config.step_seconds,
        "on_final": deliver,
        "max_live": config.max_sessions,
        "thresholds": CheckThresholds(config.liveness_threshold, config.deepfake_threshold),
    }
    if config.clock is not None:
        store_kwargs["clock"] = config.clock
    store = SessionStore(**store_kwargs)
    wake = asyncio.Event()  # set when a session is created, so the ticker plans for it

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await dispatcher.start()
        ticker = asyncio.create_task(_tick_forever(store, wake, config.tick_seconds))
        try:
            yield
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
            await dispatcher.stop()
            if faces is not None:
                await asyncio.to_thread(faces.close)

    app = SandboxApp(
        title="Verification Link sandbox",
        version=__version__,
        description=(
            "A local implementation of the Verification Link API for demos and tests. "
            "Authenticate every API call with the APP-ID and APP-KEY headers."
        ),
        lifespan=lifespan,
        docs_url=None,  # served below, with a policy that allows its CDN script
        redoc_url=None,
    )
    forms = FormGuard()
    credentials = Credentials(config.app_id, config.app_key)

    def outer(inner: ASGIApp) -> ASGIApp:
        gate = RequestGate(
            inner,
            credentials=credentials,
            store=store,
            public_urls=lambda: [config.public_base_url],
        )
        return SecurityHeaders(gate)

    app.outer = outer
    faults = FaultPlan()
    faults.set(list(config.faults))
    app.state.faults = faults
    app.state.store = store
    app.state.config = config
    app.state.dispatcher = dispatcher
    app.state.forms = forms

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        return api_explorer("/openapi.json", f"{app.title} - API explorer")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_error(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed"}
        code = codes.get(exc.status_code, "http_error")
        return error(exc.status_code, code, str(exc.detail))

    @app.post(
        SESSIONS_PATH,
        response_model=CreateSessionResponse,
        responses=_ERRORS,
        summary="Create a verification session",
        dependencies=_AUTHORIZED,
    )
    async def create_session(body: CreateSessionRequest, request: Request) -> Response:
        fault = faults.pick(Target.CREATE)
        early = await faults_before(fault, request)
        if early is not None:
            return early  # nothing was created
        if body.callbackUrl is not None:
            try:
                check_callback_url(body.callbackUrl, allow_private=config.private_callbacks_allowed)
            except ForbiddenTarget as exc:
                return error(422, "invalid_request", f"callbackUrl: {exc}.")
        captcha = body.captcha
        try:
            session = store.create(
                scopes=body.scopes,
                metadata=body.metadata,
                callback_url=body.callbackUrl,
                return_url=body.returnUrl,
                ttl_sec=body.ttlSec,
                need_captcha=config.need_captcha if captcha is None else captcha,
                scenario=body.scenario,
                owner=config.app_id,
            )
        except TooManySessions as exc:
            return error(429, "too_many_sessions", str(exc), **{"Retry-After": "10"})
        wake.set()
        url = f"{config.public_base_url.rstrip('/')}/flow/{session.token}"
        log.info("created session %s (%s)", session.session_id, ",".join(body.scopes))
        created = {"sessionId": session.session_id, "token": session.token, "url": url}
        return faults_after(fault, created) or JSONResponse(created)

    @app.get(
        SESSIONS_PATH + "/{token}",
        response_model=StatusResponse,
        responses={
            401: _ERRORS[401],
            404: {"model": ErrorResponse, "description": "No session has this token."},
        },
        summary="Get a session's status by its token",
        dependencies=_AUTHORIZED,
    )
    async def get_status(token: str, request: Request) -> Response:
        body = store.snapshot(token)
        if body is None:
            return error(404, "not_found", "No session has this token.")
        final = Status(body["status"]).is_final
        fault = faults.pick(Target.FINAL if final else Target.POLL)
        early = await faults_before(fault, request)
        if early is not None:
            return early
        return faults_after(fault, body) or JSONResponse(body)

    @app.get("/sandbox/faults", include_in_schema=False, dependencies=_AUTHORIZED)
    async def list_faults() -> JSONResponse:
        return JSONResponse({"rules": [r.model_dump(mode="json") for r in faults.rules()]})

    @app.put("/sandbox/faults", include_in_schema=False, dependencies=_AUTHORIZED)
    async def set_faults(plan: FaultList) -> JSONResponse:
        faults.set(plan.rules)
        log.warning("fault injection: %s", [r.model_dump(mode="json") for r in plan.rules])
        return JSONResponse({"rules": [r.model_dump(mode="json") for r in faults.rules()]})

    @app.delete("/sandbox/faults", include_in_schema=False, dependencies=_AUTHORIZED)
    async def clear_faults() -> JSONResponse:
        faults.clear()
        return JSONResponse({"rules": []})

    app.state.faces = faces
    app.include_router(flow_routes.router(store, forms, faces))
    return app


def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """400 for a body that is not a JSON object, 422 naming each invalid field otherwise."""
    content_type = request.headers.get("content-type", "")
    if request.method == "POST" and "json" not in content_type:
        return error(
            400, "invalid_body", "Send the body as JSON with 'Content-Type: application/json'."
        )
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error(400, "invalid_body", "The body is not valid JSON; send a JSON object.")
    not_an_object = any(
        e.get("type") in {"missing", "model_attributes_type", "dict_type"}
        and tuple(e.get("loc", ())) == ("body",)
        for e in errors
    )
    if not_an_object:
        return error(400, "invalid_body", "The body must be a JSON object.")
    parts = []
    for e in errors:
        loc = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
        message = str(e.get("msg", "is invalid")).removeprefix("Value error, ")
        parts.append(f"{loc}: {message}")
    return error(422, "invalid_request", "; ".join(parts) + ".")


async def _tick_forever(store: SessionStore, wake: asyncio.Event, longest: float) -> None:
    """Advance sessions so that expiry, scenarios and callbacks happen without polling.

    Sleeps until the next session is due to change (or a new one is created), never longer than
    ``longest``: an idle sandbox wakes rarely instead of ticking many times a second.
    """
    while True:
        try:
            store.tick()
            due = store.next_change()
        except Exception:  # a bug here must not stop every later callback
            log.exception("sandbox tick failed")
            due = None
        wait = longest if due is None else min(longest, max(0.0, due - store.now()) + 0.001)
        wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), wait)
