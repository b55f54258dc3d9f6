"""The desk's history as a Qt table model: one row per journal entry, sortable by reference,
start time and outcome.

Cells show text made printable (server text is hostile) and times in local time; each cell
also carries a sort key under :data:`SORT_ROLE` (the UTC ISO string sorts as time does, a
reference sorts ignoring case, an outcome by the label the employee reads).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from kiosk.core.journal import JournalEntry
from kiosk.core.state import SessionOutcome
from kiosk.desk.history_format import local_time, one_line, reasons_of

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's :class:`JournalEntry` (any column)."""

REFERENCE, STARTED, OUTCOME, CHECKS, SESSION, REASONS = range(6)


def outcome_label(outcome: str | None) -> str:
    """The outcome as the employee reads it (translated); an unknown one as it is stored."""
    translate = QCoreApplication.translate
    labels: dict[str, str] = {
        SessionOutcome.PASS: translate("History", "Passed"),
        SessionOutcome.FAIL: translate("History", "Not passed"),
        SessionOutcome.FAILED: translate("History", "Failed (service)"),
        SessionOutcome.EXPIRED: translate("History", "Expired"),
        SessionOutcome.CANCELED: translate("History", "Cancelled by the customer"),
        SessionOutcome.ERROR: translate("History", "Error"),
        SessionOutcome.UNFINISHED: translate("History", "Unfinished"),
        SessionOutcome.CANCELED_AT_KIOSK: translate("History", "Cancelled by staff"),
        SessionOutcome.WALKED_AWAY: translate("History", "Walked away"),
        SessionOutcome.INTERRUPTED: translate("History", "Interrupted"),
    }
    if outcome is None:
        return translate("History", "In progress")
    return labels.get(outcome) or one_line(outcome, 40)


class HistoryModel(QAbstractTableModel):
    """The rows of one query, in the order the journal gave them (newest first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[JournalEntry] = []

    @property
    def entries(self) -> list[JournalEntry]:
        return list(self._entries)

    def set_entries(self, entries: list[JournalEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [
            translate("History", "Reference"),
            translate("History", "Started"),
            translate("History", "Outcome"),
            translate("History", "Checks"),
            translate("History", "Session id"),
            translate("History", "Reasons"),
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else REASONS + 1

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(entry, column)
        if role == SORT_ROLE:
            return self._sort_key(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == REASONS:
            return "\n".join(reasons_of(entry)) or None
        return None

    def _shown(self, entry: JournalEntry, column: int) -> str:
        if column == REFERENCE:
            return one_line(entry.reference, 64)
        if column == STARTED:
            return local_time(entry.started_at)
        if column == OUTCOME:
            return outcome_label(entry.outcome)
        if column == CHECKS:
            return one_line(entry.scopes.replace(",", ", "), 80)
        if column == SESSION:
            return one_line(entry.session_id, 80)
        reasons = reasons_of(entry)
        first = reasons[0] if reasons else one_line(entry.error, 120)
        return f"{first} (+{len(reasons) - 1})" if len(reasons) > 1 else first

    def _sort_key(self, entry: JournalEntry, column: int) -> str:
        if column == REFERENCE:
            # Rows without a reference (the kiosk's sessions) after those with one.
            return f"0{entry.reference.casefold()}" if entry.reference else "1"
        if column == STARTED:
            return entry.started_at  # UTC ISO 8601 with a fixed offset: sorts as time does
        if column == OUTCOME:
            return outcome_label(entry.outcome).casefold()
        return self._shown(entry, column).casefold()
