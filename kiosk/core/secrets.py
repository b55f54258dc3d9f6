"""Secrets: the APP-KEY and the operator PIN, never in logs, and in a file only where that file
is the administrator's choice for a service (:mod:`kiosk.core.secret_stores`).

This module holds the OS keyring's part (Windows Credential Locker, macOS Keychain or the Secret
Service on Linux, through the ``keyring`` package), the PIN's hash and its lockout. Where the
secrets are looked up, and in which order (environment, systemd credentials, keyring, the
machine's secrets folder), is :mod:`kiosk.core.secret_stores`; :func:`get_app_key` and
:func:`stored_pin` follow that order.

The PIN is stored as a salted scrypt hash; :class:`PinGuard` locks out further tries after
repeated wrong ones, and the lockout survives a restart. The lockout state is no secret: it is
kept in the kiosk's data folder, which its (service) user can write, keyring or not.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.redact import register_secret

if TYPE_CHECKING:
    from kiosk.core.state import ActiveSession

SERVICE = "verification-kiosk"
PIN_ENTRY = "operator-pin"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MAX_TRIES = 5
LOCKOUT_SECONDS = 300.0

NO_KEYRING = (
    "No OS keyring is available to hold the APP-KEY (on Linux, the Secret Service: GNOME Keyring "
    "or KWallet, unlocked for the kiosk's user; a service under cage has none). Options: for a "
    "service, an administrator stores it with `sudo kiosk secrets set-key --store system` (a "
    "file only root and the kiosk's group can read) or hands it over as the systemd credential "
    "app-key (LoadCredential=, LoadCredentialEncrypted=); or give it in the KIOSK_APP_KEY "
    "environment variable; or install and unlock a keyring for the kiosk's user."
)
NO_KEYRING_PIN = (
    "No OS keyring is available to hold the operator PIN (on Linux, the Secret Service, unlocked "
    "for this user; a service under cage has none). For the kiosk's service, store it with "
    "`sudo kiosk secrets set-pin --store system`, or hand its hash over as the systemd "
    "credential operator-pin."
)


class KeyringUnavailable(RuntimeError):
    """No usable OS keyring; the message lists the options."""


class KeyringUnreadable(KeyringUnavailable):
    """A keyring exists but answered with an error (locked, or broken)."""


def _keyring(message: str = NO_KEYRING) -> Any:
    import keyring
    import keyring.backends.fail

    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        raise KeyringUnavailable(message)
    return keyring


def keyring_name() -> str:
    """The keyring in use, e.g. ``SecretService Keyring`` (raises KeyringUnavailable)."""
    import keyring

    _keyring()
    backend = keyring.get_keyring()
    return str(getattr(backend, "name", type(backend).__name__))


def keyring_get(entry: str, message: str = NO_KEYRING) -> str | None:
    """The keyring's ``entry`` under this program's service name, or None.

    Raises:
        KeyringUnavailable: no keyring (``message`` says what to do instead).
        KeyringUnreadable: the keyring answered with an error (a locked or broken one).
    """
    module = _keyring(message)
    try:
        value = module.get_password(SERVICE, entry)
    except Exception as exc:  # a locked or broken keyring: its error names no secret
        raise KeyringUnreadable(f"The keyring could not be read ({type(exc).__name__}).") from exc
    return value if isinstance(value, str) and value else None


def keyring_app_key(app_id: str) -> str | None:
    """The APP-KEY the keyring holds for ``app_id``, or None (raises as :func:`keyring_get`)."""
    key = keyring_get(f"app-key:{app_id}")
    register_secret(key)
    return key


def get_app_key(app_id: str) -> str | None:
    """The APP-KEY for ``app_id`` from the stores, in their order (systemd credentials, the
    keyring, the machine's secrets folder; the environment is the caller's), or None.

    Raises:
        KeyringUnavailable: no store holds one and a store could not be used (no keyring at
            all, a locked one, a secret file open to every user); the message says what to do.
    """
    from kiosk.core import secret_stores

    found = secret_stores.find_app_key(app_id, key_env=None)
    return found.value if found is not None else None


def set_app_key(app_id: str, key: str) -> None:
    """Store the APP-KEY for ``app_id``."""
    register_secret(key)
    _keyring().set_password(SERVICE, f"app-key:{app_id}", key)


def set_pin(pin: str) -> None:
    """Store the operator PIN (as its salted hash) in the keyring."""
    _keyring(NO_KEYRING_PIN).set_password(SERVICE, PIN_ENTRY, hash_pin(pin))


def keyring_pin() -> str | None:
    """The operator PIN's hash in the keyring, or None (raises as :func:`keyring_get`)."""
    return keyring_get(PIN_ENTRY, NO_KEYRING_PIN)


def stored_pin() -> str | None:
    """The operator PIN's hash from the stores, in their order (systemd credentials, the
    keyring, the machine's secrets folder), or None when none holds one.

    Raises:
        KeyringUnavailable: none holds one and a store that might could not be read (a locked
            keyring, a file open to every user); the message says which and what to do.
    """
    from kiosk.core import secret_stores

    found = secret_stores.find_pin_hash()
    return found.value if found is not None else None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64) for ``pin``."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **SCRYPT)
    encoded = [base64.b64encode(x).decode() for x in (salt, digest)]
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${encoded[0]}${encoded[1]}"


def pin_matches(pin: str, stored: str) -> bool:
    """Whether ``pin`` hashes to ``stored`` (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


class PinGuard:
    """Checks the operator PIN, with lockout after ``MAX_TRIES`` wrong tries in a row.

    Args:
        stored: the PIN's hash (from the keyring).
        state_file: where the count of wrong tries and the lockout are kept across restarts.
        clock: epoch seconds, injectable for tests.
    """

    def __init__(
        self, stored: str, state_file: Path, clock: Callable[[], float] = time.time
    ) -> None:
        self._stored = stored
        self._file = state_file
        self._clock = clock
        self._failures, self._locked_until = self._read()

    def seconds_locked(self) -> float:
        """Seconds until the PIN may be tried again (0 when it may be tried now)."""
        return max(0.0, self._locked_until - self._clock())

    def check(self, pin: str) -> bool:
        """True for the right PIN (resetting the count); False for a wrong one or while locked."""
        if self.seconds_locked() > 0:
            return False
        if pin_matches(pin, self._stored):
            self._failures, self._locked_until = 0, 0.0
            self._write()
            return True
        self._failures += 1
        if self._failures >= MAX_TRIES:
            # Each further lockout lasts twice as long as the one before.
            rounds = self._failures - MAX_TRIES
            self._locked_until = self._clock() + LOCKOUT_SECONDS * 2 ** min(rounds, 6)
        self._write()
        return False

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self._file.read_text())
            return int(data["failures"]), float(data["locked_until"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def _write(self) -> None:
        from kiosk.core import private_files

        body = {"failures": self._failures, "locked_until": self._locked_until}
        try:
            private_files.write_text(self._file, json.dumps(body))  # 0600, in a 0700 folder
        except OSError:  # an unwritable home: the lockout still holds while the kiosk runs
            logging.getLogger(__name__).warning(
                "the PIN lockout state cannot be kept at %s", self._file
            )


LIVE_ENTRY = "live-session"


def save_live_session(record: dict[str, Any]) -> None:
    """Remember the session being followed (its token included) so a restart can resume it.
    Only in the keyring: the token never goes to a file."""
    _keyring().set_password(SERVICE, LIVE_ENTRY, json.dumps(record))


def load_live_session() -> dict[str, Any] | None:
    """The session a previous run was following, if it did not end."""
    text = _keyring().get_password(SERVICE, LIVE_ENTRY)
    if not text:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if isinstance(record, dict):
        register_secret(record.get("token"))
        return record
    return None


def clear_live_session() -> None:
    """Forget the live session (it ended)."""
    import keyring.errors

    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        _keyring().delete_password(SERVICE, LIVE_ENTRY)


class KeyringLiveStore:
    """The controller's store for the live session: the keyring (never a file: it holds the
    token), keyed to the backend so another backend's kiosk does not resume it."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def save(self, session: ActiveSession, journal_row: int | None) -> None:
        record = {
            "base_url": self.base_url,
            "session_id": session.session_id,
            "token": session.token,
            "url": session.url,
            "scopes": list(session.scopes),
            "journal_row": journal_row,
        }
        try:
            save_live_session(record)
        except Exception:  # no keyring: the session still runs, it just cannot be resumed
            logging.getLogger(__name__).warning(
                "the live session could not be kept for resuming after a restart"
            )

    def clear(self) -> None:
        with contextlib.suppress(Exception):
            clear_live_session()
