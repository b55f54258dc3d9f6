"""The desk's hand-off: a command given the JSON on stdin, or a POST to a loopback receiver."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.handoff import Handoff, split_command
from kiosk.core.handoff_process import OUTPUT_LIMIT, child_environment, run_command
from kiosk.core.settings import Settings
from tests.desk.results_support import Receiver, recorder, script

SUMMARY: dict[str, Any] = {
    "schema_version": 1,
    "reference": "CUST-1001",
    "session_id": "sess-9",
    "verdict": "PASS",
    "checks": [{"scope": "liveness", "passed": True, "score": 0.91, "threshold": None}],
}

pytestmark = pytest.mark.timeout(60)


def _handoff(**kwargs: Any) -> Handoff:
    kwargs.setdefault("timeout", 5.0)
    kwargs.setdefault("retries", 0)
    kwargs.setdefault("backoff", 0.01)
    return Handoff(**kwargs)


def test_from_settings_reads_the_four_settings() -> None:
    settings = Settings(
        handoff_command="bank-hook --desk 2",
        handoff_url="http://127.0.0.1:9000/x",
        handoff_timeout=7.0,
        handoff_retries=4,
    )
    handoff = Handoff.from_settings(settings, app_key_env="MY_KEY")
    assert (handoff.command, handoff.url) == ("bank-hook --desk 2", "http://127.0.0.1:9000/x")
    assert (handoff.timeout, handoff.retries) == (7.0, 4)
    assert handoff.secret_env == ("KIOSK_APP_KEY", "MY_KEY")
    assert handoff.describe() == "command bank-hook and POST to http://127.0.0.1:9000"


def test_nothing_configured_delivers_nothing() -> None:
    handoff = Handoff.from_settings(Settings())
    assert not handoff.configured
    report = handoff.deliver(SUMMARY, threading.Event())
    assert (report.ok, report.attempts) == (True, 0)


def test_the_command_receives_the_json_on_stdin(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    command, out = recorder(tmp_path)
    caplog.set_level(logging.INFO, "kiosk.core.handoff")
    report = _handoff(command=command).deliver(SUMMARY, threading.Event())
    assert (report.ok, report.attempts) == (True, 1)
    assert json.loads((out / "received-1.json").read_text("utf-8")) == SUMMARY
    lines = [r for r in caplog.records if r.name == "kiosk.core.handoff"]
    assert len(lines) == 1
    assert lines[0].levelno == logging.INFO
    assert "sess-9" in lines[0].getMessage()
    assert "CUST-1001" not in caplog.text  # the JSON is never logged


def test_a_failing_command_is_retried_until_it_succeeds(tmp_path: Path) -> None:
    command, out = recorder(tmp_path, fail_first=1)
    report = _handoff(command=command, retries=2).deliver(SUMMARY, threading.Event())
    assert (report.ok, report.attempts) == (True, 2)
    assert json.loads((out / "received-2.json").read_text("utf-8"))["reference"] == "CUST-1001"


def test_a_command_that_keeps_failing_reports_its_exit_code_and_stderr(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    command, _ = recorder(tmp_path, fail_first=99)
    report = _handoff(command=command, retries=2).deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert report.attempts == 3
    assert report.message == (
        "not delivered after 3 attempts: the command exited with code 1: bank system busy"
    )
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "3 attempts" in warnings[0].getMessage()


def test_a_hanging_command_is_killed_at_the_timeout_with_its_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    # The hook starts a child of its own that would hang forever too: both must be killed.
    body = f"""
import subprocess, sys, time, pathlib
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
pathlib.Path({str(pid_file)!r}).write_text(str(child.pid))
time.sleep(120)
"""
    command = script(tmp_path, "hang", body)
    started = time.monotonic()
    # 3 s: time for two Python start-ups on a loaded machine before the hook is killed.
    report = _handoff(command=command, timeout=3.0).deliver(SUMMARY, threading.Event())
    took = time.monotonic() - started
    assert not report.ok
    assert report.attempts == 1
    assert "took longer than 3 s and was killed" in report.message
    assert took < 6
    child = int(pid_file.read_text())
    assert not _alive(child)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_missing_program_says_so_and_is_not_retried(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-hook"
    report = _handoff(command=f"{missing} --flag", retries=3).deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert report.attempts == 1
    assert report.message == (
        "not delivered after 1 attempt: the program no-such-hook was not found"
    )


def test_an_unreadable_command_line_says_so() -> None:
    report = _handoff(command="hook 'unclosed").deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert "the command line cannot be read" in report.message


def test_the_command_does_not_inherit_the_app_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_APP_KEY", "app-key-must-not-leak")
    monkeypatch.setenv("BANK_SETTING", "kept")
    out = tmp_path / "env.json"
    body = (
        f"import json, os, pathlib; "
        f"pathlib.Path({str(out)!r}).write_text(json.dumps(dict(os.environ)))"
    )
    _handoff(command=script(tmp_path, "env", body)).deliver(SUMMARY, threading.Event())
    seen = json.loads(out.read_text())
    assert "KIOSK_APP_KEY" not in seen
    assert seen["BANK_SETTING"] == "kept"
    assert child_environment({"A": "1", "MINE": "k", "NOTIFY_SOCKET": "/s"}, ["MINE"]) == {"A": "1"}


def test_a_stop_ends_a_hanging_command_within_a_second(tmp_path: Path) -> None:
    command = script(tmp_path, "hang", "import time; time.sleep(120)")
    stop = threading.Event()
    timer = threading.Timer(0.5, stop.set)
    timer.start()
    started = time.monotonic()
    report = _handoff(command=command, timeout=60, retries=5).deliver(SUMMARY, stop)
    assert time.monotonic() - started < 1.5 + 0.5
    assert not report.ok
    assert report.attempts == 1
    assert "stopped" in report.message


def test_the_post_carries_the_json(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "kiosk.core.handoff")
    with Receiver((200,)) as receiver:
        report = _handoff(url=receiver.url).deliver(SUMMARY, threading.Event())
    assert (report.ok, report.attempts) == (True, 1)
    headers, body = receiver.requests[0]
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body) == SUMMARY
    assert receiver.path_seen == ["/results"]
    assert "CUST-1001" not in caplog.text


def test_a_500_then_a_200_is_delivered_on_the_retry() -> None:
    with Receiver((500, 200)) as receiver:
        report = _handoff(url=receiver.url, retries=2).deliver(SUMMARY, threading.Event())
    assert (report.ok, report.attempts) == (True, 2)
    assert receiver.attempts == 2


def test_a_receiver_that_keeps_refusing_is_reported_with_its_answer() -> None:
    with Receiver((503,)) as receiver:
        report = _handoff(url=receiver.url, retries=1).deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert report.attempts == 2 == receiver.attempts
    assert report.message.endswith("the receiver answered 503: receiver says no")


def test_a_redirect_is_not_followed() -> None:
    with Receiver((302,)) as receiver:
        report = _handoff(url=receiver.url).deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert "302 (redirects are not followed)" in report.message
    assert receiver.attempts == 1


def test_a_receiver_that_never_answers_times_out_each_attempt() -> None:
    with Receiver(hang=True) as receiver:
        started = time.monotonic()
        report = _handoff(url=receiver.url, timeout=0.5, retries=2).deliver(
            SUMMARY, threading.Event()
        )
        took = time.monotonic() - started
        assert receiver.attempts == 3
    assert not report.ok
    assert report.attempts == 3
    assert "no answer within 0.5 s" in report.message
    assert took < 5


def test_an_unreachable_receiver_is_reported() -> None:
    with Receiver() as receiver:
        url = receiver.url  # the port is closed once the receiver is
    report = _handoff(url=url, retries=1).deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert report.attempts == 2
    assert "could not be reached (ConnectError)" in report.message


def test_both_ways_run_and_each_is_reported(tmp_path: Path) -> None:
    command, out = recorder(tmp_path)
    with Receiver((500,)) as receiver:
        report = _handoff(command=command, url=receiver.url).deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert (out / "received-1.json").exists()
    assert report.attempts == 2
    assert report.message == (
        "command: delivered; URL: not delivered after 1 attempt: the receiver answered 500: "
        "receiver says no"
    )


def test_a_url_is_logged_without_its_secrets(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "kiosk.core.handoff")
    with Receiver((200,)) as receiver:
        url = receiver.url.replace("http://", "http://user:pw-secret@") + "?key=q-secret"
        report = _handoff(url=url).deliver(SUMMARY, threading.Event())
    assert report.ok
    assert "secret" not in caplog.text
    assert "127.0.0.1" in caplog.text


def test_a_summary_that_is_not_json_is_a_failure_not_an_exception() -> None:
    report = _handoff(command="true").deliver({"score": float("nan")}, threading.Event())
    assert not report.ok
    assert report.attempts == 0


@pytest.mark.parametrize("url", ["http://[::1/x", "ftp://127.0.0.1/x"])
def test_an_invalid_url_is_said_once(url: str) -> None:
    report = _handoff(url=url, retries=3).deliver(SUMMARY, threading.Event())
    assert not report.ok
    assert report.attempts == 1
    assert "not a valid http(s) URL" in report.message


def test_a_stop_set_before_the_delivery_runs_nothing(tmp_path: Path) -> None:
    command, out = recorder(tmp_path)
    stop = threading.Event()
    stop.set()
    report = _handoff(command=command).deliver(SUMMARY, stop)
    assert (report.ok, report.attempts) == (False, 0)
    assert list(out.iterdir()) == []


def test_command_lines_are_split_like_their_platform_writes_them() -> None:
    assert split_command("hook --ref 'two words' \"x y\"", posix=True) == [
        "hook",
        "--ref",
        "two words",
        "x y",
    ]
    assert split_command('"C:\\Program Files\\Bank\\hook.exe" --desk 2', posix=False) == [
        "C:\\Program Files\\Bank\\hook.exe",
        "--desk",
        "2",
    ]


def test_a_chatty_command_neither_blocks_nor_fills_memory(tmp_path: Path) -> None:
    # 4 MiB on each pipe: far more than a pipe holds, so a command whose output was not read
    # while it ran would block until killed at the timeout.
    body = (
        "import sys\n"
        "sys.stdin.buffer.read()\n"
        "for _ in range(64):\n"
        "    sys.stdout.buffer.write(b'o' * 65536)\n"
        "    sys.stderr.buffer.write(b'e' * 65536)\n"
    )
    command = script(tmp_path, "chatty", body)
    run = run_command(split_command(command), b"{}", timeout=20, stop=threading.Event(), env=None)
    assert run.returncode == 0
    assert len(run.stdout) == len(run.stderr) == OUTPUT_LIMIT
    report = _handoff(command=command, timeout=20).deliver(SUMMARY, threading.Event())
    assert report.ok
