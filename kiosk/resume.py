"""Resuming after a restart: the session a previous run was following when it stopped (a crash,
a power cut) is picked up again, its outcome shown and recorded in the same journal row.

Only a configured backend's sessions outlive the process (the embedded sandbox's end with it);
the live session is kept in the OS keyring (:class:`kiosk.core.secrets.KeyringLiveStore`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.sessions import runner_factory

if TYPE_CHECKING:
    from kiosk.backend import BackendStarter
    from kiosk.config import KioskConfig
    from kiosk.ui.controller import KioskController

log = logging.getLogger("kiosk.app")


def resume(controller: KioskController, starter: BackendStarter, config: KioskConfig) -> None:
    """Hand the controller the live session a previous run kept, if it belongs to this
    backend; do nothing when there is none, or no keyring, or the record is damaged."""
    from kiosk.core.models import CreatedSession
    from kiosk.core.secrets import load_live_session

    try:
        record = load_live_session()
    except Exception:  # no keyring, or a locked one: nothing to resume
        return
    if not record or record.get("base_url") != config.settings.base_url:
        return
    try:
        created = CreatedSession(record["session_id"], record["token"], record["url"])
    except (KeyError, TypeError):
        return
    log.info("resuming session %s after a restart", created.session_id)
    scopes = record.get("scopes") or None
    make = runner_factory(starter, config, resume=created, scopes=scopes)
    controller.resume(make, record.get("journal_row"))
