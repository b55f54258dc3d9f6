"""A hostile or confused upstream, and hostile callers: what the hub must not believe or do."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.cli import main
from kiosk.core.credentials import Credentials
from kiosk.core.errors import ServerError, UnreadableResponse
from kiosk.hub.kiosks import enrol
from kiosk.hub.routes import CALLBACK_PREFIX
from kiosk.hub.store import HubStore, SessionRecord, utc_now
from kiosk.hub.tracker import Sessions, TrackerSettings
from kiosk.hub.upstream import HubClient, Upstream
from tests.hub.conftest import Hub

HINT_GAP = TrackerSettings().hint_gap
PATH = "/api/v1.0/flow/sessions"

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


def test_a_flood_of_callbacks_costs_upstream_a_few_reads(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    # Callbacks are unsigned: whoever learns a session's path (or guesses paths) must not turn
    # the hub into a reader hammering upstream on the account's one rate limit, nor flood the log.
    hub.server.app.state.sessions.settings.poll_interval = 3600
    with hub.client() as api:
        created = api.create_session(["liveness"])
    record = hub.store.get_session(created.session_id)
    assert record is not None
    reads = 0
    original = hub.server.app.state.upstream.status

    async def counting(*args: Any) -> Any:
        nonlocal reads
        reads += 1
        return await original(*args)

    hub.server.app.state.upstream.status = counting
    caplog.set_level(logging.INFO, logger="kiosk.hub")
    started = time.monotonic()
    with httpx.Client(base_url=hub.url, timeout=5) as http:
        for _ in range(60):
            assert http.post(f"{CALLBACK_PREFIX}{record.callback_path}").status_code == 200
            assert http.post(f"{CALLBACK_PREFIX}{'x' * 43}").status_code == 404
    elapsed = time.monotonic() - started
    assert reads <= elapsed / HINT_GAP + 2
    unknown = [r for r in caplog.records if "unknown path" in r.getMessage()]
    hinted = [r for r in caplog.records if "callback for session" in r.getMessage()]
    assert len(unknown) <= 2 and len(hinted) <= reads + 1


def test_a_flood_of_wrong_secrets_does_not_hold_up_other_kiosks(hub: Hub) -> None:
    # Kiosk ids are not secret (logs, metadata): each wrong secret costs a scrypt check, and
    # while hundreds waited for one, every other request's database read queued behind them.
    with hub.client() as api:
        token = api.create_session(["liveness"]).token
        api.get_status(token)  # the kiosk's pair is known to the hub now

    async def run() -> tuple[float, int, set[int]]:
        limits = httpx.Limits(max_connections=300)
        async with httpx.AsyncClient(base_url=hub.url, timeout=60, limits=limits) as http:
            wrong = {"APP-ID": hub.kiosk.id, "APP-KEY": "not-the-secret"}
            flood = [
                asyncio.create_task(http.get(f"{PATH}/{token}", headers=wrong)) for _ in range(200)
            ]
            await asyncio.sleep(0.3)
            started = time.monotonic()
            answer = await http.get(f"{PATH}/{token}", headers=hub.auth)
            took = time.monotonic() - started
            codes = {(await task).status_code for task in flood}
            return took, answer.status_code, codes

    took, status, codes = asyncio.run(run())
    # Before: about 8 s (the 200 checks' queue). Now the checks' CPU is all it costs.
    assert status == 200 and took < 3.0
    assert codes <= {401, 503}  # refused, or asked to retry: never let through


@pytest.mark.parametrize("trouble", ["port in use", "missing certificate", "not a certificate"])
def test_serve_that_cannot_start_says_why_without_a_traceback(
    trouble: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("KIOSK_HUB_UPSTREAM_KEY", "hub-account-key")
    argv = ["hub", "serve", "--upstream", "https://cloud.example", "--upstream-app-id", "acct"]
    argv += ["--database", f"sqlite:///{tmp_path / 'h.db'}", "--log-format", "text"]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        if trouble == "port in use":
            argv += ["--port", str(taken.getsockname()[1])]
        else:
            junk = tmp_path / "cert.pem"
            if trouble == "not a certificate":
                junk.write_text("not a certificate\n")
            argv += ["--port", "0", "--certfile", str(junk), "--keyfile", str(junk)]
        code = main(argv)
    err = capsys.readouterr().err
    assert code in (1, 2)
    assert "Traceback" not in err and err.startswith("kiosk hub: ")
    assert ("listen" in err) if trouble == "port in use" else ("certificate" in err)


def test_streams_opened_all_at_once_still_count_against_the_limit(hub: Hub) -> None:
    from kiosk.hub.routes import MAX_STREAMS_PER_KIOSK

    hub.server.app.state.sessions.settings.poll_interval = 3600
    with hub.client() as api:
        token = api.create_session(["liveness"]).token
    original = hub.server.app.state.upstream.status

    async def slow(*args: Any) -> Any:
        await asyncio.sleep(0.5)  # every stream's opening waits on this one read
        return await original(*args)

    hub.server.app.state.upstream.status = slow
    time.sleep(0.1)  # the hub's reading is stale: opening a stream reads upstream again

    async def run() -> list[int]:
        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(base_url=hub.url, timeout=30, limits=limits) as http:

            async def open_one() -> int:
                request = http.build_request("GET", f"{PATH}/{token}/events", headers=hub.auth)
                response = await http.send(request, stream=True)
                await asyncio.sleep(1.0)  # held open while the others arrive
                await response.aclose()
                return response.status_code

            return await asyncio.gather(*(open_one() for _ in range(3 * MAX_STREAMS_PER_KIOSK)))

    codes = asyncio.run(run())
    assert codes.count(200) <= MAX_STREAMS_PER_KIOSK
    assert set(codes) <= {200, 429}


def test_a_session_created_during_a_long_database_outage_is_journaled_when_it_returns(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.hub.store import StoreUnavailable

    hub.server.app.state.sessions.settings.store_retry_seconds = 0.2  # outlasted below
    add_session = hub.store.add_session
    down = True

    def flaky_add(record: SessionRecord) -> None:
        if down:
            raise StoreUnavailable("hub database: connection refused")
        add_session(record)

    monkeypatch.setattr(hub.store, "add_session", flaky_add)
    with hub.client() as api, pytest.raises(ServerError) as caught:
        api.create_session(["liveness"], metadata={"sandbox": {"scenario": "pass"}})
    assert caught.value.status_code == 503  # the kiosk retries: it never got a token
    assert len(hub.upstream.app.state.store) == 1 and hub.store.list_sessions() == []
    down = False
    deadline = time.monotonic() + 15
    rows = hub.store.list_sessions()
    while time.monotonic() < deadline and not (rows and rows[0].outcome):
        time.sleep(0.05)  # the hub's own retry, in its own thread: nothing to hook into
        rows = hub.store.list_sessions()
    assert len(rows) == 1 and rows[0].status == "DONE" and rows[0].outcome == "PASS"


@pytest.mark.parametrize(
    ("name", "says"),
    [("x" * 101, "at most 100 characters"), ("lobby\x1b[2J\u202e", "no control")],
)
def test_a_kiosk_name_is_refused_saying_why(
    name: str, says: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'h.db'}"
    assert main(["hub", "kiosk", "add", name, "--database", database]) == 1
    captured = capsys.readouterr()
    assert says in captured.err and "\x1b" not in captured.err + captured.out


def test_an_upstream_reusing_another_sessions_id_does_not_take_its_journal_row(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    other, _ = enrol(hub.store, "Other tablet", "branch-9")
    now = utc_now()
    theirs = SessionRecord(
        session_id="session-theirs",
        hub_token="t" * 43,
        upstream_token="v" * 43,
        callback_path="d" * 43,
        kiosk_id=other.id,
        site=other.site,
        reference="theirs",
        scopes=("liveness",),
        status="DONE",
        outcome="PASS",
        created_at=now,
        updated_at=now,
        ended_at=now,
    )
    hub.store.add_session(theirs)
    upstream = hub.server.app.state.upstream
    create = upstream.create

    async def reusing(*args: Any) -> Any:
        return dataclasses.replace(await create(*args), session_id=theirs.session_id)

    upstream.create = reusing
    caplog.set_level(logging.INFO, logger="kiosk.hub")
    with hub.client() as api, pytest.raises(ServerError):
        api.create_session(["liveness"], metadata={"sandbox": {"scenario": "fail"}})
    refused, taken = "journal refused it", "journaled after the database came back"

    def said(text: str) -> bool:
        return any(text in record.getMessage() for record in caplog.records)

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (said(refused) or said(taken)):
        time.sleep(0.05)  # the hub's retry runs in its own thread: nothing to hook into
    assert said(refused) and not said(taken)
    assert hub.store.get_session(theirs.session_id) == theirs
