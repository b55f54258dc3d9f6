"""``kiosk secrets``: store the APP-KEY or the operator PIN, or show where the kiosk finds them.

::

    kiosk secrets set-key --app-id ID [--store keyring|system]
    kiosk secrets set-pin [--store keyring|system]
    kiosk secrets status [--app-id ID]

``--store keyring`` is the OS keyring of the user running the command; ``--store system`` the
machine's secrets folder (``/etc/verification-kiosk/secrets``, root's to write, readable by the
kiosk's group): the place for a kiosk that runs as a service, where no keyring exists. Without
``--store``: ``system`` when run as root (an administrator setting up the service: root's own
keyring is no place for the kiosk's secrets), else this user's keyring, else ``system``. The
lookup order is :mod:`kiosk.core.secret_stores`.

Windows: there is no system folder; the secrets go to the Credential Locker of the account that
runs the command, so an administrator runs it *as the kiosk's account* (``runas /user:kiosk``).

The value is read from the terminal without echo, or from standard input, never from the command
line; it is never printed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kiosk.core import secret_files, secret_stores
from kiosk.core import secrets as keyring_store

SET_KEY, SET_PIN, STATUS = "set-key", "set-pin", "status"
WHAT = {secret_stores.APP_KEY: "the APP-KEY", secret_stores.PIN: "the operator PIN's hash"}
MAX_KEY_CHARS = 4096
"""An APP-KEY is a few dozen characters; a longer one is a pasted file. Well below what a
secret file may hold (a longer key would be stored, then refused by every reader) and what
servers take in one header line (8 KiB is common)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``kiosk secrets``."""
    parser.add_argument("action", choices=[SET_KEY, SET_PIN, STATUS])
    parser.add_argument(
        "--app-id",
        help="set-key: the APP-ID the key belongs to (the keyring keeps one key per APP-ID; "
        "the system folder holds the key for the APP-ID in the settings); "
        "status: the APP-ID to look for (default: the settings')",
    )
    parser.add_argument(
        "--store",
        choices=secret_stores.WRITABLE,
        help="where to store it: this user's OS keyring, or the machine's folder for the "
        f"kiosk's service ({secret_stores.SYSTEM_DIR}, needs root). Default: system as root, "
        "else the keyring if there is one",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``kiosk secrets``; 0 done, 1 could not store, 2 usage."""
    if args.action == STATUS:
        return _status(args.app_id)
    store = args.store or default_store()
    if args.action == SET_KEY:
        if store == secret_stores.KEYRING and not args.app_id:
            print("error: set-key needs --app-id for the keyring.", file=sys.stderr)
            return 2
        from kiosk.core import rules

        if args.app_id and not rules.is_header_text(args.app_id):
            # The kiosk refuses such an APP-ID in its settings: a key stored for it is never used.
            print(
                "error: the APP-ID must be printable ASCII with no spaces around it, as in the "
                "settings; nothing was stored.",
                file=sys.stderr,
            )
            return 2
        key = _read(f"APP-KEY for {args.app_id or 'this kiosk'}: ")
        if not key:
            print("error: the key is empty; nothing was stored.", file=sys.stderr)
            return 2
        if len(key) > MAX_KEY_CHARS:
            print(
                f"error: the key is longer than {MAX_KEY_CHARS} characters (a file's contents, "
                "not a key?); nothing was stored.",
                file=sys.stderr,
            )
            return 2
        if not rules.is_header_text(key):
            print(
                "error: the key must be printable ASCII (no spaces around it); nothing was stored.",
                file=sys.stderr,
            )
            return 2
        return _store(store, secret_stores.APP_KEY, key, args.app_id)
    pin = _read("New operator PIN (at least 6 digits): ")
    if len(pin) < 6 or not pin.isdigit() or not pin.isascii():
        print("error: the PIN must be at least 6 digits; nothing was stored.", file=sys.stderr)
        return 2
    return _store(store, secret_stores.PIN, pin, args.app_id)


def default_store() -> str:
    """``system`` for root, else ``keyring`` when this user has one, else ``system``."""
    if os.name != "nt" and os.geteuid() == 0:
        return secret_stores.SYSTEM
    try:
        keyring_store.keyring_name()
    except keyring_store.KeyringUnavailable:
        if secret_stores.system_dir() is not None:
            return secret_stores.SYSTEM
    return secret_stores.KEYRING


def _read(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def _store(store: str, name: str, value: str, app_id: str | None) -> int:
    what = WHAT[name]
    if store == secret_stores.KEYRING:
        try:
            if name == secret_stores.APP_KEY:
                keyring_store.set_app_key(str(app_id), value)
            else:
                keyring_store.set_pin(value)
        except keyring_store.KeyringUnavailable as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except Exception as exc:  # a locked or broken keyring: its error names no secret
            print(f"error: the keyring refused it ({type(exc).__name__}).", file=sys.stderr)
            return 1
        owner = f"{keyring_store.keyring_name()} of user {secret_stores.user_name()}"
        for_id = f" for {app_id}" if name == secret_stores.APP_KEY else ""
        print(f"stored {what}{for_id} in the OS keyring ({owner})")
    else:
        content = value if name == secret_stores.APP_KEY else keyring_store.hash_pin(value)
        stored = _store_in_folder(name, content)
        if stored is None:
            return 1
        print(f"stored {what} in {stored} ({_readers(stored)})")
    _note_shadowing(name, store, app_id)
    return 0


def _store_in_folder(name: str, content: str) -> Path | None:
    """Write ``content`` to the machine's folder; None after printing why it could not."""
    folder = secret_stores.system_dir()
    if folder is None:
        print(
            "error: Windows has no system secrets folder: store it in the Credential Locker "
            "of the kiosk's account (runas /user:kiosk, then --store keyring).",
            file=sys.stderr,
        )
        return None
    action = SET_KEY if name == secret_stores.APP_KEY else SET_PIN
    try:
        return secret_files.write_secret(folder, name, content, group=_service_group())
    except PermissionError:
        print(
            f"error: cannot write {folder}: only root may. Run: "
            f"sudo kiosk secrets {action} --store system",
            file=sys.stderr,
        )
    except OSError as exc:
        print(f"error: cannot write {folder} ({exc.strerror or exc}).", file=sys.stderr)
    return None


def _service_group() -> int | None:
    """The kiosk service's group id, for a folder made here (None: no such group)."""
    try:
        import grp
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        return grp.getgrnam(secret_stores.SERVICE_GROUP).gr_gid
    except KeyError:
        return None


def _readers(path: Path) -> str:
    """Who may read ``path``, for the confirmation."""
    try:
        import grp

        group = grp.getgrgid(path.stat().st_gid).gr_name
    except (ImportError, KeyError, OSError):
        return "readable by its owner and group"
    if group == "root":
        return (
            f"readable by root only: give the kiosk's group access with "
            f"chgrp {secret_stores.SERVICE_GROUP} {path.parent} {path}"
        )
    return f"readable by root and group {group}"


def _note_shadowing(name: str, store: str, app_id: str | None) -> None:
    """Say so when another store comes first in the lookup, here, and will be used instead."""
    used = secret_stores.in_use(app_id)
    first = used.app_key if name == secret_stores.APP_KEY else used.pin
    if first is not None and first != store:
        print(
            f"note: {first} comes first in the lookup and holds {WHAT[name]} too, so this "
            f"process would use that one (`kiosk secrets status` shows the order)."
        )


def _status(app_id: str | None) -> int:
    """``kiosk secrets status``: where each secret comes from, every store, no values."""
    import logging

    app_id = app_id or _configured_app_id()
    # A store passed over is in the table below; the log's copy of it would only repeat it.
    logger = logging.getLogger(secret_stores.__name__)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        used = secret_stores.in_use(app_id)
    finally:
        logger.setLevel(level)
    key_for = f" for {app_id}" if app_id else " (no APP-ID configured)"
    print(f"APP-KEY{key_for}: {used.app_key or 'not found'}")
    print(f"operator PIN: {used.pin or 'not set'}")
    print("stores, in lookup order:")
    for status in secret_stores.describe_stores(app_id):
        mark = "yes" if status.available else "no"
        print(f"  {status.name:<20} {mark:<4} {status.detail}")
    return 0


def _configured_app_id() -> str | None:
    from kiosk.config import settings_file
    from kiosk.core.settings import SettingsError, load

    try:
        return load(settings_file(None)).app_id or None
    except (SettingsError, OSError):
        return None
