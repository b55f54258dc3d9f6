"""``/dashboard``: the fleet for IT staff, behind a login (``dashboard_auth.py``).

Pages (server-rendered, Jinja2 with autoescaping: kiosk names, sites and errors are hostile
text; no script; the hub's strict Content-Security-Policy applies, so only the page's own
stylesheet loads): the fleet, one site (``/dashboard/site?name=``), one kiosk's recent sessions
(``/dashboard/kiosk?id=``). They refresh themselves every :data:`REFRESH_SECONDS` with a
``<meta http-equiv="refresh">`` (a light poll: a few reads per admin per refresh).
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from kiosk import resources
from kiosk.hub import dashboard_auth as auth
from kiosk.hub.dashboard_view import OFFLINE_AFTER, fleet_rows, state_counts
from kiosk.hub.store import HubStore, StoreError
from kiosk.sandbox.antiforgery import cross_origin

REFRESH_SECONDS = 10
RECENT_SESSIONS = 50
MAX_FIELD = 256
STATE_LABELS = {
    "idle": "Idle",
    "in_session": "In session",
    "error": "Error",
    "offline": "Offline",
    "revoked": "Revoked",
}

_templates = Environment(
    loader=FileSystemLoader(str(resources.path("hub/templates"))),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


def _page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("labels", STATE_LABELS)
    html = _templates.get_template(name).render(**values)
    # The pages hold the fleet's state and a form token: never cached.
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _to_login() -> Response:
    return RedirectResponse("/dashboard/login", status_code=303)


def _refused(request: Request) -> bool:
    scheme = request.url.scheme
    return cross_origin(dict(request.scope["headers"]), scheme, ())


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def router() -> APIRouter:
    """The dashboard's routes (they find the store in ``request.app.state``)."""
    api = APIRouter(include_in_schema=False)
    throttle = auth.Throttle()

    async def admin_or_none(request: Request) -> tuple[str, str] | None:
        store: HubStore = request.app.state.store
        return await auth.current_admin(store, request)

    @api.get("/dashboard/static/dashboard.css")
    async def stylesheet() -> Response:
        return FileResponse(resources.path("hub/static/dashboard.css"), media_type="text/css")

    @api.get("/dashboard/login")
    async def login_form(request: Request) -> Response:
        return _login_page(request, "")

    @api.post("/dashboard/login")
    async def login(request: Request) -> Response:
        if _refused(request):
            return _login_page(request, "This form must be sent from the dashboard.", 403)
        form = await request.form()
        name = str(form.get("name", ""))[:MAX_FIELD]
        password = str(form.get("password", ""))[:MAX_FIELD]
        token = str(form.get("csrf", ""))
        if not auth.same(request.cookies.get(auth.LOGIN_COOKIE, ""), token):
            return _login_page(request, "The form expired; please sign in again.", 403)
        keys = (f"name:{name}", f"client:{_client(request)}")
        if throttle.blocked(*keys):
            return _login_page(request, "Too many failed sign-ins; wait a few minutes.", 429)
        store: HubStore = request.app.state.store
        try:
            ok = await auth.check_password(store, name, password)
        except StoreError:
            return _login_page(request, "The hub cannot reach its database; retry.", 503)
        except auth.Busy:
            return _login_page(request, "The hub is busy; retry in a moment.", 503)
        if not ok:
            throttle.failed(*keys)
            return _login_page(request, "Wrong name or password.", 401)
        response = RedirectResponse("/dashboard", status_code=303)
        await auth.start_login(store, name, request, response)
        response.delete_cookie(auth.LOGIN_COOKIE, path=auth.COOKIE_PATH)
        return response

    @api.post("/dashboard/logout")
    async def logout(request: Request) -> Response:
        admin = await admin_or_none(request)
        if admin is None:
            return _to_login()
        form = await request.form()
        if _refused(request) or not auth.same(auth.csrf_for(admin[1]), str(form.get("csrf"))):
            return _page("error.html", 403, message="This form must be sent from the dashboard.")
        store: HubStore = request.app.state.store
        await asyncio.to_thread(store.remove_admin_session, auth.id_hash(admin[1]))
        response = _to_login()
        response.delete_cookie(auth.COOKIE, path=auth.COOKIE_PATH)
        return response

    @api.get("/dashboard")
    async def fleet(request: Request) -> Response:
        return await _fleet_page(request, None)

    @api.get("/dashboard/site")
    async def site(request: Request, name: str = "") -> Response:
        return await _fleet_page(request, name[:MAX_FIELD])

    async def _fleet_page(request: Request, site: str | None) -> Response:
        admin = await admin_or_none(request)
        if admin is None:
            return _to_login()
        store: HubStore = request.app.state.store
        try:
            rows = await asyncio.to_thread(fleet_rows, store, site)
        except StoreError:
            return _page("error.html", 503, message="The hub cannot reach its database.")
        return _page(
            "fleet.html",
            admin=admin[0],
            csrf=auth.csrf_for(admin[1]),
            refresh=REFRESH_SECONDS,
            rows=rows,
            counts=state_counts(rows),
            site=site,
            offline_minutes=int(OFFLINE_AFTER.total_seconds() // 60),
        )

    @api.get("/dashboard/kiosk")
    async def kiosk(request: Request, id: str = "") -> Response:
        admin = await admin_or_none(request)
        if admin is None:
            return _to_login()
        store: HubStore = request.app.state.store
        try:
            record = await asyncio.to_thread(store.get_kiosk, id[:MAX_FIELD])
            sessions = (
                await asyncio.to_thread(
                    store.list_sessions, kiosk_id=record.id, limit=RECENT_SESSIONS
                )
                if record
                else []
            )
            rows = await asyncio.to_thread(fleet_rows, store, record.site) if record else []
        except StoreError:
            return _page("error.html", 503, message="The hub cannot reach its database.")
        if record is None:
            return _page("error.html", 404, message="No kiosk has this id.")
        row = next((r for r in rows if r.id == record.id), None)
        return _page(
            "kiosk.html",
            admin=admin[0],
            csrf=auth.csrf_for(admin[1]),
            refresh=REFRESH_SECONDS,
            kiosk=row,
            sessions=sessions,
        )

    return api


def _login_page(request: Request, message: str, status: int = 200) -> Response:
    import secrets

    token = secrets.token_urlsafe(24)
    response = _page("login.html", status, csrf=token, message=message)
    response.set_cookie(
        auth.LOGIN_COOKIE,
        token,
        max_age=600,
        path=auth.COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=auth.secure(request),
    )
    return response
