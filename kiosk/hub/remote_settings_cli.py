"""``kiosk hub settings set|unset|show``: the settings IT sets for a site or a kiosk.

Values are written as a ``KIOSK_<KEY>`` environment variable takes them (``result_seconds=30``,
``scopes=liveness,search``, ``metadata={"branch": "7"}``) and checked by the kiosk's own rule
before anything is written: one wrong or local-only key and nothing changes (exit 2), each
refusal said on its own line. A kiosk's own value overrides its site's.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.core.text import printable

MAX_SITE = 100


def _site(text: str) -> str:
    # Stripped as enrolment strips a kiosk's site (kiosk.hub.kiosks), else " branch-7" would be
    # stored as a site no kiosk is at.
    text = text.strip()
    if not text or len(text) > MAX_SITE or printable(text, MAX_SITE) != text:
        raise argparse.ArgumentTypeError(f"a site is 1-{MAX_SITE} printable characters")
    return text


def _assignment(text: str) -> tuple[str, str]:
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not KEY=VALUE")
    return key.strip(), value


def _scope(parser: argparse.ArgumentParser, *, required: bool) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--site", type=_site, help="for every kiosk of this site")
    group.add_argument("--kiosk", metavar="ID", help="for this kiosk (over its site's)")


def add_parser(actions: Any, database: argparse.ArgumentParser) -> None:
    """``settings`` and its actions, under ``kiosk hub``'s ``actions``."""
    settings = actions.add_parser("settings", help="settings IT sets for a site or a kiosk")
    verbs = settings.add_subparsers(dest="settings_action", metavar="ACTION", required=True)
    change = verbs.add_parser(
        "set", parents=[database], help="set KEY=VALUE ... (checked by the kiosk's rules)"
    )
    _scope(change, required=True)
    change.add_argument("values", nargs="+", type=_assignment, metavar="KEY=VALUE")
    remove = verbs.add_parser("unset", parents=[database], help="remove KEY ... (back to local)")
    _scope(remove, required=True)
    remove.add_argument("keys", nargs="+", metavar="KEY")
    show = verbs.add_parser(
        "show", parents=[database], help="a kiosk's effective remote settings, a site's, or all"
    )
    _scope(show, required=False)
    show.add_argument("--json", action="store_true")


def run(args: argparse.Namespace, store: Any) -> int:
    """Run ``kiosk hub settings ...`` on an open, migrated ``store``; the exit code."""
    scope, name = ("kiosk", args.kiosk) if args.kiosk is not None else ("site", args.site)
    if scope == "kiosk" and store.get_kiosk(name) is None:
        print(f"kiosk hub: no kiosk has id {printable(name, 100)!r}", file=sys.stderr)
        return 1
    if args.settings_action == "show":
        return _show(args, store, scope if name is not None else None, name)
    from kiosk.core.remote_settings import vet, wire_form
    from kiosk.hub.store import utc_now

    if args.settings_action == "set":
        given = dict(args.values)
        accepted, refused = vet(given, "kiosk hub settings set", "Nothing was changed.")
        if refused:
            for message in refused:
                print(message, file=sys.stderr)
            return 2
        row = store.change_scope_settings(scope, name, wire_form(accepted), (), utc_now())
    else:
        missing = sorted(set(args.keys) - set(_current(store, scope, name)))
        for key in missing:
            print(
                f"kiosk hub: '{printable(key, 64)}' was not set for this {scope}", file=sys.stderr
            )
        row = store.change_scope_settings(scope, name, {}, set(args.keys), utc_now())
    if scope == "site" and not any(k.site == name for k in store.list_kiosks()):
        print(f"kiosk hub: note: no kiosk is enrolled at site {name!r} yet", file=sys.stderr)
    print(json.dumps(_row(row)))
    return 0


def _current(store: Any, scope: str, name: str) -> dict[str, Any]:
    row = store.scope_settings(scope, name)
    return {} if row is None else dict(row.values)


def _row(row: Any) -> dict[str, Any]:
    return {
        "scope": row.scope,
        "name": row.name,
        "version": row.version,
        "updated_at": row.updated_at.isoformat() if row.updated_at else None,
        "settings": row.values,
    }


def _show(args: argparse.Namespace, store: Any, scope: str | None, name: str | None) -> int:
    from kiosk.hub.remote_settings import effective_for

    if scope == "kiosk":
        kiosk = store.get_kiosk(name)
        found = effective_for(store, kiosk)
        out: Any = {
            "kiosk": kiosk.id,
            "site": kiosk.site,
            "version": found.version,
            "settings": found.values,
            "sources": found.sources,
            "refused": list(found.refused),
        }
        if args.json:
            print(json.dumps(out, indent=2))
            return 0
        print(f"kiosk {kiosk.id} (site {kiosk.site or '-'}): version {found.version}")
        for key, value in sorted(found.values.items()):
            print(f"  {key} = {json.dumps(value)}  ({found.sources[key]})")
        for message in found.refused:
            print(f"  refused: {message}")
        return 0
    rows = store.list_scope_settings()
    if scope == "site":
        rows = [r for r in rows if r.scope == "site" and r.name == name]
    out = [_row(r) for r in rows]
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    if not out:
        print("No remote settings.")
    for row in out:
        print(f"{row['scope']} {printable(row['name'], 100)}: version {row['version']}")
        for key, value in sorted(row["settings"].items()):
            print(f"  {key} = {json.dumps(value)}")
    return 0
