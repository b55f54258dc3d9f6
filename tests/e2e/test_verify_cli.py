"""``kiosk verify``: exit codes and messages, in-process and as real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.sandbox.process import sandbox_process
from kiosk.sandbox.server import SandboxServer
from kiosk.verify import ExitCode
from tests.conftest import APP_ID, APP_KEY, make_config
from tests.security.hostile import send_json, serving

FAST = ["--step-seconds", "0.05", "--poll-interval", "0.05", "--no-qr"]


@pytest.mark.parametrize(
    ("scenario", "code", "words"),
    [
        ("pass", ExitCode.PASS, "VERDICT: PASS"),
        ("fail_liveness", ExitCode.FAIL, "Liveness check failed"),
        ("fail_deepfake", ExitCode.FAIL, "Deepfake check failed"),
        ("no_match", ExitCode.FAIL, "Face match: similarity"),
        ("fail", ExitCode.FAIL, "could not be completed"),
        ("expire", ExitCode.ENDED, "expired"),
        ("cancel", ExitCode.ENDED, "canceled"),
        ("no_face", ExitCode.FAIL, "can not detect face"),  # the vendor's info text
        ("many_faces", ExitCode.FAIL, "more than one face"),
    ],
)
def test_embedded_sandbox_scenarios_exit_with_their_codes(
    capsys: pytest.CaptureFixture[str], scenario: str, code: ExitCode, words: str
) -> None:
    assert main(["verify", "--scenario", scenario, *FAST]) == code
    out = capsys.readouterr().out
    assert "embedded sandbox" in out
    assert words in out


def test_qr_and_link_are_printed(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["verify", "--scenario", "pass", "--step-seconds", "0.05", "--poll-interval", "0.05"]
    assert main(argv) == ExitCode.PASS
    out = capsys.readouterr().out
    assert "▀" in out or "▄" in out
    assert "Open on the phone: http://127.0.0.1:" in out
    assert "liveness  ok" in out and "deepfake  ok" in out and "search    ok" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--scopes", "liveness,face"], "unknown: face"),
        (["--scopes", ","], "--scopes must list"),
        (["--base-url", "http://127.0.0.1:9"], "needs --app-id and --app-key"),
        (["--base-url", "cloud.example", "--app-id", "a", "--app-key", "k"], "must start with"),
        (["--poll-interval", "0"], "must be positive"),
        (["--min-similarity", "2"], "between 0 and 1"),
        (["--step-seconds", "nan"], "'step_seconds' must be a number from 0.01 to 3600"),
        # Review: a timer cannot wait that long; it was a traceback and no deadline at all.
        (["--timeout", "1e10"], "--timeout must be at most 604800 s"),
        (["--scopes", "liveness,search,liveness"], "each check once; twice: liveness"),
        # Review: httpx's UnicodeEncodeError traceback (exit 1, read as FAIL) building headers.
        (["--app-id", "caf\u00e9"], "must be printable ASCII"),
        (["--app-key", " key-with-a-space-before"], "must be printable ASCII"),
        # Review: a URL the HTTP client cannot parse was its traceback, and exit 1 (FAIL).
        (["--base-url", "https://host:abc", "--app-id", "a", "--app-key", "k"], "not a URL"),
        (["--base-url", "http://[::1", "--app-id", "a", "--app-key", "k"], "not a URL"),
    ],
)
def test_usage_errors_exit_2_and_say_what_to_fix(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    words: str,
) -> None:
    monkeypatch.delenv("KIOSK_APP_ID", raising=False)
    monkeypatch.delenv("KIOSK_APP_KEY", raising=False)
    assert main(["verify", *argv]) == ExitCode.USAGE
    assert words in capsys.readouterr().err


def test_bad_credentials_exit_4_and_point_at_the_flags(
    sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["verify", "--base-url", sandbox.local_url, "--app-id", APP_ID]
    assert main([*argv, "--app-key", "wrong-key-000000", *FAST]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert "refused the APP-ID/APP-KEY (401)" in err
    assert "fix: Check --app-id and --app-key" in err
    assert "wrong-key-000000" not in err


def test_unreachable_server_exits_4_naming_the_url(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again at once: nothing listens there
    url = f"http://127.0.0.1:{port}"
    argv = ["verify", "--base-url", url, "--app-id", "a", "--app-key", "k-123456", *FAST]
    assert main([*argv, "--retry-for", "0.3"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert f"Cannot connect to {url}" in err
    assert "Retrying." in err  # it tried again before giving up
    assert f"fix: Check --base-url ({url})" in err


def test_invalid_request_exits_4_with_the_servers_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Everything verify sends passes its own checks first (the sandbox clamps a short --ttl
    # since issue 14), so a server that refuses the request stands in here.
    refusal = {"error": "invalid_request", "message": "scopes: not for this APP-ID."}

    def refuse(method: str, path: str, conn: socket.socket, stop: threading.Event) -> None:
        send_json(conn, refusal, 422)

    with serving(refuse) as server:
        argv = ["verify", "--base-url", server.url, "--app-id", APP_ID, "--app-key", APP_KEY]
        assert main([*argv, *FAST]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert "(422): scopes: not for this APP-ID.\n" in err


def test_link_to_another_host_is_never_shown(capsys: pytest.CaptureFixture[str]) -> None:
    with SandboxServer(make_config(), public_url="https://10.99.0.1:8765") as server:
        argv = ["verify", "--base-url", server.local_url, "--app-id", APP_ID]
        argv += ["--app-key", APP_KEY, "--scenario", "pass", *FAST]
        assert main(argv) == ExitCode.ERROR
        captured = capsys.readouterr()
        assert "points at https://10.99.0.1:8765" in captured.err
        assert "/flow/" not in captured.out + captured.err
        assert main([*argv, "--trusted-origin", "https://10.99.0.1:8765"]) == ExitCode.PASS
        capsys.readouterr()
        # Plain http is trusted only on loopback: a link phones open over the air is https.
        assert main([*argv, "--trusted-origin", "http://10.99.0.1:8765"]) == ExitCode.USAGE
        assert "plain http only for localhost" in capsys.readouterr().err


@dataclass
class Standalone:
    url: str
    app_id: str
    app_key: str


@pytest.fixture
def standalone_sandbox() -> Iterator[Standalone]:
    """``python -m kiosk.sandbox`` as its own process, on a free loopback port."""
    app_key = "standalone-key-abcdef"
    with sandbox_process("ops", app_key, ["--step-seconds", "0.1"]) as (url, banner):
        text = "".join(banner)
        assert f"API base URL : {url}" in text
        assert app_key not in text  # a given key is not echoed
        yield Standalone(url, "ops", app_key)


@pytest.mark.parametrize(("scenario", "code"), [("pass", 0), ("fail_liveness", 1)])
def test_verify_process_against_the_standalone_sandbox(
    standalone_sandbox: Standalone, scenario: str, code: int
) -> None:
    env = {**os.environ, "KIOSK_APP_KEY": standalone_sandbox.app_key}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "verify",
            "--base-url",
            standalone_sandbox.url,
            "--app-id",
            standalone_sandbox.app_id,
            "--scenario",
            scenario,
            "--poll-interval",
            "0.1",
            "-v",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == code, done.stdout + done.stderr
    assert f"VERDICT: {'PASS' if code == 0 else 'FAIL'}" in done.stdout
    # Verbose logs include httpx's request lines: the key and the token are masked there.
    assert "HTTP Request" in done.stderr
    assert standalone_sandbox.app_key not in done.stdout + done.stderr
    token = done.stdout.split("/flow/")[1].split()[0]
    assert token not in done.stderr


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No KIOSK_* variable from the developer's shell; the settings file's path."""
    for name in [n for n in os.environ if n.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    return tmp_path / "settings.toml"


def test_verify_reads_the_settings_file_and_the_key_from_the_environment(
    sandbox: SandboxServer,
    clean_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env.write_text(
        f'backend = "{sandbox.local_url}"\napp_id = "{APP_ID}"\nscopes = ["liveness"]\n'
    )
    monkeypatch.setenv("KIOSK_APP_KEY", APP_KEY)
    argv = ["verify", "--settings", str(clean_env), "--scenario", "pass", *FAST]
    assert main(argv) == ExitCode.PASS
    out = capsys.readouterr().out
    assert "embedded sandbox" not in out  # the file's backend, not a new sandbox
    assert "liveness  ok" in out and "search" not in out


def test_kiosk_variables_override_the_file_and_options_override_both(
    sandbox: SandboxServer,
    clean_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env.write_text('backend = "http://127.0.0.1:9"\napp_id = "nobody"\n')
    monkeypatch.setenv("KIOSK_BACKEND", sandbox.local_url)
    monkeypatch.setenv("KIOSK_APP_ID", APP_ID)
    monkeypatch.setenv("KIOSK_APP_KEY", APP_KEY)
    monkeypatch.setenv("KIOSK_SCOPES", "liveness,deepfake")
    argv = ["verify", "--settings", str(clean_env), "--scenario", "pass", *FAST]
    assert main([*argv, "--scopes", "deepfake"]) == ExitCode.PASS
    out = capsys.readouterr().out
    assert "deepfake  ok" in out and "liveness" not in out.split("created")[1]
    monkeypatch.setenv("KIOSK_TTL_SEC", "5")  # the settings' rule applies to the environment
    assert main(argv) == ExitCode.USAGE
    assert "environment variable KIOSK_TTL_SEC" in capsys.readouterr().err


def test_verify_finds_the_key_in_the_keyring(
    sandbox: SandboxServer,
    clean_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import keyring

    from kiosk.core.secrets import set_app_key
    from tests.support.file_keyring import FileKeyring

    monkeypatch.setenv("KIOSK_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        set_app_key(APP_ID, APP_KEY)
        argv = ["verify", "--base-url", sandbox.local_url, "--app-id", APP_ID]
        assert main([*argv, "--settings", str(clean_env), "--scenario", "pass", *FAST]) == 0
    finally:
        keyring.set_keyring(previous)
    assert "VERDICT: PASS" in capsys.readouterr().out


def test_verify_help_prefers_the_environment_and_the_keyring(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "prefer KIOSK_APP_KEY or the OS keyring" in text
    assert "--listen {local,lan}" in text and "--lan" not in text.replace("--lan}", "")
