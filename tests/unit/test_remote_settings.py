"""The kiosk's side of remote settings, Qt-free: every value checked again by the kiosk's own
rules (a hostile or broken hub's keys refused one by one, the rest kept), bodies capped while
they stream, a deadline on the whole call, 404 ends the asking, fetches only while idle, the
last good copy kept privately and only for the hub and kiosk it came from, and the precedence
(the hub over the file, under environment variables and options; local-only keys never)."""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from kiosk.core.credentials import Credentials
from kiosk.core.remote_settings import (
    MAX_BODY_BYTES,
    SETTINGS_PATH,
    Answer,
    SettingsCache,
    effective,
    vet,
)
from kiosk.core.remote_settings_client import RemoteSettingsClient, run
from kiosk.core.settings import DEFAULTS, REMOTE, SPECS

HOSTILE = {
    "result_seconds": 42,  # the one good key
    "ttl_sec": "ten minutes",  # wrong type
    "min_similarity": 7,  # out of range
    "scopes": {"liveness": True},  # wrong shape
    "backend": "https://attacker.example",  # local-only
    "trusted_origins": ["https://attacker.example"],  # local-only
    "handoff_command": "/bin/sh -c 'curl evil'",  # local-only
    "app_key": "stolen",  # a secret, never a setting
    "\u202eno_such\x1b[31m": 1,  # unknown, with hostile characters
}


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> RemoteSettingsClient:
    return RemoteSettingsClient(
        "http://127.0.0.1:9",
        Credentials("kiosk-1", "secret"),
        transport=httpx.MockTransport(handler),
    )


def settings_answer(values: object, version: str = "v1", etag: str = '"v1"') -> httpx.Response:
    return httpx.Response(
        200, json={"version": version, "settings": values}, headers={"ETag": etag}
    )


def test_every_key_is_checked_again_and_refused_alone(caplog: pytest.LogCaptureFixture) -> None:
    client = client_for(lambda request: settings_answer(HOSTILE))
    with caplog.at_level(logging.WARNING):
        answer = client.fetch()
    assert answer.kind == "changed"
    assert answer.values == {"result_seconds": 42.0}
    assert len(answer.refused) == len(HOSTILE) - 1
    logged = caplog.text
    for words in (
        "'ttl_sec' must be a whole number from 10 to 86400",
        "'min_similarity' must be a number from 0 to 1",
        "'backend' is local-only",
        "'trusted_origins' is local-only",
        "'handoff_command' is local-only",
        "'app_key' is a secret",
        "unknown setting",
    ):
        assert words in logged
    assert "\x1b" not in logged and "\u202e" not in logged and "stolen" not in logged


def test_thousands_of_refused_keys_do_not_flood_the_log(caplog: pytest.LogCaptureFixture) -> None:
    values = {f"k{n}": n for n in range(3000)}  # about 30 KiB: under the body's cap
    client = client_for(lambda request: settings_answer(values))
    with caplog.at_level(logging.WARNING):
        answer = client.fetch()
    assert answer.kind == "changed" and len(answer.refused) == 3000
    assert len(caplog.records) == 21
    assert "2980 more remote settings refused" in caplog.text


def test_the_kiosks_credentials_and_etag_are_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(304)

    client = client_for(handler)
    assert client.fetch('"abc"').kind == "same"
    [request] = seen
    assert request.url.path == SETTINGS_PATH
    assert request.headers["APP-ID"] == "kiosk-1" and request.headers["APP-KEY"] == "secret"
    assert request.headers["If-None-Match"] == '"abc"'


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'{"settings": {}}',
        b'{"version": 3, "settings": {}}',
        b'{"version": "v", "settings": []}',
        b'{"version": "' + b"v" * 65 + b'", "settings": {}}',
        b'{"version": "v\\u001b", "settings": {}}',
        b'{"version": "v", "settings": {"theme": "default", "theme": "high-contrast"}}',
        b'{"version": "v", "settings": {"min_similarity": NaN}}',
        b"not json",
    ],
)
def test_an_answer_that_is_not_a_settings_answer_is_refused_whole(body: bytes) -> None:
    client = client_for(lambda request: httpx.Response(200, content=body))
    assert client.fetch().kind == "failed"
    assert client.is_hub is not False  # tried again later


def test_a_hostile_etag_is_not_sent_back() -> None:
    client = client_for(lambda request: settings_answer({}, etag='"x"\r\nX-Evil: 1' + "x" * 200))
    assert client.fetch().etag is None


def test_404_means_no_hub_asked_again_rarely_until_one_answers() -> None:
    """The vendor or the sandbox (404) is asked again only at the long interval, not every
    minute, and not never: a hub rolled out meanwhile is found."""
    times: list[float] = []
    answers = iter([httpx.Response(404), httpx.Response(405), settings_answer({"ttl_sec": 60})])

    def handler(request: httpx.Request) -> httpx.Response:
        times.append(time.monotonic())
        return next(answers)

    client = client_for(handler)
    delivered: list[Answer] = []
    stop = threading.Event()
    loop = threading.Thread(
        target=run,
        args=(client, None, stop, lambda: True, lambda a: (delivered.append(a), stop.set())),
        kwargs={"interval": 0.001, "not_a_hub_interval": 0.2},
    )
    loop.start()
    loop.join(timeout=10)
    stop.set()
    assert not loop.is_alive() and len(times) == 3
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.2
    assert client.is_hub is True and delivered[0].values == {"ttl_sec": 60}


@pytest.mark.parametrize("status", [401, 429, 500, 503, 301])
def test_other_failures_are_tried_again_later(status: int) -> None:
    client = client_for(lambda request: httpx.Response(status, headers={"Location": "/x"}))
    assert client.fetch().kind == "failed" and client.is_hub is None


def test_nothing_is_fetched_while_a_session_runs() -> None:
    calls: list[float] = []
    idle = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(time.monotonic())
        return settings_answer({"theme": "high-contrast"})

    client = client_for(handler)
    stop = threading.Event()
    delivered: list[Answer] = []
    loop = threading.Thread(
        target=run,
        args=(client, None, stop, idle.is_set, delivered.append),
        kwargs={"interval": 0.01},
    )
    loop.start()
    try:
        time.sleep(0.3)  # many intervals in a session: no request at all
        assert calls == []
        idle.set()
        deadline = time.monotonic() + 5
        while not delivered and time.monotonic() < deadline:
            time.sleep(0.01)
        assert delivered and delivered[0].values == {"theme": "high-contrast"}
    finally:
        stop.set()
        loop.join(timeout=5)


# --- a real socket: the cap while streaming, the overall deadline ---


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[socket.socket], None]], str]]:
    """A one-connection loopback server that answers with ``behave(socket)``."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    threads: list[threading.Thread] = []

    def serve(behave: Callable[[socket.socket], None]) -> str:
        def accept() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.recv(65536)
                with contextlib.suppress(OSError):  # the kiosk hung up: what these tests want
                    behave(conn)

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        threads.append(thread)
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    yield serve
    listener.close()
    for thread in threads:
        thread.join(timeout=5)


def test_a_huge_body_is_cut_off_while_it_streams(raw_server: Callable[..., str]) -> None:
    sent = 0

    def flood(conn: socket.socket) -> None:
        nonlocal sent
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        conn.sendall(b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b" " * 16384
        for _ in range(2000):  # 32 MB if nobody stopped it
            conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)

    client = RemoteSettingsClient(raw_server(flood), Credentials("k", "s"))
    try:
        assert client.fetch().kind == "failed"
    finally:
        client.close()
    assert sent < 100 * MAX_BODY_BYTES


def test_a_dripping_hub_is_cut_off_at_the_deadline(raw_server: Callable[..., str]) -> None:
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        while not stop.wait(0.2):
            conn.sendall(b" ")

    client = RemoteSettingsClient(raw_server(drip), Credentials("k", "s"), call_seconds=1.0)
    started = time.monotonic()
    try:
        assert client.fetch().kind == "failed"
    finally:
        stop.set()
        client.close()
    # Cut off by the call's deadline (1 s), not by a per-read timeout the drip keeps resetting.
    assert 0.9 <= time.monotonic() - started < 5


# --- the last good copy ---


def test_the_last_good_copy_is_private_and_read_back(tmp_path: Path) -> None:
    cache = SettingsCache(tmp_path / "data" / "remote.json", "https://hub.example", "kiosk-1")
    answer = Answer("changed", "v7", '"v7"', {"scopes": ("liveness",), "result_seconds": 42.0})
    cache.save(answer)
    if os.name == "posix":
        assert stat.S_IMODE(cache.path.stat().st_mode) == 0o600
    assert cache.load() == replace(answer, refused=())
    # Another hub's or another kiosk's copy is not used.
    assert SettingsCache(cache.path, "https://other.example", "kiosk-1").load() is None
    assert SettingsCache(cache.path, "https://hub.example", "kiosk-2").load() is None


def test_a_damaged_or_edited_copy_is_checked_again(tmp_path: Path) -> None:
    cache = SettingsCache(tmp_path / "remote.json", "https://hub.example", "kiosk-1")
    assert cache.load() is None  # none yet
    cache.path.write_text("{not json")
    assert cache.load() is None
    edited = {"hub": cache.hub, "kiosk": cache.kiosk, "version": "v", "etag": None}
    edited["settings"] = {"backend": "https://attacker.example", "theme": "high-contrast"}
    cache.path.write_text(json.dumps(edited))
    kept = cache.load()
    assert kept is not None and kept.values == {"theme": "high-contrast"}


# --- precedence ---


def test_the_hub_overrides_the_file_but_not_what_is_pinned_locally() -> None:
    local = replace(DEFAULTS, result_seconds=20.0, walk_away_seconds=90.0)
    remote, _ = vet({"result_seconds": 42, "walk_away_seconds": 300, "theme": "high-contrast"}, "t")
    merged = effective(local, remote, pinned={"walk_away_seconds"})
    assert merged.result_seconds == 42.0  # over the file's
    assert merged.walk_away_seconds == 90.0  # an environment variable or option set it
    assert merged.theme == "high-contrast"
    # Even a value that got past the check is never taken for a local-only key.
    assert effective(local, {"backend": "https://attacker.example"}, ()).backend == "sandbox"


def test_every_setting_is_either_remote_or_has_a_reason_to_stay_local() -> None:
    from kiosk.core.remote_settings import LOCAL_ONLY

    assert set(SPECS) == REMOTE | set(LOCAL_ONLY)
    assert not REMOTE & set(LOCAL_ONLY)
    assert {"backend", "app_id", "kiosk_mode", "sandbox_address", "brand_dir"} <= set(LOCAL_ONLY)
