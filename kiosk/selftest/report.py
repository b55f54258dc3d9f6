"""One line per check: what was checked, OK/WARN/FAIL/SKIP, the detail, and the fix.

Every text that goes into a line passes :func:`clean`: secrets registered with
:mod:`kiosk.core.redact` are masked and control characters (a hostile server's escape
sequences, a file name with a newline) are neutralised. Checks run under :func:`within`, so a
check that hangs (a keyring waiting on D-Bus, a DNS lookup) becomes a FAIL line after its own
deadline instead of holding up the whole self-test.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kiosk.core.redact import redact
from kiosk.core.text import printable

T = TypeVar("T")

MAX_TEXT = 400
"""The longest detail or fix kept: a line is read by a person on a small terminal."""


class Status(enum.StrEnum):
    OK = "OK"
    WARN = "WARN"  # advice: nothing stops the kiosk
    FAIL = "FAIL"  # the kiosk cannot work as configured until fixed
    SKIP = "SKIP"  # not checked, because a check it depends on failed


def clean(text: str) -> str:
    """``text`` with secrets masked and control characters neutralised, cut to a line."""
    return printable(redact(text), MAX_TEXT)


@dataclass(frozen=True)
class Result:
    """The outcome of one check.

    Attributes:
        what: the thing checked, one or two words (``display``, ``journal`` ...).
        status: see :class:`Status`.
        detail: what was found.
        fix: what to do about a FAIL or WARN (empty when there is nothing to do).
    """

    what: str
    status: Status
    detail: str
    fix: str = ""

    def line(self) -> str:
        """``OK   what: detail`` or ``FAIL what: detail -> fix``."""
        # A message that ends a sentence ("... (refused)."): no full stop before the arrow.
        text = f"{self.status.value:<4} {self.what}: {clean(self.detail).rstrip('.')}"
        return f"{text} -> {clean(self.fix)}" if self.fix else text

    def as_dict(self) -> dict[str, Any]:
        """For ``--json``: the same texts, cleaned the same way."""
        return {
            "check": self.what,
            "status": self.status.value,
            "detail": clean(self.detail),
            "fix": clean(self.fix),
        }


def ok(what: str, detail: str) -> Result:
    return Result(what, Status.OK, detail)


def warn(what: str, detail: str, fix: str) -> Result:
    return Result(what, Status.WARN, detail, fix)


def fail(what: str, detail: str, fix: str) -> Result:
    return Result(what, Status.FAIL, detail, fix)


def skip(what: str, detail: str) -> Result:
    return Result(what, Status.SKIP, detail)


def passed(results: Iterable[Result]) -> bool:
    """True when no check failed (warnings and skips of failed dependencies aside)."""
    return all(result.status is not Status.FAIL for result in results)


class TimedOut(Exception):
    """A check did not finish within its deadline."""


class Background(Generic[T]):
    """``work()`` started at once on a daemon thread, its result wanted within ``seconds``.

    A check that blocks in a library call (a keyring waiting on D-Bus, a DNS lookup) cannot be
    interrupted; it is left behind instead (a daemon thread does not keep the process alive)
    and :meth:`result` raises :class:`TimedOut` at the deadline.
    """

    def __init__(self, work: Callable[[], T], seconds: float) -> None:
        self.seconds = seconds
        self._deadline = time.monotonic() + seconds
        self._box: dict[str, Any] = {}
        self._thread = threading.Thread(
            target=self._run, args=(work,), name="self-test-check", daemon=True
        )
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self._box["value"] = work()
        except BaseException as exc:  # handed to the thread that asks for the result
            self._box["error"] = exc

    def result(self) -> T:
        """The value, or what ``work`` raised, or :class:`TimedOut` once the deadline passed."""
        self._thread.join(max(0.0, self._deadline - time.monotonic()))
        if self._thread.is_alive():
            raise TimedOut(f"no answer within {self.seconds:g} s")
        if "error" in self._box:
            raise self._box["error"]
        return self._box["value"]  # type: ignore[no-any-return]


def within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``, given up after ``seconds`` (see :class:`Background`)."""
    return Background(work, seconds).result()
