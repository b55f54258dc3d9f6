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


class SessionOutcome(StrEnum):
    """How a session ended, as the journal records it (the stored strings never change)."""

    PASS = "PASS"  # noqa: S105 - a verdict, not a password
    FAIL = "FAIL"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"
    CANCELED = "CANCELED"  # on the phone
    ERROR = "ERROR"
    UNFINISHED = "UNFINISHED"
    CANCELED_AT_KIOSK = "CANCELED_AT_KIOSK"
    WALKED_AWAY = "WALKED_AWAY"
    INTERRUPTED = "INTERRUPTED"  # the kiosk quit mid-session


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
    """The visitor (or the demo timer, or "Try again") asks for a new verification.

    From an error screen this goes straight to STARTING: "Try again" never shows idle."""
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


def time_limit(
    state: KioskState, *, walk_away_seconds: float, result_seconds: float
) -> float | None:
    """How long ``state`` may stay on screen before :func:`time_up` applies, or None (no limit:
    idle, a live session the server decides, an error waiting for someone)."""
    if state.phase is Phase.QR:
        return walk_away_seconds
    if state.phase in (Phase.RESULT, Phase.ENDED):
        return result_seconds
    return None


def time_up(state: KioskState) -> tuple[KioskState, SessionOutcome | None]:
    """The state's :func:`time_limit` passed: nobody scanned the code (the visitor walked
    away), or a result or an ending was on screen long enough. Returns the next state and the
    outcome to record when it is not the one the state implies."""
    if state.phase is Phase.QR:
        return walked_away(state), SessionOutcome.WALKED_AWAY
    if state.phase in (Phase.RESULT, Phase.ENDED):
        return dismiss(state), None
    return state, None


_ENDING_OUTCOMES = {
    Ending.FAILED: SessionOutcome.FAILED,
    Ending.EXPIRED: SessionOutcome.EXPIRED,
    Ending.CANCELED: SessionOutcome.CANCELED,
}


def outcome_of(state: KioskState) -> SessionOutcome:
    """The outcome ``state`` implies, for a session ending in it."""
    if state.phase is Phase.RESULT and state.verdict is not None:
        return SessionOutcome(state.verdict.outcome.value)
    if state.phase is Phase.ENDED and state.ending is not None:
        return _ENDING_OUTCOMES[state.ending]
    if state.phase is Phase.ERROR:
        return SessionOutcome.ERROR
    return SessionOutcome.UNFINISHED


def seconds_until_expiry(expires_at: datetime | None, now: datetime) -> int | None:
    """Whole seconds until the session's link expires at ``expires_at`` (never negative), or
    None when the server did not say."""
    if expires_at is None:
        return None
    return max(0, int((expires_at - now).total_seconds()))
