"""The desk window's size, position and layout, kept between runs; and the layout again once
the customer panel docks back (:func:`fit_docked`).

A small INI file (Qt's own geometry blobs, through :class:`QSettings`) in the kiosk's data
folder (:func:`kiosk.paths.data_dir`, so ``KIOSK_HOME`` moves it with everything else): the
registry or ~/.config would hide it from the kiosk's own folders and from tests' temporary
homes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

from kiosk import paths

if TYPE_CHECKING:
    from kiosk.desk.session_table import SessionTable

FILE_NAME = "desk-window.ini"
log = logging.getLogger(__name__)


def store_path() -> Path:
    """Where the desk window's geometry is kept."""
    return paths.data_dir() / FILE_NAME


def restore(window: QMainWindow, splitter: QSplitter, path: Path) -> bool:
    """Put ``window`` back where it was; False when nothing was kept (or it was unreadable)."""
    if not path.exists():
        return False
    store = QSettings(str(path), QSettings.Format.IniFormat)
    geometry = store.value("window/geometry")
    if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
        return False
    state = store.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    sizes = store.value("window/splitter")
    if isinstance(sizes, QByteArray):
        splitter.restoreState(sizes)
    return True


def save(window: QMainWindow, splitter: QSplitter, path: Path) -> None:
    """Keep ``window``'s geometry (a folder that cannot be written is only logged by Qt)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # the desk still closes; it opens at its default size next time
        log.warning("could not keep the desk window's size in %s (%s)", path, exc)
        return
    store = QSettings(str(path), QSettings.Format.IniFormat)
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    store.setValue("window/splitter", splitter.saveState())
    store.sync()


def fit_docked(window: QMainWindow, panel: QDockWidget, table: SessionTable) -> None:
    """The customer panel docked again after "Show to customer": it would keep its full-screen
    width and squeeze the session table. Once the dock is back in the layout, the panel gets a
    third of the window, less when the table's columns and the detail need the room (never
    less than its own minimum), and the splitter gives the table its columns."""

    def fit() -> None:
        splitter = window.centralWidget()
        if panel.isFloating() or not isinstance(splitter, QSplitter) or splitter.count() < 2:
            return
        detail = splitter.widget(1).minimumSizeHint().width()  # type: ignore[union-attr]
        gaps = 3 * splitter.handleWidth() + 24  # splitter, dock separator, margins
        room = window.width() - table.columns_width - detail - gaps
        width = max(panel.minimumSizeHint().width(), min(window.width() // 3, room))
        window.resizeDocks([panel], [width], Qt.Orientation.Horizontal)
        if (layout := window.layout()) is not None:
            layout.activate()
        total = sum(splitter.sizes())
        first = max(min(table.columns_width, total - detail), table.minimumWidth())
        splitter.setSizes([first, total - first])

    fit()  # Qt has put the dock back in the layout when it says it is docked
    QTimer.singleShot(0, fit)  # and once more after the window's own layout pass
