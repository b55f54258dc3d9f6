"""Discovering push against a backend that has none, when whatever stands in front of it
answers the unknown events path with 401/403 instead of the contract's 404: the kiosk must poll,
not show the credentials screen (its status reads with the same key work)."""

from __future__ import annotations

import pytest

from tests.e2e.test_push_client import FAST_POLL, client_for, start
from tests.support.push_backend import push_backend, status_body


@pytest.mark.parametrize("code", [401, 403])
def test_a_refused_events_path_with_working_status_reads_is_polled(code: int) -> None:
    with push_backend(push=False, no_push_code=code) as vendor, client_for(vendor.url) as client:
        run = start(client, policy=FAST_POLL)
        run.listener.wait(lambda r: r.raw == ["CREATED"])
        vendor.set_status(list(vendor.sessions)[-1], status_body("DONE", result={}))
        run.finish()
    assert run.listener.failures == []
    assert run.listener.raw == ["CREATED", "DONE"]
