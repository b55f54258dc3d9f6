"""The errors a caller of the Verification Link API can act on.

Every message is written for the person who has to fix the problem and never contains the APP-KEY
or a session token. ``retryable`` tells whether the same call may succeed later unchanged.
"""

from __future__ import annotations

from kiosk.core.redact import redact
from kiosk.core.text import printable

MAX_MESSAGE = 600
"""The longest message kept: ours are a sentence or two; the rest would be a server's text."""


class ApiError(Exception):
    """Base of every error the client raises.

    Attributes:
        message: a human explanation, free of secrets.
        status_code: the HTTP status, when the server answered.
    """

    retryable = False

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        # Messages quote server text (its own message, field names, headers): neutralised here,
        # once, so no terminal or screen that shows an error can be driven by escape sequences in
        # it, and masked (before the cut) in case the server echoed the APP-KEY or a token.
        message = printable(redact(message), MAX_MESSAGE)
        super().__init__(message)
        self.message = message
        self.status_code = status_code


class AuthError(ApiError):
    """401/403: the APP-ID / APP-KEY pair was refused."""


class InvalidRequest(ApiError):
    """400/422: the server refused the request; ``message`` carries its explanation."""


class UnknownSession(ApiError):
    """404: no session has this token (wrong token, or the server forgot it)."""


class RateLimited(ApiError):
    """429: too many requests. ``retry_after`` is the server's wait in seconds, if it gave one."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None, status_code: int = 429) -> None:
        super().__init__(message, status_code=status_code)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: the server failed; trying again later may work."""

    retryable = True


class NetworkError(ApiError):
    """No usable answer: connection refused or reset, DNS failure, or a timeout.

    ``request_sent`` is False only when the request provably never reached the server (the
    connection could not be opened), which is the one case where a create POST may be repeated.
    """

    retryable = True

    def __init__(self, message: str, *, request_sent: bool) -> None:
        super().__init__(message)
        self.request_sent = request_sent


class Aborted(ApiError):
    """The caller stopped the call while it was waiting (a kiosk leaving the session)."""


class UnreadableResponse(ApiError):
    """The server answered, but not with JSON of the promised shape."""


class UnexpectedResponse(ApiError):
    """An HTTP status the contract does not describe (a 3xx, or an odd 4xx)."""
