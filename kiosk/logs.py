"""Logging: stderr, plus rotating files for the kiosk, with every secret masked in every line.

The masking filter sits on the handlers, not on loggers, so lines written by libraries (httpx's
request lines carry the status URL, which carries the token) are masked too.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk.core.redact import RedactingFilter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


def configure(verbose: bool, log_file: Path | None = None) -> list[logging.Handler]:
    """Log warnings (or everything, when ``verbose``) to stderr, and INFO and up to
    ``log_file``, rotated at 1 MB with 5 old files kept. Returns the handlers it added."""
    formatter = logging.Formatter(FORMAT)
    root = logging.getLogger()
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    handlers: list[logging.Handler] = [stderr]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        )
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(logging.INFO if verbose or log_file is not None else logging.WARNING)
    # One line per status read is noise in a file kept for weeks; -v shows them.
    logging.getLogger("httpx").setLevel(logging.INFO if verbose else logging.WARNING)
    return handlers
