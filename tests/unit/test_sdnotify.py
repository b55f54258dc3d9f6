"""systemd's notify protocol over a real AF_UNIX datagram socket (no Qt, no systemd)."""

from __future__ import annotations

import logging
import os
import socket
import tempfile
from collections.abc import Iterator

import pytest

from kiosk.core.sdnotify import Notifier
from tests.support.notify_socket import NotifyReceiver

US = (4242, 4241)  # this process's pid and its parent's, as the notifier is told


_made: list[Notifier] = []


@pytest.fixture(autouse=True)
def _close_notifiers() -> Iterator[None]:
    yield
    while _made:
        _made.pop().close()


def notifier(address: str, **env: str) -> Notifier:
    made = Notifier({"NOTIFY_SOCKET": address, **env}, pids=lambda: US)
    _made.append(made)
    return made


def received(receiver: NotifyReceiver, count: int) -> list[str]:
    assert receiver.wait_for(lambda r: len(r.messages) >= count, timeout=5), receiver.texts()
    return receiver.texts()


@pytest.mark.parametrize("abstract", [False, True], ids=["path", "abstract"])
def test_ready_watchdog_and_stopping_reach_the_socket(abstract: bool) -> None:
    with NotifyReceiver(abstract=abstract) as receiver:
        assert receiver.address.startswith("@" if abstract else "/")
        sender = notifier(receiver.address, WATCHDOG_USEC="200000")
        assert sender.enabled
        assert sender.watchdog_interval_ms == 100  # half of WATCHDOG_USEC
        assert sender.ready("Idle screen shown")
        assert sender.watchdog()
        assert sender.stopping()
        sender.close()
        assert received(receiver, 3) == [
            "READY=1\nSTATUS=Idle screen shown",
            "WATCHDOG=1",
            "STOPPING=1",
        ]


@pytest.mark.parametrize("watched", [str(US[0]), str(US[1])], ids=["own-pid", "parent-pid"])
def test_the_watchdog_pid_may_be_ours_or_our_parents(watched: str) -> None:
    # Under cage, systemd's main pid is the compositor: the kiosk's parent.
    with NotifyReceiver() as receiver:
        sender = notifier(receiver.address, WATCHDOG_USEC="1000000", WATCHDOG_PID=watched)
        assert sender.watchdog_interval_ms == 500
        assert sender.watchdog()
        assert received(receiver, 1) == ["WATCHDOG=1"]


def test_another_watchdog_pid_means_nothing_is_sent(caplog: pytest.LogCaptureFixture) -> None:
    with NotifyReceiver() as receiver:
        stranger = notifier(receiver.address, WATCHDOG_USEC="1000000", WATCHDOG_PID="999999")
        assert not stranger.enabled
        assert stranger.watchdog_interval_ms is None
        assert not stranger.ready()
        assert not stranger.watchdog()
        assert not stranger.stopping()
        # Datagrams on one socket arrive in order: the marker coming first shows nothing
        # was sent before it.
        notifier(receiver.address).status("marker")
        assert received(receiver, 1) == ["STATUS=marker"]
    assert "WATCHDOG_PID 999999 is neither this process nor its parent" in caplog.text


def test_outside_systemd_nothing_is_done() -> None:
    quiet = Notifier({}, pids=lambda: US)
    assert not quiet.enabled
    assert quiet.watchdog_interval_ms is None
    assert not quiet.ready() and not quiet.watchdog() and not quiet.stopping()
    assert quiet._socket is None  # not even a socket was opened


def test_the_real_environment_and_pids_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    with NotifyReceiver() as receiver:
        monkeypatch.setenv("NOTIFY_SOCKET", receiver.address)
        monkeypatch.setenv("WATCHDOG_USEC", "300000")
        monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
        sender = Notifier()
        _made.append(sender)
        assert sender.watchdog_interval_ms == 150
        assert sender.watchdog()
        assert received(receiver, 1) == ["WATCHDOG=1"]


@pytest.mark.parametrize("usec", ["", "0", "-5", "soon"])
def test_no_usable_watchdog_usec_means_no_pings(usec: str) -> None:
    assert notifier("/run/x", WATCHDOG_USEC=usec).watchdog_interval_ms is None


def test_a_huge_watchdog_usec_is_kept_within_a_timers_range() -> None:
    # A Qt timer's interval is a signed 32-bit count of milliseconds (about 24.8 days).
    assert notifier("/run/x", WATCHDOG_USEC=str(10**20)).watchdog_interval_ms == 2**31 - 1
    assert notifier("/run/x", WATCHDOG_USEC="4294967294000").watchdog_interval_ms == 2**31 - 1


def test_a_status_cannot_smuggle_another_line() -> None:
    with NotifyReceiver() as receiver:
        notifier(receiver.address).status("backend down\nREADY=1")
        assert received(receiver, 1) == ["STATUS=backend down READY=1"]


def test_a_missing_socket_is_logged_once_and_never_raises(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sender = notifier("/nonexistent/notify")
    with caplog.at_level(logging.DEBUG, logger="kiosk.core.sdnotify"):
        assert not sender.ready()
        assert not sender.watchdog()
        assert not sender.watchdog()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "systemd notification not sent" in warnings[0].getMessage()


def test_a_full_socket_drops_the_ping_instead_of_blocking() -> None:
    # Nobody reads this socket: once its queue is full, a blocking send would hang the GUI.
    with tempfile.TemporaryDirectory(prefix="sdn") as folder:
        address = os.path.join(folder, "notify")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.bind(address)
        try:
            sender = notifier(address)
            results = [sender.watchdog() for _ in range(5000)]
        finally:
            listener.close()
    assert results[0] is True
    assert results[-1] is False  # dropped, and the loop finished: nothing blocked
