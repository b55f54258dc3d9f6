"""``kiosk hub admin add|list|remove``: the dashboard's accounts.

A password is read from the terminal (asked twice, never echoed) or, when stdin is not a
terminal, from its first line (for provisioning scripts: ``printf '%s\\n' "$PW" | kiosk hub
admin add alice``); never from the command line, where other users' ``ps`` would see it. The
store keeps its scrypt hash (``credentials.hash_secret``); nothing prints it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from typing import Any

from kiosk.hub.fleet_records import MAX_ADMIN_NAME

MIN_PASSWORD = 12
MAX_PASSWORD = 256
_NAME = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9._@-]{{0,{MAX_ADMIN_NAME - 1}}}$")


def _name(text: str) -> str:
    if not _NAME.match(text):
        raise argparse.ArgumentTypeError(
            f"an admin name is 1-{MAX_ADMIN_NAME} letters, digits, '.', '_', '@' or '-'"
        )
    return text


def add_parser(actions: Any, database: argparse.ArgumentParser) -> None:
    """``admin`` and its actions, under ``kiosk hub``'s ``actions``."""
    admin = actions.add_parser("admin", help="the dashboard's accounts")
    admins = admin.add_subparsers(dest="admin_action", metavar="ACTION", required=True)
    add = admins.add_parser(
        "add", parents=[database], help="create an account (password from the terminal/stdin)"
    )
    add.add_argument("name", type=_name)
    listing = admins.add_parser("list", parents=[database], help="every account")
    listing.add_argument("--json", action="store_true")
    remove = admins.add_parser("remove", parents=[database], help="delete an account")
    remove.add_argument("name", type=_name)


def _password() -> str | None:
    """The new password, or None (said why on stderr)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            print("kiosk hub: the two passwords differ", file=sys.stderr)
            return None
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if not MIN_PASSWORD <= len(first) <= MAX_PASSWORD:
        print(
            f"kiosk hub: a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters",
            file=sys.stderr,
        )
        return None
    return first


def run(args: argparse.Namespace, store: Any) -> int:
    """Run ``kiosk hub admin ...`` on an open, migrated ``store``; the exit code."""
    from kiosk.core.text import printable
    from kiosk.hub.credentials import hash_secret
    from kiosk.hub.fleet_records import AdminRecord, DuplicateAdmin
    from kiosk.hub.store import utc_now

    if args.admin_action == "add":
        if store.get_admin(args.name) is not None:
            print(f"kiosk hub: an admin named {args.name!r} exists", file=sys.stderr)
            return 1
        password = _password()
        if password is None:
            return 2
        try:
            store.add_admin(AdminRecord(args.name, hash_secret(password), utc_now()))
        except DuplicateAdmin as exc:
            print(f"kiosk hub: {exc}", file=sys.stderr)
            return 1
        print(f"Added admin {args.name}.")
        return 0
    if args.admin_action == "remove":
        if not store.remove_admin(args.name):
            print(f"kiosk hub: no admin named {args.name!r}", file=sys.stderr)
            return 1
        print(f"Removed admin {args.name}.")
        return 0
    admins = store.list_admins()
    if args.json:
        rows = [{"name": a.name, "created_at": a.created_at.isoformat()} for a in admins]
        print(json.dumps(rows, indent=2))
    else:
        for admin in admins:
            print(f"{printable(admin.name)}\t{admin.created_at.isoformat()}")
    return 0
