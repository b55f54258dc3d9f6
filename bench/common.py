"""Helpers shared by the benchmarks: statistics, Qt waiting, a kiosk on an in-process sandbox."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEventLoop


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction in 0..1)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def pump_until(predicate: Callable[[], bool], seconds: float = 30.0) -> None:
    """Run Qt's event loop until ``predicate`` holds (raises after ``seconds``)."""
    deadline = time.perf_counter() + seconds
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not reached")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
