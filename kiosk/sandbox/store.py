"""The sandbox's sessions: creation, lookup, the clock-driven changes and retention.

Every operation costs the same however many sessions are live: the moments at which sessions
change by themselves (expiry, a scenario's next phase) wait in a heap, so the server's ticker
touches only the sessions that are due, and creating a session never walks over the others.
Live sessions are capped per owner (APP-ID) and finished ones kept for a bounded number.
A session's own state and lifecycle rules are in ``session.py``.
"""

from __future__ import annotations

import heapq
import itertools
import secrets
import threading
import time
import uuid
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kiosk.core.models import SCOPE_ORDER, Scope, Status, Step
from kiosk.sandbox import session as lifecycle
from kiosk.sandbox.results import CheckThresholds, FaceError, build_result, error_result
from kiosk.sandbox.session import (
    MAX_TTL_SECONDS,
    MIN_TTL_SECONDS,
    InvalidAction,
    SandboxSession,
    Scenario,
    Transition,
    bounded_ttl,
    iso_utc,
)

if TYPE_CHECKING:
    from kiosk.sandbox.faces.finding import FaceFinding

__all__ = [
    "DEFAULT_MAX_FINISHED_SESSIONS",
    "DEFAULT_MAX_LIVE_SESSIONS",
    "MAX_TTL_SECONDS",
    "MIN_TTL_SECONDS",
    "RETENTION_SECONDS",
    "InvalidAction",
    "SandboxSession",
    "Scenario",
    "SessionStore",
    "TooManySessions",
    "Transition",
    "iso_utc",
]

# Final sessions stay readable this long after they end, then are forgotten (404).
RETENTION_SECONDS = 3600
# Live (not final) sessions one APP-ID may hold at once; more gets 429 too_many_sessions.
DEFAULT_MAX_LIVE_SESSIONS = 1000
# Finished sessions kept readable at most; the oldest are forgotten first beyond this.
DEFAULT_MAX_FINISHED_SESSIONS = 10_000


class TooManySessions(Exception):
    """The owner already has as many live sessions as allowed."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"This APP-ID already has {limit} live sessions, the most allowed at once; "
            "wait for some to finish or expire, then try again."
        )
        self.limit = limit


class SessionStore:
    """All sandbox sessions, safe to use from several threads.

    Args:
        step_seconds: pace of scenario timelines.
        clock: epoch seconds; injectable so tests can move time.
        on_final: called (outside the lock) with each session's status body when it becomes
            final: the server uses it to deliver callbacks.
        max_live: live sessions one owner may hold at once.
        max_finished: finished sessions kept readable; the oldest are forgotten beyond this.
        thresholds: the scores from which liveness and deepfake results are ``fine``.
    """

    def __init__(
        self,
        *,
        step_seconds: float = 1.0,
        clock: Callable[[], float] = time.time,
        on_final: Callable[[SandboxSession, dict[str, Any]], None] | None = None,
        max_live: int = DEFAULT_MAX_LIVE_SESSIONS,
        max_finished: int = DEFAULT_MAX_FINISHED_SESSIONS,
        thresholds: CheckThresholds | None = None,
    ) -> None:
        self.step_seconds = step_seconds
        self.thresholds = thresholds or CheckThresholds()
        self.max_live = max_live
        self.max_finished = max_finished
        self._clock = clock
        self._on_final = on_final
        self._lock = threading.Lock()
        self._sessions: dict[str, SandboxSession] = {}
        self._active: set[str] = set()
        self._live_by_owner: Counter[str] = Counter()
        # (when, seq, token): a live session may change by itself at ``when``. Entries of
        # sessions that finished meanwhile are dropped when they surface (lazy deletion).
        self._due: list[tuple[float, int, str]] = []
        # Finished sessions in the order they finished, with the time they may be forgotten.
        self._finished: OrderedDict[str, float] = OrderedDict()
        self._seq = itertools.count()
        self._gallery: list[str] = []
        self.advanced = 0  # sessions brought up to date by tick(): lets tests check the cost

    def __len__(self) -> int:
        return len(self._sessions)

    def now(self) -> float:
        """The store's clock."""
        return self._clock()

    def create(
        self,
        *,
        scopes: Sequence[str],
        metadata: Mapping[str, Any] | None = None,
        callback_url: str | None = None,
        return_url: str | None = None,
        ttl_sec: float | None = None,
        need_captcha: bool = False,
        scenario: Scenario | None = None,
        owner: str = "",
    ) -> SandboxSession:
        """Create a session for ``owner`` (an APP-ID). Arguments are assumed valid (the HTTP
        layer validates); ``ttl_sec`` is bounded by clamping (:func:`session.bounded_ttl`).

        Raises:
            TooManySessions: ``owner`` already has ``max_live`` live sessions.
        """
        now = self._clock()
        requested = {Scope(s) for s in scopes}
        ttl = bounded_ttl(ttl_sec)
        session = SandboxSession(
            session_id=str(uuid.uuid4()),
            token=secrets.token_urlsafe(32),
            requested_scopes=list(scopes),
            steps=tuple(s for s in SCOPE_ORDER if s in requested),
            metadata=dict(metadata) if metadata is not None else None,
            callback_url=callback_url,
            return_url=return_url,
            created_at=now,
            expires_at=now + ttl,
            need_captcha=need_captcha,
            captcha=(secrets.randbelow(8) + 2, secrets.randbelow(8) + 2),
            scenario=scenario,
            owner=owner,
        )
        with self._lock:
            if self._live_by_owner[owner] >= self.max_live:
                raise TooManySessions(self.max_live)
            self._sessions[session.token] = session
            self._active.add(session.token)
            self._live_by_owner[owner] += 1
            self._plan(session.expires_at, session.token)
            if scenario is not None:
                self._plan(self._next_phase(session, now), session.token)
        return session

    def live_count(self, owner: str = "") -> int:
        """How many live sessions ``owner`` holds."""
        with self._lock:
            return self._live_by_owner[owner]

    def get(self, token: str) -> SandboxSession | None:
        """The session with ``token``, brought up to date, or None."""
        finals: list[SandboxSession] = []
        with self._lock:
            session = self._sessions.get(token)
            if session is not None and token in self._active:
                self._advance(session, self._clock(), finals)
        self._announce(finals)
        return session

    def snapshot(self, token: str) -> dict[str, Any] | None:
        """The Get Status body of ``token``'s session, or None if there is none."""
        session = self.get(token)
        if session is None:
            return None
        with self._lock:
            return session.status_body()

    def tick(self) -> None:
        """Advance the live sessions that are due to change; forget long-finished ones.

        Costs O(k log n) for the k sessions due, not O(n) for all of them.
        """
        now = self._clock()
        finals: list[SandboxSession] = []
        with self._lock:
            while self._due and self._due[0][0] <= now:
                _, _, token = heapq.heappop(self._due)
                if token not in self._active:
                    continue  # finished meanwhile
                session = self._sessions[token]
                self.advanced += 1
                self._advance(session, now, finals)
                if token in self._active and session.scenario is not None:
                    self._plan(self._next_phase(session, now), token)
            while self._finished:
                token, forget_at = next(iter(self._finished.items()))
                if len(self._finished) <= self.max_finished and forget_at >= now:
                    break
                del self._finished[token]
                self._sessions.pop(token, None)
            self._compact()
        self._announce(finals)

    def next_change(self) -> float | None:
        """The earliest clock time at which a live session changes by itself (a scenario's next
        phase, or its expiry), or None when no session is live. Lets the server sleep till then.
        """
        with self._lock:
            while self._due and self._due[0][2] not in self._active:
                heapq.heappop(self._due)
            return self._due[0][0] if self._due else None

    def _plan(self, when: float, token: str) -> None:
        heapq.heappush(self._due, (when, next(self._seq), token))

    def _next_phase(self, session: SandboxSession, now: float) -> float:
        return lifecycle.next_phase_at(session, now, self.step_seconds)

    def _compact(self) -> None:
        """Drop the entries of finished sessions once they outnumber the live ones (amortised
        O(1) per session: a rebuild happens only after as many sessions have finished)."""
        if len(self._due) > 2 * (2 * len(self._active) + 64):
            self._due = [entry for entry in self._due if entry[2] in self._active]
            heapq.heapify(self._due)

    def act(
        self,
        token: str,
        action: Transition,
        *,
        answer: int | None = None,
        step: Step | None = None,
        passed: bool = True,
        photo_size: tuple[int, int] | None = None,
        failure: FaceError | None = None,
        face: FaceFinding | None = None,
    ) -> SandboxSession:
        """Apply a person's action from the flow page (see :func:`session.apply`; a step with a
        ``failure`` ends the session FAILED with that Face API error as its result; ``face``,
        the selfie's real analysis, replaces the simulated parts of the result at DONE).

        Raises:
            KeyError: no such session.
            InvalidAction: the action does not fit the session's state (double submit, a
                scenario-driven session, a wrong captcha answer ...).
        """
        finals: list[SandboxSession] = []
        try:
            with self._lock, self._mutating(token, finals) as session:
                ending = lifecycle.apply(
                    session,
                    action,
                    answer=answer,
                    step=step,
                    passed=passed,
                    photo_size=photo_size,
                    failure=failure,
                    face=face,
                )
                if ending is not None:
                    self._finish(session, ending, finals)
        finally:
            self._announce(finals)
        return session

    @contextmanager
    def _mutating(self, token: str, finals: list[SandboxSession]) -> Iterator[SandboxSession]:
        session = self._sessions.get(token)
        if session is None:
            raise KeyError(token)
        self._advance(session, self._clock(), finals)
        if session.status.is_final:
            raise InvalidAction(f"the session is already {session.status.value}")
        if session.scenario is not None:
            raise InvalidAction("this session is driven by a demo scenario")
        yield session

    def _advance(self, session: SandboxSession, now: float, finals: list[SandboxSession]) -> None:
        """Bring a live session up to ``now``: TTL first, then its scenario timeline."""
        if session.status.is_final:
            return
        if session.scenario is not None:
            phase = lifecycle.scenario_phase(session, now, self.step_seconds)
            ending = lifecycle.follow_scenario(session, phase)
            if ending is not None:
                self._finish(session, ending, finals)
        if not session.status.is_final and now >= session.expires_at:
            self._finish(session, Status.EXPIRED, finals)

    def _finish(
        self, session: SandboxSession, status: Status, finals: list[SandboxSession]
    ) -> None:
        session.status = status
        if status is Status.DONE:
            session.result = build_result(
                session.steps,
                session.passes,
                seed=session.session_id,
                gallery=self._gallery,
                photo_size=session.photo_size,
                thresholds=self.thresholds,
            )
            if session.face is not None:
                session.face.apply_to(session.result)
            enrolled = session.result.get("enroll", {}).get("templateId")
            if enrolled:
                self._gallery.append(enrolled)
        elif status is Status.FAILED and session.failure is not None:
            session.result = error_result(session.failure)
        if session.token in self._active:
            self._active.discard(session.token)
            self._live_by_owner[session.owner] -= 1
            if not self._live_by_owner[session.owner]:
                del self._live_by_owner[session.owner]
            # Finish times rise (one clock), so the oldest finished session is always first.
            self._finished[session.token] = self._clock() + RETENTION_SECONDS
        finals.append(session)

    def _announce(self, finals: list[SandboxSession]) -> None:
        if self._on_final is None:
            return
        for session in finals:
            with self._lock:
                body = session.status_body()
            self._on_final(session, body)
