"""QR rendering: encode once, then paint the code at 1080 px and 2160 px (integer modules)."""

from __future__ import annotations

import time

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from bench.common import median
from kiosk.core.qr import QUIET_ZONE_MODULES, encode
from kiosk.ui.qr_view import render

URL = "https://cloud.ooto-ai.com/flow/" + "t" * 43  # 74 bytes, like a vendor link


def run(rounds: int = 30) -> dict[str, float]:
    QApplication.instance() or QApplication([])
    encodes = []
    for _ in range(rounds):
        start = time.perf_counter()
        matrix = encode(URL)
        encodes.append(time.perf_counter() - start)
    figures = {"encode_ms": median(encodes) * 1000, "modules": float(matrix.size)}
    side_modules = matrix.size + 2 * QUIET_ZONE_MODULES
    for side in (1080, 2160):
        module = side // side_modules
        paints = []
        for _ in range(rounds):
            start = time.perf_counter()
            QPixmap.fromImage(render(matrix, module))
            paints.append(time.perf_counter() - start)
        figures[f"paint_{side}_ms"] = median(paints) * 1000
        figures[f"paint_{side}_px"] = float(module * side_modules)
    return figures
