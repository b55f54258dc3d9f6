"""What the customer at a desk sees: the code, the steps, a discreet result, or a wait.

Large and legible, in the kiosk's look (:mod:`kiosk.ui.theme`'s stylesheet, scaled to the
view's own size, so the same view reads on a customer screen across the counter and inside the
desk window) and in the customer's language, which the employee picks per session: see
:mod:`kiosk.desk.customer_words` for why the view translates with its own translator (the
desk window keeps the employee's language). Arabic lays the view out right to left.

The result is discreet: the verdict and the reasons, never a score (the customer's screen may
face a queue); the employee's window has the detail.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.brand import Brand
from kiosk.core.models import SCOPE_ORDER, SessionStatus, Status, Step
from kiosk.core.qr import QrMatrix
from kiosk.core.state import Ending, KioskState, Phase
from kiosk.core.text import printable, wrappable
from kiosk.desk.customer_words import CustomerWords
from kiosk.ui.qr_view import QrView
from kiosk.ui.theme import DEFAULT, Theme, stylesheet

# How a session ended without a verdict, in the verdict's own words (translated as reasons).
_ENDED = {
    Ending.EXPIRED: "The verification link expired before it was completed.",
    Ending.CANCELED: "The verification was canceled.",
    Ending.FAILED: "The verification could not be completed.",
}


def _label(name: str) -> QLabel:
    """A centred, wrapping label styled by ``name`` (the kiosk's stylesheet), plain text only:
    reasons can quote the server."""
    widget = QLabel()
    widget.setObjectName(name)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


class CustomerView(QFrame):
    """The customer's screen. Pages: idle, code, progress, result (``page`` names the one
    shown). Embed it in a window, or let :class:`kiosk.desk.customer_display.CustomerDisplay`
    show it full screen on a second screen.

    Args:
        theme: the kiosk's colours (the settings' theme, branded by the caller if it wants).
        brand: the organisation's name for the idle page (empty: "Face verification").
        text_scale: the text-size setting (1.0 to 2.0).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        theme: Theme = DEFAULT,
        brand: Brand | None = None,
        text_scale: float = 1.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CustomerView")
        self.theme = theme
        self.text_scale = text_scale
        self._brand_name = printable(brand.name) if brand is not None else ""
        self.words = CustomerWords()
        self._styled_side = 0
        # What is on screen, kept so that a change of language redraws it.
        self._status: SessionStatus | None = None
        self._scopes: tuple[str, ...] | None = None
        self._result: tuple[bool | None, tuple[str, ...]] = (None, ())
        self._preparing = False

        self.idle_title = _label("Title")
        self.qr = QrView()
        self.instruction = _label("Title")
        self.progress_title = _label("Title")
        self.progress_line = _label("Subtitle")
        self.steps_box = QVBoxLayout()
        self.steps: list[QLabel] = []
        self.verdict = _label("Verdict")
        self.summary = _label("Subtitle")
        self.reasons_box = QVBoxLayout()
        self.reasons: list[QLabel] = []

        self.pages = QStackedWidget()
        self._idle = self._page(self.idle_title)
        self._code = self._page(self.qr, self.instruction, stretch_first=True)
        self._progress = self._page(self.progress_title, self.progress_line, self.steps_box)
        self._outcome = self._page(self.verdict, self.summary, self.reasons_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.show_idle()

    def _page(self, *parts: QWidget | QVBoxLayout, stretch_first: bool = False) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        if not stretch_first:
            column.addStretch(2)
        for i, part in enumerate(parts):
            if isinstance(part, QVBoxLayout):
                column.addSpacing(24)
                column.addLayout(part)
            else:
                column.addWidget(part, 1 if stretch_first and i == 0 else 0)
        column.addStretch(3 if not stretch_first else 0)
        self.pages.addWidget(page)
        return page

    @property
    def page(self) -> str:
        """ "idle", "preparing", "code", "progress" or "result": what the customer sees."""
        current = self.pages.currentWidget()
        if current is self._code:
            return "code"
        if current is self._progress:
            return "progress"
        if current is self._outcome:
            return "result"
        return "preparing" if self._preparing else "idle"

    @property
    def language(self) -> str:
        return self.words.language

    def set_language(self, code: str) -> bool:
        """Speak ``code`` (ISO 639-1, one of the kiosk's languages) to the customer, and
        redraw the page shown in it. False (English instead) when it is not shipped."""
        spoken = self.words.use(code)
        self.setLayoutDirection(self.words.direction)
        self.setLocale(self.words.locale)
        self._redraw()
        return spoken

    def show_idle(self) -> None:
        """Between customers: the organisation's name, or "Face verification"."""
        self.qr.set_matrix(None)
        self._preparing = False
        self.idle_title.setText(
            self._brand_name or self.words.tr("KioskWindow", "Face verification")
        )
        self.pages.setCurrentWidget(self._idle)

    def show_preparing(self) -> None:
        """While the session is being created: "Preparing your code…"."""
        self.qr.set_matrix(None)
        self._preparing = True
        self.idle_title.setText(self.words.tr("StartingScreen", "Preparing your code…"))
        self.pages.setCurrentWidget(self._idle)

    def show_state(self, state: KioskState) -> None:
        """Show what the customer should see of one desk session's state (its phase): the
        code, the steps, the verdict, or how it ended; never the staff's error message."""
        if state.phase is Phase.QR and state.session is not None:
            self.show_code(state.session.matrix)
        elif state.phase is Phase.PROGRESS:
            self.show_progress(state.status, state.session.scopes if state.session else None)
        elif state.phase is Phase.RESULT and state.verdict is not None:
            self.show_result(state.verdict.passed, state.verdict.reasons)
        elif state.phase is Phase.ENDED:
            self.show_result(None, (_ENDED[state.ending or Ending.FAILED],))
        elif state.phase is Phase.ERROR:
            self.show_result(None, ())
        elif state.phase is Phase.STARTING:
            self.show_preparing()
        else:
            self.show_idle()

    def show_code(self, matrix: QrMatrix) -> None:
        """The session's code, as large as the view allows, with what to do with it."""
        self.qr.set_matrix(matrix)
        tr = self.words.tr
        self.instruction.setText(tr("QrScreen", "Scan this code with your phone's camera"))
        self.qr.setAccessibleName(tr("QrScreen", "QR code to scan with your phone"))
        self.qr.setAccessibleDescription(self.instruction.text())
        self.pages.setCurrentWidget(self._code)

    def show_progress(
        self, status: SessionStatus | None, scopes: tuple[str, ...] | None = None
    ) -> None:
        """The requested checks in order, the current one marked (✓ done, ● now, ○ to do).

        Args:
            status: the session's last status (None: none read yet).
            scopes: the checks requested (default: the ones the status lists).
        """
        self._status, self._scopes = status, scopes
        tr = self.words.tr
        self.progress_title.setText(tr("ProgressScreen", "Follow the steps on your phone"))
        current = status.next_step if status is not None else None
        if status is not None and status.status is Status.CAPTCHA_OK:
            line = tr("ProgressScreen", "Follow the steps on your phone: getting started")
        elif current is not None:
            line = tr("ProgressScreen", "Follow the steps on your phone: {step}").format(
                step=self.words.step_doing(current)
            )
        else:
            line = tr("ProgressScreen", "Keep your phone open until it says you are done.")
        self.progress_line.setText(line)
        requested = set(scopes if scopes is not None else status.scopes if status else ())
        ordered = [s for s in SCOPE_ORDER if s.value in requested]
        now = next((i for i, s in enumerate(ordered) if Step.for_scope(s) is current), None)
        self._set_count(self.steps, self.steps_box, len(ordered))
        for i, (scope, widget) in enumerate(zip(ordered, self.steps, strict=True)):
            if now is not None and i < now:
                mark, name, said = "✓", "StepDone", tr("ProgressScreen", "done")
            elif i == now:
                mark, name, said = "●", "StepCurrent", tr("ProgressScreen", "now")
            else:
                mark, name, said = "○", "StepTodo", tr("ProgressScreen", "to do")
            widget.setText(f"{mark}  {self.words.scope_name(scope)}")
            widget.setAccessibleName(f"{self.words.scope_name(scope)}: {said}")
            self._restyle(widget, name)
        self.pages.setCurrentWidget(self._progress)

    def show_result(self, verdict_passed: bool | None, reasons: tuple[str, ...]) -> None:
        """The outcome, discreetly: PASS or FAIL (word and symbol, not colour alone) and the
        reasons, without a score; None: the verification could not be completed (expired,
        canceled, an error), with the reasons the verdict gave."""
        self._result = (verdict_passed, tuple(reasons))
        tr = self.words.tr
        if verdict_passed is None:
            self.verdict.setText(tr("EndedScreen", "The verification could not be completed"))
            self.verdict.setProperty("outcome", None)
            self._restyle(self.verdict, "Title")
            self.summary.setText("")
        else:
            passed = bool(verdict_passed)
            self.verdict.setText(tr("ResultScreen", "✓ PASS" if passed else "✕ FAIL"))
            self.verdict.setProperty("outcome", "pass" if passed else "fail")
            self._restyle(self.verdict, "Verdict")
            self.summary.setText(
                tr("ResultScreen", "Your identity was verified.")
                if passed
                else tr("ResultScreen", "We could not verify your identity.")
            )
        shown = [said for text in reasons if (said := self.words.reason(text)) is not None]
        self._set_count(self.reasons, self.reasons_box, len(shown))
        for widget, text in zip(self.reasons, shown, strict=True):
            widget.setText(wrappable(text))
        self.verdict.setAccessibleDescription(" ".join([self.summary.text(), *shown]))
        self.pages.setCurrentWidget(self._outcome)

    def texts(self) -> list[str]:
        """Every text on the page shown (what a test or a screen reader would read)."""
        page = self.pages.currentWidget() or self._idle
        return [w.text() for w in page.findChildren(QLabel) if w.text()]

    def _redraw(self) -> None:
        page = self.page
        if page == "idle":
            self.show_idle()
        elif page == "preparing":
            self.show_preparing()
        elif page == "code" and self.qr.matrix is not None:
            self.show_code(self.qr.matrix)
        elif page == "progress":
            self.show_progress(self._status, self._scopes)
        elif page == "result":
            self.show_result(*self._result)

    def _set_count(self, widgets: list[QLabel], box: QVBoxLayout, count: int) -> None:
        while len(widgets) < count:
            widget = _label("Reason" if box is self.reasons_box else "StepTodo")
            widgets.append(widget)
            box.addWidget(widget)
        while len(widgets) > count:
            widget = widgets.pop()
            box.removeWidget(widget)
            widget.setParent(None)  # off the page now, not at the next event loop turn
            widget.deleteLater()

    @staticmethod
    def _restyle(widget: QWidget, name: str) -> None:
        widget.setObjectName(name)
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        # The kiosk's sizes, scaled to this view (a customer screen or a corner of the desk).
        side = min(self.width(), self.height())
        if side > 0 and abs(side - self._styled_side) > 8:
            self._styled_side = side
            sheet = stylesheet(side, self.theme, self.text_scale)
            self.setStyleSheet(f"{sheet}\nQFrame#CustomerView {{ background: {self.theme.bg}; }}")
        super().resizeEvent(event)
