"""The fault matrix: every injected fault x {create, poll, final poll}, with the expected outcome.

The kiosk runs against the real sandbox over loopback. Each fault hits the next two matching
requests, then the server behaves again. Expectations:

- status reads are retried: the kiosk shows the connection banner and reaches the real verdict;
- a create that may have reached the server is never repeated: the error screen (with Try
  again) comes up and at most the one session exists;
- a create refused with 429, or merely slow, goes through.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from kiosk.core.state import ErrorKind, Phase
from kiosk.sandbox.faults import FaultKind, FaultRule, Target
from kiosk.sandbox.server import SandboxServer
from tests.gui.harness import Kiosk

PASS = "pass"
# (fault, target) -> PASS, or the error screen's kind (create faults that cannot be retried).
EXPECTED: dict[tuple[FaultKind, Target], str | ErrorKind] = {}
for _kind in FaultKind:
    for _target in (Target.POLL, Target.FINAL):
        EXPECTED[_kind, _target] = PASS
EXPECTED.update(
    {
        (FaultKind.LATENCY, Target.CREATE): PASS,
        (FaultKind.RATE_LIMIT, Target.CREATE): PASS,
        (FaultKind.UNKNOWN_STATUS, Target.CREATE): PASS,  # a create answer has no status
        (FaultKind.ERROR, Target.CREATE): ErrorKind.NETWORK,
        (FaultKind.DROP, Target.CREATE): ErrorKind.NETWORK,
        (FaultKind.STALL, Target.CREATE): ErrorKind.NETWORK,
        (FaultKind.NOT_JSON, Target.CREATE): ErrorKind.UNREADABLE,
        (FaultKind.MISSING_FIELDS, Target.CREATE): ErrorKind.UNREADABLE,
        (FaultKind.WRONG_TYPES, Target.CREATE): ErrorKind.UNREADABLE,
        (FaultKind.HUGE, Target.CREATE): ErrorKind.UNREADABLE,
    }
)
QUIET = {FaultKind.LATENCY, FaultKind.UNKNOWN_STATUS}  # no failure, so no banner
# Faults applied before the server handles a create leave nothing behind; the others happen
# after the session exists (the answer is lost or garbled on the way back).
BEFORE_CREATE = {FaultKind.ERROR, FaultKind.RATE_LIMIT, FaultKind.STALL, FaultKind.LATENCY}


@pytest.mark.parametrize(
    ("kind", "target"), list(EXPECTED), ids=[f"{k.value}-{t.value}" for k, t in EXPECTED]
)
def test_fault_matrix(
    make_kiosk: Callable[..., Kiosk],
    gui_sandbox: SandboxServer,
    kind: FaultKind,
    target: Target,
) -> None:
    expected = EXPECTED[kind, target]
    gui_sandbox.app.state.faults.set([FaultRule(kind=kind, target=target, count=2, seconds=0.2)])
    kiosk = make_kiosk(timeout=httpx.Timeout(0.5))
    banners: list[bool] = []
    kiosk.controller.state_changed.connect(lambda state: banners.append(state.retrying))
    kiosk.play("pass")
    store = gui_sandbox.app.state.store
    if expected == PASS:
        kiosk.wait_for(Phase.RESULT, timeout=20_000)
        assert kiosk.window.result.verdict.text() == "✓ PASS"
        assert len(store) == 1
        # Every failure shows the "retrying" banner while it lasts; slowness alone does not.
        assert any(banners) is (kind not in QUIET)
    else:
        kiosk.wait_for(Phase.ERROR, timeout=20_000)
        assert kiosk.state.error is expected
        assert kiosk.window.error.retry_button.isVisible()
        assert len(store) == (0 if kind in BEFORE_CREATE else 1)  # never two sessions
    assert gui_sandbox.app.state.faults.hits >= 1
