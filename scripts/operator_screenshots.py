"""Screenshot the operator panel (PIN prompt and panel) at 1920x1080, offscreen.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/operator_screenshots.py [OUTPUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from kiosk.core import state as machine
from kiosk.core.journal import Journal
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.secrets import PinGuard, hash_pin
from kiosk.core.settings import documented_file
from kiosk.core.state import ActiveSession, KioskState, Phase, SessionOutcome
from kiosk.ui import shipped_look
from kiosk.ui.controller import KioskController
from kiosk.ui.operator_panel import OperatorPanel
from kiosk.ui.window import KioskWindow


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    shipped_look.install_fonts(app)  # the fonts the kiosk draws with
    work = Path(tempfile.mkdtemp())
    journal = Journal(work / "journal.sqlite3")
    url = "http://192.168.1.20:8765/flow/x"
    session = ActiveSession(
        "3f0c…", "t", url, "192.168.1.20:8765", encode(url), ("liveness", "deepfake", "search")
    )
    for similarity, liveness in ((0.91, True), (0.42, True), (0.88, False)):
        status = SessionStatus.from_wire(
            {
                "status": "DONE",
                "result": {
                    "liveness": {"fine": liveness, "score": 0.95 if liveness else 0.2},
                    "deepfake": {"fine": True, "score": 0.93},
                    "search": {"similarity": similarity, "templateId": "tpl-1"},
                },
            }
        )
        row = journal.started(session)
        journal.finished(
            row, machine.status_received(KioskState(phase=Phase.QR, session=session), status)
        )
    journal.finished(journal.started(session), KioskState(), SessionOutcome.WALKED_AWAY)
    journal.close()
    writer = JournalWriter(work / "journal.sqlite3")  # what the kiosk reads and writes through
    (work / "settings.toml").write_text(documented_file())
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
        settings_path=work / "settings.toml",
        lockdown=None,
        export_path=lambda: None,
    )
    panel.open_panel()
    panel.pin.setText("0000")
    panel.try_pin()
    QCoreApplication.processEvents()
    window.grab().save(str(out / "operator-1-pin.png"))
    panel.pin.setText("246810")
    panel.try_pin()
    QCoreApplication.processEvents()
    window.grab().save(str(out / "operator-2-panel.png"))
    print(f"wrote {out}/operator-1-pin.png, {out}/operator-2-panel.png")
    controller.shutdown()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
