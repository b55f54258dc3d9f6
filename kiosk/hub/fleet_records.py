"""What the hub keeps about its fleet beside kiosks and sessions (schema versions 2 and 3):
each kiosk's last heartbeat and the dashboard's admin accounts.

``heartbeats``
    ``kiosk_id`` TEXT primary key, ``last_seen`` (timestamp), ``version`` TEXT, ``state`` TEXT
    (one of :data:`KIOSK_STATES`), ``last_error`` TEXT NULL. One row per kiosk, replaced by
    each heartbeat; the texts are neutralised and capped before they are stored (a kiosk's
    words are hostile text to the dashboard that shows them).
``admins``
    ``name`` TEXT primary key, ``password_hash`` TEXT (scrypt, ``credentials.py``'s
    encoding), ``created_at`` (timestamp).
``admin_sessions`` (version 3)
    ``id_hash`` TEXT primary key (SHA-256 of a dashboard cookie's random id), ``name`` TEXT,
    ``expires_at`` (timestamp).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kiosk.hub.store import StoreError

# What a kiosk may report as its state ("offline" is the dashboard's word for a kiosk whose
# heartbeats stopped; a kiosk never reports it).
KIOSK_STATES = ("idle", "in_session", "error")
MAX_VERSION = 64
MAX_ERROR = 500
MAX_ADMIN_NAME = 64


class DuplicateAdmin(StoreError):
    """An admin account with this name already exists."""


@dataclass(frozen=True)
class Heartbeat:
    """A kiosk's last report of itself, as stored."""

    kiosk_id: str
    last_seen: datetime
    version: str
    state: str
    last_error: str | None = None


@dataclass(frozen=True)
class AdminRecord:
    """A dashboard account; ``password_hash`` is the encoded scrypt hash (never shown)."""

    name: str
    password_hash: str = field(repr=False)
    created_at: datetime
