"""Bounds on a blocking call: an overall deadline and a stop event, carried by the thread.

httpx's timeouts apply to each socket operation, so a server that drips one byte every few seconds
never trips them (encode/httpx#776: the sync client has no total timeout). Code that may block
opens a :func:`bounded` scope; the network layer (:mod:`kiosk.core.netio`) reads it with
:func:`current` and waits in short slices, giving up when the deadline passes or the stop event
is set. A context variable carries the scope, so a client shared by threads needs no locking and
callers deep in the stack need no extra parameters.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

SLICE_SECONDS = 0.1
"""The longest a wait blocks before looking at the stop event again: how fast a stop takes."""


class CallStopped(Exception):
    """A stop event was set while a bounded call was waiting."""


@dataclass(frozen=True)
class Budget:
    """The deadline (``time.monotonic`` seconds, or None) and stop events of the current scope."""

    deadline: float | None = None
    stops: tuple[threading.Event, ...] = ()

    def remaining(self) -> float:
        """Seconds left before the deadline (infinite without one; never negative)."""
        if self.deadline is None:
            return float("inf")
        return max(0.0, self.deadline - time.monotonic())

    @property
    def stopped(self) -> bool:
        """True once any stop event is set."""
        return any(event.is_set() for event in self.stops)

    def check(self) -> None:
        """Raise :class:`CallStopped` if a stop event is set."""
        if self.stopped:
            raise CallStopped

    def slice(self, end: float | None) -> float:
        """The next wait: at most :data:`SLICE_SECONDS`, never past ``end`` or the deadline.

        Returns 0 when time is up; raises :class:`CallStopped` when stopped.
        """
        self.check()
        now = time.monotonic()
        limits = [SLICE_SECONDS]
        if end is not None:
            limits.append(end - now)
        if self.deadline is not None:
            limits.append(self.deadline - now)
        return max(0.0, min(limits))


_UNBOUNDED = Budget()
_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "kiosk_budget", default=None
)


def current() -> Budget:
    """The budget of the innermost :func:`bounded` scope on this thread."""
    return _current.get() or _UNBOUNDED


@contextmanager
def bounded(seconds: float | None = None, stop: threading.Event | None = None) -> Iterator[Budget]:
    """Run the body within ``seconds`` (nested scopes keep the earliest deadline) and make it
    stop waiting when ``stop`` (or an outer scope's event) is set."""
    outer = current()
    deadline = outer.deadline
    if seconds is not None:
        mine = time.monotonic() + seconds
        deadline = mine if deadline is None else min(deadline, mine)
    stops = outer.stops + ((stop,) if stop is not None else ())
    budget = Budget(deadline, stops)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
