"""The kiosk window under a fake systemd: READY=1 after the first paint, then WATCHDOG=1 from
the GUI thread, which stop while that thread is frozen (so systemd would restart the kiosk)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk import watchdog
from tests.gui.harness import Kiosk
from tests.support.notify_socket import NotifyReceiver

WATCHDOG_USEC = 200_000  # systemd's WatchdogSec: the kiosk pings every 0.1 s
FREEZE_SECONDS = 1.0  # five watchdog periods


@pytest.fixture
def systemd(monkeypatch: pytest.MonkeyPatch) -> Iterator[NotifyReceiver]:
    """A fake service manager's notify socket, announced in the environment."""
    with NotifyReceiver() as receiver:
        monkeypatch.setenv("NOTIFY_SOCKET", receiver.address)
        monkeypatch.setenv("WATCHDOG_USEC", str(WATCHDOG_USEC))
        yield receiver


def pings_after(receiver: NotifyReceiver, moment: float) -> int:
    return sum(1 for at in receiver.times_of("WATCHDOG=1") if at > moment)


def test_ready_once_the_idle_screen_is_painted_then_regular_pings(
    make_kiosk: Callable[..., Kiosk],
    systemd: NotifyReceiver,
    qtbot: QtBot,
) -> None:
    kiosk = make_kiosk()
    kiosk.window.hide()  # not drawn yet: nothing may claim the kiosk is ready
    with watchdog.notifying(kiosk.window) as dog:
        assert dog is not None
        qtbot.wait(3 * WATCHDOG_USEC // 1000)  # events run, but no paint
        assert systemd.texts() == ["STATUS=Starting"]
        kiosk.window.show()
        qtbot.waitUntil(lambda: len(systemd.times_of("WATCHDOG=1")) >= 5, timeout=10_000)
        texts = systemd.texts()
        assert texts[1] == "READY=1\nSTATUS=Idle screen shown"
        assert set(texts[2:]) == {"WATCHDOG=1"}
        assert kiosk.window._painted
    qtbot.waitUntil(lambda: "STOPPING=1\nSTATUS=Stopping" in systemd.texts(), timeout=5000)
    stopped = len(systemd.texts())
    qtbot.wait(3 * WATCHDOG_USEC // 1000)
    assert len(systemd.texts()) == stopped  # no ping after STOPPING


def test_a_frozen_gui_thread_stops_the_pings_and_they_resume_after(
    kiosk: Kiosk,
    systemd: NotifyReceiver,
    qtbot: QtBot,
) -> None:
    frozen: list[float] = []

    def freeze() -> None:
        # The test's seam: this slot runs on the GUI thread and holds it, as a hang would.
        frozen.append(time.monotonic())
        time.sleep(FREEZE_SECONDS)
        frozen.append(time.monotonic())

    with watchdog.notifying(kiosk.window):
        qtbot.waitUntil(lambda: len(systemd.times_of("WATCHDOG=1")) >= 3, timeout=10_000)
        QTimer.singleShot(0, freeze)
        qtbot.waitUntil(lambda: len(frozen) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: pings_after(systemd, frozen[1]) >= 3, timeout=10_000)
    start, end = frozen
    pings = systemd.times_of("WATCHDOG=1")
    margin = 0.05  # a ping sent just before the freeze may be received just after it began
    assert [at for at in pings if start + margin < at < end - margin] == []
    gaps = [later - earlier for earlier, later in itertools.pairwise(pings)]
    # systemd kills a service whose pings are further apart than WatchdogSec.
    assert max(gaps) > WATCHDOG_USEC / 1e6
    assert max(gaps) >= FREEZE_SECONDS - margin
    assert any(at < start for at in pings)  # it was pinging before


@pytest.mark.parametrize("usec", ["4294967296000", "99999999999999999999"])
def test_a_watchdog_usec_beyond_qts_timer_range_still_starts_and_pings(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, usec: str
) -> None:
    # Half of it in ms is past a QTimer's 32-bit interval: setInterval raised OverflowError
    # and the kiosk did not start (a restart loop under systemd).
    with NotifyReceiver() as receiver:
        monkeypatch.setenv("NOTIFY_SOCKET", receiver.address)
        monkeypatch.setenv("WATCHDOG_USEC", usec)
        with watchdog.notifying(kiosk.window) as dog:
            assert dog is not None
            qtbot.waitUntil(lambda: "WATCHDOG=1" in receiver.texts(), timeout=10_000)
