"""``kiosk hub``: run the hub, enrol and manage kiosks, read the fleet's journal.

Every action takes ``--database`` (``sqlite:///PATH`` or ``postgresql://...``; default: SQLite
in the kiosk data folder, which ``KIOSK_HOME`` moves). Options are checked as they are parsed,
so a bad value stops at once with exit code 2. Secrets are printed only where asked for: a
kiosk's secret once, by ``kiosk add`` and ``kiosk rotate``; the upstream key never.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from kiosk.sandbox.cli import _credential, _host, _port, _public_url

UPSTREAM_KEY_ENV = "KIOSK_HUB_UPSTREAM_KEY"
KEYRING_ENTRY = "hub-upstream-key:{app_id}"
DEFAULT_PORT = 8780


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 10_000_000:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use 1 to 10000000")
    return value


def _limit_or_none(text: str) -> int | None:
    return None if text.lower() == "none" else _positive(text)


def _scopes(text: str) -> list[str] | None:
    if text.lower() == "any":
        return None
    from kiosk.hub.kiosks import check_scopes

    names = [s.strip() for s in text.split(",") if s.strip()]
    try:
        return list(check_scopes(names) or ())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.01 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} is out of range: use 0.01 to 3600")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk hub``."""
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database",
        metavar="URL",
        help="sqlite:///PATH or postgresql://... (default: SQLite in the kiosk data folder)",
    )
    actions = parser.add_subparsers(dest="hub_action", metavar="ACTION", required=True)

    serve = actions.add_parser("serve", parents=[database], help="run the hub")
    serve.add_argument("--host", type=_host, default="127.0.0.1", help="address to listen on")
    serve.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="port (default %(default)s)"
    )
    serve.add_argument(
        "--upstream",
        required=True,
        type=_public_url,
        metavar="URL",
        help="the vendor's (or a sandbox's) base URL",
    )
    serve.add_argument(
        "--upstream-app-id",
        required=True,
        type=_credential,
        metavar="ID",
        help=f"the account's APP-ID; its key from {UPSTREAM_KEY_ENV} or the keyring",
    )
    serve.add_argument(
        "--public-url",
        type=_public_url,
        metavar="URL",
        help="base URL upstream's callbacks reach the hub at (default: the address it listens on)",
    )
    serve.add_argument("--certfile", metavar="PATH", help="serve HTTPS with this certificate")
    serve.add_argument("--keyfile", metavar="PATH", help="... and this private key")
    serve.add_argument(
        "--poll-interval",
        type=_seconds,
        default=1.0,
        help="seconds between upstream reads of a live session (default 1)",
    )
    serve.add_argument(
        "--metrics-token-env",
        metavar="NAME",
        help="require this environment variable's value as a bearer token on /metrics"
        " (default: /metrics is open; it holds no secrets)",
    )
    serve.add_argument("--log-format", choices=["json", "text"], default="json")
    serve.add_argument(  # also after `serve` (the `hub` level has it too)
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log more"
    )

    key = actions.add_parser(
        "upstream-key", help="store the account's APP-KEY in the OS keyring (read from stdin)"
    )
    key.add_argument("--upstream-app-id", required=True, type=_credential, metavar="ID")

    kiosk = actions.add_parser("kiosk", help="enrol and manage kiosks")
    kiosks = kiosk.add_subparsers(dest="kiosk_action", metavar="ACTION", required=True)
    add = kiosks.add_parser("add", parents=[database], help="enrol a kiosk; prints its secret once")
    add.add_argument("name")
    add.add_argument("--site", default="")
    _policy_options(add, clearable=False)
    add.add_argument("--json", action="store_true", help='print {"id": ..., "secret": ...}')
    for name, text in (("revoke", "cut a kiosk off"), ("rotate", "issue a new secret")):
        action = kiosks.add_parser(name, parents=[database], help=text)
        action.add_argument("id")
        action.add_argument("--json", action="store_true")
    listing = kiosks.add_parser("list", parents=[database], help="every kiosk, revoked included")
    listing.add_argument("--json", action="store_true")
    change = kiosks.add_parser(
        "set", parents=[database], help="change a kiosk's name, site, policy"
    )
    change.add_argument("id")
    change.add_argument("--name")
    change.add_argument("--site")
    _policy_options(change, clearable=True)

    sessions = actions.add_parser("sessions", parents=[database], help="the fleet's journal")
    sessions.add_argument("--kiosk", metavar="ID")
    sessions.add_argument("--site")
    sessions.add_argument("--limit", type=_positive, default=50)
    sessions.add_argument("--json", action="store_true")

    from kiosk.hub import admin_cli, remote_settings_cli

    admin_cli.add_parser(actions, database)
    remote_settings_cli.add_parser(actions, database)


def _policy_options(parser: argparse.ArgumentParser, *, clearable: bool) -> None:
    # For `set`, an option not given is absent (SUPPRESS), so "not given" differs from "clear".
    extra: dict[str, Any] = {"default": argparse.SUPPRESS} if clearable else {}
    any_ = " ('any' clears it)" if clearable else ""
    none = " ('none' clears it)" if clearable else ""
    number = _limit_or_none if clearable else _positive
    parser.add_argument(
        "--scopes", type=_scopes, help=f"scopes it may ask for, comma-separated{any_}", **extra
    )
    parser.add_argument("--max-ttl", type=number, metavar="SECONDS", help=f"TTL cap{none}", **extra)
    parser.add_argument(
        "--rate", type=number, metavar="PER_MINUTE", help=f"creations per minute{none}", **extra
    )


def run(args: argparse.Namespace) -> int:
    """Run ``kiosk hub ...``; the exit code."""
    from kiosk.hub.store import StoreError

    try:
        if args.hub_action == "serve":
            return _serve(args)
        if args.hub_action == "upstream-key":
            return _store_upstream_key(args)
        if args.hub_action == "sessions":
            return _sessions(args)
        if args.hub_action == "admin":
            return _admin(args)
        if args.hub_action == "settings":
            return _settings(args)
        return _kiosk(args)
    except (StoreError, ValueError) as exc:
        from kiosk.core.redact import redact

        print(f"kiosk hub: {redact(str(exc))}", file=sys.stderr)
        return 1


def _admin(args: argparse.Namespace) -> int:
    from kiosk.hub import admin_cli

    store = _open(args)
    try:
        return admin_cli.run(args, store)
    finally:
        store.close()


def _settings(args: argparse.Namespace) -> int:
    from kiosk.hub import remote_settings_cli

    store = _open(args)
    try:
        return remote_settings_cli.run(args, store)
    finally:
        store.close()


def _open(args: argparse.Namespace) -> Any:
    from kiosk.hub.database import open_store

    return open_store(args.database)


def upstream_key(app_id: str) -> str | None:
    """The account's APP-KEY: ``KIOSK_HUB_UPSTREAM_KEY``, else the OS keyring's entry."""
    from kiosk.core.redact import register_secret

    key = os.environ.get(UPSTREAM_KEY_ENV, "").strip() or None
    if key is None:
        from kiosk.core.secrets import KeyringUnavailable, keyring_get

        try:
            key = keyring_get(KEYRING_ENTRY.format(app_id=app_id))
        except KeyringUnavailable:
            key = None
    register_secret(key)
    return key


def _store_upstream_key(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.core.redact import register_secret
    from kiosk.core.secrets import SERVICE, KeyringUnavailable, _keyring

    value = (
        getpass.getpass("Upstream APP-KEY: ") if sys.stdin.isatty() else sys.stdin.readline()
    ).strip()
    if not value:
        print("kiosk hub: no key given", file=sys.stderr)
        return 2
    register_secret(value)
    try:
        _keyring().set_password(SERVICE, KEYRING_ENTRY.format(app_id=args.upstream_app_id), value)
    except KeyringUnavailable as exc:
        print(f"kiosk hub: {exc} Or set {UPSTREAM_KEY_ENV} for the service.", file=sys.stderr)
        return 1
    print(f"Stored the upstream key for {args.upstream_app_id} in the OS keyring.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from kiosk.hub import logs

    with logs.configured(verbose=args.verbose, json_lines=args.log_format == "json"):
        return _serve_logged(args)


def _serve_logged(args: argparse.Namespace) -> int:
    from kiosk.hub.app import HubConfig
    from kiosk.hub.database import describe
    from kiosk.hub.server import HubServer
    from kiosk.hub.tracker import TrackerSettings

    key = upstream_key(args.upstream_app_id)
    if not key:
        print(
            f"kiosk hub: no upstream key ({UPSTREAM_KEY_ENV} is not set, and the OS keyring"
            " has none or cannot be read): set the variable or store the key with "
            f"`kiosk hub upstream-key --upstream-app-id {args.upstream_app_id}`",
            file=sys.stderr,
        )
        return 2
    metrics_token = None
    if args.metrics_token_env:
        from kiosk.core.redact import register_secret

        metrics_token = os.environ.get(args.metrics_token_env, "").strip()
        if not metrics_token:
            print(
                f"kiosk hub: --metrics-token-env: {args.metrics_token_env!r} is not set or empty",
                file=sys.stderr,
            )
            return 2
        register_secret(metrics_token)
    if bool(args.certfile) != bool(args.keyfile):
        print("kiosk hub: --certfile and --keyfile go together", file=sys.stderr)
        return 2
    if args.certfile:
        problem = _certificate_problem(args.certfile, args.keyfile)
        if problem:
            print(f"kiosk hub: cannot use the certificate and key: {problem}", file=sys.stderr)
            return 2
    store = _open(args)
    try:
        config = HubConfig(
            upstream_url=args.upstream,
            upstream_app_id=args.upstream_app_id,
            upstream_key=key,
            public_url=args.public_url or "",
            metrics_token=metrics_token,
            tracker=TrackerSettings(
                poll_interval=args.poll_interval, fresh_seconds=min(0.5, args.poll_interval)
            ),
        )
        try:
            server = HubServer(
                config,
                store,
                host=args.host,
                port=args.port,
                certfile=args.certfile,
                keyfile=args.keyfile,
            )
        except OSError as exc:
            where = f"{args.host}:{args.port}"
            print(f"kiosk hub: cannot listen on {where}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        import logging

        logging.getLogger("kiosk.hub").info(
            "hub on %s, upstream %s, database %s",
            server.local_url,
            args.upstream,
            describe(args.database or "default SQLite"),
        )
        # Rarer young collections, so full ones (the loop stopped for 100s of ms at thousands
        # of streams) become rare: the process's policy, not the library's (gc_policy.py).
        from kiosk.hub import gc_policy

        gc_policy.apply()
        server.serve_forever()
    finally:
        store.close()
    return 0


def _kiosk_row(record: Any) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "site": record.site,
        "created_at": record.created_at.isoformat(),
        "revoked_at": record.revoked_at.isoformat() if record.revoked_at else None,
        "allowed_scopes": list(record.allowed_scopes)
        if record.allowed_scopes is not None
        else None,
        "max_ttl_sec": record.max_ttl_sec,
        "rate_per_minute": record.rate_per_minute,
    }


def _kiosk(args: argparse.Namespace) -> int:
    from kiosk.hub import kiosks

    store = _open(args)
    try:
        action = args.kiosk_action
        if action == "add":
            record, secret = kiosks.enrol(
                store,
                args.name,
                args.site,
                allowed_scopes=args.scopes,
                max_ttl_sec=args.max_ttl,
                rate_per_minute=args.rate,
            )
            _print_secret(args, record, secret, "Enrolled")
        elif action == "rotate":
            record, secret = kiosks.rotate(store, args.id)
            _print_secret(args, record, secret, "New secret for")
        elif action == "revoke":
            record = kiosks.revoke(store, args.id)
            if args.json:
                print(json.dumps(_kiosk_row(record)))
            else:
                print(f"Revoked {record.id} ({record.name}); its requests are refused from now on.")
        elif action == "list":
            rows = [_kiosk_row(r) for r in store.list_kiosks()]
            if args.json:
                print(json.dumps(rows, indent=2))
            else:
                for row in rows:
                    state = "REVOKED" if row["revoked_at"] else "active"
                    print(f"{row['id']}  {state:7}  {row['site'] or '-':12}  {row['name']}")
        else:
            changes: dict[str, Any] = {}
            for option, field in (("name", "name"), ("site", "site")):
                if getattr(args, option) is not None:
                    changes[field] = getattr(args, option)
            for option, field in (
                ("scopes", "allowed_scopes"),
                ("max_ttl", "max_ttl_sec"),
                ("rate", "rate_per_minute"),
            ):
                if hasattr(args, option):  # given (None clears the limit)
                    changes[field] = getattr(args, option)
            record = kiosks.set_policy(store, args.id, **changes)
            print(json.dumps(_kiosk_row(record)))
    finally:
        store.close()
    return 0


def _print_secret(args: argparse.Namespace, record: Any, secret: str, verb: str) -> None:
    if args.json:
        print(json.dumps({"id": record.id, "secret": secret}))
        return
    print(f"{verb} kiosk {record.id} ({record.name}, site {record.site or '-'}).")
    print("Its settings: app_id = the id above; APP-KEY = the secret below (shown only now):")
    print(secret)


def _sessions(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        rows = store.list_sessions(kiosk_id=args.kiosk, site=args.site, limit=args.limit)
    finally:
        store.close()
    out = [
        {
            "session_id": r.session_id,
            "kiosk": r.kiosk_id,
            "site": r.site,
            "reference": r.reference,
            "scopes": list(r.scopes),
            "status": r.status,
            "outcome": r.outcome,
            "scores": r.scores,
            "reasons": list(r.reasons),
            "created_at": r.created_at.isoformat(),
            "ended_at": r.ended_at.isoformat() if r.ended_at else None,
        }
        for r in rows
    ]
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for row in out:
            print(
                f"{row['created_at']}  {row['kiosk']}  {row['site'] or '-'}  {row['status']:11}"
                f"  {row['outcome'] or '-':4}  {row['reference'] or ''}"
            )
    return 0


def _certificate_problem(certfile: str, keyfile: str) -> str | None:
    """Why the hub could not serve HTTPS with these files (None when it can): checked before
    the server starts, where uvicorn would fail with a traceback."""
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except ssl.SSLError as exc:
        return f"not a PEM certificate and its private key ({exc.reason or 'unreadable'})"
    except OSError as exc:
        return f"{exc.strerror or 'unreadable'}: {exc.filename or certfile}"
    return None
