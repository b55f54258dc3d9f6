"""The embedded sandbox, started as the kiosk starts it, answering the kiosk's client."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kiosk.core.settings import Settings
from kiosk.selftest.network import probe, sandbox_clock
from kiosk.selftest.report import Result, TimedOut, fail, ok, skip, warn, within

if TYPE_CHECKING:
    from kiosk.sandbox.lan import Interface

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
    phones = _phones_result(
        backend.base_url, backend.trusted_origins, lan, settings.sandbox_address
    )
    credentials = ok(
        "credentials",
        "the embedded sandbox accepts the APP-ID/APP-KEY the kiosk generates for it (nothing "
        "to store)",
    )
    return [phones, credentials, sandbox_clock()], backend.close


def _phones_result(
    local_url: str,
    origins: list[str],
    lan: bool,
    choice: str = "",
    interfaces: Callable[[], Sequence[Interface]] | None = None,
) -> Result:
    """The ``backend`` line of a sandbox that started: where phones are sent, and whether the
    operator's ``sandbox_address`` (``choice``) is one phones can use."""
    started = f"the embedded sandbox started at {local_url} and answers"
    if not lan:
        return ok("backend", f"{started}; it listens on this machine only (--listen local)")
    public = origins[-1]
    host = urlsplit(public).hostname or ""
    if choice:
        found = list((interfaces or _interfaces)())
        problem = _choice_problem(choice, host, found)
        if problem is not None:
            return warn(
                "backend",
                f"{started}, but {problem}: phones are sent to {public}",
                "set sandbox_address to the interface or address the phones' network reaches "
                f"(this machine's: {_listing(found)}), or empty for the default route's",
            )
    if host.startswith("127.") or host in ("localhost", "::1"):
        return warn(
            "backend",
            f"{started}, but phones would be sent to {public}: no network address was found",
            "connect this machine to the network the phones use, or set sandbox_address",
        )
    return ok("backend", f"{started}; phones reach it at {public}")


def _choice_problem(choice: str, host: str, found: Sequence[Interface]) -> str | None:
    """Why the ``sandbox_address`` setting does not send phones where it says, or None.

    The kiosk falls back to its own guess (and only logs it) when the chosen interface is
    missing, and sends phones to a chosen address whether or not this machine has it.
    """
    import ipaddress

    try:
        address = ipaddress.IPv4Address(choice)
    except ValueError:  # an interface's name
        named = [i.address for i in found if i.name.lower() == choice.lower()]
        if host not in named:
            return f"sandbox_address {choice!r} names no interface with an IPv4 address here"
        address = ipaddress.IPv4Address(host)
    if address.is_loopback:
        return f"sandbox_address {choice} is this machine's loopback, which phones cannot reach"
    if str(address) not in {i.address for i in found}:
        return f"sandbox_address {choice} is not an address of this machine"
    return None


def _interfaces() -> list[Interface]:
    from kiosk.sandbox.lan import interfaces

    return interfaces()


def _listing(found: Sequence[Interface]) -> str:
    shown = [f"{i.name} {i.address}" for i in found if not i.address.startswith("127.")]
    return ", ".join(shown) or "none with an IPv4 address"


def _none() -> None:
    return None
