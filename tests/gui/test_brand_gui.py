"""The kiosk in a bank's brand: its header text and logo, its colour fitted to WCAG AA, and a
logo Qt cannot read skipped with a warning for the operator panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.brand import load
from kiosk.ui.controller import KioskController
from kiosk.ui.window import KioskWindow


def brand_folder(tmp_path: Path, logo: bytes | None = None) -> Path:
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#0b5d1e"))
    image.save(str(tmp_path / "logo.png"))
    if logo is not None:
        (tmp_path / "logo.png").write_bytes(logo)
    (tmp_path / "brand.toml").write_text(
        'name = "Banco Ejemplo"\nheader = "Banco Ejemplo · identity check"\n'
        'primary = "#facc15"\nlogo = "logo.png"\n',
        encoding="utf-8",
    )
    return tmp_path


def window_for(qtbot: QtBot, folder: Path) -> KioskWindow:
    window = KioskWindow(
        KioskController(lambda: None),  # type: ignore[arg-type, return-value]
        sandbox=True,
        brand=load(folder),
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitSignal(window.first_painted, timeout=5000):  # the logo loads after it
        window.show()
    QApplication.processEvents()
    return window


def test_the_header_shows_the_brand(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_for(qtbot, brand_folder(tmp_path))
    assert window.windowTitle() == "Banco Ejemplo"
    assert "Banco Ejemplo · identity check" in [
        label.text() for label in window.findChildren(type(window.logo)) if label.isVisible()
    ]
    assert window.logo.isVisible() and not window.logo.pixmap().isNull()
    assert window.logo.accessibleName() == "Banco Ejemplo"
    # Yellow fails AA on the light background: used darker, and the operator is told.
    assert window.theme.accent != "#facc15"
    assert window.theme.accent in window.styleSheet()
    assert any("#facc15" in warning for warning in window.brand_warnings)


def test_a_logo_qt_cannot_read_is_skipped(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_for(qtbot, brand_folder(tmp_path, logo=b"not a png at all"))
    assert not window.logo.isVisible()
    assert any("could not be read" in warning for warning in window.brand_warnings)


def test_the_brand_texts_stay_when_the_visitor_changes_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from kiosk.ui.i18n import Languages
    from kiosk.ui.language_switch import LanguageSwitch

    window = window_for(qtbot, brand_folder(tmp_path))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    languages = Languages(app, "en")
    switch = LanguageSwitch(window, languages)
    try:
        switch.choose("de")
        texts = [label.text() for label in window.findChildren(type(window.logo))]
        assert "Banco Ejemplo · identity check" in texts
        assert window.windowTitle() == "Banco Ejemplo"
    finally:
        languages.reset()


def test_the_operator_panel_shows_the_brand_warnings(qtbot: QtBot, tmp_path: Path) -> None:
    """As kiosk.app wires it: the panel's warnings are the storage's and the brand's."""
    from kiosk.core.secrets import PinGuard, hash_pin
    from kiosk.ui.operator_panel import OperatorPanel

    window = window_for(qtbot, brand_folder(tmp_path))
    guard = PinGuard(hash_pin("246810"), tmp_path / "pin.json")
    panel = OperatorPanel(
        window,
        pin_guard=lambda: guard,
        journal=lambda: None,
        check=None,
        settings_path=tmp_path / "settings.toml",
        lockdown=None,
        export_path=lambda: str(tmp_path / "out.csv"),
        warnings=lambda: list(window.brand_warnings),
    )
    panel.open_panel()
    panel.pin.setText("246810")
    panel.try_pin()
    assert panel.warning.isVisible()
    assert "#facc15" in panel.warning.text() and "WCAG AA" in panel.warning.text()
