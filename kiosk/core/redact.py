"""Keep secrets out of text that leaves the process: logs, error messages, reprs.

Secrets (the APP-KEY, session tokens) are registered here as soon as the code that holds them
learns them. :class:`RedactingFilter` masks every registered secret in every log record, and
:func:`redact` does the same for any string built for a person to read.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"

# Tokens travel inside URLs such as ``/flow/<token>`` and ``/sessions/<token>``: mask the path
# segment even when the token was never registered (e.g. a URL from another process's log).
_TOKEN_IN_PATH = re.compile(r"(/(?:flow|sessions)/)([A-Za-z0-9_\-]{16,})")

_lock = threading.Lock()
_secrets: set[str] = set()

# Shorter strings would mask ordinary words; real keys and tokens are far longer.
_MIN_SECRET_LENGTH = 6


def register_secret(secret: str | None) -> None:
    """Remember ``secret`` so that it is masked wherever :func:`redact` runs."""
    if secret and len(secret) >= _MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(secret)


def forget_secret(secret: str | None) -> None:
    """Stop tracking ``secret`` (a finished session's token), keeping the set small."""
    if secret:
        with _lock:
            _secrets.discard(secret)


def redact(text: str) -> str:
    """Return ``text`` with every registered secret and every token-like URL segment masked."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return _TOKEN_IN_PATH.sub(lambda m: m.group(1) + MASK, text)


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites each record's message, traceback (with every exception
    it was chained from) and stack with secrets masked.

    Install it on handlers (not loggers) so that records from third-party libraries, such as
    httpx's request lines that carry the status URL, are masked too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:  # the whole traceback, chained causes included
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True
