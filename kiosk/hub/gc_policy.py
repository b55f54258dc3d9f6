"""The hub process's garbage-collection policy, set once by ``kiosk hub serve``.

Why. CPython's cyclic collector stops the whole process while it runs (3.11-3.13; incremental
collection comes only in 3.14), and a full (generation 2) collection walks every tracked
container in the heap. A hub holding 5,000 event streams has a large heap of long-lived objects
(the streams' connections, responses and tasks, the sessions' trackers). With CPython's default
thresholds (700, 10, 10) a young collection ran several times a second, and every object alive
at that instant (a request in flight, a row just read, a heartbeat's response) was promoted,
soon to the old generation; CPython runs a full collection once the objects promoted since the
last one exceed 25 % of the old generation, so full collections came every 7 s or so and
stopped the event loop for about 300 ms, up to 360-800 ms: the push and heartbeat tails
(docs/PERFORMANCE.md, Fleet load).

What. Larger thresholds (:data:`THRESHOLDS`): a young collection every 50,000 net allocations
instead of 700, so most short-lived objects die by reference counting before one runs and are
never promoted; far fewer reach the old generation, and full collections become rare (none in
2-minute runs at 5,000 streams, against one every 7 s). Memory stays bounded: young collections
still run (about once a second under that load), full collections still run under the 25 %
rule, and nothing is ever exempted from collection (no leak; RSS measured flat).

Tried and not kept (measured, docs/PERFORMANCE.md): ``gc.freeze()`` once after start-up (it
moves the start-up heap, ~70-85k objects, out of the collector's reach). Alone it changed
neither how often full collections ran nor how long they took (the streams' objects, not the
start-up heap, are most of what a full collection walks; and a smaller old generation reaches
the 25 % rule sooner); with the thresholds there was no full collection left for it to shorten.

Not available: a full collection "at a quiet moment". In asyncio ``gc.collect()`` runs on the
loop's thread and stops it just the same, and a hub with thousands of streams open has no quiet
moment to pick. Disabling the collector would leak every reference cycle.

Only ``kiosk hub serve`` applies this: the library (tests, benchmarks, a program embedding the
hub) leaves the process's collector as it is unless it calls :func:`apply` itself.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)

# (generation 0, generation 1, generation 2); CPython's defaults are (700, 10, 10).
THRESHOLDS = (50_000, 20, 10)


def apply(thresholds: tuple[int, int, int] = THRESHOLDS) -> tuple[int, int, int]:
    """Set the hub's collection thresholds for this process; returns them as now set."""
    gc.set_threshold(*thresholds)
    first, second, third = gc.get_threshold()
    log.info("garbage collection thresholds %s", (first, second, third))
    return first, second, third
