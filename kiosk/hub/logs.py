"""The hub's logs: one JSON object per line on stderr, every secret masked.

Each line has ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message`` and, for an error
with a traceback, ``exception``. The masking filter (:class:`kiosk.core.redact.RedactingFilter`)
sits on the handler, so lines from libraries are masked too: the upstream APP-KEY is registered
as a secret when the hub starts, and every session token when the hub learns it; token-like
path segments are masked even when unregistered.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import TextIO

from kiosk.core.redact import RedactingFilter


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=True)


def setup(*, verbose: bool = False, json_lines: bool = True, stream: TextIO | None = None) -> None:
    """Log to ``stream`` (stderr) as JSON lines (or plain text), secrets masked."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # httpx logs every request line (with the status URL) at INFO: keep it to warnings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
