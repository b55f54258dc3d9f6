"""The dashboard's logins: password check, session cookie, CSRF tokens, throttling.

* A login is a random 32-byte id in a cookie (``HttpOnly``, ``SameSite=Strict``, ``Secure``
  when the request came over https or ``--public-url`` is https, ``Path=/dashboard``,
  8 hours); the store keeps only its SHA-256 with the admin's name and expiry
  (``admin_sessions``), so every hub on one database knows it, a logout or ``kiosk hub admin
  remove`` ends it everywhere, and a leaked table logs nobody in.
* Every POST carries a CSRF token in a hidden field: for a logged-in admin a hash of the login
  id (a page elsewhere cannot read the cookie, so it cannot compute it); for the login form a
  random value also set in a short-lived cookie (double submit). Posts whose headers say they
  come from another site or origin are refused first (the sandbox's ``cross_origin``).
* Failed logins are throttled per admin name and per client address (in this hub's memory):
  after :data:`MAX_FAILURES` in :data:`WINDOW_SECONDS`, further attempts are refused until the
  window passes, wrong or right.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import deque
from datetime import timedelta

from fastapi import Request
from fastapi.responses import Response

from kiosk.hub.credentials import check_secret, hash_secret
from kiosk.hub.store import HubStore, utc_now

COOKIE = "hub_dashboard"
LOGIN_COOKIE = "hub_dashboard_login"
COOKIE_PATH = "/dashboard"
LOGIN_SECONDS = 8 * 3600
MAX_FAILURES = 5
WINDOW_SECONDS = 300.0
SWEEP_SECONDS = 10.0
# A hash to check unknown names against, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_secret(secrets.token_urlsafe(16))


def secure(request: Request) -> bool:
    """Whether cookies get ``Secure``: the request came over https, or the hub's public URL
    is https (a TLS proxy in front forwards plain http to the hub)."""
    public: str = getattr(request.app.state.config, "public_url", "") or ""
    return request.url.scheme == "https" or public.lower().startswith("https://")


def id_hash(login_id: str) -> str:
    """What the store keeps of a login's id."""
    return hashlib.sha256(login_id.encode()).hexdigest()


def csrf_for(login_id: str) -> str:
    """The hidden-field token of a logged-in admin's forms."""
    return hashlib.sha256(b"csrf:" + login_id.encode()).hexdigest()


def same(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a token with what a form sent."""
    return bool(expected) and hmac.compare_digest(expected.encode(), (given or "").encode())


class Throttle:
    """Failed logins remembered per key (a name, an address) for :data:`WINDOW_SECONDS`."""

    def __init__(self, clock: object = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._swept = 0.0

    def _recent(self, key: str) -> deque[float]:
        now: float = self._clock()  # type: ignore[operator]
        failures = self._failures.setdefault(key, deque())
        while failures and now - failures[0] > WINDOW_SECONDS:
            failures.popleft()
        if not failures:
            del self._failures[key]  # the map holds only keys failing now
            return deque()
        return failures

    def blocked(self, *keys: str) -> bool:
        return any(len(self._recent(key)) >= MAX_FAILURES for key in keys)

    def failed(self, *keys: str) -> None:
        now: float = self._clock()  # type: ignore[operator]
        if now - self._swept >= SWEEP_SECONDS:
            # Keys that stopped failing (made-up names, most of them) are dropped, so the
            # memory holds only the last window's failures.
            self._swept = now
            for stale in [k for k, v in self._failures.items() if now - v[-1] > WINDOW_SECONDS]:
                del self._failures[stale]
        for key in keys:
            self._recent(key)
            self._failures.setdefault(key, deque()).append(now)


class Busy(Exception):
    """Too many password checks are running: the sign-in is asked to retry."""


MAX_PENDING_CHECKS = 4
_pending = 0  # event loop thread only


async def check_password(store: HubStore, name: str, password: str) -> bool:
    """Whether ``name`` is an admin whose password is ``password`` (scrypt in a thread)."""
    global _pending
    # Each check is ~50 ms of CPU and 16 MiB: a flood of sign-ins must not take the hub's
    # threads from the kiosks.
    if _pending >= MAX_PENDING_CHECKS:
        raise Busy
    _pending += 1
    try:
        admin = await asyncio.to_thread(store.get_admin, name)
        encoded = admin.password_hash if admin is not None else _DUMMY_HASH
        ok = await asyncio.to_thread(check_secret, password, encoded)
    finally:
        _pending -= 1
    return ok and admin is not None


async def start_login(store: HubStore, name: str, request: Request, response: Response) -> None:
    """Record a login for ``name`` and set its cookie on ``response``."""
    login_id = secrets.token_urlsafe(32)
    expires = utc_now() + timedelta(seconds=LOGIN_SECONDS)
    await asyncio.to_thread(store.add_admin_session, id_hash(login_id), name, expires)
    response.set_cookie(
        COOKIE,
        login_id,
        max_age=LOGIN_SECONDS,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


async def current_admin(store: HubStore, request: Request) -> tuple[str, str] | None:
    """The logged-in admin's name and login id, or None (no, unknown or expired login)."""
    login_id = request.cookies.get(COOKIE, "")
    if not login_id or len(login_id) > 100:
        return None
    found = await asyncio.to_thread(store.admin_session, id_hash(login_id))
    if found is None:
        return None
    name, expires = found
    if expires <= utc_now():
        return None
    return name, login_id
