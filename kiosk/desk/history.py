"""The desk's history: the journal as a searchable, sortable table (issue 13 point 7).

The employee searches by reference or session id, narrows by outcome and by a range of days,
sorts by reference, start time or outcome (click a column's header), reads the full reasons of
the selected row below the table, and exports the rows shown as CSV (for their own systems).

Times are shown in local time (the journal stores UTC). Server text is made printable; the CSV
is neutralised for spreadsheets (:func:`kiosk.core.journal.write_csv`) and written atomically
as a 0600 file (it holds personal data). Queries run off the GUI thread
(:mod:`kiosk.desk.history_loader`): they are fast (a few milliseconds for 10,000 rows), but
they read a file, and the desk window also draws the live sessions. The newest
:data:`ROW_LIMIT` matching rows are shown; the count line says when the limit cut older ones.
The desk calls :meth:`HistoryView.refresh` when a session ends.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QItemSelectionModel,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import private_files
from kiosk.core.journal import JournalEntry, write_csv
from kiosk.core.state import SessionOutcome
from kiosk.desk.history_format import (
    day_range,
    ids_text,
    local_time,
    one_line,
    reasons_of,
    score,
)
from kiosk.desk.history_loader import HistoryLoader, HistoryQuery
from kiosk.desk.history_model import (
    ENTRY_ROLE,
    REASONS,
    SORT_ROLE,
    STARTED,
    HistoryModel,
    outcome_label,
)

if TYPE_CHECKING:
    from kiosk.core.journal_writer import JournalWriter

ROW_LIMIT = 1000
"""The most rows one query shows (the newest); narrowing the search reaches older ones."""

SEARCH_PAUSE_MS = 250
"""Typing waits this long before querying: one query per pause, not one per keystroke."""


class HistoryView(QWidget):
    """The journal's sessions. ``journal``: the desk's journal writer (its :meth:`search` reads
    through a connection of its own), or None (nothing recorded: an empty table that says so).
    ``save_path``: asks where to export (default: a file dialog; tests pass their own).

    Signals:
    loaded(int): a query's rows are shown (their count).
    """

    loaded = Signal(int)

    def __init__(
        self,
        journal: JournalWriter | None,
        parent: QWidget | None = None,
        *,
        save_path: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DeskHistory")
        self._journal = journal
        self._save_path = save_path or self._ask_save_path
        self._selected_row: int | None = None
        self.loader = HistoryLoader(self._search, self)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search a reference or a session id"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.addItem(self.tr("All outcomes"), None)
        for value in SessionOutcome:
            self.outcome.addItem(outcome_label(value), value.value)
        self.dated = QCheckBox(self.tr("Between"))
        self.dated.setToolTip(self.tr("Only the sessions started between these days (included)"))
        today = QDate.currentDate()
        self.first_day = self._date_edit(today.addDays(-30), self.tr("First day"))
        self.last_day = self._date_edit(today, self.tr("Last day"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save the sessions shown as a CSV file"))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.outcome, 1)
        filters.addWidget(self.dated)
        filters.addWidget(self.first_day)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.last_day)
        filters.addWidget(self.export_button)

        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Sessions"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STARTED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Session details"))
        # Long ids and reasons with no space still wrap instead of running off the edge.
        self.details.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.details.setPlaceholderText(self.tr("Select a session to read its full reasons."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.setAccessibleName(self.tr("Sessions shown"))

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.count)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_PAUSE_MS)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self.refresh)
        self.outcome.currentIndexChanged.connect(self.refresh)
        self.dated.toggled.connect(self._dates_toggled)
        self.first_day.dateChanged.connect(self._dates_changed)
        self.last_day.dateChanged.connect(self._dates_changed)
        self.export_button.clicked.connect(self.export)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # Ctrl+C in the table copies the selected session's ids (QTableView copied one cell),
        # as the desk's result view does; the details below copy their selected text.
        copy = QAction(self.tr("Copy the session's ids"), self.table)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self.copy_ids)
        self.table.addAction(copy)
        self.first_day.setEnabled(False)
        self.last_day.setEnabled(False)
        self.refresh()

    def _date_edit(self, day: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    # The query.

    def set_journal(self, journal: JournalWriter | None) -> None:
        """Read another journal (the desk opens it after this view exists) and refresh."""
        self._journal = journal
        self.refresh()

    def query(self) -> HistoryQuery:
        """What the filters ask for."""
        since = until = None
        if self.dated.isChecked():
            since, until = day_range(
                self.first_day.date().toPython(),  # type: ignore[arg-type]
                self.last_day.date().toPython(),  # type: ignore[arg-type]
            )
        return HistoryQuery(
            text=self.search.text().strip(),
            outcome=self.outcome.currentData(),
            since=since,
            until=until,
            limit=ROW_LIMIT,
        )

    def refresh(self) -> None:
        """Run the filters' query again (off the GUI thread); the table follows when it is
        done. The desk calls this when a session ends."""
        self._typing.stop()
        self.loader.load(self.query())

    @property
    def loading(self) -> bool:
        """A query is running or waiting."""
        return self.loader.busy

    def _search(self, query: HistoryQuery) -> list[JournalEntry]:
        """On the loader's thread."""
        journal = self._journal
        if journal is None:
            return []
        return journal.search(query.text, query.outcome, query.since, query.until, query.limit)

    def _loaded(self, query: HistoryQuery, entries: list[JournalEntry]) -> None:
        if query != self.query():
            # The filters changed since: their own query is on its way (or about to be, once
            # the typing pause ends); showing this one would flicker.
            return
        keep = self._selected_row
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        self._limit_widths()
        self._reselect(keep)
        if self._journal is None:
            self.count.setText(self.tr("No journal: sessions are not recorded."))
        elif len(entries) >= query.limit:
            self.count.setText(
                self.tr(
                    "The newest {n} sessions that match; narrow the search for older ones."
                ).format(n=len(entries))
            )
        else:
            self.count.setText(self.tr("%n sessions.", "", len(entries)))
        self.loaded.emit(len(entries))

    def _failed(self, query: HistoryQuery, message: str) -> None:
        self.count.setText(self.tr("The journal cannot be read: {error}").format(error=message))

    def _limit_widths(self) -> None:
        """Columns fit their text, but no single one (a long id) takes the whole width."""
        most = max(120, self.table.viewport().width() // 3)
        for column in range(REASONS):
            if self.table.columnWidth(column) > most:
                self.table.setColumnWidth(column, most)

    def _dates_toggled(self, on: bool) -> None:
        self.first_day.setEnabled(on)
        self.last_day.setEnabled(on)
        self.refresh()

    def _dates_changed(self) -> None:
        if self.dated.isChecked():
            self.refresh()

    # The selection and its details.

    def shown_entries(self) -> list[JournalEntry]:
        """The rows shown, in the table's order (sorted as the employee chose)."""
        return [self.proxy.index(row, 0).data(ENTRY_ROLE) for row in range(self.proxy.rowCount())]

    def selected_entry(self) -> JournalEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ENTRY_ROLE) if rows else None

    def _reselect(self, row_id: int | None) -> None:
        """After a reload, select the same journal row again if it is still shown."""
        if row_id is not None:
            for row in range(self.proxy.rowCount()):
                entry = self.proxy.index(row, 0).data(ENTRY_ROLE)
                if entry.id == row_id:
                    # Not selectRow(): right to left (Arabic) it selects nothing.
                    self.table.selectionModel().setCurrentIndex(
                        self.proxy.index(row, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    return
        self._show_details(None)

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_details(self.selected_entry())

    def _show_details(self, entry: JournalEntry | None) -> None:
        self._selected_row = entry.id if entry is not None else None
        self.details.setPlainText("" if entry is None else self.details_text(entry))

    def details_text(self, entry: JournalEntry) -> str:
        """Everything the journal holds on one session, in words (plain text: nothing from
        the server is read as markup)."""
        lines = [
            self.tr("Reference: {value}").format(value=one_line(entry.reference) or "–"),
            self.tr("Outcome: {value}").format(value=outcome_label(entry.outcome))
            + (f" ({one_line(entry.status, 40)})" if entry.status else ""),
            self.tr("Started: {value}").format(value=local_time(entry.started_at, zone=True)),
            self.tr("Ended: {value}").format(value=local_time(entry.ended_at, zone=True) or "–"),
            self.tr("Checks: {value}").format(value=one_line(entry.scopes.replace(",", ", "))),
            self.tr("Scores: liveness {l}, deepfake {d}, face match {s}").format(
                l=score(entry.liveness_score),
                d=score(entry.deepfake_score),
                s=score(entry.similarity),
            ),
            self.tr("Session id: {value}").format(value=one_line(entry.session_id)),
        ]
        if entry.template_id:
            lines.append(
                self.tr("Matched template: {value}").format(value=one_line(entry.template_id))
            )
        if entry.enrolled_template_id:
            lines.append(
                self.tr("Enrolled template: {value}").format(
                    value=one_line(entry.enrolled_template_id)
                )
            )
        reasons = reasons_of(entry)
        if reasons:
            lines.append(self.tr("Reasons:"))
            lines += [f"  • {reason}" for reason in reasons]
        if entry.error:
            lines.append(self.tr("Error: {value}").format(value=one_line(entry.error, None)))
        return "\n".join(lines)

    def copy_ids(self) -> str:
        """Put the selected session's ids on the clipboard; returns them ("" if none)."""
        entry = self.selected_entry()
        text = ids_text(entry) if entry is not None else ""
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    # The export.

    def _ask_save_path(self) -> str | None:
        name = f"history-{datetime.now().strftime('%Y%m%d-%H%M')}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the sessions shown"), str(Path.home() / name), "CSV (*.csv)"
        )
        return path or None

    def export(self) -> int | None:
        """Write the rows shown (filtered, in the table's order) to a CSV file the employee
        picks; returns the count, or None if nothing was written (the count line says why)."""
        target = self._save_path()
        if not target:
            return None
        entries = self.shown_entries()
        buffer = io.StringIO(newline="")
        write_csv(entries, buffer)
        try:
            private_files.write_text(Path(target), buffer.getvalue())
        except OSError as exc:
            self.count.setText(self.tr("Not exported: {error}").format(error=exc.strerror or exc))
            return None
        self.count.setText(
            self.tr("Exported %n sessions to {path}.", "", len(entries)).format(path=target)
        )
        return len(entries)
