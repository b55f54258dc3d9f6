"""Screenshot the desk's history (ten varied sessions, one selected with a long reason) and the
operator panel's settings form, offscreen.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/desk_history_screenshots.py [OUT_DIR]
Writes desk-history.png and desk-settings-form.png (default: docs/screenshots).
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core import state as machine
from kiosk.core.journal import Journal
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, ErrorKind, KioskState, Phase, SessionOutcome
from kiosk.ui import shipped_look

URL = "http://127.0.0.1:8765/flow/x"
SESSION = ActiveSession(
    "x", "t", URL, "127.0.0.1:8765", encode(URL), ("liveness", "deepfake", "search")
)


LONG_REASON = "71a0e2b4-0c9f-4e6d-b3a1-8c5f2e7d9a03"


def done(similarity: float, liveness: float, deepfake: float = 0.93) -> KioskState:
    status = SessionStatus.from_wire(
        {
            "status": "DONE",
            "result": {
                "liveness": {"fine": liveness >= 0.5, "score": liveness},
                "deepfake": {"fine": deepfake >= 0.5, "score": deepfake},
                "search": {"similarity": similarity, "templateId": "tpl-5f2a9c1e"},
            },
        }
    )
    return machine.status_received(KioskState(phase=Phase.QR, session=SESSION), status)


def face_error() -> KioskState:
    """A liveness check the vendor could not judge: its sentence is the (long) reason."""
    status = SessionStatus.from_wire(
        {
            "status": "DONE",
            "result": {
                "liveness": {
                    "status": "error",
                    "code": 5,
                    "info": "can not detect face: the face is too close to the edge of the "
                    "photo and partly covered; hold the phone at arm's length, in even light",
                }
            },
        }
    )
    session = replace(SESSION, scopes=("liveness",))
    return machine.status_received(KioskState(phase=Phase.QR, session=session), status)


def fill(path: Path, now: float) -> None:
    rows: list[tuple[str, str | None, float, KioskState | SessionOutcome | None]] = [
        ("9b1e4f0c-7a2d-4c51-8e0f-3d6a1b2c4e01", "CUST-0042", 50, done(0.91, 0.97)),
        ("2c7d9a13-55e8-4b1f-9a0e-6f4b3c2d1e02", "CASE-2027-118", 44, done(0.48, 0.96)),
        ("71a0e2b4-0c9f-4e6d-b3a1-8c5f2e7d9a03", "CUST-0007", 30, face_error()),
        ("c4e5f607-1b2a-4d3c-9e8f-0a1b2c3d4e04", "ACCT 55 1023 9987", 27, done(0.31, 0.22, 0.4)),
        ("5d6e7f80-2c3b-4e4d-8f9a-1b2c3d4e5f05", "notary-deed-4471", 26, SessionOutcome.EXPIRED),
        ("e8f90a1b-3d4c-4f5e-9a0b-2c3d4e5f6a06", None, 20, done(0.88, 0.95)),
        ("0a1b2c3d-4e5f-4a6b-8c7d-3e4f5a6b7c07", "room 214 Dupont", 6, SessionOutcome.WALKED_AWAY),
        ("1b2c3d4e-5f6a-4b7c-9d8e-4f5a6b7c8d08", "CUST-0042", 4, done(0.93, 0.98)),
        ("2c3d4e5f-6a7b-4c8d-8e9f-5a6b7c8d9e09", "CASE-2027-121", 1.5, SessionOutcome.CANCELED),
        ("3d4e5f6a-7b8c-4d9e-9f0a-6b7c8d9e0f10", "CUST-1180", 0.2, None),
    ]
    with Journal(path, clock=lambda: now) as journal:
        for sid, reference, hours_ago, end in rows:
            at = now - hours_ago * 3600
            row = journal.started(replace(SESSION, session_id=sid), at=at, reference=reference)
            if isinstance(end, KioskState):
                journal.finished(row, end, at=at + 75)
            elif end is not None:
                journal.finished(row, KioskState(), end, at=at + 140)
        broken = KioskState(
            phase=Phase.ERROR, error=ErrorKind.NETWORK, error_message="connection reset by peer"
        )
        row = journal.started(replace(SESSION, session_id="4e5f6a7b-err"), at=now - 10 * 3600)
        journal.finished(row, broken, at=now - 10 * 3600 + 12)


def wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def history(out: Path, work: Path) -> None:
    from kiosk.desk.history import HistoryView

    path = work / "journal.sqlite3"
    fill(path, time.time())
    writer = JournalWriter(path)
    view = HistoryView(writer)
    view.setWindowTitle("History")
    view.resize(1280, 720)
    view.show()
    while view.loading:
        wait(20)
    ids = [e.session_id for e in view.shown_entries()]
    view.table.selectRow(ids.index(LONG_REASON))  # the vendor's long sentence, wrapped
    QCoreApplication.processEvents()
    view.grab().save(str(out / "desk-history.png"))
    view.loader.stop_and_wait()
    writer.close()


def settings_form(out: Path, work: Path) -> None:
    """The operator panel unlocked, its settings form scrolled to the Screens section."""
    from kiosk.core.secrets import PinGuard, hash_pin
    from kiosk.core.settings import documented_file
    from kiosk.ui.controller import KioskController
    from kiosk.ui.operator_panel import OperatorPanel
    from kiosk.ui.window import KioskWindow

    settings = work / "settings.toml"
    # A value the rules refuse, to show the settings' message under its field.
    settings.write_text(documented_file().replace("text_scale = 100", "text_scale = 250"))
    writer = JournalWriter(work / "journal.sqlite3")
    controller = KioskController(lambda: None)  # type: ignore[arg-type, return-value]
    controller.attach_journal(writer)
    window = KioskWindow(controller, sandbox=True)
    window.resize(1920, 1080)
    window.show()
    guard = PinGuard(hash_pin("246810"), work / "pin.json")
    panel = OperatorPanel(
        window,
        pin_guard=lambda: guard,
        journal=lambda: writer,
        check=None,
        settings_path=settings,
        lockdown=None,
        export_path=lambda: None,
    )
    panel.open_panel()
    panel.pin.setText("246810")
    panel.try_pin()
    panel.views.setCurrentWidget(panel.form_view)
    QCoreApplication.processEvents()
    box = panel.form.fields["language"]  # the Screens section at the top
    top = box.mapTo(panel.form_view.widget(), box.rect().topLeft()).y()
    panel.form_view.verticalScrollBar().setValue(top - 70)
    QCoreApplication.processEvents()
    window.grab().save(str(out / "desk-settings-form.png"))
    controller.shutdown()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    shipped_look.install_fonts(app)  # the fonts the desk draws with
    work = Path(tempfile.mkdtemp())
    history(out, work)
    settings_form(out, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
