"""Logging: stderr, plus rotating files for the kiosk, with every secret masked in every line.

The masking filter sits on the handlers, not on loggers, so lines written by libraries (httpx's
request lines carry the status URL, which carries the token) are masked too.

Log files are 0600 in a 0700 folder (they hold session ids and error texts). A log folder that
cannot be written (a read-only or missing home) is not fatal: the kiosk logs to stderr only and
:attr:`LogSetup.problem` says why, for the operator.
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core import private_files
from kiosk.core.redact import RedactingFilter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5
RETRY_ROLLOVER_SECONDS = 60.0
ROLLOVER_FAILED = "log rotation failed (%s); still writing to this file, trying again in %g s"

log = logging.getLogger(__name__)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the live one and each new one after a rollover) is
    created 0600, whatever the umask. Rotated files are renamed, so they keep that mode.

    A rollover that cannot rename (on Windows, while another process has the file open: a
    second kiosk, an editor, a backup or antivirus scan) keeps writing to the current file and
    tries again :attr:`retry_seconds` later. The standard handler lost every later line instead,
    each with a traceback on stderr: it had closed the file before renaming and retried the
    rename, and failed, at every line.
    """

    retry_seconds = RETRY_ROLLOVER_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._retry_at = 0.0
        super().__init__(*args, **kwargs)

    def _open(self) -> io.TextIOWrapper:
        fd = private_files.open_append(Path(self.baseFilename))
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def shouldRollover(self, record: logging.LogRecord) -> int:  # noqa: N802 - logging's name
        if time.monotonic() < self._retry_at:
            return 0
        return int(super().shouldRollover(record))

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        """Rotate: ``kiosk.log`` becomes ``kiosk.log.1``, each older file moves up one.

        The live file is renamed first (aside, then to ``.1`` once the older files have moved):
        that is the rename another process's open handle makes Windows refuse, and refused
        first, it moves nothing. The standard order moved ``.1`` to ``.2`` (deleting the
        oldest) before trying it, so each refused retry lost one more older file.
        """
        if self.backupCount <= 0:
            super().doRollover()
            return
        if self.stream:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        aside = base + ".rotating"
        try:
            if os.path.exists(aside):  # a rotation a crash interrupted: finish it first
                self._shift_in(aside)
            self.rotate(base, aside)
        except OSError as exc:
            self._refused(exc)
            return
        if not os.path.exists(aside):  # the live file was deleted meanwhile: nothing to keep
            self.stream = self._open()
            return
        try:
            self._shift_in(aside)
        except OSError as exc:  # an older file held open: the live file's lines go back
            with contextlib.suppress(OSError):
                os.replace(aside, base)
            self._refused(exc)
            return
        self.stream = self._open()

    def _shift_in(self, newest: str) -> None:
        """Move each older file up one (the oldest is deleted), then ``newest`` to ``.1``."""
        base = self.baseFilename
        for number in range(self.backupCount - 1, 0, -1):
            older = self.rotation_filename(f"{base}.{number}")
            if os.path.exists(older):
                os.replace(older, self.rotation_filename(f"{base}.{number + 1}"))
        os.replace(newest, self.rotation_filename(f"{base}.1"))

    def _refused(self, exc: OSError) -> None:
        """Keep appending to the live file, say why once in it, try again later."""
        self._retry_at = time.monotonic() + self.retry_seconds
        if self.stream is None:  # closed before the rename; keep appending to it
            self.stream = self._open()
        note = logging.LogRecord(
            __name__, logging.WARNING, __file__, 0, ROLLOVER_FAILED, (exc, self.retry_seconds),
            None,
        )  # fmt: skip
        self.stream.write(self.format(note) + self.terminator)


@dataclass
class LogSetup:
    """What :func:`configure` added to the root logger, and how to take it away again.

    Attributes:
        handlers: the handlers added to the root logger.
        problem: why the log file is not written (None when it is).
    """

    handlers: list[logging.Handler]
    problem: str | None = None
    _levels: dict[str, int] = field(default_factory=dict)

    def remove(self) -> None:
        """Detach and close the handlers and restore the loggers' levels (idempotent).

        ``main()`` calls it on the way out, so a test that runs ``main()`` in-process does not
        leave handlers writing to a stream that pytest has since closed.
        """
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        self.handlers = []
        for name, level in self._levels.items():
            logging.getLogger(name or None).setLevel(level)
        self._levels = {}


def configure(verbose: bool, log_file: Path | None = None) -> LogSetup:
    """Log warnings (or everything, when ``verbose``) to stderr, and INFO and up to
    ``log_file``, rotated at 1 MB with 5 old files kept. Call :meth:`LogSetup.remove` when done.
    """
    formatter = logging.Formatter(FORMAT)
    root = logging.getLogger()
    httpx = logging.getLogger("httpx")
    levels = {"": root.level, "httpx": httpx.level}
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    handlers: list[logging.Handler] = [stderr]
    problem = None
    if log_file is not None:
        try:
            private_files.make_dir(log_file.parent)
            handlers.append(
                PrivateRotatingFileHandler(
                    log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
                )
            )
        except OSError as exc:  # a read-only or missing home: keep going, on stderr only
            problem = f"Logs are not written to {log_file} ({exc.strerror or exc}): stderr only."
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler.setFormatter(formatter)
        root.addHandler(handler)
    to_file = log_file is not None and problem is None
    root.setLevel(logging.INFO if verbose or to_file else logging.WARNING)
    # One line per status read is noise in a file kept for weeks; -v shows them.
    httpx.setLevel(logging.INFO if verbose else logging.WARNING)
    if problem:
        log.warning("%s", problem)
    return LogSetup(handlers, problem, levels)


@contextlib.contextmanager
def configured(verbose: bool, log_file: Path | None = None) -> Iterator[LogSetup]:
    """:func:`configure` for the length of a ``with`` block."""
    setup = configure(verbose, log_file)
    try:
        yield setup
    finally:
        setup.remove()
