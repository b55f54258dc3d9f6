"""The desk's hand-off: every final result, as the JSON of :mod:`kiosk.core.result_summary`,
given to the bank's systems (issue 13, point 6). Qt-free; the desk runs it off the GUI thread
(:mod:`kiosk.desk.handoff_worker`).

Two ways, from the settings, either or both:

- ``handoff_command``: a program run without a shell (the line is split with ``shlex``), the
  JSON on its stdin; exit code 0 means delivered. Killed (with its process group) at the
  timeout; see :mod:`kiosk.core.handoff_process`.
- ``handoff_url``: an HTTP POST of the JSON (``application/json``); a 2xx answer means
  delivered, decided from the status line alone (a 2xx answer's body is not read: a receiver
  that sends it slowly has still taken the result). Redirects are not followed (the JSON goes
  where it was configured to go, or nowhere); a failure's body is read up to 64 KiB. The
  timeout bounds the whole attempt, not each socket read (:mod:`kiosk.core.deadline`), and a
  stop ends it within ~0.1 s.

The reason given for a failure is ours, plus the last line of the command's stderr or of the
receiver's answer (neutralised, cut to 200 characters): the one clue the employee gets.

Both configured: both run, the command first; the hand-off is delivered when both were.
Each way is tried ``1 + handoff_retries`` times with a short growing pause between tries, which
a stop cuts short. One log line per delivery: INFO when delivered, WARNING when not, with the
attempts and a neutralised reason; never the JSON (it holds the customer's reference), never a
secret: the URL is logged as scheme, host and port only, the command as its program's name.
:meth:`Handoff.deliver` never raises.
"""

from __future__ import annotations

import logging
import os
import threading
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol

import httpx

from kiosk import __version__
from kiosk.core.command_line import command_problem as command_problem
from kiosk.core.command_line import split_command
from kiosk.core.deadline import CallStopped, bounded
from kiosk.core.handoff_process import child_environment, run_command
from kiosk.core.netio import AbortableTransport
from kiosk.core.result_summary import summary_json
from kiosk.core.secret_stores import KEY_ENV
from kiosk.core.text import printable

log = logging.getLogger(__name__)

BODY_LIMIT = 64 * 1024
"""The most bytes of the receiver's answer read (only a failure's answer is read)."""

BACKOFF_SECONDS = 1.0
"""The first pause between tries; each next one doubles, up to :data:`MAX_BACKOFF`."""

MAX_BACKOFF = 8.0
REASON_LIMIT = 200


class _Settings(Protocol):
    """The four settings read (kiosk.core.settings.Settings has them, read-only)."""

    @property
    def handoff_command(self) -> str: ...
    @property
    def handoff_url(self) -> str: ...
    @property
    def handoff_timeout(self) -> float: ...
    @property
    def handoff_retries(self) -> int: ...


@dataclass(frozen=True)
class HandoffReport:
    """How a hand-off went: delivered or not, after how many attempts, and a sentence for the
    employee (neutralised, no secret, no JSON)."""

    ok: bool
    attempts: int
    message: str


@dataclass(frozen=True)
class _Try:
    """One attempt: delivered, the reason when not, and whether trying again can help."""

    ok: bool
    reason: str = ""
    final: bool = False


@dataclass(frozen=True)
class Handoff:
    """The configured hand-off. Build it with :meth:`from_settings`.

    Attributes:
        command: the program line ("" for none). url: the receiver ("" for none).
        timeout: seconds per attempt. retries: further attempts after a failed one.
        backoff: the first pause between attempts (seconds; tests make it short).
        secret_env: environment variables the command must not inherit (the APP-KEY's).
    """

    command: str = ""
    url: str = ""
    timeout: float = 10.0
    retries: int = 2
    backoff: float = BACKOFF_SECONDS
    secret_env: tuple[str, ...] = (KEY_ENV,)

    @classmethod
    def from_settings(cls, settings: _Settings, *, app_key_env: str = KEY_ENV) -> Handoff:
        """The hand-off the settings configure (``app_key_env``: the variable that may hold the
        APP-KEY, ``kiosk run --app-key-env``; never passed to the command)."""
        return cls(
            command=settings.handoff_command.strip(),
            url=settings.handoff_url.strip(),
            timeout=float(settings.handoff_timeout),
            retries=int(settings.handoff_retries),
            secret_env=tuple(dict.fromkeys((KEY_ENV, app_key_env))),
        )

    @property
    def configured(self) -> bool:
        """True when a command or a URL is set (otherwise :meth:`deliver` does nothing)."""
        return bool(self.command or self.url)

    def describe(self) -> str:
        """Where results go, without secrets (for the log and the preferences)."""
        ways = []
        if self.command:
            ways.append(f"command {_program_name(self.command)}")
        if self.url:
            ways.append(f"POST to {_safe_url(self.url)}")
        return " and ".join(ways) or "nowhere"

    def deliver(self, summary: Mapping[str, Any], stop: threading.Event) -> HandoffReport:
        """Hand ``summary`` over through every configured way; never raises.

        ``stop`` (set when the desk closes) kills a command in flight, ends a POST in flight
        and cuts a pause between attempts short; the report then says it was stopped.
        """
        session = printable(str(summary.get("session_id") or "-"), 80)
        if not self.configured:
            return HandoffReport(True, 0, "No hand-off is configured.")
        if stop.is_set():
            return HandoffReport(False, 0, "stopped: the desk is closing")
        try:
            payload = summary_json(summary).encode("utf-8")
        except (TypeError, ValueError) as exc:
            report = HandoffReport(False, 0, f"The result could not be written as JSON ({exc}).")
            log.warning("hand-off of session %s failed: %s", session, report.message)
            return report
        parts: list[tuple[str, HandoffReport]] = []
        if self.command:
            parts.append(("command", self._with_retries(lambda: self._run(payload, stop), stop)))
        if self.url:
            parts.append(("URL", self._with_retries(lambda: self._post(payload, stop), stop)))
        report = _combine(parts)
        if report.ok:
            log.info(
                "hand-off of session %s delivered (%s, %d attempt(s))",
                session,
                self.describe(),
                report.attempts,
            )
        else:
            log.warning("hand-off of session %s failed: %s", session, report.message)
        return report

    def _with_retries(self, attempt: Any, stop: threading.Event) -> HandoffReport:
        tries = 1 + max(0, self.retries)
        pause = self.backoff
        last = _Try(False, "not tried")
        for number in range(1, tries + 1):
            try:
                last = attempt()
            except Exception as exc:  # deliver never raises; the reason names the surprise
                log.exception("hand-off attempt crashed")
                last = _Try(False, f"internal error ({type(exc).__name__})")
            if last.ok:
                return HandoffReport(True, number, "delivered")
            if stop.is_set():
                return HandoffReport(False, number, "stopped: the desk is closing")
            if last.final or number == tries:
                return HandoffReport(False, number, last.reason)
            if stop.wait(pause):
                return HandoffReport(False, number, "stopped: the desk is closing")
            pause = min(pause * 2, MAX_BACKOFF)
        return HandoffReport(False, tries, last.reason)  # pragma: no cover - loop returns

    def _run(self, payload: bytes, stop: threading.Event) -> _Try:
        try:
            args = split_command(self.command)
        except ValueError as exc:
            return _Try(False, f"the command line cannot be read ({exc})", final=True)
        if not args:
            return _Try(False, "the command line is empty", final=True)
        program = _program_name(self.command)
        try:
            run = run_command(
                args,
                payload,
                timeout=self.timeout,
                stop=stop,
                env=child_environment(os.environ, self.secret_env),
            )
        except FileNotFoundError:
            return _Try(False, f"the program {program} was not found", final=True)
        except PermissionError:
            return _Try(False, f"the program {program} may not be run (permission)", final=True)
        except OSError as exc:
            return _Try(False, f"the program {program} could not start ({exc.strerror})")
        if run.stopped:
            return _Try(False, "stopped")
        if run.timed_out:
            return _Try(False, f"the command took longer than {self.timeout:g} s and was killed")
        if run.returncode == 0:
            return _Try(True)
        if run.returncode is not None and run.returncode < 0:
            what = f"was ended by signal {-run.returncode}"
        else:
            what = f"exited with code {run.returncode}"
        said = _last_line(run.stderr)
        return _Try(False, f"the command {what}" + (f": {said}" if said else ""))

    def _post(self, payload: bytes, stop: threading.Event) -> _Try:
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"verification-kiosk/{__version__}",
        }
        try:
            with (
                bounded(self.timeout, stop),
                httpx.Client(
                    transport=AbortableTransport(),
                    timeout=self.timeout,
                    follow_redirects=False,
                ) as client,
                client.stream("POST", self.url, content=payload, headers=headers) as answer,
            ):
                code = answer.status_code
                # A 2xx status line means the receiver took the result: its body is never
                # looked at, and waiting for a slow one would turn a delivery into a timeout
                # and POST the result again. Leaving the block closes the answer unread.
                body = b"" if 200 <= code < 300 else _read_capped(answer.iter_bytes())
        except CallStopped:
            return _Try(False, "stopped")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            return _Try(False, "the URL is not a valid http(s) URL", final=True)
        except httpx.TimeoutException:
            return _Try(False, f"no answer within {self.timeout:g} s")
        except httpx.HTTPError as exc:
            return _Try(False, f"the receiver could not be reached ({type(exc).__name__})")
        if 200 <= code < 300:
            return _Try(True)
        if 300 <= code < 400:
            return _Try(False, f"the receiver answered {code} (redirects are not followed)")
        said = _last_line(body)
        return _Try(False, f"the receiver answered {code}" + (f": {said}" if said else ""))


def _combine(parts: list[tuple[str, HandoffReport]]) -> HandoffReport:
    """One report for one or both ways."""
    if len(parts) == 1:
        _, only = parts[0]
        if only.ok:
            return only
        return HandoffReport(False, only.attempts, _failed(only))
    ok = all(part.ok for _, part in parts)
    attempts = sum(part.attempts for _, part in parts)
    words = [f"{name}: {'delivered' if part.ok else _failed(part)}" for name, part in parts]
    return HandoffReport(ok, attempts, "; ".join(words))


def _failed(report: HandoffReport) -> str:
    tries = "1 attempt" if report.attempts == 1 else f"{report.attempts} attempts"
    return f"not delivered after {tries}: {report.message}"


def _read_capped(chunks: Iterable[bytes]) -> bytes:
    kept = bytearray()
    for chunk in chunks:
        kept += chunk[: BODY_LIMIT - len(kept)]
        if len(kept) >= BODY_LIMIT:
            break  # the rest is never read: closing the answer drops the connection
    return bytes(kept)


def _last_line(data: bytes) -> str:
    """The last non-empty line of a program's stderr or a receiver's answer, neutralised."""
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    return printable(lines[-1], REASON_LIMIT) if lines else ""


def _program_name(command: str) -> str:
    """The program's file name, for messages: its arguments may hold anything."""
    try:
        args = split_command(command)
    except ValueError:
        args = command.split()
    return printable(PurePath(args[0]).name, 80) if args else "-"


def _safe_url(url: str) -> str:
    """Scheme, host and port only: a URL's user, password, path or query may hold a secret."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "the configured URL"
    shown = f"[{host}]" if ":" in host else host
    return printable(f"{parts.scheme}://{shown}{port}", 120)
