"""``kiosk verify``: one verification from the terminal, for operators checking a deployment.

Creates a session, prints its QR code and URL, follows its status (pushed by a hub, else polled)
until the session ends, prints the scores and the verdict, and exits with a code scripts can
branch on (:class:`ExitCode`).
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import threading
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import TYPE_CHECKING, TextIO

from kiosk.backend import APP_KEY_ENV, BackendConfig
from kiosk.core import rules
from kiosk.core.credentials import Credentials
from kiosk.core.models import Status
from kiosk.core.redact import redact
from kiosk.core.rules import SCOPES, split_names
from kiosk.core.scenarios import SCENARIOS
from kiosk.core.settings import CLOUD_URL
from kiosk.core.text import printable
from kiosk.core.verdict import Thresholds, decide
from kiosk.verify_output import Printer, TerminalListener, print_outcome, report_error

if TYPE_CHECKING:  # the client pulls in httpx: imported when a verification runs, not to parse
    from kiosk.core.api import VerificationClient

log = logging.getLogger(__name__)


MAX_TIMEOUT = 7 * 24 * 3600  # --timeout; a session lives at most a day (ttlSec 86400)


class ExitCode(IntEnum):
    """What ``kiosk verify`` exits with."""

    PASS = 0
    FAIL = 1
    USAGE = 2
    ENDED = 3  # EXPIRED or CANCELED: nobody completed the flow
    ERROR = 4  # could not get an answer: credentials, network, server, configuration


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``kiosk verify``.

    The server, APP-ID, scopes, TTL, poll interval and match threshold come from the settings
    file and ``KIOSK_*`` variables, as the window's do; the options below override them. Their
    values are checked more loosely than the window's (a TTL the server refuses shows the
    server's answer): this is a tool for checking a deployment.
    """
    from kiosk.config import add_listen_option, add_setting_options

    parser.add_argument("--settings", metavar="PATH", help="settings file (default: the kiosk's)")
    add_setting_options(parser, ("backend", "app_id", "scopes"))
    add_setting_options(parser, ("ttl_sec", "poll_interval", "min_similarity"), type=float)
    parser.add_argument(
        "--app-key",
        help="APP-KEY, for scripts; prefer KIOSK_APP_KEY or the OS keyring "
        "(`kiosk secrets set-key`), which keep it out of the process list",
    )
    parser.add_argument(
        "--scenario", choices=SCENARIOS, help="sandbox only: let the session play this outcome"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        help="give up after this many seconds, whatever the server does (default %(default)s)",
    )
    parser.add_argument(
        "--trusted-origin",
        action="append",
        default=[],
        metavar="URL",
        help="another origin session links may point at, beside the trusted_origins setting's "
        "(repeatable; https://host[:port], plain http only for loopback)",
    )
    parser.add_argument(
        "--retry-for",
        type=float,
        default=10.0,
        help="keep retrying a failing network or server this many seconds (default %(default)s)",
    )
    parser.add_argument("--no-qr", action="store_true", help="print the link without a QR code")
    add_listen_option(parser, default="local", old_flag="--lan")
    parser.add_argument(
        "--step-seconds",
        type=float,
        default=1.0,
        help="embedded sandbox: scenario pace (default %(default)s)",
    )


def run(
    args: argparse.Namespace,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> ExitCode:
    """Run one verification from parsed arguments and return the exit code."""
    p = Printer(out or sys.stdout, err or sys.stderr)
    request = _request(args, p)
    if request is None:
        return ExitCode.USAGE
    with ExitStack() as stack:
        from kiosk.backend import open_backend

        backend = open_backend(request.backend)
        stack.callback(backend.close)
        if request.backend.base_url is None:
            from kiosk.sandbox.faces import unavailable_reason

            # The embedded sandbox analyses selfies for real when the faces extra is installed.
            checks = "no real checks" if unavailable_reason() else "liveness, deepfake simulated"
            p.say(f"Started the embedded sandbox at {backend.base_url} (SANDBOX: {checks}).")
        from kiosk.core.api import VerificationClient

        client = stack.enter_context(VerificationClient(backend.base_url, backend.credentials))
        trusted = [*request.trusted, *backend.trusted_origins]
        try:
            return _verify(args, request, client, trusted, p)
        except KeyboardInterrupt:
            p.warn("Interrupted.")
            return ExitCode.ERROR
    return ExitCode.ERROR  # pragma: no cover - the with block always returns


@dataclass(frozen=True)
class _Request:
    """What one verification asks for: the options given, else the settings'."""

    backend: BackendConfig
    scopes: list[str]
    ttl: float
    poll_interval: float
    min_similarity: float
    trusted: tuple[str, ...] = ()


def _request(args: argparse.Namespace, p: Printer) -> _Request | None:
    """The options over the settings (file, then ``KIOSK_*``), checked; None after saying
    what to fix."""
    from kiosk.config import settings_file
    from kiosk.core.rules import PACE
    from kiosk.core.settings import SettingsError, check, load

    try:
        settings = load(settings_file(args.settings))
    except SettingsError as problem:
        p.warn(f"error: {problem}")
        return None
    scopes = split_names(args.scopes) if args.scopes is not None else list(settings.scopes)
    unknown = [s for s in scopes if s not in SCOPES]
    if not scopes or unknown:
        p.warn(
            f"error: --scopes must list checks from {', '.join(SCOPES)}"
            f"{'; unknown: ' + ', '.join(unknown) if unknown else ''}."
        )
        return None
    twice = sorted({s for s in scopes if scopes.count(s) > 1})
    if twice:  # as the window's rule says; the server would refuse the session (exit 4)
        p.warn(f"error: --scopes must name each check once; twice: {', '.join(twice)}.")
        return None
    ttl = settings.ttl_sec if args.ttl_sec is None else args.ttl_sec
    poll = settings.poll_interval if args.poll_interval is None else args.poll_interval
    similarity = settings.min_similarity if args.min_similarity is None else args.min_similarity
    if not all(math.isfinite(n) for n in (poll, args.timeout, args.retry_for, similarity, ttl)):
        p.warn(
            "error: --timeout, --poll-interval, --retry-for, --min-similarity and --ttl must be "
            "finite numbers (--ttl above 0)."
        )
        return None
    if not ttl > 0:
        p.warn("error: --ttl must be a finite number above 0.")
        return None
    if min(poll, args.timeout) <= 0 or args.retry_for < 0:
        p.warn("error: --poll-interval and --timeout must be positive, --retry-for not negative.")
        return None
    if not 0 <= similarity <= 1:
        p.warn("error: --min-similarity must be between 0 and 1.")
        return None
    if args.timeout > MAX_TIMEOUT:  # beyond what a thread's timer can wait: a traceback
        p.warn(f"error: --timeout must be at most {MAX_TIMEOUT} s (a week).")
        return None
    try:  # the window's rule for the sandbox's pace (a NaN pace crashed the sandbox)
        check("step_seconds", PACE, args.step_seconds, "option --step-seconds", "Fix it.")
    except SettingsError as problem:
        p.warn(f"error: {problem}")
        return None
    try:  # the trusted_origins setting's rule, for each --trusted-origin
        extra = check(
            "trusted_origin",
            rules.Rule(rules.origins, rules.ORIGIN_EXPECT),
            args.trusted_origin,
            "option --trusted-origin",
            "Fix it.",
        )
    except SettingsError as problem:
        p.warn(f"error: {problem}")
        return None
    trusted = tuple(dict.fromkeys((*extra, *settings.trusted_origins)))
    backend = _backend(args, settings.base_url, settings.app_id, p)
    if backend is None:
        return None
    backend = replace(backend, lan_address=settings.sandbox_address)  # for --listen lan
    given = backend.credentials
    if given is not None and not all(map(rules.is_header_text, (given.app_id, given.app_key))):
        p.warn("error: the APP-ID and the APP-KEY must be printable ASCII with no spaces around.")
        return None
    return _Request(backend, scopes, ttl, poll, similarity, trusted)


def _backend(
    args: argparse.Namespace, configured: str | None, app_id: str, p: Printer
) -> BackendConfig | None:
    """The backend: ``--base-url`` or the settings'; its credentials from the options, the
    settings, ``KIOSK_APP_KEY`` or the keyring, as the window finds them."""
    from kiosk.backend import CredentialsMissing, credentials_for

    base_url = args.backend or configured
    app_id = args.app_id or app_id
    lan = args.listen == "lan"
    if base_url == "cloud":
        base_url = CLOUD_URL
    if base_url is None or base_url == "sandbox":
        # The embedded sandbox accepts the credentials given, else generated ones.
        given = args.app_key or os.environ.get(APP_KEY_ENV)
        credentials = None
        if app_id or given:
            from kiosk.sandbox.server import generate_credentials

            generated = generate_credentials()
            credentials = Credentials(app_id or generated[0], given or generated[1])
        return BackendConfig(None, credentials, lan, 0, args.step_seconds)
    if not base_url.startswith(("https://", "http://")):
        p.warn(f"error: --base-url must start with https:// or http://, not {base_url!r}.")
        return None
    try:
        rules.http_url(base_url)
    except (TypeError, ValueError):
        p.warn(
            f"error: --base-url {base_url!r} is not a URL: give https://host or https://host:port."
        )
        return None
    try:
        credentials = credentials_for(app_id, args.app_key)
    except CredentialsMissing as exc:
        p.warn(
            f"error: the backend {base_url} needs --app-id and --app-key (or app_id in the "
            "settings or KIOSK_APP_ID, and KIOSK_APP_KEY or the key in the OS keyring): "
            f"{exc} Set the backend to sandbox to use the embedded one."
        )
        return None
    return BackendConfig(base_url, credentials)


def _verify(
    args: argparse.Namespace,
    request: _Request,
    client: VerificationClient,
    trusted: Sequence[str],
    p: Printer,
) -> ExitCode:
    from kiosk.core.events import PushPolicy
    from kiosk.core.poller import PollPolicy, SessionRunner

    metadata = {"sandbox": {"scenario": args.scenario}} if args.scenario else None
    runner = SessionRunner(
        client,
        scopes=request.scopes,
        trusted_origins=trusted,
        metadata=metadata,
        ttl_sec=request.ttl,
        policy=PollPolicy(
            interval=request.poll_interval,
            active_interval=request.poll_interval,
            give_up_after=args.retry_for,
        ),
        push=PushPolicy(),
    )
    listener = TerminalListener(p, show_qr=not args.no_qr)
    stop = threading.Event()
    timed_out = threading.Event()

    def time_is_up() -> None:
        timed_out.set()
        stop.set()  # also ends a request in flight: every network wait checks it in 0.1 s slices

    deadline = threading.Timer(args.timeout, time_is_up)
    deadline.daemon = True
    deadline.start()
    try:
        runner.run(listener, stop)
    except Exception as exc:  # a bug must still end as "error", never as exit 1 (FAIL)
        log.debug("verification crashed", exc_info=True)
        p.warn(
            f"error: unexpected failure ({type(exc).__name__}: {printable(redact(str(exc)), 200)})."
            "\n  fix: run again with -v and report the log to the kiosk's maintainers."
        )
        return ExitCode.ERROR
    finally:
        deadline.cancel()
    if listener.error is not None and not (timed_out.is_set() and listener.final is None):
        report_error(*listener.error, p, client.base_url)
        return ExitCode.ERROR
    if listener.final is None:
        p.warn(
            f"error: no final status after {args.timeout:g} s; giving up (the session may "
            "still complete). Raise --timeout to wait longer."
        )
        return ExitCode.ERROR
    status = listener.final
    verdict = decide(status, request.scopes, Thresholds(min_similarity=request.min_similarity))
    print_outcome(status, verdict, p)
    if status.status in (Status.EXPIRED, Status.CANCELED):
        return ExitCode.ENDED
    return ExitCode.PASS if verdict.passed else ExitCode.FAIL
