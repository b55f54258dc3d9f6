"""The hub's storage interface (:class:`HubStore`) and the rows it stores.

Two implementations keep the SAME schema: ``store_sqlite.SqliteStore`` (stdlib sqlite3, the
default for a single site) and ``store_pg.PostgresStore`` (psycopg 3 with psycopg_pool, for
fleets). ``kiosk.hub.database.open_store(url)`` picks one from a ``--database`` URL. Both are
synchronous and thread-safe; the hub's async code calls them through a worker thread.

Schema (version :data:`SCHEMA_VERSION`; each backend applies its numbered migrations in order
and records the version reached in a one-row ``schema_version`` table):

``kiosks``
    ``id`` TEXT primary key, ``name`` TEXT, ``site`` TEXT, ``secret_hash`` TEXT,
    ``created_at`` / ``revoked_at`` (timestamp, revoked_at NULL while active),
    ``allowed_scopes`` TEXT (JSON list, NULL: any scope), ``max_ttl_sec`` INTEGER (NULL: no cap),
    ``rate_per_minute`` INTEGER (NULL: no limit).
``sessions``
    ``session_id`` TEXT primary key (the upstream's sessionId, returned to the kiosk as is),
    ``hub_token`` TEXT unique (the token the kiosk holds), ``upstream_token`` TEXT,
    ``callback_path`` TEXT unique (the unguessable path of the hub's callbackUrl),
    ``kiosk_id`` TEXT, ``site`` TEXT, ``reference`` TEXT NULL, ``scopes`` TEXT (JSON list),
    ``status`` TEXT, ``outcome`` TEXT NULL, ``scores`` TEXT (JSON object name -> number),
    ``reasons`` TEXT (JSON list of strings), ``expires_at`` NULL, ``created_at``,
    ``updated_at``, ``ended_at`` NULL (set with the first final status).
    Indexes: (kiosk_id, created_at), (ended_at) for the live sessions.
``heartbeats``, ``admins`` (version 2), ``admin_sessions`` (version 3)
    each kiosk's last heartbeat, the dashboard's accounts and logins: ``fleet_records.py``.
``remote_settings`` (version 4)
    the settings IT set for a site or a kiosk: ``remote_settings_rows.py``.

Timestamps are timezone-aware UTC :class:`datetime` values in Python (TEXT ISO 8601 in SQLite,
``timestamptz`` in PostgreSQL). JSON columns are plain TEXT in both so the rows read back the same.

What is never stored: the upstream APP-KEY, kiosk device secrets in clear (only their scrypt
hash, see ``credentials.py``), the person's images or the raw upstream result body. Tokens are
stored because the hub needs them to serve status reads; they never appear in logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from typing import Any

    from kiosk.hub.fleet_records import AdminRecord, Heartbeat
    from kiosk.hub.remote_settings_rows import Scope, ScopeSettings

SCHEMA_VERSION = 4

# Statuses after which a session can no longer change (the contract's final statuses).
FINAL_STATUSES = frozenset({"DONE", "FAILED", "EXPIRED", "CANCELED"})


def utc_now() -> datetime:
    """The current time as the stores keep it (aware UTC, microseconds dropped so both
    backends round-trip the same value)."""
    return datetime.now(UTC).replace(microsecond=0)


class StoreError(Exception):
    """A storage operation failed (the message never contains secrets or tokens)."""


class StoreUnavailable(StoreError):
    """The database cannot be reached right now (readiness fails; the caller may retry)."""


class DuplicateKiosk(StoreError):
    """A kiosk with this id already exists."""


class UnknownKiosk(StoreError):
    """No kiosk has this id."""


class UnknownSession(StoreError):
    """No session has this id."""


@dataclass(frozen=True)
class KioskPolicy:
    """What one kiosk may do. ``None`` means "no restriction" for each field."""

    allowed_scopes: tuple[str, ...] | None = None
    max_ttl_sec: int | None = None
    rate_per_minute: int | None = None


@dataclass(frozen=True)
class KioskRecord:
    """An enrolled kiosk. ``secret_hash`` is the encoded scrypt hash (``credentials.py``)."""

    id: str
    name: str
    site: str
    secret_hash: str = field(repr=False)
    created_at: datetime
    revoked_at: datetime | None = None
    allowed_scopes: tuple[str, ...] | None = None
    max_ttl_sec: int | None = None
    rate_per_minute: int | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def policy(self) -> KioskPolicy:
        return KioskPolicy(self.allowed_scopes, self.max_ttl_sec, self.rate_per_minute)


@dataclass(frozen=True)
class SessionRecord:
    """One session created through the hub: the journal row and the token mapping.

    ``hub_token`` / ``upstream_token`` / ``callback_path`` are secrets (not in repr, never
    logged). ``status`` is upstream's last status; ``outcome`` is ``None`` until final, then
    ``"PASS"`` or ``"FAIL"`` by the kiosk's verdict policy (``kiosk.core.verdict.decide``, default
    thresholds; anything but DONE with every check passed is FAIL); ``scores`` maps a check
    (``"liveness"``, ``"deepfake"``, ``"search"``) to its score; ``reasons`` are the verdict's
    sentences for a FAIL.
    """

    session_id: str
    hub_token: str = field(repr=False)
    upstream_token: str = field(repr=False)
    callback_path: str = field(repr=False)
    kiosk_id: str
    site: str
    reference: str | None
    scopes: tuple[str, ...]
    status: str
    created_at: datetime
    updated_at: datetime
    outcome: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    expires_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


@runtime_checkable
class HubStore(Protocol):
    """The hub's persistent state. Every method may raise :class:`StoreUnavailable` when the
    database cannot be reached; implementations reconnect on the next call by themselves."""

    def migrate(self) -> int:
        """Create or upgrade the schema (idempotent, safe with several hubs starting at once);
        returns the schema version reached (:data:`SCHEMA_VERSION`)."""
        ...

    def schema_version(self) -> int:
        """The version recorded in ``schema_version`` (0 before :meth:`migrate`)."""
        ...

    def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless a trivial query succeeds (readiness)."""
        ...

    def close(self) -> None:
        """Release connections; the store is not used afterwards."""
        ...

    # --- kiosks ---

    def add_kiosk(self, kiosk: KioskRecord) -> None:
        """Insert ``kiosk``; :class:`DuplicateKiosk` if its id exists."""
        ...

    def get_kiosk(self, kiosk_id: str) -> KioskRecord | None:
        """The kiosk with this id (revoked ones included), or ``None``."""
        ...

    def list_kiosks(self) -> list[KioskRecord]:
        """Every kiosk, revoked ones included, ordered by ``created_at`` then ``id``."""
        ...

    def update_kiosk(self, kiosk: KioskRecord) -> None:
        """Replace the stored row with ``kiosk`` (same id; name, site, secret_hash,
        revoked_at and policy all written); :class:`UnknownKiosk` if there is none."""
        ...

    # --- sessions ---

    def add_session(self, session: SessionRecord) -> None:
        """Insert ``session`` (a session just created upstream)."""
        ...

    def get_session(self, session_id: str) -> SessionRecord | None:
        """The session with this (upstream) session id, or ``None``."""
        ...

    def find_by_hub_token(self, hub_token: str) -> SessionRecord | None:
        """The session a kiosk's token names, or ``None``."""
        ...

    def find_by_callback_path(self, callback_path: str) -> SessionRecord | None:
        """The session whose callbackUrl ends in ``callback_path``, or ``None``."""
        ...

    def update_session(self, session: SessionRecord) -> bool:
        """Write the changing fields of ``session`` (status, outcome, scores, reasons,
        expires_at, updated_at, ended_at), found by ``session_id``, unless the row has ended:
        an ended row never changes (its first end stands). :class:`UnknownSession` if there
        is none.

        Returns whether this call wrote the row: for an end (``ended_at`` set), True means
        THIS call ended the session, and exactly one call per session ever gets True, however
        many hubs or threads write its end at once (one conditional statement,
        ``... WHERE session_id = ? AND ended_at IS NULL``). The caller does what must happen
        once per end (counting it) only then. False: the row had ended already, nothing was
        written. An end whose commit's reply was lost (a connection break) and is retried
        still returns True when the lost commit was this store's."""
        ...

    def live_sessions(self) -> list[SessionRecord]:
        """Sessions not yet final (``ended_at`` NULL), oldest first: the hub resumes watching
        them after a restart."""
        ...

    def list_sessions(
        self, *, kiosk_id: str | None = None, site: str | None = None, limit: int = 100
    ) -> list[SessionRecord]:
        """The journal, newest first (by ``created_at`` then ``session_id``), optionally for
        one kiosk and/or one site, at most ``limit`` rows."""
        ...

    # --- heartbeats and admin accounts (fleet_records.py) ---

    def record_heartbeat(self, heartbeat: Heartbeat) -> None:
        """Store ``heartbeat`` as its kiosk's last one (replacing the previous)."""
        ...

    def heartbeats(self) -> list[Heartbeat]:
        """Every kiosk's last heartbeat, ordered by kiosk id."""
        ...

    def add_admin(self, admin: AdminRecord) -> None:
        """Insert ``admin``; :class:`~kiosk.hub.fleet_records.DuplicateAdmin` if the name
        exists."""
        ...

    def get_admin(self, name: str) -> AdminRecord | None:
        """The admin account with this name, or ``None``."""
        ...

    def list_admins(self) -> list[AdminRecord]:
        """Every admin account, ordered by name."""
        ...

    def remove_admin(self, name: str) -> bool:
        """Delete the account and its logins; whether there was one."""
        ...

    def add_admin_session(self, id_hash: str, name: str, expires_at: datetime) -> None:
        """Record a dashboard login (expired ones are deleted on the way)."""
        ...

    def admin_session(self, id_hash: str) -> tuple[str, datetime] | None:
        """The login's admin name and expiry, or ``None``."""
        ...

    def remove_admin_session(self, id_hash: str) -> None:
        """Forget a login (logout)."""
        ...

    # --- remote settings (remote_settings_rows.py) ---

    def scope_settings(self, scope: Scope, name: str) -> ScopeSettings | None:
        """The settings IT set for the site or kiosk ``name``, or ``None`` (never set)."""
        ...

    def list_scope_settings(self) -> list[ScopeSettings]:
        """Every site's and kiosk's settings, ordered by scope then name."""
        ...

    def change_scope_settings(
        self,
        scope: Scope,
        name: str,
        set_values: Mapping[str, Any],
        unset: Collection[str],
        now: datetime,
    ) -> ScopeSettings:
        """Write ``set_values`` and remove the keys in ``unset`` atomically; the version
        goes up by one when the values changed (the row is created at version 1). Values
        are JSON-ready and already checked by the caller. Returns the row as stored."""
        ...


def scopes_text(scopes: Sequence[str] | None) -> str | None:
    """Helper for implementations: a scope list as its JSON column text."""
    import json

    return None if scopes is None else json.dumps(list(scopes))
