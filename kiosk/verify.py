"""``kiosk verify``: one verification from the terminal, for operators checking a deployment.

Creates a session, prints its QR code and URL, polls until the session ends, prints the scores
and the verdict, and exits with a code scripts can branch on (:class:`ExitCode`).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from enum import IntEnum
from typing import TextIO

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.errors import (
    ApiError,
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    UnknownSession,
    UnreadableResponse,
)
from kiosk.core.models import Scope, SessionStatus, Status
from kiosk.core.qr import UntrustedUrl, check_session_url, encode, host_label, render_text
from kiosk.core.verdict import Thresholds, Verdict, decide


class ExitCode(IntEnum):
    """What ``kiosk verify`` exits with."""

    PASS = 0
    FAIL = 1
    USAGE = 2
    ENDED = 3  # EXPIRED or CANCELED: nobody completed the flow
    ERROR = 4  # could not get an answer: credentials, network, server, configuration


SCENARIOS = ("pass", "fail_liveness", "fail_deepfake", "no_match", "fail", "expire", "cancel")
MAX_BACKOFF_SECONDS = 10.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``kiosk verify``."""
    parser.add_argument(
        "--base-url",
        help="server to use, e.g. https://cloud.ooto-ai.com (default: start the embedded sandbox)",
    )
    parser.add_argument(
        "--app-id", default=os.environ.get("KIOSK_APP_ID"), help="APP-ID (env KIOSK_APP_ID)"
    )
    parser.add_argument(
        "--app-key",
        default=os.environ.get("KIOSK_APP_KEY"),
        help="APP-KEY (env KIOSK_APP_KEY, which keeps it out of the process list)",
    )
    parser.add_argument(
        "--scopes",
        default="liveness,deepfake,search",
        help="comma-separated checks: liveness, deepfake, search, enroll (default %(default)s)",
    )
    parser.add_argument(
        "--scenario", choices=SCENARIOS, help="sandbox only: let the session play this outcome"
    )
    parser.add_argument("--ttl", type=float, help="requested session lifetime in seconds")
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        help="give up after this many seconds (default %(default)s)",
    )
    parser.add_argument(
        "--poll-interval",
        type=float,
        default=1.0,
        help="seconds between status reads (default %(default)s)",
    )
    parser.add_argument(
        "--min-similarity", type=float, default=0.75, help="match threshold (default %(default)s)"
    )
    parser.add_argument(
        "--trusted-origin",
        action="append",
        default=[],
        metavar="URL",
        help="another origin session links may point at (repeatable)",
    )
    parser.add_argument("--no-qr", action="store_true", help="print the link without a QR code")
    parser.add_argument(
        "--lan",
        action="store_true",
        help="embedded sandbox: listen on all interfaces so a phone on the LAN can open the link",
    )
    parser.add_argument(
        "--step-seconds",
        type=float,
        default=1.0,
        help="embedded sandbox: scenario pace (default %(default)s)",
    )


@dataclass
class _Printer:
    out: TextIO
    err: TextIO

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def warn(self, text: str) -> None:
        print(text, file=self.err, flush=True)


def run(
    args: argparse.Namespace,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ExitCode:
    """Run one verification from parsed arguments and return the exit code."""
    p = _Printer(out or sys.stdout, err or sys.stderr)
    scopes = [s.strip() for s in args.scopes.split(",") if s.strip()]
    unknown = [s for s in scopes if s not in {x.value for x in Scope}]
    if not scopes or unknown:
        p.warn(
            f"error: --scopes must list checks from liveness, deepfake, search, enroll"
            f"{'; unknown: ' + ', '.join(unknown) if unknown else ''}."
        )
        return ExitCode.USAGE
    if args.poll_interval <= 0 or args.timeout <= 0 or not 0 <= args.min_similarity <= 1:
        p.warn("error: --poll-interval and --timeout must be positive, --min-similarity in 0..1.")
        return ExitCode.USAGE
    with ExitStack() as stack:
        base_url, credentials, trusted = _backend(args, p, stack)
        if base_url is None or credentials is None:
            return ExitCode.USAGE
        client = stack.enter_context(VerificationClient(base_url, credentials))
        try:
            return _verify(args, client, scopes, trusted, p, sleep, clock)
        except KeyboardInterrupt:
            p.warn("Interrupted.")
            return ExitCode.ERROR
    return ExitCode.ERROR  # pragma: no cover - the with block always returns


def _backend(
    args: argparse.Namespace, p: _Printer, stack: ExitStack
) -> tuple[str | None, Credentials | None, list[str]]:
    trusted = list(args.trusted_origin)
    if args.base_url:
        if not args.app_id or not args.app_key:
            p.warn(
                "error: --base-url needs --app-id and --app-key (or KIOSK_APP_ID and "
                "KIOSK_APP_KEY). Leave out --base-url to use the embedded sandbox."
            )
            return None, None, trusted
        if not args.base_url.startswith(("https://", "http://")):
            p.warn(f"error: --base-url must start with https:// or http://, not {args.base_url!r}.")
            return None, None, trusted
        trusted.append(args.base_url)
        return args.base_url, Credentials(args.app_id, args.app_key), trusted
    # No server given: start the embedded sandbox (imported here: it pulls in the server stack).
    from kiosk.sandbox.app import SandboxConfig
    from kiosk.sandbox.server import SandboxServer, generate_credentials

    app_id, app_key = generate_credentials()
    config = SandboxConfig(
        app_id=args.app_id or app_id,
        app_key=args.app_key or app_key,
        step_seconds=args.step_seconds,
    )
    host = "0.0.0.0" if args.lan else "127.0.0.1"  # noqa: S104 - opt-in for phones on the LAN
    server = stack.enter_context(SandboxServer(config, host=host))
    p.say(f"Started the embedded sandbox at {server.local_url} (SANDBOX: no real checks).")
    trusted += [server.local_url, server.public_url]
    return server.local_url, Credentials(config.app_id, config.app_key), trusted


def _verify(
    args: argparse.Namespace,
    client: VerificationClient,
    scopes: list[str],
    trusted: Sequence[str],
    p: _Printer,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> ExitCode:
    metadata = {"sandbox": {"scenario": args.scenario}} if args.scenario else None
    try:
        session = client.create_session(scopes, metadata=metadata, ttl_sec=args.ttl)
    except ApiError as exc:
        return _report_error(exc, p, client.base_url, creating=True)
    try:
        url = check_session_url(session.url, trusted)
    except UntrustedUrl as exc:
        p.warn(f"error: {exc} Refusing to show it. Add --trusted-origin if the host is expected.")
        return ExitCode.ERROR
    p.say(f"Session {session.session_id} created ({', '.join(scopes)}).")
    if not args.no_qr:
        p.say(render_text(encode(url)))
    p.say(f"Open on the phone: {url}")
    p.say(f"(host: {host_label(url)})")
    p.say("Waiting for the person to finish...")
    status = _poll(client, session.token, args, p, sleep, clock)
    if isinstance(status, ExitCode):
        return status
    verdict = decide(status, scopes, Thresholds(min_similarity=args.min_similarity))
    _print_outcome(status, verdict, p)
    if status.status in (Status.EXPIRED, Status.CANCELED):
        return ExitCode.ENDED
    return ExitCode.PASS if verdict.passed else ExitCode.FAIL


def _poll(
    client: VerificationClient,
    token: str,
    args: argparse.Namespace,
    p: _Printer,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> SessionStatus | ExitCode:
    deadline = clock() + args.timeout
    shown: tuple[str, str | None] | None = None
    failures = 0
    while True:
        try:
            status = client.get_status(token)
        except ApiError as exc:
            if not exc.retryable:
                return _report_error(exc, p, client.base_url, creating=False)
            failures += 1
            wait = _backoff(failures, args.poll_interval)
            if isinstance(exc, RateLimited) and exc.retry_after is not None:
                wait = min(max(wait, exc.retry_after), MAX_BACKOFF_SECONDS * 6)
            p.warn(f"{exc.message} Retrying in {wait:.1f} s.")
        else:
            failures = 0
            now_shown = (status.raw_status, status.next_step.value if status.next_step else None)
            if now_shown != shown:
                shown = now_shown
                step = f" · next step: {now_shown[1]}" if now_shown[1] else ""
                p.say(f"  status {now_shown[0]}{step}")
            if status.status.is_final:
                return status
            wait = args.poll_interval
        if clock() + wait > deadline:
            p.warn(
                f"error: no final status after {args.timeout:g} s; giving up (the session may "
                "still complete). Raise --timeout to wait longer."
            )
            return ExitCode.ERROR
        sleep(wait)


def _backoff(failures: int, base: float) -> float:
    """Full-jitter exponential backoff, capped."""
    ceiling = min(MAX_BACKOFF_SECONDS, base * 2**failures)
    return random.uniform(base, max(base, ceiling))


def _report_error(exc: ApiError, p: _Printer, base_url: str, *, creating: bool) -> ExitCode:
    if isinstance(exc, AuthError):
        fix = "Check --app-id and --app-key (or KIOSK_APP_ID / KIOSK_APP_KEY) for this server."
    elif isinstance(exc, InvalidRequest):
        fix = "Check --scopes, --ttl and --scenario (a scenario works only with the sandbox)."
    elif isinstance(exc, NetworkError):
        fix = f"Check --base-url ({base_url}) and that the server is reachable from here."
    elif isinstance(exc, UnknownSession):
        fix = "The session vanished on the server; start a new one."
    elif isinstance(exc, UnreadableResponse):
        fix = f"Check that --base-url ({base_url}) points at a Verification Link API."
    else:
        fix = "Try again later; if it persists, contact the server's operator."
    action = "create the session" if creating else "read the session's status"
    p.warn(f"error: could not {action}. {exc.message}\n  fix: {fix}")
    return ExitCode.ERROR


def _print_outcome(status: SessionStatus, verdict: Verdict, p: _Printer) -> None:
    p.say("")
    p.say(f"Final status: {status.raw_status}")
    for check in verdict.checks:
        score = "" if check.score is None else f"  score {check.score:.3f}"
        p.say(f"  {check.scope.value:<9} {'ok' if check.passed else 'FAILED'}{score}")
    for advice in verdict.advice:
        p.say(f"  advice: {advice}")
    p.say(f"VERDICT: {verdict.outcome.value}")
    for reason in verdict.reasons:
        p.say(f"  - {reason}")
