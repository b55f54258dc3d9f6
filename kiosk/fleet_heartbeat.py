"""Glue: the kiosk's heartbeats to a hub, from the controller's state (see
``kiosk.core.heartbeat`` for the protocol and ``kiosk.ui.worker.HeartbeatThread`` for the
thread). Only a configured backend may be a hub; the first answer tells."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.core.heartbeat import DEFAULT_INTERVAL, HeartbeatSender, Report
from kiosk.core.state import KioskState, Phase
from kiosk.ui.worker import HeartbeatThread

if TYPE_CHECKING:
    from kiosk.backend import BackendStarter
    from kiosk.ui.controller import KioskController

log = logging.getLogger(__name__)


def report_of(state: KioskState) -> Report:
    """What a heartbeat says for the kiosk's ``state``: idle on the idle screen, error on the
    error screen (with the staff message, free of secrets), in a session otherwise."""
    if state.phase is Phase.IDLE:
        return Report("idle")
    if state.phase is Phase.ERROR:
        return Report("error", state.error_message or None)
    return Report("in_session")


def heartbeats(
    controller: KioskController, starter: BackendStarter, interval: float = DEFAULT_INTERVAL
) -> HeartbeatThread:
    """A heartbeat thread (not started) to the backend ``starter`` opens."""

    def make_sender() -> HeartbeatSender | None:
        try:
            backend, _ = starter.get()
        except Exception as exc:  # the first session reports a backend that did not open
            log.info("no heartbeats: %s", type(exc).__name__)
            return None
        return HeartbeatSender(backend.base_url, backend.credentials)

    return HeartbeatThread(make_sender, lambda: report_of(controller.state), interval)
