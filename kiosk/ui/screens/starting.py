"""Starting: immediate feedback while the session is created off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from kiosk.ui.screens.common import Screen, label


class StartingScreen(Screen):
    """Shown from the tap until the QR code is ready (normally a fraction of a second)."""

    def __init__(self, parent: QWidget | None = None, *, animated: bool = True) -> None:
        """``animated``: show the moving busy bar (False with reduced motion: the title alone
        says what is happening)."""
        super().__init__(parent)
        self.title = label(self.tr("Preparing your code…"), "Title")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Preparing"))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(30)
        layout.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        # Only once it has a parent: setVisible(True) on a parentless widget opens a window.
        self.busy.setVisible(animated)
        layout.addStretch(1)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.busy.setFixedWidth(max(200, self.width() // 3))
