"""A kiosk window and a sandbox in this process, for the tap-to-QR and latency benchmarks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from bench.common import pump_until
from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.sandbox.app import SandboxConfig
from kiosk.sandbox.server import SandboxServer, generate_credentials
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow

SCOPES = ("liveness", "deepfake", "search")


class PaintCounter(QObject):
    """Counts paint events of one widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@dataclass
class Bench:
    server: SandboxServer
    client: VerificationClient
    controller: KioskController
    window: KioskWindow

    def settle(self) -> None:
        """Cancel any session and wait until its worker thread has ended."""
        self.controller.cancel()
        pump_until(lambda: not self.controller.threads)


@contextmanager
def kiosk(poll_interval: float = 1.0, size: tuple[int, int] = (1920, 1080)) -> Iterator[Bench]:
    app = QApplication.instance() or QApplication([])
    assert app is not None
    app_id, app_key = generate_credentials()
    # Scenario-free sessions with a slow pace: the benchmark moves them itself.
    config = SandboxConfig(app_id=app_id, app_key=app_key, step_seconds=3600)
    with SandboxServer(config) as server:
        client = VerificationClient(server.local_url, Credentials(app_id, app_key))
        policy = PollPolicy(interval=poll_interval, active_interval=poll_interval / 2)
        trusted = [server.local_url, server.public_url]

        def make_runner() -> SessionRunner:
            return SessionRunner(client, scopes=SCOPES, trusted_origins=trusted, policy=policy)

        controller = KioskController(make_runner)
        window = KioskWindow(controller, sandbox=True)
        window.resize(*size)
        window.show()
        for phase_screen in ("qr", "progress"):
            getattr(window, phase_screen)  # build the screens outside the timed part
        pump_until(lambda: window.isVisible())
        try:
            yield Bench(server, client, controller, window)
        finally:
            controller.shutdown()
            client.close()
            window.close()
