"""Several screens for Qt tests, on Qt's offscreen platform, and unplugging one at run time.

Qt's offscreen plugin reads its screens from a JSON file given as a platform argument,
``QT_QPA_PLATFORM=offscreen:configfile=/path.json`` (qtbase
src/plugins/platforms/offscreen/qoffscreenintegration.cpp)::

    {"screens": [{"name": "A", "x": 0, "y": 0, "width": 1280, "height": 800,
                  "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1.0}, ...]}

It adds them in the order of their names (it diffs sorted name lists), so a test names its
screens so that they sort in the order it wants. The platform is chosen once per process, so
the tests run a child Python (:func:`run_child`, the scenarios in ``multiscreen_child.py``)
that prints its findings as one JSON line.

Unplugging: the plugin applies a new configuration at run time through its native
interface's ``setConfiguration`` function (the same diff: a screen left out is removed with
``QWindowSystemInterface::handleScreenRemoved``, so ``QGuiApplication.screenRemoved`` fires as
for a real unplug, and one put back is added). PySide6 does not wrap the native interface, so
:func:`set_screens` reaches it with ctypes: ``QGuiApplication::platformNativeInterface()``,
its first own virtual ``nativeResourceFunctionForIntegration("setConfiguration")`` (checked:
the same slot answers "configuration" with another function and an unknown name with null,
else the helper refuses), and ``QJsonDocument::object()`` to build the ``QJsonObject``.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("multiscreen_child.py")

# QObject's own virtual functions come first in the native interface's table (metaObject,
# qt_metacast, qt_metacall, two destructors, event, eventFilter, timerEvent, childEvent,
# customEvent, connectNotify, disconnectNotify): nativeResourceFunctionForIntegration is next.
_FUNCTION_FOR_INTEGRATION_SLOT = 12


def screen(name: str, x: int, y: int, width: int, height: int) -> dict[str, Any]:
    """One screen of the offscreen configuration."""
    return {
        "name": name,
        "x": x,
        "y": y,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1.0,
    }


# The desk's screen and the customer's, side by side ("A" sorts first: it is screen 1).
DESK = screen("A-desk", 0, 0, 1280, 800)
CUSTOMER = screen("B-customer", 1280, 0, 1280, 800)


def run_child(
    scenario: str, screens: Sequence[Mapping[str, Any]], tmp_path: Path, *args: str
) -> dict[str, Any]:
    """Run ``multiscreen_child.py scenario args...`` on an offscreen platform with ``screens``;
    its JSON findings. Fails with the child's output when it does not print them."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": list(screens)}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, str(CHILD), scenario, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise AssertionError(
            f"child {scenario!r} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
        )
    found: dict[str, Any] = json.loads(lines[-1])
    found["stderr"] = done.stderr
    return found


def _qt_lib(name: str) -> ctypes.CDLL:
    import PySide6

    return ctypes.CDLL(str(Path(PySide6.__file__).parent / "Qt" / "lib" / name))


def set_screens(screens: Sequence[Mapping[str, Any]]) -> None:
    """Give the running offscreen platform these screens (in the child process): the ones
    left out are unplugged, new ones plugged in, as the plugin does with its config file."""
    import shiboken6
    from PySide6.QtCore import QByteArray, QJsonDocument
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.platformName() == "offscreen", QGuiApplication.platformName()
    gui, core = _qt_lib("libQt6Gui.so.6"), _qt_lib("libQt6Core.so.6")
    native = gui._ZN15QGuiApplication23platformNativeInterfaceEv
    native.restype = ctypes.c_void_p
    interface = native()
    assert interface, "no platform native interface"
    table = ctypes.cast(
        ctypes.cast(interface, ctypes.POINTER(ctypes.c_void_p))[0], ctypes.POINTER(ctypes.c_void_p)
    )
    lookup = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(
        table[_FUNCTION_FOR_INTEGRATION_SLOT]
    )

    def function(name: bytes) -> int | None:
        key = QByteArray(name)
        found: int | None = lookup(interface, shiboken6.getCppPointer(key)[0])
        return found

    setter, getter = function(b"setConfiguration"), function(b"configuration")
    if not setter or not getter or setter == getter or function(b"no-such-resource"):
        raise RuntimeError("this Qt's offscreen plugin has no run-time screen configuration")
    document = QJsonDocument.fromJson(QByteArray(json.dumps({"screens": list(screens)}).encode()))
    assert document.isObject()
    to_object = core._ZNK13QJsonDocument6objectEv  # QJsonObject QJsonDocument::object() const
    to_object.restype = None
    to_object.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    drop = core._ZN11QJsonObjectD1Ev  # QJsonObject::~QJsonObject()
    drop.restype = None
    drop.argtypes = [ctypes.c_void_p]
    # A QJsonObject is one pointer wide; returned by value into our buffer (the hidden first
    # argument of the Itanium ABI for a class with a destructor).
    storage = ctypes.create_string_buffer(64)
    to_object(ctypes.addressof(storage), shiboken6.getCppPointer(document)[0])
    try:
        apply = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)(setter)
        apply(ctypes.addressof(storage), interface)
    finally:
        drop(ctypes.addressof(storage))
