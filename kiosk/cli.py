"""The ``kiosk`` command: ``run`` (the window, default), ``verify`` (terminal), ``sandbox``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__

if TYPE_CHECKING:
    from kiosk.config import KioskConfig


COMMANDS: dict[str, tuple[str, str]] = {
    "run": (
        "open the kiosk (the default command; embedded sandbox unless --base-url)",
        "Open the kiosk window.",
    ),
    "desk": (
        "open the operator desk: verifications for customers at a counter, several at once "
        "(embedded sandbox unless --base-url)",
        "Open the operator desk window (docs/DESK.md). Takes run's options.",
    ),
    "verify": (
        "run one verification in the terminal (embedded sandbox unless --base-url)",
        "Create a session, show its QR code, wait for the outcome, print the verdict."
        " Exit codes: 0 PASS, 1 FAIL, 2 usage, 3 expired or canceled, 4 error.",
    ),
    "journal": (
        "the session journal: list recent sessions, export all as CSV",
        "Read the session journal (no tokens, URLs or keys are ever in it).",
    ),
    "settings": (
        "the settings file: init (write a documented one), show, check, path",
        "Manage the kiosk's settings file.",
    ),
    "secrets": (
        "store the APP-KEY or the operator PIN (OS keyring or system folder); status",
        "Store the APP-KEY or the operator PIN in this user's OS keyring or, for a kiosk "
        "service, in the machine's secrets folder; status shows where each comes from. The "
        "value is read from the terminal (not echoed) or from standard input, never from the "
        "command line.",
    ),
    "self-test": (
        "check this machine for the kiosk: display, fonts, settings, secrets, journal, "
        "backend, credentials, clock, disk",
        "Check everything the kiosk needs, one line each: OK, WARN (advice) or FAIL with the "
        "fix. Creates no session. Exit code 0 when nothing FAILs, 1 otherwise.",
    ),
    "sandbox": ("run the sandbox server", "Run the sandbox server."),
    "hub": (
        "the hub between a bank's kiosks and the vendor: serve, kiosk add/revoke/rotate/list/set",
        "Run the hub (one APP-KEY for the fleet, kiosk credentials, pushed status, one journal),"
        " enrol and manage kiosks, read the journal. See docs/HUB.md.",
    ),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``only``, just that command's part (a start of the window
    need not import and build every other command's options)."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Face verification kiosk for the Verification Link API."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="store_true", help="log more (secrets are masked)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, description) in COMMANDS.items():
        if only is None or name == only:
            _ARGUMENTS[name](
                commands.add_parser(name, parents=[common], help=summary, description=description)
            )
    return parser


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_run_arguments

    add_run_arguments(parser)


def _verify_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.verify import add_arguments

    add_arguments(parser)


def _journal_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["list", "export"])
    parser.add_argument("--journal", metavar="PATH", help="journal file (default: the kiosk's)")
    parser.add_argument("--output", "-o", metavar="FILE", help="export: write here, not stdout")
    parser.add_argument(
        "--limit", type=_limit, default=20, help="list: how many, 1 to 100000 (default 20)"
    )


def _limit(text: str) -> int:
    """``--limit``: a whole number SQLite can take (a huge one was an OverflowError traceback,
    a negative one listed every session)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use 1 to 100000")
    return value


def _settings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["init", "show", "check", "path"])
    parser.add_argument("--settings", metavar="PATH", help="settings file (default: the kiosk's)")


def _secrets_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk import secrets_cli

    secrets_cli.add_arguments(parser)


def _selftest_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.selftest import command

    command.add_arguments(parser)


def _sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.sandbox import cli as sandbox_cli

    sandbox_cli.build_parser(parser)


def _hub_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.hub import cli as hub_cli

    hub_cli.add_arguments(parser)


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "run": _run_arguments,
    "desk": _run_arguments,
    "verify": _verify_arguments,
    "journal": _journal_arguments,
    "settings": _settings_arguments,
    "secrets": _secrets_arguments,
    "self-test": _selftest_arguments,
    "sandbox": _sandbox_arguments,
    "hub": _hub_arguments,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kiosk`` and ``python -m kiosk``."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in (*COMMANDS, "-h", "--help", "--version"):
        arguments.insert(0, "run")  # plain `kiosk` (with run's options) opens the kiosk
    only = arguments[0] if arguments[0] in COMMANDS else None  # --help lists them all
    args = build_parser(only).parse_args(arguments)
    if args.command == "sandbox":
        from kiosk.sandbox import cli as sandbox_cli

        return sandbox_cli.run(args)
    if args.command == "hub":
        from kiosk.hub import cli as hub_cli

        return hub_cli.run(args)
    if args.command == "journal":
        return _journal(args)
    if args.command == "settings":
        return _settings_command(args)
    if args.command == "secrets":
        return _secrets_command(args)
    if args.command == "self-test":
        from kiosk.selftest import command

        return command.run(args)
    from kiosk import logs

    if args.command == "verify":
        from kiosk import verify

        # Handlers go when main() returns: a test calling main() must not leave them behind.
        with logs.configured(args.verbose):
            return int(verify.run(args))
    from kiosk import app, paths

    with logs.configured(args.verbose, paths.log_dir() / "kiosk.log") as logging_setup:
        # Shown to staff in the operator panel: the customer screens never mention storage.
        warnings = (logging_setup.problem,) if logging_setup.problem else ()
        config = _run_config(args, warnings)
        if config is None:
            return 2
        _tighten_files(config)
        if args.command == "desk":
            from kiosk.desk import app as desk_app

            return desk_app.run(config)
        return app.run(config)


def _run_config(args: argparse.Namespace, warnings: tuple[str, ...]) -> KioskConfig | None:
    """The window's configuration, or None after printing what to fix."""
    from kiosk.config import from_arguments, load_settings, settings_file
    from kiosk.core.settings import SettingsError

    try:
        return from_arguments(args, load_settings(settings_file(args.settings)), warnings)
    except SettingsError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return None
    except ValueError as problem:  # an unknown --demo scenario, as before: exit 1
        raise SystemExit(f"error: {problem}") from problem


def _tighten_files(config: KioskConfig) -> None:
    """Make the kiosk's folders 0700 and files 0600 (an older build left them readable by
    every local user); logged once."""
    import logging

    from kiosk import paths
    from kiosk.config import journal_file, last_good
    from kiosk.core import private_files

    journal = config.journal or journal_file(None)
    files = [config.settings_path, last_good(config.settings_path)]
    files += [
        journal.with_name(journal.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")
    ]
    changed = private_files.tighten([paths.config_dir(), paths.data_dir(), paths.log_dir()], files)
    if changed:
        logging.getLogger("kiosk.files").warning(
            "made %d files and folders readable by this user only: %s",
            len(changed),
            ", ".join(str(p) for p in changed),
        )


JOURNAL_BROKEN = 4  # as `kiosk verify`'s "error": the message says what to fix


def _journal(args: argparse.Namespace) -> int:
    """``kiosk journal list|export``: read-only, so a running kiosk is never disturbed.

    A locked, damaged or unreadable journal gets one line naming the file and the fix, and
    exit code 4; never a traceback.
    """
    from kiosk.config import journal_file
    from kiosk.core.journal import Journal, JournalError, entries_as_text

    path = journal_file(args.journal)
    if not path.exists():
        print(f"error: no journal at {path} (the kiosk creates it on first run).", file=sys.stderr)
        return 1
    try:
        with Journal(path, read_only=True) as journal:
            if args.action == "list":
                for line in entries_as_text(journal.recent(args.limit)):
                    print(line)
            elif args.output:
                count = journal.export_file(Path(args.output))
                print(f"exported {count} sessions to {args.output}", file=sys.stderr)
            else:
                journal.export_csv(sys.stdout)
    except JournalError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return JOURNAL_BROKEN
    except OSError as problem:  # the export's target
        print(f"error: cannot write {args.output} ({problem.strerror}).", file=sys.stderr)
        return JOURNAL_BROKEN
    return 0


def _settings_command(args: argparse.Namespace) -> int:
    """``kiosk settings init|show|check|path``."""
    from kiosk.config import settings_file
    from kiosk.core.settings import SettingsError, documented_file, load

    path = settings_file(args.settings)
    if args.action == "path":
        print(path)
        return 0
    if args.action == "init":
        if path.exists():
            print(f"error: {path} exists; edit it, or remove it first.", file=sys.stderr)
            return 1
        from kiosk.core import private_files

        try:
            private_files.write_text(path, documented_file())
        except OSError as exc:
            print(f"error: cannot write {path} ({exc.strerror or exc}).", file=sys.stderr)
            return 1
        print(f"wrote {path}")
        return 0
    try:
        settings = load(path)
    except SettingsError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if args.action == "check":
        print(f"{path}: OK" if path.exists() else f"{path}: absent, the defaults apply")
        return 0
    print(documented_file(settings))
    return 0


def _secrets_command(args: argparse.Namespace) -> int:
    """``kiosk secrets set-key|set-pin|status`` (:mod:`kiosk.secrets_cli`)."""
    from kiosk import secrets_cli

    return secrets_cli.run(args)
