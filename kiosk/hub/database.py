"""Open the hub's store from a ``--database`` URL.

``sqlite:///PATH`` (an absolute path after the third slash: ``sqlite:////var/lib/hub.db``, or a
relative one: ``sqlite:///hub.db``), ``postgresql://...`` / ``postgres://...`` (libpq's URL, passed
to psycopg as is). Without a URL: SQLite in the kiosk data folder (``KIOSK_HOME`` moves it).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.hub.store import HubStore, StoreError
from kiosk.paths import data_dir


def default_database_url() -> str:
    """SQLite in the data folder: ``<data>/hub.sqlite3``."""
    return f"sqlite:///{data_dir() / 'hub.sqlite3'}"


def describe(url: str) -> str:
    """``url`` fit for a log line or a message: a PostgreSQL password is masked."""
    if url.startswith(("postgresql://", "postgres://")):
        scheme, _, rest = url.partition("://")
        userinfo, at, host = rest.rpartition("@")
        if at and ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        return f"{scheme}://{userinfo}{at}{host}"
    return url


def open_store(url: str | None = None, *, migrate: bool = True) -> HubStore:
    """The store ``url`` names, its schema brought up to date unless ``migrate`` is false.

    Raises:
        StoreError: an unknown scheme, or a database that cannot be opened or migrated.
    """
    url = url or default_database_url()
    store: HubStore
    if url.startswith("sqlite:///"):
        from kiosk.hub.store_sqlite import SqliteStore

        path = url.removeprefix("sqlite:///")
        store = SqliteStore(path if path == ":memory:" else Path(path))
    elif url.startswith(("postgresql://", "postgres://")):
        try:
            from kiosk.hub.store_pg import PostgresStore  # type: ignore[import-not-found,unused-ignore]
        except ImportError as error:
            raise StoreError(
                "PostgreSQL needs the hub extra: pip install 'verification-kiosk[hub]'"
                f" ({error.name} is missing)"
            ) from None
        store = PostgresStore(url)
    else:
        raise StoreError(f"unknown database URL {describe(url)!r}: use sqlite:/// or postgresql://")
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store
