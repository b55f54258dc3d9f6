"""The desk window's size, position and layout, kept between runs.

A small INI file (Qt's own geometry blobs, through :class:`QSettings`) in the kiosk's data
folder (:func:`kiosk.paths.data_dir`, so ``KIOSK_HOME`` moves it with everything else): the
registry or ~/.config would hide it from the kiosk's own folders and from tests' temporary
homes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from kiosk import paths

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
