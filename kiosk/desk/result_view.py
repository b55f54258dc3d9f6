"""The full result of one desk session, for the employee to record in their own systems.

Drawn from the session's summary (:func:`kiosk.core.result_summary.summarize`, the same data the
hand-off receives and the receipt prints): the verdict or how the session ended, each check
with its score and the threshold applied, the reasons, the quality advice, the ids and the
times, and the hand-off's word. Buttons copy the ids or the JSON summary and save a receipt.
Every string in a summary is already neutralised; labels still show it as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.models import Scope
from kiosk.core.result_summary import summary_json
from kiosk.core.text import wrappable
from kiosk.desk.look import DESK_FAIL, DESK_OK, status_colours
from kiosk.ui.reasons import translate_reason
from kiosk.ui.screens.names import scope_name

PASS_COLOUR = DESK_OK  # on the desktop's palette; the high-contrast theme has its own
FAIL_COLOUR = DESK_FAIL
_ID_KEYS = ("reference", "session_id", "search_template_id", "enrolled_template_id")


def ids_text(summary: Mapping[str, Any]) -> str:
    """The ids of a result as ``name: value`` lines (those it has), for the clipboard: what an
    employee pastes into the customer's record."""
    return "\n".join(f"{key}: {summary[key]}" for key in _ID_KEYS if summary.get(key))


def local_time(epoch: float | None) -> str:
    """``epoch`` in this computer's time zone, with its offset (staff read local time; the
    summary keeps UTC)."""
    if epoch is None:
        return ""
    moment = datetime.fromtimestamp(epoch).astimezone()
    name, offset = moment.strftime("%Z"), moment.strftime("UTC%z")
    zone = "UTC" if name == "UTC" and offset == "UTC+0000" else f"{name} ({offset})"
    return f"{moment:%Y-%m-%d %H:%M:%S} {zone}"


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # server text never becomes markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ResultView(QWidget):
    """One final result with its buttons.

    Signals:
        save_receipt_requested(): Save receipt was pressed (the window asks where).
        copied(str): text was put on the clipboard (for the status bar).
    """

    save_receipt_requested = Signal()
    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk-result")
        self.summary: dict[str, Any] = {}
        self.headline = QLabel(self)
        self.headline.setObjectName("verdict")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.handoff = _plain("")
        self.handoff.setObjectName("handoff")
        self.checks = QTableWidget(0, 4, self)
        self.checks.setObjectName("checks")
        self.checks.setHorizontalHeaderLabels(
            [self.tr("Check"), self.tr("Result"), self.tr("Score"), self.tr("Threshold")]
        )
        self.checks.verticalHeader().hide()
        self.checks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.checks.horizontalHeader().setStretchLastSection(True)
        self.reasons = _plain("")
        self.reasons.setObjectName("reasons")
        self.advice = _plain("")
        self.advice.setObjectName("advice")
        self.details = QFormLayout()
        self.copy_ids_button = QPushButton(self.tr("Copy ids"), self)
        self.copy_json_button = QPushButton(self.tr("Copy JSON summary"), self)
        self.receipt_button = QPushButton(self.tr("Save receipt (PDF)…"), self)
        self.copy_ids_button.clicked.connect(self.copy_ids)
        self.copy_json_button.clicked.connect(self.copy_json)
        self.receipt_button.clicked.connect(self.save_receipt_requested)
        buttons = QHBoxLayout()
        for button in (self.copy_ids_button, self.copy_json_button, self.receipt_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.addWidget(self.headline)
        inner.addWidget(self.handoff)
        inner.addWidget(self.checks)
        inner.addWidget(_heading(self.tr("Reasons")))
        inner.addWidget(self.reasons)
        inner.addWidget(_heading(self.tr("Quality advice")))
        inner.addWidget(self.advice)
        inner.addLayout(self.details)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._size_headline()

    def show_result(
        self,
        summary: Mapping[str, Any],
        *,
        started_at: float,
        ended_at: float | None,
        handoff: str = "",
        handoff_failed: bool = False,
    ) -> None:
        """Draw ``summary`` (times shown in local time from the epoch values)."""
        self.summary = dict(summary)
        verdict = summary.get("verdict")
        if verdict is not None:
            colour = status_colours(self)[0 if verdict == "PASS" else 1]
            words = {"PASS": self.tr("PASS"), "FAIL": self.tr("FAIL")}
            self.headline.setText(words.get(str(verdict), str(verdict)))
        else:
            colour = status_colours(self)[1]
            self.headline.setText(self._ending(summary))
        self.headline.setStyleSheet(f"color: {colour}")
        self.set_handoff(handoff, failed=handoff_failed)
        self._fill_checks(summary.get("checks") or [])
        # The verdict's reasons and tips in the desk's language (the kiosk's own translations).
        reasons = [translate_reason(str(r)) for r in summary.get("reasons") or []]
        error = summary.get("error")
        if isinstance(error, Mapping) and error.get("message"):
            reasons.append(str(error["message"]))
        self.reasons.setText(wrappable("\n".join(f"• {r}" for r in reasons)) or self.tr("None."))
        advice = [translate_reason(str(a)) for a in summary.get("advice") or []]
        self.advice.setText(wrappable("\n".join(f"• {a}" for a in advice)) or self.tr("None."))
        while self.details.rowCount():
            self.details.removeRow(0)
        none = self.tr("(none)")
        rows = (
            (self.tr("Reference:"), summary.get("reference") or none),
            (self.tr("Session id:"), summary.get("session_id") or none),
            (self.tr("Search template id:"), summary.get("search_template_id") or none),
            (self.tr("Enrolled template id:"), summary.get("enrolled_template_id") or none),
            (self.tr("Started:"), local_time(started_at)),
            (self.tr("Ended:"), local_time(ended_at)),
            (self.tr("Server status:"), summary.get("status") or none),
        )
        for name, value in rows:
            # An id or a 64-character reference has no space to wrap at: wrappable() gives it
            # invisible break points (Ctrl+C takes them out again, kiosk.desk.selection).
            self.details.addRow(name, _plain(wrappable(str(value))))

    def set_handoff(self, text: str, *, failed: bool) -> None:
        """Show the hand-off's word (a failure in red, so it is not missed)."""
        self.handoff.setText(self.tr("Hand-off: %1").replace("%1", text) if text else "")
        self.handoff.setStyleSheet(f"color: {status_colours(self)[1]}" if failed else "")
        self.handoff.setVisible(bool(text))

    def copy_ids(self) -> None:
        text = ids_text(self.summary)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)

    def copy_json(self) -> None:
        text = summary_json(self.summary)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)

    def _fill_checks(self, checks: list[Mapping[str, Any]]) -> None:
        self.checks.setRowCount(len(checks))
        for row, check in enumerate(checks):
            passed = check.get("passed")
            if passed is None:
                result = self.tr("not judged")
            else:
                result = self.tr("passed") if passed else self.tr("failed")
            cells = (
                _scope(str(check.get("scope", ""))),
                result,
                _number(check.get("score")),
                self._threshold(check),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # whole, when a narrow pane elides the cell
                if column == 1 and passed is not None:
                    item.setForeground(QColor(status_colours(self)[0 if passed else 1]))
                self.checks.setItem(row, column, item)
        self.checks.resizeColumnsToContents()
        height = self.checks.horizontalHeader().height() + 4
        height += sum(self.checks.rowHeight(r) for r in range(len(checks)))
        self.checks.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text scale (kiosk.desk.look)
            self._size_headline()

    def _size_headline(self) -> None:
        self.checks.horizontalHeader().setFont(self.font())  # the style's own header font
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.headline.setFont(font)

    def _threshold(self, check: Mapping[str, Any]) -> str:
        basis = check.get("threshold_basis")
        value = _number(check.get("threshold"))
        if basis == "vendor_flag":
            return self.tr("the vendor's own pass flag")
        if basis == "vendor_flag_and_minimum":
            return self.tr("the vendor's flag and at least %1").replace("%1", value)
        if basis == "template_created":
            return self.tr("a template was created")
        return self.tr("at least %1").replace("%1", value) if value else ""

    def _ending(self, summary: Mapping[str, Any]) -> str:
        return {
            "expired": self.tr("Expired"),
            "canceled": self.tr("Cancelled"),
            "failed": self.tr("Failed"),
            "error": self.tr("Error"),
        }.get(str(summary.get("ending")), self.tr("Unfinished"))


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _scope(value: str) -> str:
    try:
        return scope_name(Scope(value))
    except ValueError:
        return value


def _number(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.3f}"
    return "—"
