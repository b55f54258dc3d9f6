"""The embedded sandbox, started as the kiosk starts it, answering the kiosk's client."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from kiosk.core.settings import Settings
from kiosk.selftest.network import probe, sandbox_clock
from kiosk.selftest.report import Result, TimedOut, fail, ok, skip, warn, within

REINSTALL = "reinstall the kiosk: a part of the program is missing"


def check_sandbox(
    settings: Settings, lan: bool, seconds: float, port: int | None = None
) -> tuple[list[Result], Callable[[], None]]:
    """The ``backend``, ``credentials`` and ``clock`` lines for the embedded sandbox, and the
    function that stops it. ``port``: the kiosk's (default) unless given; a busy one falls back
    to a free one, as in the kiosk."""
    from kiosk.backend import BackendConfig, open_backend
    from kiosk.sandbox import DEFAULT_PORT

    config = BackendConfig(
        None,
        lan=lan,
        port=DEFAULT_PORT if port is None else port,
        lan_address=settings.sandbox_address,
    )
    began = time.monotonic()
    not_checked = [
        skip("credentials", "not checked: the embedded sandbox did not start"),
        sandbox_clock(),
    ]
    try:
        backend = within(seconds, lambda: open_backend(config))
    except TimedOut as exc:
        return [fail("backend", f"the embedded sandbox did not start: {exc}", REINSTALL)], _none
    except ImportError as exc:
        missing = exc.name or str(exc)
        result = fail(
            "backend", f"the embedded sandbox cannot start: {missing} is missing", REINSTALL
        )
        return [result, *not_checked], _none
    except Exception as exc:  # a port or address problem, a broken install: said in one line
        result = fail(
            "backend",
            f"the embedded sandbox could not start ({type(exc).__name__}: {exc})",
            "run `kiosk self-test -v` for the log, or `kiosk sandbox` to see it start",
        )
        return [result, *not_checked], _none
    left = max(1.0, seconds - (time.monotonic() - began))
    try:
        exchange = within(left + 1.0, lambda: probe(backend.base_url, backend.credentials, left))
    except TimedOut as exc:
        return [fail("backend", f"the embedded sandbox did not answer: {exc}", REINSTALL)], (
            backend.close
        )
    if not exchange.answered or exchange.error is not None:
        why = exchange.error.message if exchange.error is not None else "no answer"
        result = fail(
            "backend", f"the embedded sandbox does not answer as it should: {why}", REINSTALL
        )
        return [result, *not_checked], backend.close
    phones = _phones_result(backend.base_url, backend.trusted_origins, lan)
    credentials = ok(
        "credentials",
        "the embedded sandbox accepts the APP-ID/APP-KEY the kiosk generates for it (nothing "
        "to store)",
    )
    return [phones, credentials, sandbox_clock()], backend.close


def _phones_result(local_url: str, origins: list[str], lan: bool) -> Result:
    started = f"the embedded sandbox started at {local_url} and answers"
    if not lan:
        return ok("backend", f"{started}; it listens on this machine only (--listen local)")
    public = origins[-1]
    host = urlsplit(public).hostname or ""
    if host.startswith("127.") or host in ("localhost", "::1"):
        return warn(
            "backend",
            f"{started}, but phones would be sent to {public}: no network address was found",
            "connect this machine to the network the phones use, or set sandbox_address",
        )
    return ok("backend", f"{started}; phones reach it at {public}")


def _none() -> None:
    return None
