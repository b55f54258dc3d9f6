"""The child process of the customer-screen tests: one scenario on the screens it was given.

Run by :func:`tests.desk.multiscreen.run_child` under ``QT_QPA_PLATFORM=offscreen:configfile=``;
prints one JSON line of findings (the test asserts on them). Not a test module itself.

The screenshots in docs/screenshots/desk-customer*.png are made by its ``screenshots``
scenario (the view full screen on a 1280x800 customer screen, in Spanish)::

    .venv/bin/python -c "from pathlib import Path; import tempfile; \
        from tests.desk.multiscreen import run_child, DESK, CUSTOMER; \
        run_child('screenshots', [DESK, CUSTOMER], Path(tempfile.mkdtemp()), 'docs/screenshots')"

and desk-customer-preferences.png by ``preferences <a scratch settings file> <png path>``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.desk.customer_display import CustomerDisplay
from kiosk.ui.shipped_look import install_fonts
from tests.desk.multiscreen import CUSTOMER, DESK, set_screens

URL = "http://127.0.0.1:8765/flow/s/7f3a9c2e-demo"


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Process Qt's events until ``condition`` holds (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def where(display: CustomerDisplay) -> dict[str, Any]:
    """Where the customer's view is, as the tests check it."""
    view = display.view
    screen = view.screen()
    geometry = view.geometry()
    return {
        "has_screen": display.has_screen,
        "is_window": view.isWindow(),
        "visible": view.isVisible(),
        "full_screen": view.isFullScreen(),
        "frameless": bool(view.windowFlags() & Qt.WindowType.FramelessWindowHint),
        "screen": screen.name() if screen is not None else None,
        "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "parent": view.parentWidget().objectName() if view.parentWidget() else None,
    }


class Desk(QWidget):
    """Stands in for the desk window: embeds the view when it is handed back."""

    def __init__(self, display: CustomerDisplay) -> None:
        super().__init__()
        self.setObjectName("desk")
        self.display = display
        self.returns = 0
        self.placed: list[str] = []
        QVBoxLayout(self)
        display.returned_to_desk.connect(self.take_back)
        display.placed.connect(self.placed.append)
        self.resize(900, 700)
        self.show()

    def take_back(self) -> None:
        self.returns += 1
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.display.show_in(self))


def settled(display: CustomerDisplay) -> bool:
    view = display.view
    screen = display.screen
    return (
        screen is not None
        and view.isVisible()
        and view.isFullScreen()
        and view.geometry() == screen.geometry()
    )


def scenario_place(spec: str) -> dict[str, Any]:
    display = CustomerDisplay()
    desk = Desk(display)
    placed = display.configure(spec)
    wait_until(lambda: settled(display))
    return {"placed": placed, "returns": desk.returns, "signals": desk.placed, **where(display)}


def scenario_missing(spec: str) -> dict[str, Any]:
    display = CustomerDisplay()
    desk = Desk(display)
    placed = display.configure(spec)
    wait_until(lambda: display.view.isVisible())
    return {"placed": placed, "returns": desk.returns, **where(display)}


def scenario_unplug() -> dict[str, Any]:
    display = CustomerDisplay()
    desk = Desk(display)
    display.configure("2")
    before = dict(where(display)) if wait_until(lambda: settled(display)) else where(display)
    removed: list[str] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.screenRemoved.connect(lambda s: removed.append(s.name()))
    set_screens([DESK])
    wait_until(lambda: display.view.isVisible() and not display.view.isWindow())
    unplugged = where(display)
    unplugged["screens"] = [s.name() for s in app.screens()]
    set_screens([DESK, CUSTOMER])
    wait_until(lambda: settled(display))
    return {
        "before": before,
        "removed": removed,
        "unplugged": unplugged,
        "returns": desk.returns,
        "signals": desk.placed,
        "back": where(display),
    }


def scenario_screenshots(folder: str) -> dict[str, Any]:
    display = CustomerDisplay()
    Desk(display)
    display.configure("B-customer")
    wait_until(lambda: settled(display))
    view = display.view
    view.set_language("es")
    view.show_code(encode(URL))
    QCoreApplication.processEvents()
    code = Path(folder) / "desk-customer.png"
    saved = [view.grab().save(str(code))]
    status = SessionStatus.from_wire(
        {
            "status": "IN_PROGRESS",
            "scopes": ["liveness", "deepfake", "search"],
            "nextStep": "DEEPFAKE",
        }
    )
    view.show_progress(status)
    QCoreApplication.processEvents()
    saved.append(view.grab().save(str(Path(folder) / "desk-customer-progress.png")))
    view.show_result(
        False,
        (
            "Face match: similarity 0.41 is below the threshold 0.80.",
            "Liveness check failed: the face did not pass as a live person.",
        ),
    )
    QCoreApplication.processEvents()
    saved.append(view.grab().save(str(Path(folder) / "desk-customer-result.png")))
    return {"saved": saved, "texts": view.texts(), **where(display)}


def scenario_preferences(settings_file: str, shot: str = "") -> dict[str, Any]:
    from kiosk.desk.preferences import PreferencesDialog

    dialog = PreferencesDialog(Path(settings_file))
    items = [dialog.screen_choice.itemText(i) for i in range(dialog.screen_choice.count())]
    dialog.screen_choice.setCurrentIndex(2)
    dialog.fields["handoff_url"].setText("http://127.0.0.1:9000/results")
    if shot:
        dialog.show()
        wait_until(dialog.isVisible)
        dialog.grab().save(shot)
    saved = dialog.save()
    return {"items": items, "saved": saved, "values": dialog.values}


def main() -> None:
    app = QApplication(sys.argv[:1])
    install_fonts(app)
    scenario, *args = sys.argv[1:]
    run = {
        "place": scenario_place,
        "missing": scenario_missing,
        "unplug": scenario_unplug,
        "screenshots": scenario_screenshots,
        "preferences": scenario_preferences,
    }[scenario]
    found = run(*args)
    found["screens"] = found.get("screens") or [s.name() for s in app.screens()]
    print(json.dumps(found), flush=True)


if __name__ == "__main__":
    main()
