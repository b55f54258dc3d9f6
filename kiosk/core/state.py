"""The kiosk's session state machine: pure transitions, no I/O, no Qt.

Every transition takes a state and an event and returns the next state; an event that does not
apply to the current phase returns the state unchanged (a double tap, a late signal from a worker
that was already told to stop). Screens are drawn from the state alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from kiosk.core.models import SessionStatus, Status
from kiosk.core.qr import QrMatrix
from kiosk.core.verdict import Thresholds, Verdict, decide


class Phase(StrEnum):
    """Which screen the kiosk shows."""

    IDLE = "idle"
    STARTING = "starting"
    QR = "qr"
    PROGRESS = "progress"
    RESULT = "result"
    ENDED = "ended"
    ERROR = "error"


class Ending(StrEnum):
    """How a session ended without a verdict to show."""

    FAILED = "failed"
    EXPIRED = "expired"
    CANCELED = "canceled"


class ErrorKind(StrEnum):
    """Why the kiosk could not get an answer; each has its own message and way forward."""

    NETWORK = "network"
    CREDENTIALS = "credentials"
    CONFIGURATION = "configuration"
    UNREADABLE = "unreadable"
    UNTRUSTED_URL = "untrusted_url"
    SESSION_LOST = "session_lost"
    INTERNAL = "internal"


@dataclass(frozen=True)
class ActiveSession:
    """A created session whose URL passed the origin check, with its QR matrix ready to paint."""

    session_id: str
    token: str = field(repr=False)
    url: str = field(repr=False)
    host: str
    matrix: QrMatrix = field(repr=False)
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class KioskState:
    """Everything a screen needs to draw itself.

    Attributes:
        phase: the screen to show.
        session: the live or last session (None before one is created).
        status: the last status read.
        verdict: set in RESULT.
        ending: set in ENDED.
        error / error_message: set in ERROR; the message is for staff and free of secrets.
        retrying: a connection problem is being retried (shown as a banner).
    """

    phase: Phase = Phase.IDLE
    session: ActiveSession | None = None
    status: SessionStatus | None = None
    verdict: Verdict | None = None
    ending: Ending | None = None
    error: ErrorKind | None = None
    error_message: str = ""
    retrying: bool = False

    @property
    def is_live(self) -> bool:
        """True while a session is being created or followed (a worker must be running)."""
        return self.phase in _LIVE


_LIVE = frozenset({Phase.STARTING, Phase.QR, Phase.PROGRESS})
_RESTARTABLE = frozenset({Phase.IDLE, Phase.RESULT, Phase.ENDED, Phase.ERROR})
_ENDINGS = {Status.FAILED: Ending.FAILED, Status.EXPIRED: Ending.EXPIRED}
_ENDINGS[Status.CANCELED] = Ending.CANCELED


def start(state: KioskState) -> KioskState:
    """The visitor (or the demo timer, or "Try again") asks for a new verification."""
    if state.phase not in _RESTARTABLE:
        return state
    return KioskState(phase=Phase.STARTING)


def created(state: KioskState, session: ActiveSession) -> KioskState:
    """The session exists; show its QR code."""
    if state.phase is not Phase.STARTING:
        return state
    return replace(state, phase=Phase.QR, session=session, retrying=False)


def status_received(
    state: KioskState, status: SessionStatus, thresholds: Thresholds | None = None
) -> KioskState:
    """A status read arrived: move to the screen it calls for."""
    if state.phase not in (Phase.QR, Phase.PROGRESS):
        return state
    current = replace(state, status=status, retrying=False)
    if status.status is Status.CREATED:
        return replace(current, phase=Phase.QR)
    if status.status is Status.DONE:
        requested = state.session.scopes if state.session else None
        verdict = decide(status, requested, thresholds)
        return replace(current, phase=Phase.RESULT, verdict=verdict)
    ending = _ENDINGS.get(status.status)
    if ending is not None:
        return replace(current, phase=Phase.ENDED, ending=ending)
    # CAPTCHA_OK, IN_PROGRESS, or a status this version does not know: the person is busy.
    return replace(current, phase=Phase.PROGRESS)


def trouble(state: KioskState) -> KioskState:
    """A transient failure is being retried."""
    if not state.is_live or state.retrying:
        return state
    return replace(state, retrying=True)


def failed(state: KioskState, kind: ErrorKind, message: str) -> KioskState:
    """The kiosk could not get an answer (or crashed): show the error screen."""
    if kind is not ErrorKind.INTERNAL and not state.is_live:
        return state
    return replace(state, phase=Phase.ERROR, error=kind, error_message=message, retrying=False)


def cancel(state: KioskState) -> KioskState:
    """The visitor pressed Cancel."""
    return KioskState() if state.is_live else state


def walked_away(state: KioskState) -> KioskState:
    """Nobody scanned the code in time."""
    return KioskState() if state.phase is Phase.QR else state


def dismiss(state: KioskState) -> KioskState:
    """ "Done" or the result timer: back to the idle screen."""
    return KioskState() if state.phase in (Phase.RESULT, Phase.ENDED, Phase.ERROR) else state


def seconds_left(expires_at: datetime | None, now: datetime) -> int | None:
    """Whole seconds until ``expires_at`` (never negative), or None when unknown."""
    if expires_at is None:
        return None
    return max(0, int((expires_at - now).total_seconds()))
