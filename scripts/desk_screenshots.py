"""Screenshot the desk window, offscreen, on its own embedded sandbox: empty, with two
sessions running, and with a result selected.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/desk_screenshots.py [OUT_DIR] [LANG]
Writes desk-empty.png, desk-two-sessions.png and desk-result.png (default: docs/screenshots);
with a language code (de, ar...) only desk-<LANG>.png: the result view in that language, two
sessions in the list (the English screenshots are left as they are).
Its files (journal, window geometry) go to a temporary KIOSK_HOME.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path


def wait(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the desk")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    wait(lambda: time.monotonic() >= end)


def main(out: Path, language: str | None = None) -> None:
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="desk-shots-")
    from PySide6.QtWidgets import QApplication

    from kiosk.backend import BackendConfig, BackendStarter, open_backend
    from kiosk.config import KioskConfig
    from kiosk.core.journal_writer import JournalWriter
    from kiosk.core.settings import DEFAULTS
    from kiosk.desk.app import build
    from kiosk.ui import shipped_look
    from kiosk.ui.i18n import Languages

    app = QApplication.instance() or QApplication(sys.argv[:1])
    shipped_look.install_fonts(app)
    if language is not None:  # as kiosk desk does with its `language` setting
        languages = Languages(app, language)
        languages.reset()
        if languages.current != language:
            raise SystemExit(f"no {language} translation")
    home = Path(os.environ["KIOSK_HOME"])
    settings = replace(DEFAULTS, handoff_command="cat", poll_interval=0.5)
    config = KioskConfig(settings, home / "config" / "settings.toml", journal=home / "j.sqlite3")
    starter = BackendStarter(
        functools.partial(open_backend, BackendConfig(None, port=0, step_seconds=1.2))
    )
    scenarios: list[str | None] = []

    def next_scenario() -> Iterator[str | None]:
        while True:
            yield scenarios.pop(0) if scenarios else None

    desk = build(
        config,
        starter,
        journal=JournalWriter(home / "j.sqlite3"),
        scenarios=next_scenario(),  # type: ignore[arg-type]
        confirm_quit=lambda _w, _n: True,
    )
    window = desk.window
    window.resize(1280, 800)
    window.show()
    starter.start()
    settle()
    if language is None:
        window.grab().save(str(out / "desk-empty.png"))

    def start(reference: str, scenario: str | None) -> int:
        scenarios.append(scenario)
        key = window.start(reference, ("liveness", "deepfake", "search"))
        assert key is not None
        wait(lambda: desk.sessions.get(key).session_id is not None)  # type: ignore[union-attr]
        return key

    # Two at once: one customer on their phone, the next one's code waiting to be scanned.
    passing = start("CUST-1001", "pass")
    waiting = start("CUST-1017", None)
    window.table.select_key(waiting)
    wait(lambda: desk.sessions.get(passing).state.phase.value == "progress")  # type: ignore[union-attr]
    settle(1.0)
    if language is None:
        window.grab().save(str(out / "desk-two-sessions.png"))

    # A result: a third customer's verification fails; its full result selected.
    failing = start("CASE 2002", "fail_liveness")
    for key in (passing, failing):
        wait(lambda k=key: desk.sessions.get(k).summary is not None)  # type: ignore[misc, union-attr]
    wait(lambda: desk.sessions.get(failing).handoff not in ("", "sending…"))  # type: ignore[union-attr]
    window.table.select_key(failing)
    settle()
    window.grab().save(str(out / (f"desk-{language}.png" if language else "desk-result.png")))
    desk.shutdown()
    starter.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"),
        sys.argv[2] if len(sys.argv) > 2 else None,
    )
