"""Child process of the cold-start benchmark: prints ``painted`` at the first paint, then exits.

``bare``: a QLabel in a plain PySide6 window. ``kiosk``: the real kiosk (``kiosk.cli.main``) on
its embedded sandbox. Both run offscreen and exit at once after the first paint of their window.

The kiosk's own modules are imported before PySide6, as ``python -m kiosk`` imports them (the
watcher below needs PySide6, but must not change the order the kiosk pays its imports in).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    which = sys.argv[1]
    if which == "kiosk":
        # What `python -m kiosk` has imported by the time kiosk.app.run imports PySide6.
        import kiosk.app
        import kiosk.cli
        import kiosk.config
        import kiosk.logs
        import kiosk.paths  # noqa: F401

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    class FirstPaint(QObject):
        def __init__(self, window_type: type[QWidget]) -> None:
            super().__init__()
            self._type = window_type

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and isinstance(watched, self._type):
                print("painted", flush=True)
                os._exit(0)  # the measurement ends at the first paint; skip teardown
            return False

    app = QApplication(sys.argv[:1])
    if which == "bare":
        watcher = FirstPaint(QLabel)
        app.installEventFilter(watcher)
        label = QLabel("Verify your identity")
        label.resize(1280, 800)
        label.show()
        app.exec()
        return
    from kiosk import cli
    from kiosk.ui.window import KioskWindow

    watcher = FirstPaint(KioskWindow)
    app.installEventFilter(watcher)
    cli.main(["run", "--windowed", "--listen", "local", "--port", "0"])


if __name__ == "__main__":
    main()
