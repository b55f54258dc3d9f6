"""A hostile or confused upstream, and hostile callers: what the hub must not believe or do."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from kiosk.core.credentials import Credentials
from kiosk.core.errors import UnreadableResponse
from kiosk.hub.kiosks import enrol
from kiosk.hub.store import HubStore, SessionRecord, utc_now
from kiosk.hub.tracker import Sessions, TrackerSettings
from kiosk.hub.upstream import HubClient, Upstream

NOWHERE = "http://127.0.0.1:9"


class _Answering(HubClient):
    """An upstream client whose every answer is ``body`` (no network)."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(NOWHERE, Credentials("hub-account", "hub-account-key"))
        self.body = body
        self.reads = 0

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        self.reads += 1
        return dict(self.body)


def _live_session(store: HubStore) -> SessionRecord:
    kiosk, _ = enrol(store, "Lobby tablet", "branch-7")
    now = utc_now()
    record = SessionRecord(
        session_id="session-ours",
        hub_token="h" * 43,
        upstream_token="u" * 43,
        callback_path="c" * 43,
        kiosk_id=kiosk.id,
        site=kiosk.site,
        reference=None,
        scopes=("liveness",),
        status="CREATED",
        created_at=now,
        updated_at=now,
    )
    store.add_session(record)
    return record


def test_a_status_naming_another_session_is_not_believed(store: HubStore) -> None:
    record = _live_session(store)
    foreign = {
        "sessionId": "session-someone-elses",
        "status": "DONE",
        "scopes": ["liveness"],
        "nextStep": None,
        "result": {"liveness": {"score": 0.99}},
    }
    upstream = Upstream(NOWHERE, "hub-account", "hub-account-key", client=_Answering(foreign))

    async def read() -> None:
        sessions = Sessions(store, upstream, TrackerSettings(poll_interval=3600))
        try:
            with pytest.raises(UnreadableResponse):
                await sessions.status(record)
        finally:
            await sessions.close()

    try:
        asyncio.run(read())
    finally:
        upstream.close()
    stored = store.get_session(record.session_id)
    assert stored is not None and stored.status == "CREATED" and stored.ended_at is None
