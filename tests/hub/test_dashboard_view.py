"""The dashboard's figures from the store: states (a stale heartbeat is offline, a revoked
kiosk is revoked), today's sessions and pass rate (yesterday's not counted), per site."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from kiosk.hub.dashboard_view import OFFLINE_AFTER, fleet_rows, state_counts
from kiosk.hub.fleet_records import Heartbeat
from kiosk.hub.kiosks import enrol
from kiosk.hub.store import HubStore, SessionRecord, utc_now


def _session(
    number: int, kiosk_id: str, site: str, outcome: str | None, age: timedelta
) -> SessionRecord:
    when = utc_now() - age
    return SessionRecord(
        session_id=f"00000000-0000-0000-0000-{number:012d}",
        hub_token=f"hub-{number}",
        upstream_token=f"up-{number}",
        callback_path=f"cb-{number}",
        kiosk_id=kiosk_id,
        site=site,
        reference=None,
        scopes=("liveness",),
        status="DONE" if outcome else "CREATED",
        created_at=when,
        updated_at=when,
        outcome=outcome,
    )


def test_states_and_todays_figures(store: HubStore) -> None:
    now = utc_now()
    a, _ = enrol(store, "A", "north")
    b, _ = enrol(store, "B", "north")
    c, _ = enrol(store, "C", "south")
    store.update_kiosk(dataclasses.replace(c, revoked_at=now))
    store.record_heartbeat(Heartbeat(a.id, now, "1.0", "in_session"))
    store.record_heartbeat(
        Heartbeat(b.id, now - OFFLINE_AFTER - timedelta(seconds=5), "1.0", "idle")
    )
    # Sessions made "just now" count today whatever the hour; one a day and more old does not.
    store.add_session(_session(1, a.id, "north", "PASS", timedelta(seconds=1)))
    store.add_session(_session(2, a.id, "north", "PASS", timedelta(seconds=2)))
    store.add_session(_session(3, a.id, "north", "FAIL", timedelta(seconds=3)))
    store.add_session(_session(4, a.id, "north", None, timedelta(seconds=4)))
    store.add_session(_session(5, a.id, "north", "PASS", timedelta(days=1, hours=1)))
    rows = {row.name: row for row in fleet_rows(store)}
    assert rows["A"].state == "in_session"
    assert (rows["A"].sessions_today, rows["A"].passed_today, rows["A"].pass_rate) == (4, 2, "67 %")
    assert rows["B"].state == "offline" and rows["B"].pass_rate == "–"
    assert rows["C"].state == "revoked"
    assert state_counts(list(rows.values())) == {
        "idle": 0,
        "in_session": 1,
        "error": 0,
        "offline": 1,
        "revoked": 1,
    }
    assert [row.name for row in fleet_rows(store, "north")] == ["A", "B"]
    assert fleet_rows(store, "nowhere") == []
