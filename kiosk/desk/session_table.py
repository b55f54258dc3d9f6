"""The table of the desk's sessions: reference, status, step, time left, hand-off.

A model over :class:`DeskSessions` (rows in start order), refreshed row by row as sessions
change, and only the time-left column on the once-a-second tick.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from kiosk.core.models import Scope, Step
from kiosk.core.state import Ending, ErrorKind, Phase
from kiosk.desk.desk_sessions import DeskSession, DeskSessions
from kiosk.desk.look import DESK_FAIL, font_factor, status_colours
from kiosk.ui.screens.names import scope_name

REFERENCE, STATUS, STEP, TIME_LEFT, HANDOFF = range(5)
HANDOFF_MIN_WIDTH = 70
COLUMN_WIDTHS = {REFERENCE: 150, STATUS: 190, STEP: 90, TIME_LEFT: 75}
"""The columns' widths (pixels) at the desktop's font; scaled with the text scale."""
"""The hand-off column's least width kept in sight (its word: "delivered"; the tooltip has
the rest)."""
_Index = QModelIndex | QPersistentModelIndex
FAILED_COLOUR = QColor(DESK_FAIL)


class SessionTableModel(QAbstractTableModel):
    """One row per desk session, oldest first."""

    def __init__(self, sessions: DeskSessions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._keys: list[int] = list(sessions.keys)
        self.failed_colour = FAILED_COLOUR  # the view sets its look's (kiosk.desk.look)
        sessions.added.connect(self._on_added)
        sessions.removed.connect(self._on_removed)
        sessions.changed.connect(self._on_changed)
        sessions.tick.connect(self._on_tick)

    def key_at(self, row: int) -> int | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of(self, key: int) -> int | None:
        return self._keys.index(key) if key in self._keys else None

    # QAbstractTableModel.

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def headerData(  # noqa: N802 - Qt's API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("Reference"),
                self.tr("Status"),
                self.tr("Step"),
                self.tr("Time left"),
                self.tr("Hand-off"),
            ][section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        key = self.key_at(index.row())
        session = None if key is None else self._sessions.get(key)
        if session is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(session, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == HANDOFF and session.handoff_failed:
                return self.failed_colour
            if column == STATUS and session.state.phase is Phase.ERROR:
                return self.failed_colour
        if role == Qt.ItemDataRole.ToolTipRole and column in (STATUS, HANDOFF):
            return self._text(session, column)
        return None

    # Texts.

    def _text(self, session: DeskSession, column: int) -> str:
        if column == REFERENCE:
            return session.reference or self.tr("(none)")
        if column == STATUS:
            return self.status_text(session)
        if column == STEP:
            return self.step_text(session)
        if column == TIME_LEFT:
            left = self._sessions.seconds_left(session.key)
            return "" if left is None else f"{left // 60}:{left % 60:02d}"
        return session.handoff

    def verdict_text(self, verdict: str) -> str:
        """PASS or FAIL in the desk's language (another value as it is)."""
        return {"PASS": self.tr("PASS"), "FAIL": self.tr("FAIL")}.get(verdict, verdict)

    def status_text(self, session: DeskSession) -> str:
        """The row's status for staff: where the session is, or how it ended."""
        state = session.state
        phase = state.phase
        if phase is Phase.STARTING:
            return self.tr("Starting…")
        if phase in (Phase.QR, Phase.PROGRESS):
            text = self.tr("Waiting for the scan") if phase is Phase.QR else self.tr("In progress")
            return text + (self.tr(" (connection problem, retrying)") if state.retrying else "")
        if phase is Phase.RESULT and state.verdict is not None:
            return self.verdict_text(state.verdict.outcome.value)
        if phase is Phase.ENDED:
            if session.cancelled:
                return self.tr("Cancelled at the desk")
            return {
                Ending.EXPIRED: self.tr("Expired"),
                Ending.CANCELED: self.tr("Cancelled on the phone"),
                Ending.FAILED: self.tr("Failed"),
            }.get(state.ending or Ending.FAILED, self.tr("Ended"))
        if phase is Phase.ERROR:
            return self.tr("Error: %1 (retry or close)").replace("%1", self._error(state.error))
        return ""

    def _error(self, kind: ErrorKind | None) -> str:
        return {
            ErrorKind.NETWORK: self.tr("no connection to the server"),
            ErrorKind.CREDENTIALS: self.tr("the server refused the credentials"),
            ErrorKind.CONFIGURATION: self.tr("the server refused the request"),
            ErrorKind.UNREADABLE: self.tr("the server's answer could not be read"),
            ErrorKind.UNTRUSTED_URL: self.tr("the session link points at an untrusted site"),
            ErrorKind.SESSION_LOST: self.tr("the server lost the session"),
        }.get(kind or ErrorKind.INTERNAL, self.tr("an unexpected error"))

    def step_text(self, session: DeskSession) -> str:
        """The check the customer is doing now, for a live session ("" otherwise)."""
        status = session.state.status
        if not session.live or status is None or status.next_step is None:
            return ""
        step = status.next_step
        if step is Step.UNKNOWN:
            return self.tr("next step")
        return scope_name(Scope(step.value.lower()))

    # Updates from the sessions.

    def _on_added(self, key: int) -> None:
        row = len(self._keys)
        self.beginInsertRows(QModelIndex(), row, row)
        self._keys.append(key)
        self.endInsertRows()

    def _on_removed(self, key: int) -> None:
        row = self.row_of(key)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._keys[row]
        self.endRemoveRows()

    def _on_changed(self, key: int) -> None:
        row = self.row_of(key)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, HANDOFF))

    def _on_tick(self) -> None:
        if self._keys:
            last = len(self._keys) - 1
            self.dataChanged.emit(self.index(0, TIME_LEFT), self.index(last, TIME_LEFT))


class SessionTable(QTableView):
    """The table's view: whole rows selected, one at a time.

    Signals:
        copy_requested(): Ctrl+C in the table: the desk copies the selected session's ids
            (a table view would copy the text of the cell under the cursor).
    """

    copy_requested = Signal()

    def __init__(self, model: SessionTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("desk-sessions")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.columns_width = 0
        """The width that shows every column (the hand-off's least), for the layout."""
        self._size_columns()

    def _size_columns(self) -> None:
        """The columns' widths, for the desktop's font scaled by the text scale."""
        factor = font_factor(self)
        # The style gives headers a font of their own, which the window's does not reach.
        self.horizontalHeader().setFont(self.font())
        header = self.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():
            # At least the header's words: a translation may be longer than the English.
            self.setColumnWidth(column, max(round(width * factor), header.sectionSizeHint(column)))
        # The stretched last column never shrinks below the width it was given.
        self.setColumnWidth(HANDOFF, round(HANDOFF_MIN_WIDTH * factor))
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        columns = sum(self.columnWidth(c) for c in range(HANDOFF))
        self.columns_width = columns + round(HANDOFF_MIN_WIDTH * factor) + frame
        # Never squeezed past the reference (the rest scrolls into sight); a docked panel
        # leaves the table its columns when the window has room (geometry.fit_docked).
        self.setMinimumWidth(self.columnWidth(REFERENCE) + frame)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()
        elif event.type() == QEvent.Type.PaletteChange:
            self.table_model().failed_colour = QColor(status_colours(self)[1])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            self.copy_requested.emit()
            return
        super().keyPressEvent(event)

    def table_model(self) -> SessionTableModel:
        model = self.model()
        assert isinstance(model, SessionTableModel)
        return model

    def selected_key(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.table_model().key_at(rows[0].row()) if rows else None

    def select_key(self, key: int) -> None:
        row = self.table_model().row_of(key)
        if row is not None:
            # Not selectRow(): right to left (Arabic) it selects nothing (Qt 6, offscreen and
            # on screen alike), and the detail pane would stay empty.
            self.selectionModel().setCurrentIndex(
                self.table_model().index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
