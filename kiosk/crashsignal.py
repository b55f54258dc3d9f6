"""Crashes and OS signals routed into the Qt application (as qutebrowser's misc/crashsignal).

An uncaught exception goes to the log and to the error screen instead of killing the kiosk;
SIGINT and SIGTERM end Qt's loop cleanly, even in locked kiosk mode.

Windows has no SIGTERM from outside. There a stop comes as:

- a console control event, for a kiosk started from a console or by a service wrapper that
  sends one (Ctrl+Break, the console window closed): :class:`ConsoleControl` turns it into the
  same clean quit and holds Windows off until the teardown is done (Windows ends the process as
  soon as the handler returns from a console close, ~5 s at most);
- the end of the Windows session (log off, shut down: WM_QUERYENDSESSION, WM_ENDSESSION): Qt
  emits ``aboutToQuit`` and the process is ended right after, so what must happen then is
  connected to ``aboutToQuit`` (:func:`kiosk.app.run` connects the controller's shutdown,
  which joins the workers and closes the journal);
- ``taskkill /F`` or the Task Manager's End task, which no program can intercept.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk.core.redact import redact

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

log = logging.getLogger("kiosk.app")

# Console control events (wincon.h).
CTRL_C_EVENT = 0
CTRL_BREAK_EVENT = 1
CTRL_CLOSE_EVENT = 2
CTRL_LOGOFF_EVENT = 5
CTRL_SHUTDOWN_EVENT = 6
CLOSE_GRACE_SECONDS = 4.5
"""How long a console control handler holds Windows off while the kiosk tears down: Windows
ends the process 5 s after a console close (SPI_GETHUNGAPPTIMEOUT) whatever the handler does."""


def route_crashes(show: Callable[[str], None]) -> Callable[[], None]:
    """Send uncaught exceptions to the log and to ``show`` (the error screen); returns the
    function that puts the previous hook back."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))
        with contextlib.suppress(Exception):
            show(redact(f"{kind.__name__}: {value}"))

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore


class ConsoleControl:
    """A Windows console control handler that ends the kiosk as SIGTERM does.

    Windows calls it on a thread of its own. Python's own handling cannot do this: it maps only
    Ctrl+C (SIGINT) and Ctrl+Break (SIGBREAK), and its handler returns at once, after which
    Windows ends the process on a console close before the main thread has run a line, losing
    the journal's last row and the threads' orderly stop.

    Args:
        request_quit: asks the main thread to quit (called from Windows' thread).
        torn_down: set once the kiosk's teardown is complete.
        grace: the longest wait for ``torn_down``.
    """

    def __init__(
        self,
        request_quit: Callable[[], None],
        torn_down: threading.Event,
        grace: float = CLOSE_GRACE_SECONDS,
    ) -> None:
        self._request_quit = request_quit
        self._torn_down = torn_down
        self._grace = grace

    def __call__(self, event: int) -> bool:
        """Handle ``event``: True when handled (Windows then calls no other handler)."""
        if event == CTRL_C_EVENT:
            return False  # Python's SIGINT handler takes it, in the same way
        if event == CTRL_LOGOFF_EVENT:
            # Sent to services when any user logs off; the kiosk's own session ending comes as
            # WM_ENDSESSION (aboutToQuit). Handled means ignored: the default handler would exit.
            return True
        log.info("Windows console event %d: quitting", event)
        self._request_quit()
        # For a console close, log off or shut down, returning lets Windows end the process.
        self._torn_down.wait(self._grace)
        return True


def _quit_main_thread() -> None:
    """What SIGTERM does, from another thread: the main thread's SIGTERM handler runs, and
    the wake-up socket wakes Qt's loop for it."""
    import _thread

    _thread.interrupt_main(signal.SIGTERM)


_HANDLERS: list[object] = []  # ctypes callbacks Windows may call until the process ends


def _set_console_handler(handler: ConsoleControl) -> Callable[[], None]:
    """Register ``handler`` with SetConsoleCtrlHandler; returns the function that removes it."""
    if sys.platform != "win32":
        raise OSError("console control handlers are a Windows API")
    import ctypes
    from ctypes import wintypes

    routine_type = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
    routine = routine_type(lambda event: bool(handler(int(event))))
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    if not kernel32.SetConsoleCtrlHandler(routine, True):
        raise ctypes.WinError(ctypes.get_last_error())
    _HANDLERS.append(routine)  # never freed: Windows may still be calling it

    def remove() -> None:
        kernel32.SetConsoleCtrlHandler(routine, False)

    return remove


def console_installer(
    platform: str | None = None,
) -> Callable[[ConsoleControl], Callable[[], None]] | None:
    """How to register a console control handler on ``platform`` (``sys.platform``): None
    where there are none (POSIX has SIGTERM)."""
    return _set_console_handler if (platform or sys.platform) == "win32" else None


@contextlib.contextmanager
def routed_signals(
    app: QObject,
    install_console_handler: Callable[[ConsoleControl], Callable[[], None]] | None = None,
) -> Iterator[threading.Event]:
    """Make SIGINT and SIGTERM (on Windows also SIGBREAK and console control events) quit Qt's
    loop cleanly; yields an event set by any of them.

    Python runs signal handlers only when it gets control; a wake-up socket watched by Qt gives
    it control as soon as a signal arrives, with no polling timer. A signal that comes before
    the loop runs is remembered in the event. Enter it before the rest of the teardown: it
    leaves last, and a console handler waits for that.

    Args:
        install_console_handler: registers a :class:`ConsoleControl` (default: Windows' own,
            :func:`console_installer`); a test passes its own.
    """
    from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

    requested = threading.Event()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifiers: list[QSocketNotifier] = []

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    def watch() -> None:
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
        notifier.activated.connect(drain)
        notifiers.append(notifier)

    def on_signal(*_: object) -> None:
        requested.set()
        # exit() ends the loop without asking windows to close (a locked kiosk would refuse).
        QCoreApplication.exit(0)

    # The notifier is made once the loop runs: its enum argument is the first Qt enum use, which
    # costs ~16 ms that the first paint need not wait for. Until then a signal is still caught
    # (the handler runs at Python's next step) and remembered in `requested`.
    QTimer.singleShot(0, watch)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    numbers = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGBREAK"):  # Windows' Ctrl+Break, if the console handler is missing
        numbers.append(signal.SIGBREAK)
    previous = {n: signal.signal(n, on_signal) for n in numbers}
    torn_down = threading.Event()
    remove_console_handler: Callable[[], None] | None = None
    install = install_console_handler or console_installer()
    if install is not None:
        try:
            remove_console_handler = install(ConsoleControl(_quit_main_thread, torn_down))
        except OSError as exc:  # no console, or the call failed: SIGBREAK still works
            log.warning("no console control handler (%s); Ctrl+Break still quits", exc)
    try:
        yield requested
    finally:
        if remove_console_handler is not None:
            remove_console_handler()
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        for notifier in notifiers:
            notifier.setEnabled(False)
        reader.close()
        writer.close()
        torn_down.set()  # the kiosk's teardown is done: a console handler may let Windows go
