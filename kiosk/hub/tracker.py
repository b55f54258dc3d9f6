"""The hub's live sessions: one upstream reader per session, the journal kept up to date, and
status changes fanned out to every open event stream.

For each live session the hub has one :class:`Tracker` and one poll task, however many kiosks
read or watch it: status reads get the tracker's body when it is fresh, and otherwise share a
single upstream read (single flight). The poll task reads upstream every ``poll_interval``
seconds (backing off while upstream fails) until the session is final; a callback from
upstream only wakes it early, since the vendor's callbacks are unsigned: whatever a callback
says, the hub believes only what it reads upstream itself.

Every status change is written to the journal (the store) and offered to every subscriber
(:mod:`kiosk.hub.events`); the final one also gets the outcome, scores and reasons from the
kiosk's own verdict policy (:func:`kiosk.core.verdict.decide`, default thresholds). Store
writes are retried while the database is unreachable; a final status the journal could not
take leaves the session live in the store, so the next hub start reads it again upstream.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from kiosk.core.errors import ApiError, RateLimited, UnknownSession
from kiosk.core.models import SessionStatus
from kiosk.core.redact import forget_secret
from kiosk.core.verdict import decide
from kiosk.hub.events import Subscriber, encode_status
from kiosk.hub.store import HubStore, SessionRecord, StoreError, StoreUnavailable, utc_now
from kiosk.hub.upstream import Upstream

log = logging.getLogger(__name__)

T = TypeVar("T")

# Final bodies kept in memory for status reads after the end (older ones are read upstream).
MAX_FINISHED = 10_000
# Sessions created upstream while the database was down, kept to journal when it is back.
MAX_UNJOURNALED = 10_000


@dataclass
class TrackerSettings:
    """How the hub watches upstream.

    Attributes:
        poll_interval: seconds between upstream reads of a live session.
        fresh_seconds: a status read younger than this is served without reading upstream.
        max_backoff: the longest wait between reads while upstream fails.
        store_retry_seconds: how long a store write is retried while the database is down.
        queue_size: events waiting per stream before the oldest is dropped.
        hint_gap: the least time between a read and the next one a callback wakes (callbacks
            are unsigned: a flood of them, the vendor's or anyone's who learnt a path, costs
            upstream at most one read per gap, not one per callback).
    """

    poll_interval: float = 1.0
    fresh_seconds: float = 0.5
    max_backoff: float = 30.0
    store_retry_seconds: float = 30.0
    queue_size: int = 8
    hint_gap: float = 0.25


class Tracker:
    """One live session as the hub knows it (event loop thread only)."""

    def __init__(self, record: SessionRecord) -> None:
        self.record = record
        self.body: dict[str, Any] | None = None
        self.event: bytes | None = None
        self.read_at = float("-inf")
        self.final = False
        self.subscribers: set[Subscriber] = set()
        self.wake = asyncio.Event()
        self.reading: asyncio.Future[dict[str, Any]] | None = None
        self.task: asyncio.Task[None] | None = None


async def retry_store(call: Callable[[], T], seconds: float, what: str) -> T:
    """Run the blocking store ``call`` in a thread, retrying while the database is unreachable
    (for at most ``seconds``; then :class:`StoreUnavailable` propagates)."""
    deadline = time.monotonic() + seconds
    delay = 0.05
    while True:
        try:
            return await asyncio.to_thread(call)
        except StoreUnavailable as error:
            if time.monotonic() + delay > deadline:
                raise
            log.warning("%s: database unavailable (%s); retrying", what, error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)


class Sessions:
    """Every session the hub watches or has recently seen end."""

    def __init__(
        self,
        store: HubStore,
        upstream: Upstream,
        settings: TrackerSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.upstream = upstream
        self.settings = settings or TrackerSettings()
        self._clock = clock
        self._live: dict[str, Tracker] = {}
        self._finished: OrderedDict[str, dict[str, Any]] = OrderedDict()
        # Sessions whose end the journal holds (written here, or read from it): never watched
        # again on a stale read of the journal (a row read just before the end was written).
        self._ended: OrderedDict[str, None] = OrderedDict()
        self._closing = False
        self._unjournaled: set[asyncio.Task[None]] = set()
        # Metrics hooks (kiosk/hub/metrics.py): a session journaled as ended; a journal write
        # given up on (its argument says where).
        self.on_final: Callable[[SessionRecord], None] | None = None
        self.on_store_error: Callable[[str], None] | None = None

    # --- lifecycle ---

    async def resume(self) -> int:
        """Watch again every session the journal says is live (after a restart)."""
        records = await retry_store(
            self.store.live_sessions, self.settings.store_retry_seconds, "resume"
        )
        for record in records:
            self.track(record)
        if records:
            log.info("watching %d live session(s) again", len(records))
        return len(records)

    async def close(self) -> None:
        """End every event stream (kiosks reconnect elsewhere) and stop every poll task."""
        self._closing = True
        tasks = list(self._unjournaled)
        for task in tasks:
            task.cancel()
        for tracker in list(self._live.values()):
            for subscriber in tracker.subscribers:
                subscriber.end()
            if tracker.task is not None:
                tracker.task.cancel()
                tasks.append(tracker.task)
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def journal_later(self, record: SessionRecord) -> None:
        """Keep trying to journal ``record`` (created upstream; the journal refused it while
        the database was down) and watch it once journaled, so its outcome is journaled too.
        Tries until the hub stops; the caller has logged the session as the last resort."""

        async def keep_trying() -> None:
            delay = 1.0
            while True:
                await asyncio.sleep(delay)
                try:
                    await asyncio.to_thread(self.store.add_session, record)
                except StoreUnavailable:
                    delay = min(delay * 2, self.settings.max_backoff)
                    continue
                except StoreError as error:  # already there: a write that did land, or not ours
                    found = await asyncio.to_thread(self.store.get_session, record.session_id)
                    if found is None or found.hub_token != record.hub_token:
                        # (An upstream reusing another session's id must not take that row.)
                        log.error("session %s: journal refused it: %s", record.session_id, error)
                        return
                log.info("session %s: journaled after the database came back", record.session_id)
                self.track(record)
                return

        if self._closing or len(self._unjournaled) >= MAX_UNJOURNALED:
            return
        task = asyncio.create_task(keep_trying(), name=f"hub-journal-{record.session_id}")
        self._unjournaled.add(task)
        task.add_done_callback(self._unjournaled.discard)

    def end_streams(self, predicate: Callable[[Subscriber], bool] | None = None) -> int:
        """End the open streams ``predicate`` picks (all without one); how many ended."""
        count = 0
        for tracker in self._live.values():
            for subscriber in list(tracker.subscribers):
                if predicate is None or predicate(subscriber):
                    subscriber.end()
                    count += 1
        return count

    @property
    def live_count(self) -> int:
        return len(self._live)

    @property
    def has_streams(self) -> bool:
        """Whether any event stream is open."""
        return any(tracker.subscribers for tracker in self._live.values())

    # --- the per-session tracker ---

    def track(self, record: SessionRecord) -> Tracker:
        """The tracker of live ``record``, started if the hub was not watching it yet."""
        tracker = self._live.get(record.session_id)
        if tracker is None:
            tracker = Tracker(record)
            self._live[record.session_id] = tracker
            if not self._closing:
                tracker.task = asyncio.create_task(
                    self._watch(tracker), name=f"hub-watch-{record.session_id}"
                )
        return tracker

    async def status(self, record: SessionRecord) -> dict[str, Any]:
        """The status body for a kiosk's read (raises :class:`ApiError` from upstream)."""
        done = self._finished.get(record.session_id)
        if done is not None:
            return done
        if record.is_final:  # ended before this hub's memory: read upstream, keep the answer
            _, body = await self.upstream.status(record.upstream_token, record.session_id)
            self._remember_final(record.session_id, body)
            return body
        tracker = self.track(record)
        if tracker.body is not None and (
            tracker.final or self._clock() - tracker.read_at < self.settings.fresh_seconds
        ):
            return tracker.body
        return await self.refresh(tracker)

    async def subscribe(
        self, record: SessionRecord, kiosk_id: str, credential: str = ""
    ) -> Subscriber:
        """A new event stream on ``record`` whose first event is the current status (raises
        :class:`ApiError` when there is none and upstream cannot give it)."""
        subscriber = Subscriber(kiosk_id, credential, self.settings.queue_size)
        body = await self.status(record)
        tracker = self._live.get(record.session_id)
        if tracker is None or tracker.final or tracker.event is None:
            subscriber.offer(encode_status(body))
            if tracker is None or tracker.final:
                subscriber.end()
                return subscriber
        else:
            # No await since `status`: the tracker's event is the newest, and every later one
            # reaches this subscriber through the set.
            subscriber.offer(tracker.event)
        tracker.subscribers.add(subscriber)
        if self._closing:
            subscriber.end()
        return subscriber

    def unsubscribe(self, record: SessionRecord, subscriber: Subscriber) -> None:
        tracker = self._live.get(record.session_id)
        if tracker is not None:
            tracker.subscribers.discard(subscriber)

    def hint(self, record: SessionRecord) -> bool:
        """A callback arrived for ``record``: read upstream soon (the callback's body is not
        believed). Whether this woke a read (False when one is already due, or it ended)."""
        tracker = self._live.get(record.session_id)
        if tracker is None and not self._known_final(record):
            tracker = self.track(record)
        if tracker is None or tracker.wake.is_set():
            return False
        tracker.wake.set()
        return True

    async def refresh(self, tracker: Tracker) -> dict[str, Any]:
        """Read upstream once for everyone waiting on this session (single flight)."""
        if tracker.reading is None:
            reading = asyncio.ensure_future(self._read(tracker))
            tracker.reading = reading

            def finished(future: asyncio.Future[dict[str, Any]]) -> None:
                tracker.reading = None
                if not future.cancelled():
                    future.exception()  # retrieved here, so an unawaited failure is not logged

            reading.add_done_callback(finished)
        return await asyncio.shield(tracker.reading)

    async def _read(self, tracker: Tracker) -> dict[str, Any]:
        status, body = await self.upstream.status(
            tracker.record.upstream_token, tracker.record.session_id
        )
        tracker.read_at = self._clock()
        await self._apply(tracker, status, body)
        return body

    async def _apply(self, tracker: Tracker, status: SessionStatus, body: dict[str, Any]) -> None:
        if tracker.final:
            return
        if body != tracker.body:
            tracker.body = body
            tracker.event = encode_status(body)
            for subscriber in tracker.subscribers:
                subscriber.offer(tracker.event)
        final = status.status.is_final
        if final:
            tracker.final = True
            for subscriber in tracker.subscribers:
                subscriber.end()
            self._live.pop(tracker.record.session_id, None)
            self._remember_final(tracker.record.session_id, body)
            # Registered for masking when it was learnt; a hub that runs for months must not
            # mask (and scan for) every token it ever saw.
            forget_secret(tracker.record.upstream_token)
        await self._journal(tracker, status, final)

    async def _journal(self, tracker: Tracker, status: SessionStatus, final: bool) -> None:
        record = tracker.record
        expires = status.expires_at.astimezone(UTC) if status.expires_at else record.expires_at
        if not final and status.raw_status == record.status and expires == record.expires_at:
            return
        now = utc_now()
        changes: dict[str, Any] = {
            "status": status.raw_status,
            "updated_at": now,
            "expires_at": expires,
        }
        if final:
            verdict = decide(status, record.scopes)
            changes.update(
                outcome=verdict.outcome.value,
                scores={c.scope.value: c.score for c in verdict.checks if c.score is not None},
                reasons=verdict.reasons,
                ended_at=now,
            )
        updated = dataclasses.replace(record, **changes)
        try:
            await retry_store(
                lambda: self.store.update_session(updated),
                self.settings.store_retry_seconds,
                "journal",
            )
        except Exception:
            log.exception("session %s: the journal did not take its status", record.session_id)
            if self.on_store_error is not None:
                self.on_store_error("journal")
            return
        tracker.record = updated
        if final:
            self._note_ended(record.session_id)
            if self.on_final is not None:
                self.on_final(updated)  # counted once: here, by the hub that wrote the end
            log.info(
                "session %s ended %s (%s) for kiosk %s",
                record.session_id,
                updated.status,
                updated.outcome,
                record.kiosk_id,
            )

    def _known_final(self, record: SessionRecord) -> bool:
        """Whether ``record`` (perhaps read before its end was written) has ended as far as
        this hub knows: such a row must not start a second tracker, which would end it again."""
        sid = record.session_id
        return record.is_final or sid in self._finished or sid in self._ended

    def _note_ended(self, session_id: str) -> None:
        self._ended[session_id] = None
        self._ended.move_to_end(session_id)
        while len(self._ended) > MAX_FINISHED:
            self._ended.popitem(last=False)

    def _remember_final(self, session_id: str, body: dict[str, Any]) -> None:
        self._finished[session_id] = body
        self._finished.move_to_end(session_id)
        while len(self._finished) > MAX_FINISHED:
            self._finished.popitem(last=False)

    async def _watch(self, tracker: Tracker) -> None:
        """Poll upstream until the session is final (or the hub stops)."""
        settings = self.settings
        wait = 0.0
        while not tracker.final:
            delay = max(0.0, tracker.read_at + wait - self._clock()) if wait else 0.0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(tracker.wake.wait(), delay)
            early = tracker.read_at + settings.hint_gap - self._clock()
            if tracker.wake.is_set() and early > 0:
                # Woken by a callback just after a read: the callbacks until then coalesce.
                await asyncio.sleep(min(early, delay) if delay else early)
            tracker.wake.clear()
            try:
                await self.refresh(tracker)
                wait = settings.poll_interval
            except RateLimited as error:
                advice = error.retry_after if error.retry_after is not None else 1.0
                wait = min(max(settings.poll_interval, advice), settings.max_backoff)
                tracker.read_at = self._clock()
            except UnknownSession:
                if self._expired(tracker.record):
                    await self._forgotten(tracker)
                    return
                wait = min(max(wait, settings.poll_interval) * 2, settings.max_backoff)
                tracker.read_at = self._clock()
            except ApiError as error:
                log.warning(
                    "session %s: upstream read failed (%s)", tracker.record.session_id, error
                )
                wait = min(max(wait, settings.poll_interval) * 2, settings.max_backoff)
                tracker.read_at = self._clock()
            except Exception:
                log.exception("session %s: watching failed", tracker.record.session_id)
                wait = settings.max_backoff
                tracker.read_at = self._clock()

    @staticmethod
    def _expired(record: SessionRecord) -> bool:
        return record.expires_at is not None and record.expires_at <= datetime.now(UTC)

    async def _forgotten(self, tracker: Tracker) -> None:
        """Upstream no longer knows a session past its expiry: it ended EXPIRED."""
        body = dict(tracker.body or {})
        body["status"] = "EXPIRED"
        body["nextStep"] = None
        status = SessionStatus.from_wire(body)
        log.info("session %s: upstream forgot it after expiry", tracker.record.session_id)
        await self._apply(tracker, status, body)
