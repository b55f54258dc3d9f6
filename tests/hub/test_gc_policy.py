"""The hub's garbage-collection policy: set by ``kiosk hub serve`` before it serves, with the
thresholds it names; never by the library (tests, benchmarks, an embedding program) unless it
asks; and under it, garbage in reference cycles is still freed without anyone asking."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.cli import main
from kiosk.hub import gc_policy
from kiosk.hub.server import HubServer
from kiosk.hub.store import HubStore
from kiosk.sandbox.process import free_port
from kiosk.sandbox.server import SandboxServer
from tests.hub.conftest import hub_config


@pytest.fixture
def gc_restored() -> Iterator[tuple[int, int, int]]:
    """This process's thresholds as they were, given back after the test (the policy is
    process-wide, and the rest of the suite runs in this process)."""
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_apply_sets_the_hubs_thresholds(gc_restored: tuple[int, int, int]) -> None:
    # What the process froze before (a library may have; on Python 3.12 the suite had 375
    # objects frozen by then) is not the policy's doing: it must add nothing.
    frozen = gc.get_freeze_count()
    assert gc_policy.apply() == gc_policy.THRESHOLDS == gc.get_threshold()
    # Young collections far rarer than CPython's default 700, older ones no more eager than
    # its 10.
    assert gc_policy.THRESHOLDS[0] >= 50 * 700
    assert min(gc_policy.THRESHOLDS[1:]) >= 10
    assert gc.isenabled()  # the collector still runs: cycles are still freed
    assert gc.get_freeze_count() == frozen  # nothing more exempted from collection


def test_cyclic_garbage_is_still_freed_by_the_collector_on_its_own(
    gc_restored: tuple[int, int, int],
) -> None:
    class Node:
        partner: Node

    gc_policy.apply()
    first, second = Node(), Node()
    first.partner, second.partner = second, first  # a cycle: reference counts never reach 0
    gone = weakref.ref(first)
    del first, second
    assert gone() is not None
    # Enough new containers for a young collection to come due (no gc.collect() here).
    kept = [[] for _ in range(gc_policy.THRESHOLDS[0] + 1000)]
    assert gone() is None
    del kept


def test_apply_takes_other_thresholds(gc_restored: tuple[int, int, int]) -> None:
    assert gc_policy.apply((20_000, 15, 12)) == (20_000, 15, 12) == gc.get_threshold()


@pytest.mark.parametrize("backend", ["sqlite"])  # the collector does not depend on the store
def test_the_library_hub_leaves_the_collector_alone(
    gc_restored: tuple[int, int, int],
    store: HubStore,
    upstream: SandboxServer,
    upstream_key: str,
) -> None:
    with HubServer(hub_config(upstream, upstream_key), store, graceful_seconds=1) as server:
        assert httpx.get(f"{server.local_url}/readyz", timeout=10).status_code == 200
        assert gc.get_threshold() == gc_restored


def test_kiosk_hub_serve_applies_the_policy_before_serving(
    gc_restored: tuple[int, int, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    seen: list[tuple[int, int, int]] = []

    def serve_forever(self: HubServer) -> None:  # what the collector is when serving starts
        seen.append(gc.get_threshold())
        self._socket.close()  # serving would have closed it

    monkeypatch.setattr(HubServer, "serve_forever", serve_forever)
    monkeypatch.setenv("KIOSK_HUB_UPSTREAM_KEY", "key-for-this-test-only")
    argv = ["hub", "serve", "--upstream", "https://cloud.example", "--upstream-app-id", "acct"]
    argv += ["--port", str(free_port())]
    assert main([*argv, "--database", f"sqlite:///{tmp_path / 'h.db'}"]) == 0
    assert seen == [gc_policy.THRESHOLDS]
