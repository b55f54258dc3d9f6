"""The child process of test_desk_screens.py: the whole desk (kiosk.desk.app.build) on a real
sandbox, with two offscreen screens, the customer screen unplugged and plugged back in
mid-session. Prints one JSON line of findings. Not a test module itself.

Run under ``QT_QPA_PLATFORM=offscreen:configfile=<desk + customer screens>`` with ``KIOSK_HOME``
set to a temporary folder (test_desk_screens.py does both).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

from kiosk.backend import Backend, BackendStarter
from kiosk.config import KioskConfig
from kiosk.core.credentials import Credentials
from kiosk.core.settings import DEFAULTS
from kiosk.desk.app import build
from kiosk.desk.customer_link import CustomerLink
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, make_config
from tests.desk.multiscreen import CUSTOMER, DESK, set_screens


def wait_until(condition: Callable[[], bool], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def where(link: CustomerLink) -> dict[str, Any]:
    view = link.view
    screen = view.screen()
    return {
        "on_customer_screen": link.display.has_screen,
        "is_window": view.isWindow(),
        "visible": view.isVisible(),
        "screen": screen.name() if screen is not None else None,
        "in_desk_panel": link.panel.isVisible() and view.parentWidget() is link.panel,
        "page": view.page,
    }


def main() -> None:
    app = QApplication(sys.argv[:1])
    home = Path(os.environ["KIOSK_HOME"])
    found: dict[str, Any] = {}
    with SandboxServer(make_config(step_seconds=0.6)) as sandbox:

        def opener() -> Backend:
            trusted = [sandbox.local_url, sandbox.public_url]
            return Backend(sandbox.local_url, Credentials(APP_ID, APP_KEY), trusted, lambda: None)

        starter = BackendStarter(opener)
        settings = replace(DEFAULTS, desk_customer_screen="2", poll_interval=0.2)
        config = KioskConfig(settings, home / "settings.toml")

        def nobody() -> Iterator[str]:
            while True:
                yield None  # type: ignore[misc] - the customer has not scanned yet

        desk = build(config, starter, scenarios=nobody(), confirm_quit=lambda _w, _n: True)
        desk.window.show()
        starter.start()
        link = desk.customer
        wait_until(lambda: link.view.isVisible())
        found["at_start"] = where(link)
        key = desk.window.start("CUST-SCREEN", ("liveness",))
        assert key is not None
        wait_until(lambda: link.view.page == "code")
        found["live"] = where(link)
        set_screens([DESK])  # unplugged mid-session
        wait_until(lambda: link.panel.isVisible())
        found["unplugged"] = where(link)
        found["status"] = desk.window.statusBar().currentMessage()
        set_screens([DESK, CUSTOMER])  # plugged back in
        wait_until(lambda: link.display.has_screen and link.view.isVisible())
        found["back"] = where(link)
        found["session_live"] = desk.sessions.get(key).live  # type: ignore[union-attr]
        desk.shutdown()
        found["threads"] = len(desk.sessions.threads)
        starter.close()
    print(json.dumps(found), flush=True)
    app.quit()


if __name__ == "__main__":
    main()
