"""The backend's checks: it answers (over verified TLS), it takes the credentials, and this
machine's clock agrees with its ``Date`` header. One request answers all three.

The request reads the status of a random token no session has. Reading a status creates
nothing: only ``POST .../sessions`` starts a (billable) session, and a random 256-bit token
matches none, so the server answers 404 when it accepted the APP-ID/APP-KEY (it checks them
before it looks the token up) and 401 when it did not. The request goes through the kiosk's own
client (the same headers, TLS verification, error mapping and deadline machinery), wrapped to
note the answer's ``Date`` header and TLS details.
"""

from __future__ import annotations

import ipaddress
import secrets
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from kiosk.core.credentials import Credentials
from kiosk.core.errors import (
    ApiError,
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    UnknownSession,
)
from kiosk.selftest.report import Result, Status, fail, ok, skip, warn

MAX_SKEW_SECONDS = 60.0
"""A clock further off fails: countdowns to a session's expiry and TLS validity are wrong."""
WARN_SKEW_SECONDS = 5.0
EARLIEST_PLAUSIBLE = datetime(2025, 1, 1, tzinfo=UTC)
"""A clock before this was never set (a board without a clock battery starts in 1970)."""
CERT_WARN_DAYS = 14
SET_CLOCK = (
    "set the clock and keep it synchronised (Linux: timedatectl set-ntp true; Windows: "
    "w32tm /resync)"
)


@dataclass
class Exchange:
    """What the probe saw of the server's answer (filled in by :class:`_Recorder`)."""

    sent_at: float = 0.0
    received_at: float | None = None
    date: str | None = None
    tls_version: str | None = None
    cert_expires: float | None = None
    error: ApiError | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return self.received_at is not None


class _Recorder(httpx.BaseTransport):
    """The kiosk's transport, noting when the answer came, its ``Date`` and its TLS."""

    def __init__(self, inner: httpx.BaseTransport, exchange: Exchange) -> None:
        self._inner = inner
        self._exchange = exchange

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._exchange.sent_at = time.time()
        response = self._inner.handle_request(request)
        self._exchange.received_at = time.time()
        self._exchange.date = response.headers.get("Date")
        stream = response.extensions.get("network_stream")
        tls = stream.get_extra_info("ssl_object") if stream is not None else None
        if tls is not None:
            try:
                self._exchange.tls_version = tls.version()
                expires = (tls.getpeercert() or {}).get("notAfter")
                if expires:
                    self._exchange.cert_expires = ssl.cert_time_to_seconds(expires)
            except (AttributeError, ValueError, ssl.SSLError):  # details only: never fatal
                pass
        return response

    def close(self) -> None:
        self._inner.close()


def probe(
    base_url: str,
    credentials: Credentials,
    seconds: float,
    verify: ssl.SSLContext | bool = True,
) -> Exchange:
    """Read the status of a token no session has, within ``seconds``; never raises ApiError
    (it is in :attr:`Exchange.error`, None when the server answered 404)."""
    from kiosk.core.api import VerificationClient
    from kiosk.core.netio import AbortableTransport

    exchange = Exchange()
    transport = _Recorder(AbortableTransport(verify=verify), exchange)
    token = secrets.token_urlsafe(32)  # well-formed, random: no session has it
    timeout = httpx.Timeout(seconds, connect=min(seconds, 5.0))
    with VerificationClient(
        base_url, credentials, timeout=timeout, call_seconds=seconds, transport=transport
    ) as client:
        try:
            client.get_status(token)
        except UnknownSession:
            pass
        except ApiError as exc:
            exchange.error = exc
        else:
            exchange.extra["status_for_no_session"] = True
    return exchange


def check_remote(
    base_url: str,
    credentials: Credentials | None,
    seconds: float,
    *,
    verify: ssl.SSLContext | bool = True,
    clock: Callable[[], float] = time.time,
) -> list[Result]:
    """The ``backend``, ``credentials`` and ``clock`` lines for a configured server.

    Without credentials (none stored: the secrets line says so) the server is still reached
    with an empty key, to check the network, TLS and the clock.
    """
    sent = credentials or Credentials("", "")
    exchange = probe(base_url, sent, seconds, verify)
    error = exchange.error
    results = [_backend_result(base_url, exchange, clock)]
    if credentials is None:
        results.append(skip("credentials", "no APP-KEY to check (see secrets)"))
    elif not exchange.answered or results[0].status is Status.FAIL:
        results.append(skip("credentials", "not checked: the backend did not answer usefully"))
    elif isinstance(error, AuthError):
        results.append(
            fail(
                "credentials",
                f"the server refused APP-ID {credentials.app_id} and its key ({error.status_code})",
                "check app_id in the settings and store the key again: "
                f"`kiosk secrets set-key --app-id {credentials.app_id}`",
            )
        )
    elif isinstance(error, RateLimited | InvalidRequest):
        results.append(
            warn(
                "credentials",
                f"not confirmed: {error.message}",
                "run the self-test again in a minute",
            )
        )
    else:
        results.append(
            ok(
                "credentials",
                f"the server accepted APP-ID {credentials.app_id} and its key (404 for a "
                "token no session has; no session was created)",
            )
        )
    results.append(_clock_result(exchange, clock))
    return results


def _backend_result(base_url: str, exchange: Exchange, clock: Callable[[], float]) -> Result:
    error = exchange.error
    if not exchange.answered:
        message = error.message if error is not None else "no answer"
        return fail("backend", message, _network_fix(message))
    if exchange.extra.get("status_for_no_session"):
        return fail(
            "backend",
            f"{base_url} answered a status for a session that cannot exist",
            "check the backend setting: it must be the Verification Link API's base URL",
        )
    if error is not None and error.status_code is not None and error.status_code >= 500:
        return fail("backend", error.message, "try again later; if it stays, ask the vendor")
    if error is not None and error.status_code is None:  # unreadable: a portal, a proxy page
        return fail(
            "backend",
            error.message,
            "check the backend setting and any captive portal or proxy in the way",
        )
    if error is not None and not isinstance(error, AuthError | RateLimited | InvalidRequest):
        return fail(
            "backend",
            error.message,
            "check the backend setting (https://, the host, no path it does not have)",
        )
    elapsed = (exchange.received_at or 0.0) - exchange.sent_at
    answered = f"{base_url} answered in {elapsed * 1000:.0f} ms"
    scheme, host = urlsplit(base_url).scheme, urlsplit(base_url).hostname or ""
    if scheme != "https":
        if _is_loopback(host):
            return ok("backend", f"{answered} (plain HTTP on this machine)")
        return warn(
            "backend",
            f"{answered} over plain HTTP: the APP-KEY and session tokens cross the network "
            "readable",
            "use the server's https:// address",
        )
    tls = f"TLS certificate verified ({exchange.tls_version or 'TLS'}"
    if exchange.cert_expires is not None:
        days = (exchange.cert_expires - clock()) / 86400
        expires = datetime.fromtimestamp(exchange.cert_expires, UTC).date().isoformat()
        if days < CERT_WARN_DAYS:
            return warn(
                "backend",
                f"{answered}; {tls}), but the certificate expires on {expires}",
                "tell the server's operator (the kiosk stops working when it expires)",
            )
        tls += f", valid until {expires}"
    return ok("backend", f"{answered}; {tls})")


def _network_fix(message: str) -> str:
    lowered = message.lower()
    if "expired" in lowered or "not yet valid" in lowered:
        return f"check this machine's clock first ({SET_CLOCK}), then the server's certificate"
    if "certificate" in lowered or "hostname mismatch" in lowered:
        return (
            "the server's certificate does not verify: check the host name in the backend "
            "setting, the clock, or a proxy that intercepts TLS"
        )
    if "wrong_version_number" in lowered or "ssl" in lowered:
        return "TLS failed: check https:// vs http:// and the port in the backend setting"
    if "name" in lowered and ("resolution" in lowered or "known" in lowered):
        return "the host name does not resolve: check the backend setting and the DNS server"
    return (
        "check the network cable or Wi-Fi, a firewall or proxy, and the backend setting's "
        "host and port"
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _clock_result(exchange: Exchange, clock: Callable[[], float]) -> Result:
    """This machine's clock against the server's ``Date`` header."""
    implausible = _implausible_clock(clock)
    if implausible is not None:
        return implausible
    if not exchange.answered:
        return skip("clock", "not checked: the backend did not answer")
    if not exchange.date:
        return warn(
            "clock",
            "the server sent no Date header to compare with",
            "check the clock against a trusted one",
        )
    try:
        date = parsedate_to_datetime(exchange.date)
        # HTTP dates are GMT; the asctime layout and "-0000" carry no zone and come back
        # naive, which timestamp() would read as this machine's local time.
        server = (date if date.tzinfo else date.replace(tzinfo=UTC)).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return warn("clock", "the server's Date header is unreadable", "check the clock by hand")
    received = exchange.received_at or 0.0
    local = (exchange.sent_at + received) / 2
    # The header has whole seconds (cut, not rounded) and was made between sending and
    # receiving: that much difference is no skew.
    slack = 1.0 + (received - exchange.sent_at) / 2
    skew = local - (server + 0.5)
    if abs(skew) <= slack:
        return ok("clock", "agrees with the server's Date header (within a second)")
    words = f"{_duration(abs(skew))} {'ahead of' if skew > 0 else 'behind'} the server's"
    if abs(skew) > MAX_SKEW_SECONDS:
        return fail(
            "clock",
            f"this machine's clock is {words} (more than {MAX_SKEW_SECONDS:g} s: expiry "
            "countdowns and TLS need the right time)",
            SET_CLOCK,
        )
    if abs(skew) > WARN_SKEW_SECONDS:
        return warn("clock", f"this machine's clock is {words}", SET_CLOCK)
    return ok("clock", f"within {abs(skew):.0f} s of the server's Date header")


def _implausible_clock(clock: Callable[[], float]) -> Result | None:
    now = datetime.fromtimestamp(clock(), UTC)
    if now < EARLIEST_PLAUSIBLE:
        return fail(
            "clock", f"this machine's clock reads {now:%Y-%m-%d}: it was never set", SET_CLOCK
        )
    return None


def sandbox_clock(clock: Callable[[], float] = time.time) -> Result:
    """The embedded sandbox keeps this machine's time: only whether it was ever set."""
    implausible = _implausible_clock(clock)
    if implausible is not None:
        return implausible
    now = datetime.fromtimestamp(clock(), UTC)
    return ok(
        "clock",
        f"reads {now:%Y-%m-%d %H:%M} UTC; the embedded sandbox keeps this machine's time, so "
        "there is no server to compare with",
    )


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 120:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"


__all__ = ["Exchange", "NetworkError", "check_remote", "probe", "sandbox_clock"]
