"""Command line of the standalone sandbox server."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence

from kiosk.core.redact import RedactingFilter
from kiosk.sandbox import DEFAULT_PORT


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Arguments of the sandbox server (shared by ``kiosk sandbox``)."""
    parser = parser or argparse.ArgumentParser(
        prog="python -m kiosk.sandbox",
        description="Run the Verification Link sandbox server.",
    )
    parser.add_argument(
        "--host",
        default="0.0.0.0",  # noqa: S104 - phones on the LAN must reach the flow page
        help="address to listen on (default 0.0.0.0: reachable from phones on the LAN)",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default %(default)s)")
    parser.add_argument("--app-id", help="APP-ID to accept (default: generated and printed)")
    parser.add_argument("--app-key", help="APP-KEY to accept (default: generated and printed)")
    parser.add_argument(
        "--step-seconds",
        type=float,
        default=1.0,
        help="pace of scripted scenarios, seconds per step (default %(default)s)",
    )
    parser.add_argument(
        "--captcha", action="store_true", help="ask for a captcha in every session by default"
    )
    parser.add_argument("--public-url", help="base URL phones use, if not http://<LAN IP>:<port>")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="RULE",
        help="inject a fault, e.g. kind=error,target=poll,rate=0.3 (repeatable; see "
        "kiosk/sandbox/faults.py; also PUT /sandbox/faults at run time)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Start the server from parsed arguments and serve until interrupted."""
    # Imported here: `kiosk --help` and the kiosk window must not pay for the server stack.
    from kiosk.sandbox.app import SandboxConfig
    from kiosk.sandbox.server import SandboxServer, generate_credentials, lan_addresses

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter())
    if args.step_seconds <= 0:
        print("error: --step-seconds must be greater than 0", file=sys.stderr)
        return 2
    generated_id, generated_key = generate_credentials()
    app_id = args.app_id or generated_id
    app_key = args.app_key or generated_key
    from pydantic import ValidationError

    from kiosk.sandbox.faults import FaultRule

    try:
        faults = [FaultRule.parse(text) for text in args.fault]
    except ValidationError as exc:
        print(
            f"error: --fault: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}", file=sys.stderr
        )
        return 2
    config = SandboxConfig(
        app_id=app_id,
        app_key=app_key,
        step_seconds=args.step_seconds,
        need_captcha=args.captcha,
        faults=faults,
    )
    try:
        server = SandboxServer(config, host=args.host, port=args.port, public_url=args.public_url)
    except OSError as exc:
        print(
            f"error: cannot listen on {args.host}:{args.port} ({exc.strerror}). "
            "Choose another --port or stop the program using it.",
            file=sys.stderr,
        )
        return 1
    print("Verification Link sandbox")
    print(f"  API base URL : {server.local_url}")
    print(f"  Session links: {server.public_url}/flow/<token>")
    if args.host in ("0.0.0.0", "::"):  # noqa: S104
        for address in lan_addresses():
            print(f"  Phones on the LAN reach it at http://{address}:{server.port}")
    print(f"  APP-ID       : {app_id}")
    # Printing the key is the point when it was generated: the operator needs it. A key the
    # operator passed in is not echoed back.
    print(f"  APP-KEY      : {app_key if not args.app_key else '(as given)'}")
    print(f"  OpenAPI      : {server.local_url}/openapi.json")
    print("Press Ctrl+C to stop.", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m kiosk.sandbox``."""
    return run(build_parser().parse_args(argv))
