"""What the bundle keeps of what PyInstaller collects: the rules ``kiosk.spec`` applies.

PyInstaller's Qt hooks collect every plugin type and translation a Qt module might use, and
PySide6's libraries pull in more Qt modules than the kiosk imports. The kiosk uses QtCore, QtGui
and QtWidgets only (its icon is an SVG, drawn by Qt's SVG icon engine plugin, which needs the
Qt6Svg library but not the QtSvg Python module). Everything else is dropped here, by name, so the
rules can be read and tested (tests/unit/test_packaging.py) without building.

Names are the bundle's destination paths (``PySide6/Qt/plugins/platforms/libqxcb.so``), with
``/`` separators on every platform.
"""

from __future__ import annotations

import re

# The PySide6 Python modules the kiosk imports; shiboken needs nothing else.
QT_PYTHON_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets"})

# Qt plugins kept, by folder, then by the plugin's file name (without ``lib`` and extension);
# None keeps the whole folder. platforms: xcb (X11, XWayland), wayland (cage, a Wayland
# session), offscreen (tests, the self-test without a display); windows and minimal on
# Windows. The wayland-* folders hold what the wayland platform loads: the xdg-shell
# integration (cage and every desktop compositor speak it; wl-shell and fullscreen-shell for
# older ones), the client-side decoration of a window that is not full screen, and EGL buffers
# (Qt probes them; widgets draw into shared memory). The *-server integrations and the qt-/ivi-
# shells are for Qt's own compositors. xcbglintegrations: GL surfaces under X11, probed at start.
# imageformats/iconengines: the SVG icon (PNG is built in), ICO for Windows.
# platforminputcontexts: compose, for dead keys on a physical keyboard (the operator's PIN and
# settings). styles: Windows' native look. Everything else (the GTK theme, accessibility
# bridges, input devices for eglfs, TLS and network information for QtNetwork, SQL drivers,
# print support, QML tooling, the virtual keyboard) is dropped.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qminimal"}),
    "wayland-shell-integration": frozenset({"xdg-shell", "wl-shell-plugin", "fullscreen-shell-v1"}),
    "wayland-decoration-client": frozenset({"bradient"}),
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
    "xcbglintegrations": None,
    "imageformats": frozenset({"qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin"}),
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle"}),
}

# Python modules never needed at run time (PyInstaller's analysis finds them through optional
# imports of the dependencies).
EXCLUDED_PYTHON = (
    "tkinter",
    "_tkinter",
    "pytest",
    "setuptools",
    "pkg_resources",
    "pip",
    # Pillow reads the phone's JPEG, PNG or WebP photo (kiosk/sandbox/faces/photo.py, the flow
    # page's photo step): AVIF's decoder library alone is 5 MB, Tk is not there to draw on.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtBluetooth",
    "PySide6.QtCharts",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtDataVisualization",
    "PySide6.QtDesigner",
    "PySide6.QtGraphs",
    "PySide6.QtHelp",
    "PySide6.QtHttpServer",
    "PySide6.QtLocation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtPrintSupport",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio",
    "PySide6.QtSql",
    "PySide6.QtStateMachine",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtTest",
    "PySide6.QtTextToSpeech",
    "PySide6.QtUiTools",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtXml",
)

_PLUGIN = re.compile(r"(?:^|/)plugins/(?P<folder>[^/]+)/(?P<file>[^/]+)$")
_QT_PYTHON = re.compile(r"^PySide6/(?P<name>Qt\w+)\.(?:abi3\.so|pyd|pyi)$")


def plugin_name(file: str) -> str:
    """``libqxcb.so`` -> ``qxcb``; ``qwindows.dll`` -> ``qwindows``."""
    return file.split(".", 1)[0].removeprefix("lib")


def keep(destination: str) -> bool:
    """Whether the bundle keeps the file PyInstaller would put at ``destination``."""
    name = destination.replace("\\", "/")
    if "/translations/" in f"/{name}" and name.endswith(".qm"):
        return False  # the kiosk's text is its own; Qt's dialogs are never shown to customers
    plugin = _PLUGIN.search(name)
    if plugin:
        wanted = KEPT_PLUGINS.get(plugin["folder"], frozenset())
        return wanted is None or plugin_name(plugin["file"]) in wanted
    module = _QT_PYTHON.match(name)
    if module:
        return module["name"] in QT_PYTHON_MODULES
    return not name.startswith(("PySide6/Qt/qml/", "PySide6/Qt/resources/", "PySide6/Qt/libexec/"))


def keep_import(module: str) -> bool:
    """Whether a hidden import a Qt hook asks for is kept (only the kiosk's Qt modules)."""
    if not module.startswith("PySide6.Qt"):
        return True
    return module.split(".")[1] in QT_PYTHON_MODULES


Collected = list[tuple[str, str]]


def filter_hook(
    hiddenimports: list[str], binaries: Collected, datas: Collected
) -> tuple[list[str], Collected, Collected]:
    """A Qt hook's collection (``add_qt6_dependencies``), less what :func:`keep` drops.

    Filtering in the hooks (packaging/hooks/), before PyInstaller follows the binaries' links,
    also keeps out what only a dropped plugin needs (the GTK theme plugin alone pulls in GTK 3,
    cairo, pango and ATK: ~20 MB)."""

    def kept(entries: Collected) -> Collected:
        return [
            (source, folder)
            for source, folder in entries
            if keep(f"{folder}/{source.replace(chr(92), '/').rsplit('/', 1)[-1]}")
        ]

    return [m for m in hiddenimports if keep_import(m)], kept(binaries), kept(datas)
