"""Reading an answer's body without trusting it: capped while streaming, strict JSON.

A status body is a few kilobytes, so anything far larger is refused while it streams in, before it
can fill memory (a ``Content-Length`` is no limit: chunked bodies carry none, and a server may lie).
The JSON parser refuses what Python's would quietly accept and the kiosk could not use: ``NaN``
and ``Infinity`` (``NaN < threshold`` is false, which once turned into a PASS), integers too long to
be a score (a 400-digit one overflows ``float()``), numbers that overflow to infinity, nesting
deep enough to exhaust the interpreter's stack (``json.loads`` raises ``RecursionError``), and a
key named twice in one object (parsers differ on which copy wins).
"""

from __future__ import annotations

import json
import math
import zlib
from typing import Any

import httpx

from kiosk.core.deadline import current
from kiosk.core.redact import redact

MAX_BODY_BYTES = 256 * 1024
"""The largest answer read: a status body is 2-5 KB; 50x that still fits a verbose server."""

MAX_ERROR_BODY_BYTES = 16 * 1024
"""The most of an error answer read: only its first sentence (``message``) is ever shown."""

MAX_INT_DIGITS = 20
"""Longer integers cannot be a score, a size or a count in this API."""

MAX_DEPTH = 64
"""Deepest nesting accepted: the contract's bodies are 4 levels deep, metadata a few more."""


class BodyTooLarge(Exception):
    """The body grew past its cap while streaming; ``size`` is what had arrived by then."""

    def __init__(self, size: int, cap: int) -> None:
        super().__init__(f"more than {cap} bytes")
        self.size = size
        self.cap = cap


class NotJson(ValueError):
    """The body is not strict JSON this kiosk can use; the message says why."""


def read_capped(response: httpx.Response, cap: int) -> bytes:
    """Stream ``response``'s body, decompressing gzip/deflate with the same cap.

    Raises:
        BodyTooLarge: past ``cap`` bytes (decoded), counted as the chunks arrive.
        NotJson: an encoding we did not ask for and cannot decode safely.
        httpx.ReadTimeout: the current :func:`~kiosk.core.deadline.bounded` deadline passed.
        kiosk.core.deadline.CallStopped: the scope's stop event was set.
    """
    if response.is_stream_consumed:  # already in memory (a test's mock transport): just check it
        if len(response.content) > cap:
            raise BodyTooLarge(len(response.content), cap)
        return response.content
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and len(declared) < 20 and int(declared) > cap:
        raise BodyTooLarge(int(declared), cap)
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "deflate", "x-gzip"):
        raise NotJson(f"it is compressed with {redact(encoding)[:20]!r}, which was not asked for")
    # wbits 32+15: zlib or gzip framing, detected from the header.
    decoder = None if encoding in ("identity", "") else zlib.decompressobj(32 + zlib.MAX_WBITS)
    budget = current()
    chunks: list[bytes] = []
    total = 0
    for raw in response.iter_raw():
        budget.check()
        if budget.remaining() <= 0:
            raise httpx.ReadTimeout("the call's deadline passed", request=response.request)
        try:
            # max_length bounds what one chunk may inflate to (a zip bomb stops at the cap).
            data = raw if decoder is None else decoder.decompress(raw, cap + 1 - total)
        except zlib.error as exc:
            raise NotJson("its compressed body is corrupt") from exc
        total += len(data)
        if total > cap:
            raise BodyTooLarge(total, cap)
        chunks.append(data)
    return b"".join(chunks)


def loads(content: bytes) -> Any:
    """Parse strict JSON (see the module's docstring). Raises :class:`NotJson`."""
    try:
        data = json.loads(
            content,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError as exc:
        raise NotJson("it is nested too deeply") from exc
    except NotJson:
        raise
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotJson("it is not JSON") from exc
    if _too_deep(data):
        raise NotJson(f"it is nested more than {MAX_DEPTH} levels deep")
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object; one that names a key twice is refused. Parsers disagree on which copy wins
    (Python keeps the last, others the first), so a proxy or a hub that checked one reading
    would hand the kiosk another: ``{"status": "FAILED", "status": "DONE"}``."""
    data = dict(pairs)
    if len(data) != len(pairs):
        raise NotJson("it names the same key twice in one object")
    return data


def _refuse_constant(name: str) -> Any:
    raise NotJson(f"it contains {name}, which is not a number")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise NotJson(f"it contains a {len(text)}-digit number")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NotJson("it contains a number too large to represent")
    return value


def _too_deep(data: Any) -> bool:
    """Iteratively (a recursive walk would fail as json.loads did) compare depth to the limit."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False
