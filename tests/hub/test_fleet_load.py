"""A small run of the fleet load benchmark (``bench/fleet_load.py``): 20 kiosks, a few seconds.

The figures in docs/PERFORMANCE.md come from 5,000 kiosks; this checks that the benchmark still
measures what it says (every stream opens, changes reach the kiosks and are timed) so it does
not rot between the runs that produce them.
"""

from __future__ import annotations

from bench.fleet_load import run


def test_every_kiosk_streams_and_changes_are_timed() -> None:
    figures = run(
        kiosks=20, share=0.5, duration=3, step_seconds=0.5, clients=1, heartbeat_seconds=0.5
    )
    assert figures["failures"] == {}
    assert figures["connected"] == 20
    assert figures["streams_at_hub"] == 20
    # 10 sessions changing every 0.5 s for ~2 s: each change reaches its one kiosk.
    assert figures["events_measured"] >= 10
    assert 0 < figures["push_p50_ms"] <= figures["push_p99_ms"] < 1000
    # Every kiosk's heartbeats (every 0.5 s here) reach the hub and are answered.
    assert figures["heartbeat_failures"] == {}
    assert figures["heartbeats_per_s"] >= 20
    assert 0 < figures["heartbeat_p50_ms"] < 1000
