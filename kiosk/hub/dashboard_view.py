"""What the dashboard shows, computed from the store: one row per kiosk with its state, today's
sessions and pass rate, and its last error.

A kiosk's state is its last heartbeat's (``idle``, ``in_session``, ``error``) while that is
recent, ``offline`` when none came for :data:`OFFLINE_AFTER` (or ever), ``revoked`` for a
revoked kiosk. "Today" is the UTC day. Texts are passed as they are stored (neutralised by the
heartbeat route); the templates escape them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.hub.fleet_records import Heartbeat
from kiosk.hub.store import HubStore, KioskRecord, SessionRecord, utc_now

OFFLINE_AFTER = timedelta(minutes=2)  # four missed heartbeats at the kiosk's 30 s pace
# Today's journal rows read at most per page; a fleet busier than this needs a count query.
TODAY_LIMIT = 20000


@dataclass(frozen=True)
class KioskRow:
    """One kiosk as the dashboard lists it."""

    id: str
    name: str
    site: str
    version: str
    last_seen: datetime | None
    state: str
    sessions_today: int
    finished_today: int
    passed_today: int
    last_error: str | None

    @property
    def pass_rate(self) -> str:
        """PASS among today's finished sessions (a session still open counts in neither)."""
        if not self.finished_today:
            return "–"
        return f"{round(100 * self.passed_today / self.finished_today)} %"


def _state(kiosk: KioskRecord, beat: Heartbeat | None, now: datetime) -> str:
    if kiosk.revoked:
        return "revoked"
    if beat is None or now - beat.last_seen > OFFLINE_AFTER:
        return "offline"
    return beat.state


def fleet_rows(store: HubStore, site: str | None = None) -> list[KioskRow]:
    """Every kiosk (of ``site`` when given), ordered by site then name (blocking: call it in a
    thread)."""
    now = utc_now()
    midnight = now.replace(hour=0, minute=0, second=0)
    beats = {beat.kiosk_id: beat for beat in store.heartbeats()}
    today: dict[str, list[SessionRecord]] = defaultdict(list)
    for record in store.list_sessions(site=site, limit=TODAY_LIMIT):
        if record.created_at < midnight:
            break  # newest first: the rest are older
        today[record.kiosk_id].append(record)
    rows = []
    for kiosk in store.list_kiosks():
        if site is not None and kiosk.site != site:
            continue
        beat = beats.get(kiosk.id)
        sessions = today.get(kiosk.id, [])
        rows.append(
            KioskRow(
                id=kiosk.id,
                name=kiosk.name,
                site=kiosk.site,
                version=beat.version if beat else "",
                last_seen=beat.last_seen if beat else None,
                state=_state(kiosk, beat, now),
                sessions_today=len(sessions),
                finished_today=sum(1 for s in sessions if s.outcome is not None),
                passed_today=sum(1 for s in sessions if s.outcome == "PASS"),
                last_error=beat.last_error if beat else None,
            )
        )
    rows.sort(key=lambda row: (row.site, row.name, row.id))
    return rows


def state_counts(rows: list[KioskRow]) -> dict[str, int]:
    """How many kiosks are in each state, in the dashboard's order."""
    order = ("idle", "in_session", "error", "offline", "revoked")
    return {state: sum(1 for row in rows if row.state == state) for state in order}
