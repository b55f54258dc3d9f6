"""QR codes: check the session URL against the configured backend, then encode it.

A kiosk that draws whatever URL a server returns can be turned into a phishing board, so
:func:`check_session_url` runs before anything is encoded or drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

QUIET_ZONE_MODULES = 4


MAX_PAYLOAD_CHARS = 1024
"""The longest link encoded: real ones are ~80 characters, and past ~2,300 bytes at level M the
encoder raises (no QR version holds it); long before that the code is too dense to scan."""


class UntrustedUrl(ValueError):
    """The session URL does not point at a backend this kiosk is configured to trust."""


class MalformedUrl(UntrustedUrl):
    """The session URL is not a well-formed web address at all (a server bug, or an attack)."""


def check_session_url(url: str, trusted_origins: Iterable[str]) -> str:
    """Return ``url`` if its scheme and host:port match one of ``trusted_origins``.

    Args:
        url: the session URL the server returned.
        trusted_origins: origins such as ``https://cloud.ooto-ai.com`` or ``http://10.0.0.5:8765``.

    Raises:
        MalformedUrl: the link cannot be parsed (a bad port or IPv6 host, a backslash, control
            characters, too long to encode).
        UntrustedUrl: with a message naming the host (never the token).
    """
    # Browsers read a backslash as a slash and drop tabs and newlines, so what urlsplit sees
    # and what a phone opens could differ: such links are refused, not interpreted.
    if len(url) > MAX_PAYLOAD_CHARS or not url.isprintable() or "\\" in url or " " in url:
        raise MalformedUrl(
            "The session link is not a well-formed web address (too long, or it holds spaces, "
            "backslashes or control characters)."
        )
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number in 0..65535
    except ValueError as exc:
        raise MalformedUrl(
            "The session link is not a well-formed web address (bad host or port)."
        ) from exc
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UntrustedUrl("The session link is not a web address.")
    if parts.username or parts.password:
        raise UntrustedUrl("The session link carries a user name or password.")
    origin = _origin(parts.scheme, parts.hostname, port)
    trusted = {_origin_of(o) for o in trusted_origins}
    if origin not in trusted:
        allowed = ", ".join(sorted(trusted)) or "none"
        raise UntrustedUrl(
            f"The session link points at {origin}, which is not the configured backend ({allowed})."
        )
    return url


def host_label(url: str) -> str:
    """The host (and port, if not the default) to print in words under the QR code."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:  # only for links that skipped check_session_url
        port = None
    return f"{host}:{port}" if port else host


def _origin_of(base_url: str) -> str:
    try:
        parts = urlsplit(base_url)
        return _origin(parts.scheme, parts.hostname or "", parts.port)
    except ValueError:  # a configured origin that does not parse trusts nothing
        return ""


def _origin(scheme: str, host: str, port: int | None) -> str:
    default = {"http": 80, "https": 443}.get(scheme)
    shown = "" if port in (None, default) else f":{port}"
    return f"{scheme}://{host.lower()}{shown}"


@dataclass(frozen=True)
class QrMatrix:
    """The dark/light modules of a QR code, without its quiet zone."""

    rows: tuple[tuple[bool, ...], ...]
    version: int

    @property
    def size(self) -> int:
        """Modules per side."""
        return len(self.rows)


def encode(payload: str, *, error_correction: str = "M") -> QrMatrix:
    """Encode ``payload`` as a QR matrix at error correction ``M`` (default) or ``Q``."""
    import qrcode  # deferred: the idle screen does not need the encoder
    from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q

    levels = {"M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q}
    code = qrcode.QRCode(error_correction=levels[error_correction], border=0)
    code.add_data(payload)
    code.make(fit=True)
    rows = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
    return QrMatrix(rows=rows, version=int(code.version))


def render_text(matrix: QrMatrix, *, invert: bool = False) -> str:
    """Draw the matrix with Unicode half blocks (two module rows per line), quiet zone included.

    Terminals are usually light text on dark: the default draws dark modules as spaces and light
    ones as blocks so the code reads correctly there; ``invert`` does the opposite.
    """
    quiet = QUIET_ZONE_MODULES
    width = matrix.size + 2 * quiet
    blank = (False,) * width
    padded = [blank] * quiet
    padded += [(False,) * quiet + row + (False,) * quiet for row in matrix.rows]
    padded += [blank] * (quiet + (len(padded) + quiet) % 2)
    glyphs = {
        (False, False): "█",
        (True, True): " ",
        (True, False): "▄",
        (False, True): "▀",
    }
    if invert:
        glyphs = {(a, b): glyphs[(not a, not b)] for (a, b) in glyphs}
    lines = []
    for top, bottom in zip(padded[0::2], padded[1::2], strict=True):
        lines.append("".join(glyphs[(t, b)] for t, b in zip(top, bottom, strict=True)))
    return "\n".join(lines)
