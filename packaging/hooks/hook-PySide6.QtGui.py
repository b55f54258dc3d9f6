"""PySide6.QtGui: PyInstaller's own hook, less the Qt plugins and translations the kiosk
does not use (packaging/bundle_contents.py decides; the spec puts packaging/ on sys.path)."""

from bundle_contents import filter_hook
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = filter_hook(*add_qt6_dependencies(__file__))
