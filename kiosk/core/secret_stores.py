"""Where the APP-KEY and the operator PIN's hash are kept, and the order they are looked up in.

The stores, in lookup order; the first one that holds a secret wins:

1. ``environment``: ``$KIOSK_APP_KEY`` (or the variable ``kiosk run --app-key-env`` names); the
   APP-KEY only. Set for one process, so it overrides the stores (a technician's try, a
   container's secret).
2. ``systemd-credentials``: ``$CREDENTIALS_DIRECTORY/app-key`` and ``.../operator-pin`` (the PIN's
   hash), handed to the service by systemd (``LoadCredential=``, or ``LoadCredentialEncrypted=``
   for a TPM-bound secret). Readable by the service alone, read-only, gone when it stops.
3. ``keyring``: the OS keyring of the user the kiosk runs as (Windows Credential Locker, macOS
   Keychain, the Secret Service), entries ``app-key:<APP-ID>`` and ``operator-pin``. A service
   under cage has none: no D-Bus session, nobody to unlock it.
4. ``system``: the machine's secrets folder, ``/etc/verification-kiosk/secrets/``
   (``$KIOSK_SYSTEM_SECRETS_DIR`` overrides it): owned by root, 0750 with the kiosk's group
   (``kiosk``), files ``app-key`` and ``operator-pin`` 0640, written by an administrator with
   ``sudo kiosk secrets set-key --store system`` / ``set-pin --store system``. Not on Windows.

Most specific first: a variable set for this process, then what this service was given, then
this user's keyring, then the machine's folder. On a service, a secret found early also spares
the keyring's (D-Bus) probe. One kiosk has one APP-ID: the files (2 and 4) hold the key for the
APP-ID in the settings, where the keyring keys it by APP-ID.

The PIN's lockout state is no secret and needs no store: it is a file in the kiosk's data folder
(:class:`kiosk.core.secrets.PinGuard`), which the service user can write.

Windows: the keyring is the Credential Locker of the account the kiosk runs as. An administrator
must store the secrets in *that* account's locker, e.g. ``runas /user:kiosk "kiosk secrets
set-key --app-id ID"`` (the deployment guide shows how); run from the administrator's own
account, the command fills the administrator's locker, where the kiosk never looks.

Nothing here returns a secret in a ``repr`` or puts one in a message.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import NamedTuple

from kiosk.core import secret_files
from kiosk.core import secrets as keyring_store
from kiosk.core.redact import MASK, register_secret

log = logging.getLogger(__name__)

ENVIRONMENT = "environment"
CREDENTIALS = "systemd-credentials"
KEYRING = "keyring"
SYSTEM = "system"
ORDER = (ENVIRONMENT, CREDENTIALS, KEYRING, SYSTEM)
WRITABLE = (KEYRING, SYSTEM)  # what `kiosk secrets set-key/set-pin --store` can write

APP_KEY = "app-key"  # the file's (and the systemd credential's) name
PIN = "operator-pin"
KEY_ENV = "KIOSK_APP_KEY"
SYSTEM_DIR = Path("/etc/verification-kiosk/secrets")
SYSTEM_DIR_ENV = "KIOSK_SYSTEM_SECRETS_DIR"
SERVICE_GROUP = "kiosk"  # the service user's group, made by the Debian package


class StoreStatus(NamedTuple):
    """One store as this process sees it: its name (see :data:`ORDER`), whether it can be
    read here, and a line for people (where it is, what it holds or why it cannot be used;
    never a value)."""

    name: str
    available: bool
    detail: str


class InUse(NamedTuple):
    """The store each secret comes from (a name from :data:`ORDER`), or None: not found."""

    app_key: str | None
    pin: str | None


class Found:
    """A secret and the store it came from; the value stays out of ``repr``."""

    __slots__ = ("store", "value")

    def __init__(self, value: str, store: str) -> None:
        self.value = value
        self.store = store

    def __repr__(self) -> str:
        return f"Found(value={MASK!r}, store={self.store!r})"


def system_dir() -> Path | None:
    """The machine's secrets folder, or None on Windows (whose files would need ACLs; the
    kiosk account's Credential Locker is the place there)."""
    override = os.environ.get(SYSTEM_DIR_ENV)
    if override:
        return Path(override)
    return None if os.name == "nt" else SYSTEM_DIR


def credentials_dir() -> Path | None:
    """The folder systemd handed this service its credentials in, or None."""
    value = os.environ.get("CREDENTIALS_DIRECTORY")
    return Path(value) if value else None


def find_app_key(app_id: str | None, key_env: str | None = KEY_ENV) -> Found | None:
    """The APP-KEY from the first store that holds one (``key_env`` None: skip the
    environment, the caller has looked), or None.

    Raises:
        keyring_store.KeyringUnavailable: none holds one and a store could not be used (no
            keyring at all, a locked one, a secret file open to every user): what to do.
    """
    if key_env:
        value = os.environ.get(key_env)
        if value:
            register_secret(value)
            return Found(value, ENVIRONMENT)
    return _find(APP_KEY, app_id, keyring_store.NO_KEYRING)


def find_pin_hash() -> Found | None:
    """The operator PIN's hash from the first store that holds one, or None.

    Raises:
        keyring_store.KeyringUnavailable: none holds one and a store that might could not be
            read (a locked keyring, a file open to every user). A machine with no keyring at
            all is not an error here: the PIN simply is not set.
    """
    return _find(PIN, None, None)


def _find(name: str, app_id: str | None, no_keyring: str | None) -> Found | None:
    """Walk the stores for ``name``; ``no_keyring``: the message when nothing is found and
    there is no keyring (None: no keyring is no problem)."""
    problems: list[str] = []
    keyring_missing = False
    for store in (CREDENTIALS, KEYRING, SYSTEM):
        try:
            value = _read(store, name, app_id)
        except keyring_store.KeyringUnreadable as exc:
            problems.append(str(exc))
            continue
        except keyring_store.KeyringUnavailable:
            keyring_missing = True
            continue
        except secret_files.SecretFileError as exc:
            problems.append(str(exc))
            continue
        if value:
            register_secret(value)
            for problem in problems:  # passed over for a later store: say so in the log
                log.warning("%s", problem)
            return Found(value, store)
    if problems:
        raise keyring_store.KeyringUnavailable(" ".join(problems))
    if keyring_missing and no_keyring:
        raise keyring_store.KeyringUnavailable(no_keyring)
    return None


def _read(store: str, name: str, app_id: str | None) -> str | None:
    if store == KEYRING:
        if name == PIN:
            return keyring_store.keyring_pin()
        return keyring_store.keyring_app_key(app_id) if app_id else None
    folder = credentials_dir() if store == CREDENTIALS else system_dir()
    if folder is None:
        return None
    return secret_files.read_secret(folder, name, private=store == SYSTEM)


def in_use(app_id: str | None = None, key_env: str | None = KEY_ENV) -> InUse:
    """Which store the APP-KEY (for ``app_id``) and the PIN's hash come from (None: none)."""
    try:
        key = find_app_key(app_id, key_env)
    except keyring_store.KeyringUnavailable:
        key = None
    try:
        pin = find_pin_hash()
    except keyring_store.KeyringUnavailable:
        pin = None
    return InUse(key.store if key else None, pin.store if pin else None)


def describe_stores(app_id: str | None = None, key_env: str | None = KEY_ENV) -> list[StoreStatus]:
    """Every store in lookup order: whether this process can read it and what it holds.

    For ``kiosk self-test`` and ``kiosk secrets status``; no value is ever included.
    ``app_id`` lets the keyring say whether it holds that APP-ID's key.
    """
    return [
        _environment_status(key_env),
        _folder_status(CREDENTIALS, credentials_dir(), private=False),
        _keyring_status(app_id),
        _folder_status(SYSTEM, system_dir(), private=True),
    ]


def _environment_status(key_env: str | None) -> StoreStatus:
    if not key_env:
        return StoreStatus(ENVIRONMENT, False, "not consulted")
    if os.environ.get(key_env):
        return StoreStatus(ENVIRONMENT, True, f"${key_env} is set: the APP-KEY")
    return StoreStatus(ENVIRONMENT, False, f"${key_env} is not set")


def _holds(names: list[str]) -> str:
    return f"holds {' and '.join(names)}" if names else "holds no secret of the kiosk"


def _folder_status(store: str, folder: Path | None, *, private: bool) -> StoreStatus:
    if folder is None:
        if store == CREDENTIALS:
            why = "$CREDENTIALS_DIRECTORY is not set (not a systemd service given credentials)"
        else:
            why = "not on Windows: use the Credential Locker of the account the kiosk runs as"
        return StoreStatus(store, False, why)
    state = secret_files.folder_state(folder, (APP_KEY, PIN))
    if not state.exists:
        return StoreStatus(store, False, f"{folder} does not exist")
    if not state.readable:
        return StoreStatus(store, False, f"{folder} is not readable by this user")
    held: list[str] = []
    problems: list[str] = []
    for name in state.names:
        try:
            if secret_files.read_secret(folder, name, private=private):
                held.append(name)
        except secret_files.SecretFileError as exc:
            problems.append(str(exc))
    detail = f"{folder}: {_holds(held)}"
    return StoreStatus(store, True, "; ".join([detail, *problems]))


def user_name() -> str:
    """The user this process runs as (whose keyring is meant), or ``?``."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no USER variable and no passwd entry (some containers)
        return "?"


def _keyring_status(app_id: str | None) -> StoreStatus:
    try:
        name = keyring_store.keyring_name()
    except keyring_store.KeyringUnavailable:
        return StoreStatus(KEYRING, False, "no OS keyring for this user")
    owner = f"{name} of user {user_name()}"
    held: list[str] = []
    try:
        if app_id and keyring_store.keyring_app_key(app_id):
            held.append(f"{APP_KEY} for {app_id}")
        if keyring_store.keyring_pin():
            held.append(PIN)
    except keyring_store.KeyringUnavailable as exc:
        return StoreStatus(KEYRING, False, f"{owner}: {exc}")
    return StoreStatus(KEYRING, True, f"{owner}: {_holds(held)}")
