"""The operator panel: staff open it with Ctrl+Alt+O and the PIN.

It lists recent sessions from the journal and exports them as CSV, tests the connection (without
creating a session), edits the settings (checked before they are saved; a mistake is shown and
the file is left as it was; a file another program changed while the panel was open is not
written over), and leaves kiosk mode.

The settings are edited in a form (:mod:`kiosk.ui.settings_form`: a field per setting, in
sections), the first and default view. The file's own text stays as a second view, "Advanced:
file", for what a form cannot do: keep the operator's own comments (the form writes the
documented file `kiosk settings init` writes, every key with its doc), paste a file prepared
for a fleet, or repair a file that is not valid TOML (the form cannot show one). Both save
through the same rules and messages. It lies over the kiosk window, so it cannot
be hidden behind a window that stays on top.

It is also where staff learn that the kiosk cannot keep its records (a broken journal, logs
that cannot be written): the customer screens never show those, so the panel's warning does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import private_files
from kiosk.core.journal import JournalError
from kiosk.core.settings import (
    DEFAULTS,
    Settings,
    SettingsError,
    documented_file,
    parse,
    read_toml,
)
from kiosk.ui.screens.common import button, label
from kiosk.ui.settings_form import SettingsForm
from kiosk.ui.worker import ConnectionCheck

if TYPE_CHECKING:
    from kiosk.core.journal_writer import JournalWriter
    from kiosk.core.secrets import PinGuard
    from kiosk.ui.lockdown import Lockdown

COLUMNS = ("started_at", "outcome", "status", "scopes", "similarity", "reasons")


class OperatorPanel(QFrame):
    """Signals:
    unlocked(): the right PIN was entered.
    """

    unlocked = Signal()

    def __init__(
        self,
        parent: QWidget,
        *,
        pin_guard: Callable[[], PinGuard | str],
        journal: Callable[[], JournalWriter | None],
        check: Callable[[], tuple[bool, str]] | None,
        settings_path: Path,
        lockdown: Lockdown | None,
        export_path: Callable[[], str | None],
        warnings: Callable[[], list[str]] = list,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self.setObjectName("OperatorPanel")
        self._pin_guard = pin_guard
        self._journal = journal
        self._check = check
        self._settings_path = settings_path
        self._lockdown = lockdown
        self._export_path = export_path
        self._warnings = warnings
        self._checker: ConnectionCheck | None = None
        self._opened: bytes | None = None  # the settings file as the panel last read it

        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("Operator PIN"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin_message = label("", "Subtitle")
        unlock = button(self.tr("Unlock"), self.tr("Unlock the operator panel"), primary=True)
        cancel = button(self.tr("Close"), self.tr("Close the operator panel"), primary=False)
        unlock.clicked.connect(self.try_pin)
        self.pin.returnPressed.connect(self.try_pin)
        cancel.clicked.connect(self.close_panel)
        pin_page = QWidget()
        pin_box = QVBoxLayout(pin_page)
        pin_box.addStretch(1)
        pin_box.addWidget(label(self.tr("Operator"), "Title"))
        pin_box.addWidget(self.pin)
        pin_box.addWidget(self.pin_message)
        row = QHBoxLayout()
        row.addWidget(unlock)
        row.addWidget(cancel)
        pin_box.addLayout(row)
        pin_box.addStretch(1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([c.replace("_", " ") for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Recent sessions"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Settings file"))
        # The same settings as a form (a field per declared setting: the way to edit them) or
        # as the file's text (see the module's docstring).
        self.form = SettingsForm()
        # Sessions, settings and the file each get the panel's whole height, as tabs: the form
        # has a field per setting, and shared with the table it showed one field at a time.
        self.views = QTabWidget()
        self.views.addTab(self.table, self.tr("Recent sessions"))
        self.form_view = form_view = QScrollArea()
        form_view.setWidgetResizable(True)
        form_page = QWidget()
        form_box = QVBoxLayout(form_page)
        form_box.addWidget(label(self.tr("Settings apply at the next start."), "Subtitle"))
        form_box.addWidget(self.form, 1)
        form_view.setWidget(form_page)
        self.views.addTab(form_view, self.tr("Settings"))
        self.views.addTab(self.editor, self.tr("Advanced: file"))
        # The settings view last shown (the form unless the operator chose the file): what
        # "Save settings" saves, and what the other view is brought in step with.
        self._settings_view: QWidget = form_view
        self.views.currentChanged.connect(self._view_changed)
        self.status = label("", "Detail")
        # Storage problems (journal, logs), in words with the fix; hidden when all is well.
        self.warning = label("", "Detail")
        self.warning.setObjectName("OperatorWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        actions = [
            (self.tr("Export CSV"), self.export),
            (self.tr("Test connection"), self.test_connection),
            (self.tr("Save settings"), self.save_settings),
            (self.tr("Leave kiosk mode"), self.leave_kiosk_mode),
            (self.tr("Close"), self.close_panel),
        ]
        self.buttons: dict[str, QWidget] = {}
        bar = QHBoxLayout()
        for text, action in actions:
            widget = button(text, text, primary=False)
            widget.clicked.connect(action)
            bar.addWidget(widget)
            self.buttons[text] = widget
        main_page = QWidget()
        main_box = QVBoxLayout(main_page)
        main_box.addWidget(self.warning)
        main_box.addWidget(self.views, 1)
        main_box.addWidget(self.status)
        main_box.addLayout(bar)

        self.pages = QStackedWidget()
        self.pages.addWidget(pin_page)
        self.pages.addWidget(main_page)
        self.pin_page, self.main_page = pin_page, main_page
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        self.hide()

    def open_panel(self) -> None:
        """Show the PIN prompt over the whole window."""
        self.setGeometry(self._window.rect())
        self.pages.setCurrentWidget(self.pin_page)
        self.pin.clear()
        self.pin_message.setText("")
        self.show()
        self.raise_()
        self.pin.setFocus()

    def close_panel(self) -> None:
        self.pin.clear()
        self.hide()

    def try_pin(self) -> None:
        guard = self._pin_guard()
        if isinstance(guard, str):  # no PIN set, or no keyring: the reason
            self.pin_message.setText(guard)
            return
        entered = self.pin.text()
        self.pin.clear()
        if guard.check(entered):
            self.unlocked.emit()
            self._show_main()
            return
        locked = guard.seconds_locked()
        self.pin_message.setText(
            self.tr("Wrong PIN.")
            if locked == 0
            else self.tr("Too many wrong PINs: try again in {m} min.").format(
                m=max(1, round(locked / 60))
            )
        )

    def _show_main(self) -> None:
        self.refresh()
        self.status.setText("")
        # What the file held when the panel showed it: a save over a file changed meanwhile
        # (the desk's Preferences, an editor, a fleet tool) would lose that change unseen.
        self._opened = self._on_disk()
        try:
            text = (
                self._settings_path.read_text(encoding="utf-8")
                if self._settings_path.exists()
                else ""
            )
        except (OSError, UnicodeDecodeError) as exc:
            text = ""
            self.status.setText(
                self.tr("The settings file cannot be read: {error}").format(error=exc)
            )
        self.editor.setPlainText(text)
        self._show_view(self.table)
        self._settings_view = self.form_view
        self._fill_form()
        self.pages.setCurrentWidget(self.main_page)

    def _on_disk(self) -> bytes | None:
        """The settings file's bytes now (None: there is none, or it cannot be read)."""
        try:
            return self._settings_path.read_bytes()
        except OSError:
            return None

    def _show_view(self, view: QWidget) -> None:
        """Show a tab without the change bringing the settings views in step."""
        self.views.blockSignals(True)
        self.views.setCurrentWidget(view)
        self.views.blockSignals(False)

    def _fill_form(self) -> bool:
        """Fill the form from the file's text; a text that is not valid TOML cannot be shown
        in a form: the file view opens, with the message, for the operator to repair it."""
        try:
            values = read_toml(self._settings_path, self.editor.toPlainText())
        except SettingsError as exc:
            self._show_view(self.editor)
            self._settings_view = self.editor
            self.status.setText(self.tr("Fix the file first: {error}").format(error=exc))
            return False
        where = str(self._settings_path)
        self.form.show_values(values, where)
        try:  # a wrong value is also said under its field; an unknown key only here
            parse(values, where)
        except SettingsError as exc:
            self.status.setText(self.tr("The file has a mistake: {error}").format(error=exc))
        return True

    def refresh(self) -> None:
        """Reload the recent sessions from the journal, and the storage warnings."""
        journal = self._journal()
        problems = list(self._warnings())
        entries = []
        if journal is not None:
            if journal.problem:
                problems.append(journal.problem)
            try:
                entries = journal.recent(50)
            except JournalError as exc:
                if not journal.problem:
                    problems.append(str(exc))
        self.warning.setText("\n".join(f"⚠ {p}" for p in problems))
        self.warning.setVisible(bool(problems))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, name in enumerate(COLUMNS):
                value = getattr(entry, name)
                text = (
                    ""
                    if value is None
                    else (f"{value:.2f}" if isinstance(value, float) else str(value))
                )
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def export(self) -> None:
        journal = self._journal()
        if journal is None:
            self.status.setText(self.tr("There is no journal to export."))
            return
        target = self._export_path()
        if not target:
            return
        try:
            count = journal.export_file(Path(target))
        except (JournalError, OSError) as exc:
            self.status.setText(self.tr("Not exported: {error}").format(error=exc))
            return
        self.status.setText(
            self.tr("Exported {n} sessions to {path}.").format(n=count, path=target)
        )

    def test_connection(self) -> None:
        if self._check is None or (self._checker is not None and self._checker.isRunning()):
            return
        self.status.setText(self.tr("Testing the connection…"))
        self._checker = ConnectionCheck(self._check, self)
        self._checker.done.connect(self._connection_checked)
        self._checker.start()

    def _connection_checked(self, ok: bool, message: str) -> None:
        self.status.setText(("✓ " if ok else "✕ ") + message)

    def _view_changed(self) -> None:
        """The settings views follow each other: moving from the file to the form fills the
        form from the file's text; moving from the form to the file shows in the file what the
        form would save, once the form's values differ from the text's."""
        shown = self.views.currentWidget()
        if shown not in (self.form_view, self.editor) or shown is self._settings_view:
            return
        self._settings_view = shown
        if shown is self.form_view:
            self._fill_form()
            return
        where = str(self._settings_path)
        try:
            values = self.form.values(where)
        except SettingsError:
            self.status.setText(
                self.tr(
                    "The form has a mistake (shown under its field); the file view shows the "
                    "file as it was."
                )
            )
            return
        wanted = dataclasses.replace(DEFAULTS, **values)
        if self._text_settings(where) == wanted:
            return  # unchanged: the file's own text (and comments) stays
        self.editor.setPlainText(documented_file(wanted))
        self.status.setText(self.tr("The file view shows the form's changes, not saved yet."))

    def _text_settings(self, where: str) -> Settings | None:
        """The settings the file view's text holds (over the defaults), None if it is wrong."""
        try:
            values = parse(read_toml(self._settings_path, self.editor.toPlainText()), where)
        except SettingsError:
            return None
        return dataclasses.replace(DEFAULTS, **values)

    def save_settings(self) -> None:
        """Check the settings (from the form or the file's text, whichever was shown last) by
        the settings' own rules, then write the file; a mistake is shown and nothing is
        written. A file changed on disk since the panel read it is not written over (the
        change would be lost unseen): the status says so and the edits stay on screen."""
        where = str(self._settings_path)
        try:  # the file's own reader and rules: the same messages as at start
            if self._settings_view is self.form_view:
                # Written as `kiosk settings init` writes it: every key, documented; a form
                # that changes nothing keeps the file's own text (and its comments).
                wanted = dataclasses.replace(DEFAULTS, **self.form.values(where))
                text = self.editor.toPlainText()
                if self._text_settings(where) != wanted:
                    text = documented_file(wanted)
            else:
                text = self.editor.toPlainText()
                parse(read_toml(self._settings_path, text), where)
        except SettingsError as exc:
            self.status.setText(self.tr("Not saved: {error}").format(error=exc))
            return
        if self._on_disk() != self._opened:
            # Refused rather than merged: the file view's text cannot be merged key by key,
            # and the operator would not see what the other change was. The edits stay on
            # screen; reopening the panel shows the file as it is now.
            self.status.setText(
                self.tr(
                    "Not saved: the settings file changed since the panel opened it (another "
                    "program saved it). Close and reopen the panel to see the changes, then "
                    "make yours again."
                )
            )
            return
        try:
            private_files.write_text(self._settings_path, text)
        except OSError as exc:
            self.status.setText(self.tr("Not saved: {error}").format(error=exc))
            return
        self._opened = text.encode("utf-8")
        self.editor.setPlainText(text)
        self.status.setText(self.tr("Saved. The new settings apply at the next start."))

    def leave_kiosk_mode(self) -> None:
        if self._lockdown is not None:
            self._lockdown.unlock()
        self._window.showNormal()
        self.status.setText(self.tr("Kiosk mode is off: the window can be closed."))

    def stop(self) -> None:
        """Wait for a connection check still running (on quit)."""
        if self._checker is not None:
            self._checker.wait(15_000)
