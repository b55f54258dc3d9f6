"""Command line of the standalone sandbox server.

Every option is checked when it is parsed (argparse ``type=`` functions below), so a bad value
stops the program at once with a one-line message naming the option and exit code 2, before
anything is started.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import logging
import math
import sys
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from kiosk.core.redact import RedactingFilter
from kiosk.sandbox import DEFAULT_PORT
from kiosk.sandbox.results import DEFAULT_DEEPFAKE_THRESHOLD, DEFAULT_LIVENESS_THRESHOLD


def _port(text: str) -> int:
    from kiosk.core.rules import PORT  # the kiosk's --port rule: one rule for both commands

    try:
        return int(PORT.check(text))
    except (TypeError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"{text} is not a port: {PORT.expect}") from exc


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from exc


def _number_between(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
        if not math.isfinite(value) or not low < value <= high:
            raise argparse.ArgumentTypeError(
                f"{text} is out of range: use more than {low:g}, at most {high:g}"
            )
        return value

    return parse


def _count_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = _integer(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range: use {low} to {high}")
        return value

    return parse


def _host(text: str) -> str:
    if text == "localhost":
        return text
    try:
        ipaddress.ip_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an IP address: use e.g. 127.0.0.1, 0.0.0.0 or ::1"
        ) from exc
    return text


def _credential(text: str) -> str:
    if not text or not text.isprintable() or text != text.strip() or not text.isascii():
        raise argparse.ArgumentTypeError("must be printable ASCII without surrounding spaces")
    return text


def _public_url(text: str) -> str:
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid URL") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be an http(s) URL with a host and no user-info, e.g. "
            "http://192.168.1.20:8765"
        )
    return text


def _fault(text: str) -> object:
    from pydantic import ValidationError

    from kiosk.sandbox.faults import FaultRule

    try:
        return FaultRule.parse(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "rule"
        raise argparse.ArgumentTypeError(f"{text!r}: {where}: {first['msg']}") from exc


# The options that take a number within bounds: flag, parser (which checks the bounds), default,
# help (the default is appended).
_BOUNDED: tuple[tuple[str, Callable[[str], float], float, str], ...] = (
    (
        "--step-seconds",
        _number_between(0, 3600),
        1.0,
        "pace of scripted scenarios, seconds per step",
    ),
    (
        "--max-sessions",
        _count_between(1, 1_000_000),
        1000,
        "live sessions the APP-ID may hold at once; more get 429",
    ),
    (
        "--max-connections",
        _count_between(8, 100_000),
        256,
        "open connections at once, lowered to fit the open-file limit; more get 503",
    ),
    (
        "--callback-retries",
        _count_between(0, 10),
        0,
        "times a callback the receiver did not accept is sent again, with backoff from 0.5 s, "
        "doubling; 0 is the vendor's behaviour (each callback sent once)",
    ),
    (
        "--liveness-threshold",
        _number_between(0, 1),
        DEFAULT_LIVENESS_THRESHOLD,
        "liveness is reported fine from this score up (the vendor's 'usually >= 0.75')",
    ),
    (
        "--deepfake-threshold",
        _number_between(0, 1),
        DEFAULT_DEEPFAKE_THRESHOLD,
        "deepfake is reported fine from this score up (the vendor's 'e.g. >= 0.9')",
    ),
    (
        "--header-timeout",
        _number_between(0, 300),
        10.0,
        "seconds a client has to send a request's headers",
    ),
    (
        "--body-timeout",
        _number_between(0, 3600),
        120.0,
        "seconds a client has to send a request's body",
    ),
)


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Arguments of the sandbox server (shared by ``kiosk sandbox``)."""
    parser = parser or argparse.ArgumentParser(
        prog="python -m kiosk.sandbox",
        description="Run the Verification Link sandbox server.",
    )
    parser.add_argument(
        "--host",
        type=_host,
        default="0.0.0.0",  # noqa: S104 - phones on the LAN must reach the flow page
        help="address to listen on (default 0.0.0.0: reachable from phones on the LAN)",
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="port (default %(default)s)"
    )
    parser.add_argument(
        "--app-id", type=_credential, help="APP-ID to accept (default: generated and printed)"
    )
    parser.add_argument(
        "--app-key", type=_credential, help="APP-KEY to accept (default: generated and printed)"
    )
    parser.add_argument(
        "--captcha", action="store_true", help="ask for a captcha in every session by default"
    )
    parser.add_argument(
        "--public-url", type=_public_url, help="base URL phones use, if not http://<LAN IP>:<port>"
    )
    for flag, parse, default, text in _BOUNDED:
        parser.add_argument(flag, type=parse, default=default, help=f"{text} (default %(default)s)")
    parser.add_argument(
        "--allow-private-callbacks",
        action="store_true",
        help="let callbackUrl point to loopback and private addresses even when listening on "
        "the network (link-local and cloud metadata addresses are always refused)",
    )
    parser.add_argument(
        "--fault",
        type=_fault,
        action="append",
        default=[],
        metavar="RULE",
        help="inject a fault, e.g. kind=error,target=poll,rate=0.3 (repeatable; see "
        "kiosk/sandbox/faults.py; also PUT /sandbox/faults at run time)",
    )
    parser.add_argument(
        "--no-face-analysis",
        action="store_true",
        help="simulate every outcome even when the 'faces' extra is installed (by default "
        "the phone's selfie is then analysed for real: no face, enrolment, search)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Start the server from parsed arguments and serve until interrupted."""
    # Imported here: `kiosk --help` and the kiosk window must not pay for the server stack.
    from kiosk.sandbox import faces
    from kiosk.sandbox.app import SandboxConfig
    from kiosk.sandbox.server import SandboxServer, generate_credentials, lan_addresses

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter())
    generated_id, generated_key = generate_credentials()
    app_id = args.app_id or generated_id
    app_key = args.app_key or generated_key
    config = SandboxConfig(
        app_id=app_id,
        app_key=app_key,
        step_seconds=args.step_seconds,
        need_captcha=args.captcha,
        faults=list(args.fault),
        max_sessions=args.max_sessions,
        max_connections=args.max_connections,
        header_timeout=args.header_timeout,
        body_timeout=args.body_timeout,
        allow_private_callbacks=args.allow_private_callbacks,
        callback_attempts=1 + args.callback_retries,
        liveness_threshold=args.liveness_threshold,
        deepfake_threshold=args.deepfake_threshold,
        face_analysis=False if args.no_face_analysis else None,
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
    print(f"  Face analysis: {faces.status_line(server.app.state.faces)}")
    print("Press Ctrl+C to stop.", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m kiosk.sandbox``."""
    return run(build_parser().parse_args(argv))
