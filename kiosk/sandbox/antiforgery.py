"""Anti-forgery for the flow page's forms: only the page itself may post them.

Two checks, because plain-http phone browsers send few of the helpful headers:

* headers, before the body is read: a request that says it comes from another site
  (``Sec-Fetch-Site: cross-site`` / ``same-site``) or from another origin (an ``Origin`` other
  than this server's) is refused. ``Origin: null`` says nothing (browsers send it with
  ``Referrer-Policy: no-referrer``, which the page sets) and is let through to the next check;
* a per-session form token in a hidden field: an HMAC of the session's token under a secret that
  lives only in this server's memory, so a form built elsewhere does not carry it.

The session token in the URL remains the credential: these checks keep a page elsewhere that
learnt the URL from driving the flow through the person's browser.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

FIELD = "csrf"
_CROSS = frozenset({"cross-site", "same-site"})


class FormGuard:
    """Issues and checks form tokens; one per application (the secret dies with the process)."""

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    def token_for(self, session_token: str) -> str:
        """The hidden-field value that the forms of ``session_token``'s page carry."""
        digest = hmac.new(self._secret, session_token.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def valid(self, session_token: str, given: str | None) -> bool:
        """Whether ``given`` is the form token of ``session_token``, compared in constant time."""
        expected = self.token_for(session_token).encode()
        return hmac.compare_digest(expected, (given or "").encode())


def cross_origin(headers: dict[bytes, bytes], scheme: str, own: Iterable[str]) -> bool:
    """Whether a form post's headers show it was sent from another site or origin.

    Args:
        headers: the request's headers (lower-case names).
        scheme: the request's scheme, to build this server's origin from its ``Host``.
        own: further origins this server is reached at (its public base URL).
    """
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").strip().lower()
    if site in _CROSS:
        return True
    origin = headers.get(b"origin", b"").decode("latin-1").strip().lower()
    if not origin or origin == "null":
        return False
    host = headers.get(b"host", b"").decode("latin-1").strip().lower()
    allowed = {f"{scheme}://{host}"} | {_origin_of(url) for url in own}
    return origin.rstrip("/") not in allowed


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
