"""The hub's logs: one JSON object per line on stderr, every secret masked.

Each line has ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message`` and, for an error
with a traceback, ``exception``. The masking filter (:class:`kiosk.core.redact.RedactingFilter`)
sits on the handler, so lines from libraries are masked too: the upstream APP-KEY is registered
as a secret when the hub starts, and every session token when the hub learns it; token-like
path segments are masked even when unregistered.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterator
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


@contextlib.contextmanager
def configured(
    *, verbose: bool = False, json_lines: bool = True, stream: TextIO | None = None
) -> Iterator[None]:
    """Log to ``stream`` (stderr) as JSON lines (or plain text), secrets masked, while the block
    runs; the logging set-up found before is put back on the way out (a hub run in-process, by a
    test or an embedding program, leaves no handler or level of its own behind)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    quiet = [logging.getLogger(name) for name in ("httpx", "httpcore")]
    before = (list(root.handlers), root.level, [logger.level for logger in quiet])
    for old in before[0]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # httpx logs every request line (with the status URL) at INFO: keep it to warnings.
    for logger in quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()
        for old in before[0]:
            root.addHandler(old)
        root.setLevel(before[1])
        for logger, level in zip(quiet, before[2], strict=True):
            logger.setLevel(level)
