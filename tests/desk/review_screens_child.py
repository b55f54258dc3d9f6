"""Review child: unplug, plug back, unplug again; and spec "1" with two screens."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.backend import Backend, BackendStarter
from kiosk.config import KioskConfig
from kiosk.core.credentials import Credentials
from kiosk.core.settings import DEFAULTS
from kiosk.desk.app import build
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, make_config
from tests.desk.desk_screens_child import wait_until, where
from tests.desk.multiscreen import CUSTOMER, DESK, set_screens


def main() -> None:
    app = QApplication(sys.argv[:1])
    spec = sys.argv[1]
    home = Path(os.environ["KIOSK_HOME"])
    found: dict = {}
    with SandboxServer(make_config(step_seconds=0.6)) as sandbox:

        def opener() -> Backend:
            trusted = [sandbox.local_url, sandbox.public_url]
            return Backend(sandbox.local_url, Credentials(APP_ID, APP_KEY), trusted, lambda: None)

        starter = BackendStarter(opener)
        settings = replace(DEFAULTS, desk_customer_screen=spec, poll_interval=0.2)
        config = KioskConfig(settings, home / "settings.toml")

        def nobody() -> Iterator[str]:
            while True:
                yield None  # type: ignore[misc]

        desk = build(config, starter, scenarios=nobody(), confirm_quit=lambda _w, _n: True)
        desk.window.show()
        starter.start()
        link = desk.customer
        wait_until(lambda: link.view.isVisible())
        found["desk_window_screen"] = desk.window.screen().name()
        found["at_start"] = where(link)
        if spec == "1":
            from kiosk.desk.preferences import PreferencesDialog

            dialog = PreferencesDialog(home / "settings.toml", desk.window)
            model = dialog.screen_choice.model()
            found["preferences"] = [
                [dialog.screen_choice.itemText(i), model.item(i).isEnabled()]
                for i in range(dialog.screen_choice.count())
            ]
            dialog.deleteLater()
        desk.window.start("CUST-SCREEN", ("liveness",))
        wait_until(lambda: link.view.page == "code")
        if spec == "2":
            for round_ in ("1", "2"):
                set_screens([DESK])
                wait_until(lambda: link.panel.isVisible() and link.view.isVisible(), 5)
                found[f"unplugged{round_}"] = where(link)
                found[f"panel_widget_is_view{round_}"] = link.panel.widget() is link.view
                set_screens([DESK, CUSTOMER])
                wait_until(lambda: link.display.has_screen and link.view.isVisible(), 5)
                found[f"back{round_}"] = where(link)
        desk.shutdown()
        starter.close()
    print(json.dumps(found), flush=True)
    app.quit()


if __name__ == "__main__":
    main()
