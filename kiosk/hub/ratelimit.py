"""Per-kiosk rate limits on session creation: a token bucket per kiosk, in memory.

A kiosk's ``rate_per_minute`` is both its sustained rate and its burst. The buckets live in the
hub's process (each hub of a fleet counts its own requests); they cost nothing for kiosks
without a limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Token buckets keyed by kiosk id."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # id -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, kiosk_id: str, per_minute: int | None) -> float:
        """Spend one request for ``kiosk_id``: 0 when allowed, else the seconds to wait."""
        if not per_minute or per_minute <= 0:
            return 0.0
        rate = per_minute / 60.0
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.get(kiosk_id, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - at) * rate)
            if tokens >= 1.0:
                self._buckets[kiosk_id] = (tokens - 1.0, now)
                return 0.0
            self._buckets[kiosk_id] = (tokens, now)
            return (1.0 - tokens) / rate
