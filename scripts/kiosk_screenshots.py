"""Screenshot every kiosk screen at 1920x1080 and 800x1280, offscreen, against the sandbox,
in English (kiosk-landscape-1-idle.png ...) and in Arabic (kiosk-ar-landscape-1-idle.png ...,
right to left), and the idle screen in every shipped language (kiosk-idle-de.png,
kiosk-idle-de-portrait.png).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/kiosk_screenshots.py [OUTPUT_DIR]
(default docs/screenshots). Each screen is reached through the real controller and sandbox.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication

from kiosk.backend import BackendConfig, BackendStarter, open_backend
from kiosk.config import KioskConfig, settings_file
from kiosk.core.settings import Settings
from kiosk.core.state import ErrorKind, KioskState, Phase
from kiosk.sessions import runner_factory
from kiosk.ui import shipped_look
from kiosk.ui.controller import ControllerOptions, KioskController
from kiosk.ui.i18n import NATIVE_NAMES, Languages
from kiosk.ui.language_switch import LanguageSwitch
from kiosk.ui.window import KioskWindow

SIZES = {"landscape": (1920, 1080), "portrait": (800, 1280)}
# Every screen in these languages ("" prefix: English, the names the README already links).
FULL = {"en": "", "ar": "ar-"}


def wait_until(predicate: Callable[[], bool], seconds: float = 20) -> None:
    deadline = QDeadlineTimer(int(seconds * 1000))
    while not predicate():
        if deadline.hasExpired():
            raise TimeoutError("the kiosk did not reach the expected screen")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    shipped_look.install_fonts(qt)  # the fonts the kiosk draws with
    backend = BackendConfig(None, step_seconds=1.5)
    config = KioskConfig(Settings(poll_interval=0.2), settings_file(None))
    starter = BackendStarter(functools.partial(open_backend, backend))
    scenarios = iter(["pass", "no_match", "expire", "pass"] * len(SIZES) * len(FULL))
    make_runner = runner_factory(starter, config, scenarios)
    controller = KioskController(make_runner, ControllerOptions(result_seconds=30))
    window = KioskWindow(controller, sandbox=True, open_url=lambda url: True)
    languages = Languages(qt, "en")
    switch = LanguageSwitch(window, languages)
    try:
        for name, (width, height) in SIZES.items():
            window.resize(width, height)
            window.show()
            for code in NATIVE_NAMES:
                switch.choose(code)
                QCoreApplication.processEvents()
                suffix = "" if name == "landscape" else f"-{name}"
                path = out / f"kiosk-idle-{code}{suffix}.png"
                window.grab().save(str(path))
                print(f"wrote {path}")
        for (language, prefix), (name, (width, height)) in (
            (lang, size) for lang in FULL.items() for size in SIZES.items()
        ):
            # The default is the language shot, so each return to idle stays in it.
            languages.default = language
            switch.choose(language)
            window.resize(width, height)
            window.show()

            def shot(screen: str, name: str = name, prefix: str = prefix) -> None:
                QCoreApplication.processEvents()
                path = out / f"kiosk-{prefix}{name}-{screen}.png"
                window.grab().save(str(path))
                print(f"wrote {path}")

            def reach(phase: Phase) -> None:
                wait_until(lambda: controller.state.phase is phase)

            shot("1-idle")
            controller.start()
            shot("2-starting")
            reach(Phase.QR)
            wait_until(lambda: controller.state.status is not None)  # the countdown needs it
            shot("3-qr")
            wait_until(lambda: controller.state.phase is Phase.PROGRESS)
            shot("4-progress")
            reach(Phase.RESULT)
            shot("5-result-pass")
            controller.dismiss()
            controller.start()
            reach(Phase.RESULT)
            shot("6-result-fail")
            controller.dismiss()
            controller.start()
            reach(Phase.ENDED)
            shot("7-ended-expired")
            controller.dismiss()
            controller.start()
            reach(Phase.QR)
            # The two screens below are drawn from a made-up state: the window is a pure view.
            window.show_state(replace(controller.state, retrying=True))
            shot("8-qr-retrying")
            controller.cancel()
            window.show_state(
                KioskState(
                    phase=Phase.ERROR,
                    error=ErrorKind.NETWORK,
                    error_message="Cannot connect to http://10.0.0.5:8765 (connection refused).",
                )
            )
            shot("9-error-network")
            window.show_state(
                KioskState(
                    phase=Phase.ERROR,
                    error=ErrorKind.UNREADABLE,
                    error_message="The session link from the server is not a valid URL.",
                )
            )
            shot("10-error-unreadable")
            window.show_state(controller.state)
    finally:
        languages.use("en")
        controller.shutdown()
        starter.close()
        qt.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
