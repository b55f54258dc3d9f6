"""What ``kiosk verify`` prints: the terminal writer, the runner's listener, the outcome.

Server text is neutralised where it enters (``printable``); :class:`Printer` applies
``terminal_safe`` as the last filter, so no escape sequence ever reaches the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from kiosk.core.models import SessionStatus
from kiosk.core.qr_text import render_for
from kiosk.core.state import ActiveSession, ErrorKind
from kiosk.core.text import printable, terminal_safe
from kiosk.core.verdict import Verdict


@dataclass
class Printer:
    """Writes lines to the terminal. Server text is neutralised where it enters (``printable``);
    ``terminal_safe`` here is the last filter, so no escape sequence ever reaches the terminal."""

    out: TextIO
    err: TextIO

    def say(self, text: str = "") -> None:
        _write(terminal_safe(text), self.out)

    def warn(self, text: str) -> None:
        _write(terminal_safe(text), self.err)


def _write(line: str, stream: TextIO) -> None:
    """Print ``line``; a character the terminal's encoding lacks (a server's text on a Latin-1
    terminal) becomes ``?`` rather than an UnicodeEncodeError that ends the command."""
    try:
        print(line, file=stream, flush=True)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(line.encode(encoding, "replace").decode(encoding), file=stream, flush=True)


class TerminalListener:
    """Prints what the runner reports and keeps what the command needs afterwards."""

    def __init__(self, p: Printer, show_qr: bool) -> None:
        self._p = p
        self._show_qr = show_qr
        self.final: SessionStatus | None = None
        self.error: tuple[ErrorKind, str] | None = None
        self._shown: tuple[str, str | None] | None = None

    def created(self, session: ActiveSession) -> None:
        self._p.say(
            f"Session {printable(session.session_id, 128)} created ({', '.join(session.scopes)})."
        )
        if self._show_qr:
            self._p.say(render_for(session.matrix, getattr(self._p.out, "encoding", None)))
        self._p.say(f"Open on the phone: {session.url}")
        self._p.say(f"(host: {printable(session.host, 256)})")
        self._p.say("Waiting for the person to finish...")

    def status(self, status: SessionStatus) -> None:
        step = status.next_step.value if status.next_step else None
        raw = printable(status.raw_status, 40)
        if (raw, step) != self._shown:
            self._shown = (raw, step)
            self._p.say(f"  status {raw}" + (f" · next step: {step}" if step else ""))
        if status.status.is_final:
            self.final = status

    def trouble(self, message: str) -> None:
        self._p.warn(f"{printable(message, 600)} Retrying.")

    def failed(self, kind: ErrorKind, message: str) -> None:
        self.error = (kind, printable(message, 600))


_FIXES = {
    ErrorKind.CREDENTIALS: "Check --app-id and --app-key (or KIOSK_APP_ID / KIOSK_APP_KEY) for "
    "this server.",
    ErrorKind.CONFIGURATION: "Check --scopes, --ttl and --scenario (a scenario works only with "
    "the sandbox).",
    ErrorKind.NETWORK: "Check --base-url ({base_url}) and that the server is reachable from here.",
    ErrorKind.SESSION_LOST: "The session vanished on the server; start a new one.",
    ErrorKind.UNREADABLE: "Check that --base-url ({base_url}) points at a Verification Link API.",
    ErrorKind.UNTRUSTED_URL: "The link was not shown. Add --trusted-origin (or the trusted_origins "
    "setting) if that host is expected.",
}


def report_error(kind: ErrorKind, message: str, p: Printer, base_url: str) -> None:
    """Say what went wrong and how to fix it."""
    fix = _FIXES.get(kind, "Try again later; if it persists, contact the server's operator.")
    p.warn(f"error: {message}\n  fix: {fix.format(base_url=base_url)}")


def print_outcome(status: SessionStatus, verdict: Verdict, p: Printer) -> None:
    """The final status, each check with its score, the advice and the verdict's reasons."""
    p.say("")
    p.say(f"Final status: {printable(status.raw_status, 40)}")
    for check in verdict.checks:
        score = "" if check.score is None else f"  score {check.score:.3f}"
        p.say(f"  {check.scope.value:<9} {'ok' if check.passed else 'FAILED'}{score}")
    for advice in verdict.advice:
        p.say(f"  advice: {advice}")
    p.say(f"VERDICT: {verdict.outcome.value}")
    for reason in verdict.reasons:
        p.say(f"  - {printable(reason)}")
