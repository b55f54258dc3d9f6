"""The operator desk's main window: a normal desktop window, not locked down.

Left, the table of sessions (several at once, :mod:`kiosk.desk.desk_sessions`); right, the
selected one (its QR code while live, its full result once final). Standard menus and
shortcuts: Ctrl+N new verification, Ctrl+C copy the selected text or the session's ids,
F1 help. The window's size and position are kept between runs (:mod:`kiosk.desk.geometry`).

The window's texts are for staff (English, translatable through ``self.tr``); the customer's
language is the customer view's business.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from kiosk.core.result_summary import summary_json
from kiosk.desk import geometry, receipt
from kiosk.desk.desk_sessions import DeskSessions, LimitReached
from kiosk.desk.detail_pane import DetailPane
from kiosk.desk.help import ask_to_quit, help_text, safe_file_name
from kiosk.desk.look import status_colours
from kiosk.desk.new_session import NewSessionDialog
from kiosk.desk.result_view import ids_text
from kiosk.desk.selection import focused_selection
from kiosk.desk.session_table import SessionTable, SessionTableModel

if TYPE_CHECKING:
    from kiosk.desk.customer_link import CustomerLink

log = logging.getLogger(__name__)


class DeskWindow(QMainWindow):
    """The desk window.

    Args:
        sessions: the desk's sessions (the window starts, shows, cancels and removes them).
        desk_scopes / default_scopes: the checks offered, and those ticked at first.
        geometry_path: where the window's size is kept (default: the data folder's file).
        confirm_quit: asked before closing while sessions are live (default: a message box).

    Signals:
        receipt_saved(Path): a receipt was written.
    """

    receipt_saved = Signal(Path)

    def __init__(
        self,
        sessions: DeskSessions,
        *,
        desk_scopes: Sequence[str],
        default_scopes: Sequence[str],
        geometry_path: Path | None = None,
        confirm_quit: Callable[[QWidget, int], bool] = ask_to_quit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("desk-window")
        self.setWindowTitle(self.tr("Verification desk"))
        self.sessions = sessions
        self.desk_scopes = tuple(desk_scopes)
        self.default_scopes = tuple(default_scopes)
        self.geometry_path = geometry_path or geometry.store_path()
        self.confirm_quit = confirm_quit
        self.customer: CustomerLink | None = None
        self.write_receipt: Callable[[Mapping[str, Any], Path], None] = receipt.write_receipt
        self.model = SessionTableModel(sessions, self)
        self.table = SessionTable(self.model, self)
        self.detail = DetailPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 560])  # the table's columns whole, the code beside
        self.setCentralWidget(self.splitter)
        self.running = QLabel(self)
        self.journal_problem = QLabel(self)
        self.journal_problem.hide()
        self.statusBar().addPermanentWidget(self.journal_problem)
        self.statusBar().addPermanentWidget(self.running)
        self._history: Callable[[], None] | None = None
        self._preferences: Callable[[], None] | None = None
        self.preferences_dialog: QWidget | None = None
        self._build_menus()
        self.table.selectionModel().selectionChanged.connect(self._refresh)
        self.table.copy_requested.connect(self.copy_ids)
        sessions.added.connect(self._on_added)
        sessions.changed.connect(self._on_changed)
        sessions.removed.connect(lambda _key: self._refresh())
        self.detail.cancel_requested.connect(self._cancel)
        self.detail.retry_requested.connect(self._retry)
        self.detail.close_requested.connect(self._close_row)
        self.detail.result.save_receipt_requested.connect(self.save_receipt)
        self.detail.result.copied.connect(
            lambda _t: self.statusBar().showMessage(self.tr("Copied."), 3000)
        )
        if not geometry.restore(self, self.splitter, self.geometry_path):
            self.resize(1200, 760)
        self._refresh()

    # Menus.

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.new_action = self._action(
            self.tr("&New verification…"), self.new_verification, QKeySequence.StandardKey.New
        )
        self.receipt_action = self._action(
            self.tr("&Save receipt…"), self.save_receipt, QKeySequence.StandardKey.Save
        )
        self.export_action = self._action(self.tr("&Export summary as JSON…"), self.export_summary)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence("Ctrl+Q"))
        self.preferences_action = self._action(
            self.tr("&Preferences…"), self._open_preferences, QKeySequence("Ctrl+,")
        )
        self.preferences_action.setEnabled(False)
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.receipt_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.copy_action = self._action(
            self.tr("&Copy ids"), self.copy_ids, QKeySequence.StandardKey.Copy
        )
        self.copy_json_action = self._action(
            self.tr("Copy &JSON summary"), self.copy_json, QKeySequence("Ctrl+Shift+C")
        )
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.copy_json_action)
        self.history_action = self._action(
            self.tr("&History"), self._open_history, QKeySequence("Ctrl+H")
        )
        self.history_action.setEnabled(False)
        self.customer_action = self._action(
            self.tr("Show to &customer"),
            self.show_to_customer,
            QKeySequence("F11"),
        )
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.history_action)
        view_menu.addAction(self.customer_action)
        self.help_action = self._action(
            self.tr("&Help"), self.show_help, QKeySequence.StandardKey.HelpContents
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)

    # Actions.

    def new_verification(self) -> None:
        """Ask for a reference and the checks (Ctrl+N), then start the session."""
        if self.sessions.live_count >= self.sessions.limit:
            self._say_limit()
            return
        dialog = NewSessionDialog(self.desk_scopes, self.default_scopes, self)
        self.new_dialog = dialog  # tests drive the open dialog
        dialog.finished.connect(lambda result: self._dialog_done(dialog, result))
        dialog.open()

    def _dialog_done(self, dialog: NewSessionDialog, result: int) -> None:
        dialog.deleteLater()
        if result != NewSessionDialog.DialogCode.Accepted:
            return
        reference, scopes = dialog.choice()
        self.start(reference, scopes)

    def start(self, reference: str | None, scopes: tuple[str, ...]) -> int | None:
        """Start a verification; a full desk says so instead (None)."""
        try:
            return self.sessions.start(reference, scopes)
        except LimitReached as exc:
            self._say_limit(str(exc))
            return None

    def _say_limit(self, text: str | None = None) -> None:
        message = text or self.tr(
            "%n verifications are already running, the most the desk follows at once. "
            "Wait for one to finish, or cancel one, then start this one.",
            "",
            self.sessions.limit,
        )
        self.statusBar().showMessage(message, 10_000)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Desk full"), message, parent=self)
        box.setObjectName("desk-limit")
        self.limit_box = box
        box.open()

    def selected_key(self) -> int | None:
        return self.table.selected_key()

    def attach_customer(self, link: CustomerLink) -> None:
        """Show sessions to the customer through ``link`` (View > Show to customer)."""
        self.customer = link
        self.detail.customer_enabled = True
        self.detail.show_customer_requested.connect(self.show_to_customer)
        link.panel.topLevelChanged.connect(self._customer_floating)
        self._refresh()

    def _customer_floating(self, floating: bool) -> None:
        if not floating and self.customer is not None:
            geometry.fit_docked(self, self.customer.panel, self.table)

    def set_history(self, open_history: Callable[[], None]) -> None:
        """View > History (Ctrl+H) opens the journal's history through ``open_history``."""
        self._history = open_history
        self.history_action.setEnabled(True)

    def set_preferences(self, open_preferences: Callable[[], None]) -> None:
        """File > Preferences opens the desk's preferences through ``open_preferences``."""
        self._preferences = open_preferences
        self.preferences_action.setEnabled(True)

    def _open_history(self) -> None:
        if self._history is not None:
            self._history()

    def _open_preferences(self) -> None:
        if self._preferences is not None:
            self._preferences()

    def show_journal_problem(self, problem: str | None) -> None:
        """Say in the status bar that the journal cannot be written (rows wait in its queue
        and are retried), or clear it."""
        self.journal_problem.setText(
            self.tr("Journal: %1").replace("%1", problem) if problem else ""
        )
        self.journal_problem.setStyleSheet(f"color: {status_colours(self)[1]}")
        self.journal_problem.setVisible(bool(problem))

    def show_to_customer(self) -> None:
        """Show the selected live session to the customer (F11)."""
        session = self.sessions.get(self.selected_key() or -1)
        if self.customer is not None and session is not None and session.live:
            self.customer.show_to_customer(session.key)

    def copy_ids(self) -> None:
        """Ctrl+C: the text selected in the focused widget when there is some, else the
        selected session's ids."""
        if selected := focused_selection():
            QGuiApplication.clipboard().setText(selected)
            return
        session = self.sessions.get(self.selected_key() or -1)
        if session is None:
            return
        if session.summary is not None:
            text = ids_text(session.summary)
        else:
            text = ids_text({"reference": session.reference, "session_id": session.session_id})
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Ids copied."), 3000)

    def copy_json(self) -> None:
        session = self.sessions.get(self.selected_key() or -1)
        if session is not None and session.summary is not None:
            QGuiApplication.clipboard().setText(summary_json(session.summary))
            self.statusBar().showMessage(self.tr("JSON summary copied."), 3000)

    def save_receipt(self, path: Path | None = None) -> Path | None:
        """Save the selected result's receipt as PDF (asks where unless ``path`` is given)."""
        session = self.sessions.get(self.selected_key() or -1)
        if session is None or session.summary is None:
            return None
        if path is None:
            name = f"receipt-{session.reference or session.session_id or session.key}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save receipt"),
                str(Path.home() / safe_file_name(name)),
                "PDF (*.pdf)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            self.write_receipt(session.summary, path)
        except OSError as exc:
            self._problem(self.tr("The receipt could not be saved: %1").replace("%1", str(exc)))
            return None
        self.statusBar().showMessage(self.tr("Receipt saved to %1").replace("%1", str(path)), 5000)
        self.receipt_saved.emit(path)
        return path

    def export_summary(self) -> None:
        """Save the selected result's JSON summary to a file."""
        session = self.sessions.get(self.selected_key() or -1)
        if session is None or session.summary is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export summary"), str(Path.home() / "summary.json"), "JSON (*.json)"
        )
        if chosen:
            try:
                Path(chosen).write_text(summary_json(session.summary) + "\n", encoding="utf-8")
            except OSError as exc:
                self._problem(self.tr("The summary could not be saved: %1").replace("%1", str(exc)))

    def show_help(self) -> None:
        """A short help text (F1)."""
        box = QMessageBox(self)
        box.setObjectName("desk-help")
        box.setWindowTitle(self.tr("Desk help"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(help_text(self.sessions.limit))
        self.help_box = box
        box.open()

    def _problem(self, message: str) -> None:
        log.warning("%s", message)
        QMessageBox.warning(self, self.tr("Desk"), message)

    def _cancel(self) -> None:
        if self.detail.key is not None:
            self.sessions.cancel(self.detail.key)

    def _retry(self) -> None:
        key = self.detail.key
        if key is not None:
            try:
                self.sessions.retry(key)
            except LimitReached as exc:
                self._say_limit(str(exc))

    def _close_row(self) -> None:
        if self.detail.key is not None:
            self.sessions.close(self.detail.key)

    # Updates.

    def _on_added(self, key: int) -> None:
        self.table.select_key(key)
        self._refresh()

    def _on_changed(self, key: int) -> None:
        if key == self.selected_key():
            self._refresh()
        else:
            self._update_actions()

    def _refresh(self, *_args: object) -> None:
        key = self.selected_key()
        session = None if key is None else self.sessions.get(key)
        if session is None:
            self.detail.show_nothing(has_sessions=bool(self.sessions.keys))
        else:
            text = self.model.status_text(session)
            if step := self.model.step_text(session):
                text = self.tr("%1: %2").replace("%1", text).replace("%2", step)
            self.detail.show_session(session, text)
        self._update_actions()

    def _update_actions(self) -> None:
        session = self.sessions.get(self.selected_key() or -1)
        final = session is not None and session.summary is not None
        self.copy_action.setEnabled(session is not None)
        self.copy_json_action.setEnabled(final)
        self.export_action.setEnabled(final)
        self.receipt_action.setEnabled(final)
        self.customer_action.setEnabled(
            self.customer is not None and session is not None and session.live
        )
        live = self.sessions.live_count
        self.running.setText(
            self.tr("%n of at most %1 running", "", live).replace("%1", str(self.sessions.limit))
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        live = self.sessions.live_count
        if live and not self.confirm_quit(self, live):
            event.ignore()
            return
        self.save_geometry()
        event.accept()

    def save_geometry(self) -> None:
        """Keep the window's size and place for the next run (on close, and on a quit by
        signal, which closes no window)."""
        geometry.save(self, self.splitter, self.geometry_path)
