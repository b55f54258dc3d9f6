"""``kiosk hub``: managing kiosks from the command line, and a full run: the hub as its own
process, kiosks verifying through it with `kiosk verify`, and the upstream key searched for in
every response, log line and database row afterwards."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from kiosk.cli import main
from kiosk.hub.database import open_store
from kiosk.sandbox.process import free_port
from kiosk.sandbox.server import SandboxServer
from kiosk.verify import ExitCode
from tests.conftest import APP_ID

FAST = ["--poll-interval", "0.05", "--no-qr"]


def hub_cli(capsys: pytest.CaptureFixture[str], database: str, *argv: str) -> tuple[int, str]:
    code = main(["hub", *argv, "--database", database])
    out = capsys.readouterr().out
    return code, out


def test_add_prints_id_and_secret_once_and_stores_only_a_hash(
    capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    code, out = hub_cli(capsys, database_url, "kiosk", "add", "Lobby", "--site", "b7", "--json")
    assert code == 0
    printed = json.loads(out)
    assert set(printed) == {"id", "secret"}
    store = open_store(database_url)
    try:
        record = store.get_kiosk(printed["id"])
        assert record is not None and record.site == "b7" and record.name == "Lobby"
        assert printed["secret"] not in repr(dataclasses.asdict(record))
    finally:
        store.close()
    code, out = hub_cli(capsys, database_url, "kiosk", "list", "--json")
    assert [row["id"] for row in json.loads(out)] == [printed["id"]]
    assert printed["secret"] not in out


def test_set_revoke_and_rotate(capsys: pytest.CaptureFixture[str], database_url: str) -> None:
    _, out = hub_cli(capsys, database_url, "kiosk", "add", "Lobby", "--json", "--rate", "5")
    kiosk_id = json.loads(out)["id"]
    code, out = hub_cli(
        capsys,
        database_url,
        "kiosk",
        "set",
        kiosk_id,
        "--scopes",
        "liveness,deepfake",
        "--max-ttl",
        "300",
    )
    row = json.loads(out)
    assert code == 0
    assert (row["allowed_scopes"], row["max_ttl_sec"], row["rate_per_minute"]) == (
        ["liveness", "deepfake"],
        300,
        5,
    )
    _, out = hub_cli(
        capsys, database_url, "kiosk", "set", kiosk_id, "--rate", "none", "--scopes", "any"
    )
    row = json.loads(out)
    assert (row["allowed_scopes"], row["max_ttl_sec"], row["rate_per_minute"]) == (None, 300, None)
    assert hub_cli(capsys, database_url, "kiosk", "revoke", kiosk_id)[0] == 0
    _, out = hub_cli(capsys, database_url, "kiosk", "list", "--json")
    assert json.loads(out)[0]["revoked_at"] is not None
    _, out = hub_cli(capsys, database_url, "kiosk", "rotate", kiosk_id, "--json")
    assert json.loads(out)["id"] == kiosk_id
    _, out = hub_cli(capsys, database_url, "kiosk", "list", "--json")
    assert json.loads(out)[0]["revoked_at"] is None  # a rotation enables it again


def test_an_unknown_kiosk_is_an_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    assert main(["hub", "kiosk", "revoke", "kiosk-nobody", "--database", database_url]) == 1
    assert "no kiosk has id 'kiosk-nobody'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["kiosk", "add", "x", "--scopes", "face"],
        ["kiosk", "add", "x", "--rate", "0"],
        ["kiosk", "set", "k", "--max-ttl", "-5"],
        ["serve", "--upstream", "cloud.example", "--upstream-app-id", "a"],
        ["serve", "--upstream", "https://cloud.example"],
    ],
)
def test_bad_options_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["hub", *argv])
    assert caught.value.code == 2


def test_serve_without_an_upstream_key_says_where_to_put_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KIOSK_HUB_UPSTREAM_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    argv = ["hub", "serve", "--upstream", "https://cloud.example", "--upstream-app-id", "acct"]
    assert main([*argv, "--database", f"sqlite:///{tmp_path / 'h.db'}"]) == 2
    assert "KIOSK_HUB_UPSTREAM_KEY" in capsys.readouterr().err


@dataclasses.dataclass
class HubProcess:
    url: str
    process: subprocess.Popen[str]


@pytest.fixture
def hub_process(
    database_url: str, upstream: SandboxServer, upstream_key: str, tmp_path: Path
) -> Iterator[HubProcess]:
    """``kiosk hub serve`` as its own process in front of ``upstream``."""
    port = free_port()
    env = {**os.environ, "KIOSK_HUB_UPSTREAM_KEY": upstream_key, "KIOSK_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "hub",
            "serve",
            "--port",
            str(port),
            "--upstream",
            upstream.local_url,
            "--upstream-app-id",
            APP_ID,
            "--database",
            database_url,
            "--poll-interval",
            "0.05",
            "--verbose",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.05)  # waiting for another process to listen
        yield HubProcess(url, process)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_a_full_run_through_the_hub_never_shows_the_upstream_key(
    hub_process: HubProcess,
    upstream: SandboxServer,
    upstream_key: str,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, out = hub_cli(capsys, database_url, "kiosk", "add", "Lobby", "--site", "b7", "--json")
    kiosk = json.loads(out)
    monkeypatch.setenv("KIOSK_APP_KEY", kiosk["secret"])
    seen: list[str] = [out]
    verify = ["verify", "--base-url", hub_process.url, "--app-id", kiosk["id"], *FAST]
    verify += ["--trusted-origin", upstream.public_url]
    for scenario, code in (("pass", ExitCode.PASS), ("fail_liveness", ExitCode.FAIL)):
        assert main([*verify, "--scenario", scenario]) == code
        captured = capsys.readouterr()
        seen += [captured.out, captured.err]
        assert ("VERDICT: PASS" if code == ExitCode.PASS else "VERDICT: FAIL") in captured.out
    # Raw responses too: errors, the event stream, health.
    auth = {"APP-ID": kiosk["id"], "APP-KEY": kiosk["secret"]}
    with httpx.Client(base_url=hub_process.url, timeout=10) as http:
        created = http.post("/api/v1.0/flow/sessions", json={"scopes": ["liveness"]}, headers=auth)
        token = created.json()["token"]
        with http.stream("GET", f"/api/v1.0/flow/sessions/{token}/events", headers=auth) as sse:
            seen.append(next(sse.iter_text()))
        for response in (
            created,
            http.get(f"/api/v1.0/flow/sessions/{token}", headers=auth),
            http.post("/api/v1.0/flow/sessions", json={"scopes": ["x"]}, headers=auth),
            http.post("/api/v1.0/flow/sessions", json={}, headers={**auth, "APP-KEY": "wrong"}),
            http.get("/readyz"),
        ):
            seen.append(str(response.headers) + response.text)
    # A graceful stop (SIGTERM, as systemd sends it) exits 0.
    hub_process.process.send_signal(signal.SIGTERM)
    stdout, stderr = hub_process.process.communicate(timeout=20)
    assert hub_process.process.returncode == 0
    seen += [stdout, stderr]
    lines = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    assert any("401 for kiosk" in line["message"] for line in lines)  # JSON logs
    assert any(f"kiosk {kiosk['id']} created session" in line["message"] for line in lines)
    # Every database row.
    store = open_store(database_url)
    try:
        rows = [repr(dataclasses.asdict(r)) for r in store.list_kiosks()]
        rows += [repr(dataclasses.asdict(r)) for r in store.list_sessions(limit=1000)]
        outcomes = sorted(str(r.outcome) for r in store.list_sessions(limit=1000))
    finally:
        store.close()
    assert outcomes == ["FAIL", "None", "PASS"]  # the raw third session is still live
    if database_url.startswith("sqlite:///"):
        # closing(): sqlite3's own context manager commits but leaves the file open (a
        # ResourceWarning, an error under pytest on Python 3.13).
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            rows += list(db.iterdump())
    seen += rows
    assert len(seen) > 10
    leaks = [text for text in seen if upstream_key in text]
    assert leaks == []


def test_the_default_database_is_sqlite_in_the_data_folder_kiosk_home_moves(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    assert main(["hub", "kiosk", "add", "Lobby", "--json"]) == 0
    kiosk_id = json.loads(capsys.readouterr().out)["id"]
    database = tmp_path / "data" / "hub.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT id FROM kiosks").fetchall() == [(kiosk_id,)]
    assert database.stat().st_mode & 0o077 == 0  # private, as the kiosk's journal


def test_sessions_lists_the_journal_without_tokens(
    capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    from kiosk.hub.store import SessionRecord, utc_now

    store = open_store(database_url)
    try:
        now = utc_now()
        for number, kiosk in ((1, "kiosk-a"), (2, "kiosk-b")):
            store.add_session(
                SessionRecord(
                    session_id=f"session-{number}",
                    hub_token=f"HUB-TOKEN-{number}-abcdefghijklmnop",
                    upstream_token=f"UP-TOKEN-{number}-abcdefghijklmnop",
                    callback_path=f"CALLBACK-{number}-abcdefghijklmnop",
                    kiosk_id=kiosk,
                    site="b7",
                    reference=f"ref-{number}",
                    scopes=("liveness",),
                    status="CREATED",
                    created_at=now,
                    updated_at=now,
                )
            )
    finally:
        store.close()
    code, out = hub_cli(capsys, database_url, "sessions", "--kiosk", "kiosk-b", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["session_id"], r["reference"], r["kiosk"]) for r in rows] == [
        ("session-2", "ref-2", "kiosk-b")
    ]
    _, text = hub_cli(capsys, database_url, "sessions")
    assert "ref-1" in text and "ref-2" in text
    assert "TOKEN" not in out + text and "CALLBACK" not in out + text


def test_the_upstream_key_comes_from_the_environment_or_the_keyring(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from kiosk.hub.cli import upstream_key
    from tests.support.memory_keyring import MemoryKeyring, keyring_backend

    monkeypatch.delenv("KIOSK_HUB_UPSTREAM_KEY", raising=False)
    with keyring_backend(MemoryKeyring()) as ring:
        monkeypatch.setattr("sys.stdin", io.StringIO("KEYRING-KEY-123456\n"))
        assert main(["hub", "upstream-key", "--upstream-app-id", "acct"]) == 0
        assert "KEYRING-KEY-123456" not in capsys.readouterr().out
        assert upstream_key("acct") == "KEYRING-KEY-123456"
        assert upstream_key("other") is None
        monkeypatch.setenv("KIOSK_HUB_UPSTREAM_KEY", "ENV-KEY-123456")
        assert upstream_key("acct") == "ENV-KEY-123456"
        ring.broken = True  # a locked keyring is "no key", not a traceback
        monkeypatch.delenv("KIOSK_HUB_UPSTREAM_KEY")
        assert upstream_key("acct") is None
