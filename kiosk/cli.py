"""The ``kiosk`` command: ``run`` (the window, default), ``verify`` (terminal), ``sandbox``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.core.redact import RedactingFilter


def build_parser() -> argparse.ArgumentParser:
    """The full command line."""
    from kiosk import app, verify
    from kiosk.sandbox import cli as sandbox_cli

    parser = argparse.ArgumentParser(
        prog="kiosk", description="Face verification kiosk for the Verification Link API."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="store_true", help="log more (secrets are masked)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    app.add_arguments(
        commands.add_parser(
            "run",
            parents=[common],
            help="open the kiosk (the default command; embedded sandbox unless --base-url)",
            description="Open the kiosk window.",
        )
    )
    verify_parser = commands.add_parser(
        "verify",
        parents=[common],
        help="run one verification in the terminal (embedded sandbox unless --base-url)",
        description="Create a session, show its QR code, wait for the outcome, print the verdict."
        " Exit codes: 0 PASS, 1 FAIL, 2 usage, 3 expired or canceled, 4 error.",
    )
    verify.add_arguments(verify_parser)
    sandbox_cli.build_parser(
        commands.add_parser(
            "sandbox",
            parents=[common],
            help="run the sandbox server",
            description="Run the sandbox server.",
        )
    )
    return parser


def configure_logging(verbose: bool) -> None:
    """Log to stderr with every secret masked, whichever library wrote the line."""
    handler = logging.StreamHandler()
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kiosk`` and ``python -m kiosk``."""
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in (
        "run",
        "verify",
        "sandbox",
        "-h",
        "--help",
        "--version",
    ):
        arguments.insert(0, "run")  # plain `kiosk` (with run's options) opens the kiosk
    args = parser.parse_args(arguments)
    if args.command == "sandbox":
        from kiosk.sandbox import cli as sandbox_cli

        return sandbox_cli.run(args)
    if args.command == "verify":
        from kiosk import verify

        configure_logging(args.verbose)
        return int(verify.run(args))
    from kiosk import app

    configure_logging(args.verbose)
    return app.run(args)
