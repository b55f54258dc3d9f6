"""The hub's live sessions: one upstream reader per session, the journal kept up to date, and
status changes fanned out to every open event stream.

For each live session the hub has one :class:`Tracker`, however many kiosks read or watch it:
status reads get the tracker's body when it is fresh, and otherwise share a single upstream
read (single flight). The hub's one :class:`~kiosk.hub.poll_schedule.Schedule` reads every live
session upstream every ``poll_interval`` seconds (backing off while upstream fails) until it is
final; a callback from upstream only moves the next read earlier, since the vendor's callbacks
are unsigned: whatever a callback says, the hub believes only what it reads upstream itself.

Every status change is written to the journal (the store) and offered to every subscriber
(:mod:`kiosk.hub.events`); the final one also gets the outcome, scores and reasons from the
kiosk's own verdict policy (:func:`kiosk.core.verdict.decide`, default thresholds). An ended
row never changes: the journal writes an end only while the row has none (one conditional
write), and only the write it says ended the row counts the end (:attr:`Sessions.on_final`). Store
writes are retried while the database is unreachable; a final status the journal could not
take leaves the session live in the store, so the next hub start reads it again upstream.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kiosk.core.errors import ApiError, RateLimited, UnknownSession
from kiosk.core.models import SessionStatus
from kiosk.core.redact import forget_secret
from kiosk.core.verdict import decide
from kiosk.hub.events import Subscriber, encode_status
from kiosk.hub.poll_schedule import Schedule
from kiosk.hub.store import HubStore, SessionRecord, StoreError, StoreUnavailable, utc_now
from kiosk.hub.tracker_parts import Tracker, TrackerSettings, retry_store
from kiosk.hub.upstream import Upstream

__all__ = ["Sessions", "Tracker", "TrackerSettings", "retry_store"]

log = logging.getLogger(__name__)

# Final bodies kept in memory for status reads after the end (older ones are read upstream).
MAX_FINISHED = 10_000
# Sessions created upstream while the database was down, kept to journal when it is back.
MAX_UNJOURNALED = 10_000
# Scheduled upstream reads in flight at once (the upstream client's pool has 32 threads).
POLL_WORKERS = 32


class Sessions:
    """Every session the hub watches or has recently seen end."""

    def __init__(
        self,
        store: HubStore,
        upstream: Upstream,
        settings: TrackerSettings | None = None,
    ) -> None:
        self.store = store
        self.upstream = upstream
        self.settings = settings or TrackerSettings()
        self._clock = time.monotonic  # the event loop's clock: due times are timer times
        self._schedule: Schedule[Tracker] = Schedule(self._poll, POLL_WORKERS)
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
        for record in records:  # first reads spread over a poll interval, not all at once
            self.track(record, spread=True)
        if records:
            log.info("watching %d live session(s) again", len(records))
        return len(records)

    async def close(self) -> None:
        """End every event stream (kiosks reconnect elsewhere) and stop polling."""
        self._closing = True
        tasks = list(self._unjournaled)
        for task in tasks:
            task.cancel()
        for tracker in list(self._live.values()):
            for subscriber in tracker.subscribers:
                subscriber.end()
        await self._schedule.close()
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

    def track(self, record: SessionRecord, spread: bool = False) -> Tracker:
        """The tracker of live ``record``, started if the hub was not watching it yet: its
        first read at once, or (``spread``, for many at a time) at a random point of the next
        poll interval, so their reads stay spread over the interval rather than in one burst
        every interval (a burst of thousands delays every push behind it)."""
        tracker = self._live.get(record.session_id)
        if tracker is None:
            tracker = Tracker(record)
            self._live[record.session_id] = tracker
            if not self._closing:
                delay = random.random() * self.settings.poll_interval if spread else 0.0
                self._schedule.at(tracker, self._clock() + delay)
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
        if tracker is None:
            return False
        return self._wake(tracker)

    def _wake(self, tracker: Tracker) -> bool:
        """Read ``tracker`` soon: at once, or ``hint_gap`` after its last read (the wake-ups
        until then coalesce into that one read). False when one is already due."""
        if tracker.final or tracker.woken:
            return False
        tracker.woken = True
        if not tracker.running:
            when = max(self._clock(), tracker.read_at + self.settings.hint_gap)
            if when < tracker.due:
                self._schedule.at(tracker, when)
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

    async def _read_once(self, tracker: Tracker) -> None:
        """The schedule's read: joins a kiosk's read in flight, or is the one its kiosks join
        (inline, without a task of its own: this runs for every live session every second)."""
        if tracker.reading is not None:
            await asyncio.shield(tracker.reading)
            return
        flight: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        tracker.reading = flight
        try:
            flight.set_result(await self._read(tracker))
        except BaseException as error:
            if isinstance(error, asyncio.CancelledError):
                flight.cancel()
            else:
                flight.set_exception(error)
                flight.exception()  # retrieved: a failure nobody else awaited is not logged
            raise
        finally:
            tracker.reading = None

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
            written = await retry_store(
                lambda: self.store.update_session(updated),
                self.settings.store_retry_seconds,
                "journal",
            )
            if not written:  # the row had ended: another hub's (or tracker's) end stands
                await self._ended_elsewhere(tracker)
                return
        except Exception:
            log.exception("session %s: the journal did not take its status", record.session_id)
            if self.on_store_error is not None:
                self.on_store_error("journal")
            return
        tracker.record = updated
        if final:
            self._note_ended(record.session_id)
            if self.on_final is not None:
                # Counted once: here, by the one write the store says ended the row.
                self.on_final(updated)
            log.info(
                "session %s ended %s (%s) for kiosk %s",
                record.session_id,
                updated.status,
                updated.outcome,
                record.kiosk_id,
            )

    async def _ended_elsewhere(self, tracker: Tracker) -> None:
        """The journal refused ``tracker``'s write because the row had ended already: keep the
        stored end (its outcome and time) as this session's record, never write or count it."""
        session_id = tracker.record.session_id
        self._note_ended(session_id)
        try:
            row = await asyncio.to_thread(self.store.get_session, session_id)
        except StoreError as error:  # the end stands either way; only the copy is older
            log.warning("session %s: cannot read its stored end: %s", session_id, error)
            return
        if row is not None:
            tracker.record = row
        log.info("session %s: its end was journaled elsewhere", session_id)

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

    def _may_read(self, tracker: Tracker) -> bool:
        """Whether this hub reads ``tracker`` when it comes due (always, on a single hub)."""
        return True

    def _next_read(self, tracker: Tracker) -> None:
        """Schedule ``tracker``'s next read after one ended: ``hint_gap`` after it when woken
        meanwhile, else after the current wait."""
        if tracker.final or self._closing:
            return
        if tracker.woken:
            self._schedule.at(tracker, tracker.read_at + self.settings.hint_gap)
        else:
            self._schedule.at(tracker, tracker.read_at + tracker.wait)

    async def _poll(self, tracker: Tracker) -> None:
        """One scheduled read of ``tracker`` (the schedule's ``run``: never raises), and the
        next one scheduled: after ``poll_interval``, or backing off while upstream fails."""
        if tracker.final or tracker.running or self._closing:
            return
        if not self._may_read(tracker):
            self._schedule.park(tracker)
            return
        settings = self.settings
        tracker.running, tracker.woken = True, False
        try:
            await self._read_once(tracker)
            tracker.wait = settings.poll_interval
        except RateLimited as error:
            advice = error.retry_after if error.retry_after is not None else 1.0
            tracker.wait = min(max(settings.poll_interval, advice), settings.max_backoff)
            tracker.read_at = self._clock()
        except UnknownSession:
            if self._expired(tracker.record):
                await self._forgotten(tracker)
                return
            tracker.wait = min(max(tracker.wait, settings.poll_interval) * 2, settings.max_backoff)
            tracker.read_at = self._clock()
        except ApiError as error:
            log.warning("session %s: upstream read failed (%s)", tracker.record.session_id, error)
            tracker.wait = min(max(tracker.wait, settings.poll_interval) * 2, settings.max_backoff)
            tracker.read_at = self._clock()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("session %s: watching failed", tracker.record.session_id)
            tracker.wait = settings.max_backoff
            tracker.read_at = self._clock()
        finally:
            tracker.running = False
        self._next_read(tracker)

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
