"""Screenshots of the kiosk's looks: the high-contrast theme (at 100 % and 200 % text) and a
branded example (docs/brand-example), at 1920x1080 and 800x1280, offscreen.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/look_screenshots.py [OUTPUT_DIR]
(default docs/screenshots). Screens are drawn from fixed states (no sandbox): the layout and
colours are what these pictures show.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from kiosk.core import brand
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.state import ActiveSession, KioskState, Phase
from kiosk.core.state import status_received as received
from kiosk.ui import shipped_look
from kiosk.ui.controller import KioskController
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, Theme
from kiosk.ui.window import KioskWindow

URL = "http://192.168.1.20:8765/flow/" + "T" * 43
SESSION = ActiveSession(
    "sid", "T" * 43, URL, "192.168.1.20:8765", encode(URL), ("liveness", "deepfake", "search")
)
QR = KioskState(phase=Phase.QR, session=SESSION)
DONE = SessionStatus.from_wire(
    {
        "status": "DONE",
        "expiresAt": "2030-01-01T00:00:00Z",
        "result": {
            "liveness": {"fine": True, "score": 0.97},
            "deepfake": {"fine": True, "score": 0.93},
            "search": {"similarity": 0.52, "templateId": None},
        },
    }
)
STATES = {
    "idle": KioskState(),
    "qr": QR,
    "progress": received(
        QR, SessionStatus.from_wire({"status": "IN_PROGRESS", "nextStep": "DEEPFAKE"})
    ),
    "result": received(QR, DONE),
}
SIZES = {"landscape": (1920, 1080), "portrait": (800, 1280)}


def shoot(
    out: Path,
    prefix: str,
    theme: Theme,
    text_scale: float,
    screens: list[str],
    look: brand.Brand | None = None,
) -> None:
    for size_name, (width, height) in SIZES.items():
        for screen in screens:
            window = KioskWindow(
                KioskController(lambda: None),  # type: ignore[arg-type, return-value]
                sandbox=True,
                theme=theme,
                text_scale=text_scale,
                brand=look,
            )
            window.resize(width, height)
            window.show()
            window.show_state(STATES[screen])
            for _ in range(5):
                QCoreApplication.processEvents()
            path = out / f"{prefix}-{size_name}-{screen}.png"
            window.grab().save(str(path))
            print(f"wrote {path}")
            window.close()
            window.deleteLater()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    shipped_look.install_fonts(qt)
    every = list(STATES)
    shoot(out, "kiosk-high-contrast", HIGH_CONTRAST, 1.0, every)
    shoot(out, "kiosk-high-contrast-200", HIGH_CONTRAST, 2.0, ["idle", "qr", "result"])
    example = brand.load(Path(__file__).resolve().parent.parent / "docs" / "brand-example")
    shoot(out, "kiosk-brand", DEFAULT, 1.0, ["idle", "result"], example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
