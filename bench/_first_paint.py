"""Child process of the cold-start benchmark: prints ``painted`` at the first paint, then exits.

``bare``: a QLabel in a plain PySide6 window. ``kiosk``: the real kiosk (``kiosk.app.run``) on
its embedded sandbox. Both run offscreen and exit at once after the first paint of their window.
"""

from __future__ import annotations

import os
import sys

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


def main() -> None:
    which = sys.argv[1]
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
    cli.main(["run", "--windowed", "--local", "--port", "0"])


if __name__ == "__main__":
    main()
