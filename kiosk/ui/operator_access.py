"""The way in to the operator panel: Ctrl+Alt+O, the PIN from the keyring, the export dialog.

The panel is built on first use (the idle screen never waits for it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.core.secrets import PinGuard
    from kiosk.ui.controller import KioskController
    from kiosk.ui.lockdown import Lockdown
    from kiosk.ui.operator_panel import OperatorPanel

SHORTCUT = "Ctrl+Alt+O"
"""Qt's portable spelling: on macOS Qt reads Ctrl as Command and Alt as Option, so this is
Cmd+Option+O there (the Mac's Control key is Qt's Meta). The locked kiosk lets it through on
every platform (:func:`kiosk.ui.lockdown.blocked_keys`)."""
NO_PIN = "No operator PIN is set: run `kiosk secrets set-pin` on this machine."


def keyring_pin_guard(state_file: Path) -> Callable[[], PinGuard | str]:
    """A function giving the PIN's guard, or why there is none (no PIN set, no keyring)."""

    def guard() -> PinGuard | str:
        from kiosk.core.secrets import KeyringUnavailable, PinGuard, stored_pin

        try:
            stored = stored_pin()
        except KeyringUnavailable as exc:
            return str(exc)
        if not stored:
            return NO_PIN
        return PinGuard(stored, state_file)

    return guard


def add_operator_shortcut(
    window: QWidget,
    controller: KioskController,
    *,
    check: Callable[[], tuple[bool, str]],
    settings_path: Path,
    pin_state: Path,
    lockdown: Lockdown | None,
    warnings: Callable[[], list[str]] = list,
) -> None:
    """Ctrl+Alt+O on ``window`` opens the operator panel (built on first use) behind the PIN.

    Args:
        check: tests the connection and the credentials without creating a session.
        settings_path: the settings file the panel edits.
        pin_state: where wrong PIN tries and the lockout are kept.
        warnings: storage problems to show the operator.
    """
    from PySide6.QtGui import QKeySequence, QShortcut

    panel: list[OperatorPanel] = []

    def export_path() -> str | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(window, "Export sessions", "sessions.csv")
        return chosen or None

    def open_panel() -> None:
        if not panel:
            from kiosk.ui.operator_panel import OperatorPanel

            panel.append(
                OperatorPanel(
                    window,
                    pin_guard=keyring_pin_guard(pin_state),
                    journal=lambda: controller.journal,
                    check=check,
                    settings_path=settings_path,
                    lockdown=lockdown,
                    export_path=export_path,
                    warnings=warnings,
                )
            )
        panel[0].open_panel()

    shortcut = QShortcut(QKeySequence(SHORTCUT), window)
    shortcut.activated.connect(open_panel)
