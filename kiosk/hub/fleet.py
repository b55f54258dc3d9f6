"""Several hubs on one PostgreSQL database: any hub serves any kiosk, one hub polls each session.

:class:`FleetSessions` is :class:`~kiosk.hub.tracker.Sessions` for a hub that shares its
database with others (the app uses it whenever the store is PostgreSQL, see
:func:`make_sessions`). On top of the single hub's behaviour:

- **one poller per session.** Every hub watches every live session of the journal (it reads
  the live sessions every ``lease_seconds``), but polls upstream only the sessions whose poll
  lock it holds (:mod:`kiosk.hub.pg_leases`). A dead hub's locks are free as soon as PostgreSQL
  sees its connection end; another hub takes them at its next lease round and reads at once.
- **status changes cross hubs** through LISTEN/NOTIFY (:mod:`kiosk.hub.pg_listen`): the
  journal write of the polling hub notifies; a listener thread per hub hands the session ids
  to the event loop, which re-reads those rows. A hub holding event streams on a changed
  session then reads its status body upstream once (single flight, so its kiosks get the
  vendor's exact body); a hub holding none only takes the row, and forgets a session the
  journal says has ended. After a listener reconnection (``missed``) every watched row is
  re-read.
- **a callback at a hub that does not poll the session** is applied there: it wakes one
  upstream read at that hub (rate-limited like every callback), whose journal write notifies
  the others.

**Each end is journaled, and counted (``on_final``), exactly once.** The guarantee is the
store's: an end is written only while the row has none (one conditional statement), and only
the hub whose write ended the row counts it, so two hubs that both believe they hold the lock
(the lock's connection died in the middle of an end) still count it once. On top of that, so
that normally one hub alone writes: whichever way a hub learns that a session is final (its
poll, a kiosk's read, a callback, a takeover, an expiry), it writes the end only while
PostgreSQL confirms it holds the session's poll lock
(:meth:`~kiosk.hub.pg_leases.PollLeases.hold`) and the row has not ended yet; the lock is kept
until that write is done, and a hub never watches again a session whose end it wrote or read
(a live-sessions read can predate the end's write). Another hub's end stands as written.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
from typing import Any, Protocol

from kiosk.core.models import SessionStatus
from kiosk.core.redact import forget_secret
from kiosk.hub.store import HubStore, SessionRecord, StoreError
from kiosk.hub.tracker import Sessions, Tracker, TrackerSettings, retry_store
from kiosk.hub.upstream import Upstream

log = logging.getLogger(__name__)

# How often a hub reads the live sessions and tries for free poll locks (the takeover time).
LEASE_SECONDS = 1.0
# How long the listener thread blocks per wait (bounds how long stopping it takes).
LISTEN_WAIT = 0.5


class _Changes(Protocol):
    session_ids: tuple[str, ...]
    missed: bool


class _Listener(Protocol):
    def wait(self, timeout: float) -> _Changes: ...
    def close(self) -> None: ...


class _Leases(Protocol):
    def sync(self, wanted: set[str]) -> set[str]: ...
    def hold(self, session_id: str) -> bool: ...
    def close(self) -> None: ...


def make_sessions(
    store: HubStore, upstream: Upstream, settings: TrackerSettings | None = None
) -> Sessions:
    """The hub's session tracker: :class:`FleetSessions` on a database several hubs can share
    (PostgreSQL), the single hub's :class:`Sessions` on SQLite."""
    if hasattr(store, "listen_status") and hasattr(store, "poll_leases"):
        return FleetSessions(store, upstream, settings)
    return Sessions(store, upstream, settings)


class FleetSessions(Sessions):
    """The sessions of one of several hubs sharing a database (see the module's text)."""

    def __init__(
        self,
        store: HubStore,
        upstream: Upstream,
        settings: TrackerSettings | None = None,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        super().__init__(store, upstream, settings)
        self.lease_seconds = lease_seconds
        self.held: set[str] = set()  # the sessions this hub polls (as of its last lease round)
        self._leases: _Leases | None = None
        self._stop_listening = threading.Event()
        self._listener_thread: threading.Thread | None = None
        self._lease_task: asyncio.Task[None] | None = None
        self._rereads: set[asyncio.Task[None]] = set()
        self._round_soon = asyncio.Event()  # a new session here: try for its lock at once
        self._ending: set[str] = set()  # end writes in flight: their locks stay held until done

    # --- lifecycle ---

    async def resume(self) -> int:
        """Listen for other hubs' changes (before reading anything, so none is lost between),
        then watch every live session and start the lease rounds."""
        loop = asyncio.get_running_loop()
        listener: _Listener = await retry_store(
            self.store.listen_status,  # type: ignore[attr-defined]
            self.settings.store_retry_seconds,
            "listen",
        )
        self._listener_thread = threading.Thread(
            target=self._listen, args=(listener, loop), name="hub-listen", daemon=True
        )
        self._listener_thread.start()
        self._leases = self.store.poll_leases()  # type: ignore[attr-defined]
        count = await super().resume()
        await self._lease_round()  # this hub's share is polled from the start
        self._lease_task = asyncio.create_task(self._lease_rounds(), name="hub-leases")
        return count

    async def close(self) -> None:
        self._stop_listening.set()
        if self._lease_task is not None:
            self._lease_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._lease_task
        for task in list(self._rereads):
            task.cancel()
        await super().close()
        if self._leases is not None:  # the others take this hub's sessions at their next round
            await asyncio.to_thread(self._leases.close)
        if self._listener_thread is not None:
            await asyncio.to_thread(self._listener_thread.join, 5.0)

    # --- the listener thread ---

    def _listen(self, listener: _Listener, loop: asyncio.AbstractEventLoop) -> None:
        try:
            while not self._stop_listening.is_set():
                changes = listener.wait(LISTEN_WAIT)
                if changes.session_ids or changes.missed:
                    try:
                        loop.call_soon_threadsafe(
                            self._notified, changes.session_ids, changes.missed
                        )
                    except RuntimeError:  # the loop has closed: the hub is stopping
                        return
        except Exception:
            log.exception("the status listener failed; other hubs' changes no longer arrive")
        finally:
            listener.close()

    def _notified(self, session_ids: tuple[str, ...], missed: bool) -> None:
        ids = list(self._live) if missed else [i for i in session_ids if i in self._live]
        if not ids or self._closing:
            return
        task = asyncio.create_task(self._reread(ids), name="hub-reread")
        self._rereads.add(task)
        task.add_done_callback(self._rereads.discard)

    async def _reread(self, session_ids: list[str]) -> None:
        for session_id in session_ids:
            try:
                record = await asyncio.to_thread(self.store.get_session, session_id)
            except StoreError as error:
                log.warning("session %s: cannot re-read its row: %s", session_id, error)
                continue
            if record is not None:
                self.changed_elsewhere(record)

    def changed_elsewhere(self, record: SessionRecord) -> None:
        """The journal's row of a watched session, after another hub may have changed it."""
        tracker = self._live.get(record.session_id)
        if tracker is None or tracker.final:
            return
        known = tracker.record
        if record.updated_at < known.updated_at:
            return  # read before this hub's own newer write
        if (record.status, record.expires_at, record.ended_at) == (
            known.status,
            known.expires_at,
            known.ended_at,
        ):
            # This hub's own write, or a change of the body alone (the polling hub notifies
            # those without a journal write): kiosks streaming here get it by one read.
            if tracker.subscribers and record.session_id not in self.held:
                self._wake(tracker)
            return
        tracker.record = record
        if tracker.subscribers:
            self._wake(tracker)  # one read here gives its kiosks the vendor's body
        elif record.ended_at is not None:
            self._retire(tracker)

    def _retire(self, tracker: Tracker) -> None:
        """Stop watching a session another hub saw end (no stream here waits for its body)."""
        tracker.final = True  # the schedule drops it at its next due time
        session_id = tracker.record.session_id
        self._live.pop(session_id, None)
        self._note_ended(session_id)
        forget_secret(tracker.record.upstream_token)

    # --- the leases ---

    def track(self, record: SessionRecord, spread: bool = False) -> Tracker:
        if record.session_id not in self._live:
            self._round_soon.set()
        return super().track(record, spread)

    async def _lease_rounds(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._round_soon.wait(), self.lease_seconds)
            try:
                await self._lease_round()
            except Exception:
                log.exception("the poll lease round failed")

    async def _lease_round(self) -> None:
        if self._leases is None:
            return
        try:
            live = await asyncio.to_thread(self.store.live_sessions)
        except StoreError as error:
            log.warning("cannot read the live sessions: %s", error)
            live = []
        for record in live:  # sessions other hubs created, to take over if they die
            sid = record.session_id
            # (A row read just before this hub wrote its end is not watched again: a second
            # tracker would read it final and end it twice.)
            if sid in self._live or sid in self._ended or sid in self._ending or self._closing:
                continue
            self.track(record)
        wanted = {sid for sid, tracker in self._live.items() if not tracker.final}
        wanted |= self._ending
        held = await asyncio.to_thread(self._leases.sync, wanted)
        gained = held - self.held
        now = self._clock()
        # Taken (over): read at once, or many (a dead hub's share, a start) spread over a poll
        # interval; a lost one parks at its next due time.
        spread = self.settings.poll_interval if len(gained) > 1 else 0.0
        for session_id in gained:
            tracker = self._live.get(session_id)
            if tracker is not None and not tracker.running and tracker.due > now:
                self._schedule.at(tracker, now + random.random() * spread)
        if gained and self.held:
            log.info("polling %d more session(s) upstream (taken over)", len(gained))
        self.held = held
        self._round_soon.clear()  # the sessions tracked in this round are in it

    # --- reading: poll while holding the lock, follow otherwise ---

    def _may_read(self, tracker: Tracker) -> bool:
        """Poll while holding the session's lock; otherwise read only when woken (a callback
        here, or a change the journal shows while kiosks stream from this hub)."""
        return tracker.record.session_id in self.held or tracker.woken

    def _next_read(self, tracker: Tracker) -> None:
        if tracker.record.session_id in self.held or tracker.woken:
            super()._next_read(tracker)
        else:  # another hub polls: wait for a wake-up or the lock
            self._schedule.park(tracker)

    async def _apply(self, tracker: Tracker, status: SessionStatus, body: dict[str, Any]) -> None:
        before = (tracker.body, tracker.record.status, tracker.record.expires_at)
        await super()._apply(tracker, status, body)
        session_id = tracker.record.session_id
        body_alone = before[0] is not None and body != before[0]
        unjournaled = before[1:] == (tracker.record.status, tracker.record.expires_at)
        if body_alone and unjournaled and session_id in self.held:
            # Not journaled (same status), so no notification went out: send one, so kiosks
            # streaming from other hubs see e.g. the next step of an IN_PROGRESS session too.
            try:
                await asyncio.to_thread(self.store.notify_status, session_id)  # type: ignore[attr-defined]
            except StoreError as error:
                log.warning("session %s: cannot notify the other hubs: %s", session_id, error)

    async def _journal(self, tracker: Tracker, status: SessionStatus, final: bool) -> None:
        """Journal as the single hub does, but a session's end only at the hub holding its
        poll lock, and only if the row has not ended yet: so normally one hub alone writes each
        end, whichever path saw it first (a poll, a kiosk's read, a callback, a takeover, an
        expiry). A hub without the lock leaves the end to the holder, whose next poll reads
        it; if the holder dies first, whoever takes the lock over does. (Should two hubs both
        write, the store's conditional write still lets only one count it, :attr:`on_final`.)"""
        session_id = tracker.record.session_id
        if not final:
            await super()._journal(tracker, status, final)
            return
        if tracker.record.ended_at is not None:
            self._note_ended(session_id)  # another hub journaled the end: it stands
            return
        self._ending.add(session_id)  # the lease rounds keep its lock until the write is done
        try:
            if self._leases is None or not await asyncio.to_thread(self._leases.hold, session_id):
                return
            row = await retry_store(
                lambda: self.store.get_session(session_id),
                self.settings.store_retry_seconds,
                "journal",
            )
            if row is not None and row.ended_at is not None:
                tracker.record = row  # the previous holder wrote it before letting go
                self._note_ended(session_id)
                return
            await super()._journal(tracker, status, final)
        except StoreError as error:
            log.warning("session %s: cannot check its row before ending it: %s", session_id, error)
        finally:
            self._ending.discard(session_id)
