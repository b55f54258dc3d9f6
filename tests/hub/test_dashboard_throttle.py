"""Sign-in throttling: failures counted per key (a name, an address) within a window."""

from __future__ import annotations

from kiosk.hub.dashboard_auth import MAX_FAILURES, WINDOW_SECONDS, Throttle


def test_an_address_guessing_many_names_is_blocked_then_let_in_after_the_window() -> None:
    now = [0.0]
    throttle = Throttle(clock=lambda: now[0])
    for number in range(MAX_FAILURES):
        assert not throttle.blocked(f"name:user{number}", "client:10.0.0.9")
        throttle.failed(f"name:user{number}", "client:10.0.0.9")
    assert throttle.blocked("name:someone-else", "client:10.0.0.9")
    assert not throttle.blocked("name:someone-else", "client:10.0.0.10")
    now[0] += WINDOW_SECONDS + 1
    assert not throttle.blocked("name:someone-else", "client:10.0.0.9")
    throttle.failed("name:new", "client:10.0.0.11")
    # Nothing is kept for keys that stopped failing: made-up names cannot fill the memory.
    assert set(throttle._failures) == {"name:new", "client:10.0.0.11"}
