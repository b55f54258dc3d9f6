"""Rules that check one configuration value, whatever its source (file, environment, option).

A rule returns the value typed, or raises ``TypeError``/``ValueError``; :class:`Rule` pairs it
with the words that say what is valid, which every message about that value uses. Text is read
as a number or a flag, as it comes from environment variables and the command line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.core.models import Scope

# In the order messages list them (the enum's own order puts enroll before search).
SCOPES = tuple(s.value for s in (Scope.LIVENESS, Scope.DEEPFAKE, Scope.SEARCH, Scope.ENROLL))
# The server refuses metadata over 16 KiB (compact JSON; kiosk.sandbox.schemas has the same
# rule); the kiosk adds its host name to each session's, so the file may use 15 KiB of it.
MAX_METADATA_BYTES = 15 * 1024
MAX_METADATA_DEPTH = 32
# The kiosk's strict JSON reader (kiosk.core.wire.MAX_INT_DIGITS) refuses integers of more than
# 20 digits in a whole answer; the server echoes metadata in every status, and a hub serves it.
MAX_METADATA_INT = 10**20 - 1
# As kiosk.sandbox.schemas: a longer URL is refused by the server, and a hub's answer must fit
# the kiosk's cap on its body (kiosk.core.remote_settings.MAX_BODY_BYTES).
MAX_URL_LENGTH = 2048
_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


@dataclass(frozen=True)
class Rule:
    """A check and what it expects, in words (``"a number from 0 to 1"``)."""

    check: Callable[[Any], Any]
    expect: str


def split_names(text: str) -> list[str]:
    """``"a, b,,c"`` -> ``["a", "b", "c"]``: the one reader of comma-separated lists."""
    return [item.strip() for item in text.split(",") if item.strip()]


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def is_header_text(value: str) -> bool:
    """Whether an HTTP header can carry ``value`` as it is: printable ASCII, nothing around it.
    Anything else (an APP-ID with an accent) failed only when the first request was built."""
    return value == value.strip() and value.isascii() and value.isprintable()


# The languages the kiosk ships (resources/i18n/), as ISO 639-1 codes; English is the source.
LANGUAGES = ("en", "es", "fr", "de", "ar")


def language(value: Any) -> str:
    """One of :data:`LANGUAGES` (``"DE"`` and ``"de-CH"`` read as ``"de"``)."""
    code = text(value).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ValueError
    return code


def header_text(value: Any) -> str:
    """The APP-ID's rule: :func:`is_header_text`, or empty."""
    if not is_header_text(text(value)):
        raise TypeError
    return str(value)


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _TRUE + _FALSE:
        return value.lower() in _TRUE
    raise TypeError


def number(low: float, high: float, whole: bool = False) -> Callable[[Any], Any]:
    """A rule for a number from ``low`` to ``high`` (a whole one if ``whole``); text is read
    as a number, as in environment variables and on the command line."""

    def check(value: Any) -> float | int:
        if isinstance(value, bool):
            raise TypeError
        number = float(value) if isinstance(value, int | float | str) else math.nan
        if math.isnan(number) or not low <= number <= high or (whole and number != int(number)):
            raise TypeError
        return int(number) if whole else number

    return check


def scopes(value: Any) -> tuple[str, ...]:
    """Known scopes, each once, at least one; from a list or comma-separated text."""
    items = split_names(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise TypeError
    cleaned = tuple(str(item).strip() for item in items if str(item).strip())
    if not cleaned or len(set(cleaned)) != len(cleaned) or any(s not in SCOPES for s in cleaned):
        raise TypeError
    return cleaned


def utf8(value: str) -> str:
    """``value`` if it can be sent as UTF-8, else ``UnicodeEncodeError`` (a ``ValueError``).
    A lone surrogate (half of a ``\\ud83d\\ude00`` escape, or an environment variable's
    undecodable bytes) is a Python string no JSON encoder can send: httpx would raise on every
    session, a hub on every answer."""
    value.encode("utf-8")
    return value


def http_url(chosen: str) -> str:
    """``chosen`` if it is an http(s) URL with a host (and a port from 0 to 65535, if any),
    at most :data:`MAX_URL_LENGTH` long and sendable as UTF-8: ``https://``,
    ``https://host:abc`` or ``http://[::1`` would fail only when the first request is made,
    with the HTTP client's traceback."""
    from urllib.parse import urlsplit

    if not chosen.startswith(("https://", "http://")) or any(c.isspace() for c in chosen):
        raise TypeError
    if len(utf8(chosen)) > MAX_URL_LENGTH:
        raise ValueError("too long")
    parts = urlsplit(chosen)  # ValueError: a bracket left open
    if not parts.hostname:
        raise TypeError
    parts.port  # noqa: B018 - ValueError: a port that is not a number from 0 to 65535
    return chosen


def origin(value: Any) -> str:
    """An origin session links may point at, as ``scheme://host[:port]`` (lower case, default
    port dropped): http(s) with a host and nothing after it (a path, a query, a user name would
    suggest a check the kiosk does not make: links are matched on scheme, host and port only).
    Plain http only for a loopback host; anywhere else a link is shown to phones over the air.
    """
    import ipaddress
    from urllib.parse import urlsplit

    chosen = text(value).strip()
    parts = urlsplit(http_url(chosen))  # TypeError/ValueError: not an http(s) URL with a host
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError("an origin has no path, query, fragment or user name")
    if chosen.endswith(("?", "#")):
        raise ValueError("an origin has no query or fragment")
    host = (parts.hostname or "").lower()
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if parts.scheme != "https" and not loopback:
        raise ValueError("plain http only for a loopback host")
    port = parts.port
    default = {"http": 80, "https": 443}[parts.scheme]
    shown = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{shown}" + ("" if port in (None, default) else f":{port}")


def origins(value: Any) -> tuple[str, ...]:
    """:func:`origin` for each of a list or comma-separated text (empty allowed), each once."""
    items = split_names(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise TypeError
    return tuple(dict.fromkeys(origin(item) for item in items))


ORIGIN_EXPECT = (
    "an https origin such as https://verify.example.com or https://host:8443 (scheme, host and "
    "port only; plain http only for localhost or 127.0.0.1)"
)


def backend(value: Any) -> str:
    chosen = text(value).strip()
    if chosen in ("sandbox", "cloud"):
        return chosen
    return http_url(chosen).rstrip("/")


def url_or_empty(value: Any) -> str:
    chosen = text(value).strip()
    return http_url(chosen) if chosen else chosen


def lan_address(value: Any) -> str:
    """The ``sandbox_address`` rule: empty, an IPv4 address, or a network interface's name.

    An IPv6 address is refused (the sandbox listens on IPv4), and so is a dotted number that is
    not an address (``192.168.1``: a typo, not an interface)."""
    import ipaddress

    chosen = text(value).strip()
    if not chosen:
        return chosen
    try:
        address = ipaddress.ip_address(chosen)
    except ValueError:
        if len(chosen) > 256 or not chosen.isprintable() or chosen.replace(".", "").isdigit():
            raise TypeError from None
        return chosen
    if address.version != 4 or address.is_unspecified:
        raise TypeError
    return chosen


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python's json accepts them


def metadata(value: Any) -> dict[str, Any]:
    """A JSON object the server accepts: finite numbers, nested at most 32 deep, small."""
    if isinstance(value, str):
        try:
            value = json.loads(value, parse_constant=_refuse_constant) if value.strip() else {}
        except RecursionError as exc:
            raise ValueError("nested too deeply") from exc
    if not isinstance(value, dict):
        raise TypeError
    _check_json(value)
    encoded = json.dumps(value, separators=(",", ":"), allow_nan=False).encode()
    if len(encoded) > MAX_METADATA_BYTES:
        raise ValueError("too large")
    return dict(value)


def _check_json(value: Any) -> None:
    """Raise unless ``value`` is plain JSON the kiosk can send and read back: str keys and
    strings sendable as UTF-8 (:func:`utf8`), finite numbers, integers of at most 20 digits
    (:data:`MAX_METADATA_INT`), no TOML dates, and containers nested at most
    :data:`MAX_METADATA_DEPTH` deep. Iterative: no recursion limit."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list) and depth > MAX_METADATA_DEPTH:
            raise ValueError("nested too deeply")
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                raise TypeError
            for key in item:
                utf8(key)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ValueError("not a finite number")
        elif isinstance(item, str):
            utf8(item)
        elif isinstance(item, int):  # bool is an int
            if abs(item) > MAX_METADATA_INT:
                raise ValueError("an integer of more than 20 digits")
        elif item is not None:
            raise TypeError  # a TOML date or time has no JSON form


# Rules of options that are not settings, shared by every command that takes them.
PORT = Rule(number(0, 65535, True), "a whole number from 0 (any) to 65535")
PACE = Rule(number(0.01, 3600), "a number from 0.01 to 3600")


def command_line(value: Any) -> str:
    """A command line its platform can split into a program and its arguments, or empty (an
    unclosed quote is refused here rather than failing every hand-off)."""
    from kiosk.core.command_line import command_problem

    line = text(value)
    if command_problem(line) is not None:
        raise ValueError
    return line


def choice(*options: str) -> Callable[[Any], str]:
    """One of ``options`` (case and surrounding spaces ignored)."""

    def check(value: Any) -> str:
        chosen = text(value).strip().lower()
        if chosen not in options:
            raise ValueError
        return chosen

    return check
