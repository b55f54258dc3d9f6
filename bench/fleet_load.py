"""Fleet load: N simulated kiosks holding event streams on one hub (or two on one PostgreSQL).

Run: ``python -m bench.fleet_load --kiosks 5000 --in-session-share 0.2 --duration 30
[--instances 2] [--heartbeat-seconds 30]`` (or ``python -m bench --only fleet_load``). Loopback
only; it stops by itself.

Setup. Every simulated kiosk is enrolled in the hub's store with a session of its own and holds
that session's event stream (the hub's only long-lived kiosk connection), and sends a heartbeat
every ``--heartbeat-seconds`` (30 s as a kiosk does; 0: none), spread at random over the
interval. A share of the sessions (``--in-session-share``) changes status upstream every
``--step-seconds`` (each at its own phase); the others stay as they are. The hub's poll of every
live session every second is the real one, but the upstream it polls is a paced stand-in inside
the hub process (:class:`PacedUpstream`, no HTTP): 5,000 upstream sessions read through HTTP
would measure the stand-in server, not the hub. The stand-in's bodies depend only on the time,
so two hub processes read the same body.

Enrolled secrets are hashed with a tiny scrypt cost (the production cost is ~50 ms per check;
5,000 of them would measure scrypt, and a real fleet's kiosks connect over hours, not seconds).

The kiosks run in ``--clients`` processes of asyncio streams (:mod:`bench._fleet_kiosks`); each
hub is a child process (``--hub-child``), so its RSS and CPU are its own, with the
garbage-collection policy ``kiosk hub serve`` sets (``--gc-policy serve``, the default; ``none``
for CPython's defaults). Each hub times its collections (every full one, and every young one of
5 ms or more: the loop stops for each).

Figures: push latency is from the moment a hub applies a changed upstream body (its tracker's
``_apply``, timed as ``push_latency`` does; with two hubs, the first hub's, i.e. the poller's) to
the kiosk process reading the event; connection setup is connect to the first event; memory
per connection is the hub's RSS growth from before the streams opened, divided by the streams;
CPU is the hub process's user+system time over the measuring window; heartbeats are timed from
connect to the response's status line; the load average is the machine's (1 minute) at the
window's end (other work on the machine shows there).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import multiprocessing
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MARK_PREFIX = "https://return.test/"
DATABASE_ENV = "FLEET_LOAD_DATABASE"  # the hub child's store URL


def raise_fd_limit() -> int:
    """Raise this process's open-file soft limit to its hard limit; returns the new limit."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


class PacedUpstream:
    """The hub's upstream stand-in: session ``i`` of the active ones moves to step ``k`` at
    ``origin + phase(i) + k * step``; a body is a pure function of the time."""

    observer: Any = None
    base_url = "http://paced.invalid"

    def __init__(self, sessions: dict[str, tuple[int, bool]], step: float, origin: float) -> None:
        self._sessions = sessions  # upstream token -> (index, active)
        self._step, self._origin = step, origin

    def body(self, token: str) -> dict[str, Any]:
        index, active = self._sessions[token]
        step = -1
        if active:
            phase = (index * 0.6180339887) % 1.0 * self._step
            step = math.floor((time.time() - self._origin - phase) / self._step)
        return {
            "status": "IN_PROGRESS",
            "scopes": ["liveness"],
            "nextStep": "LIVENESS",
            "returnUrl": f"{MARK_PREFIX}{index}/{step}",
        }

    async def status(self, token: str, session_id: str | None = None) -> tuple[Any, dict[str, Any]]:
        from kiosk.core.models import SessionStatus

        body = self.body(token)
        return SessionStatus.from_wire(body), body

    async def create(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("the bench's kiosks never create sessions")

    def close(self) -> None:
        pass


def seed(url: str, count: int, share: float) -> list[dict[str, Any]]:
    """Enrol ``count`` kiosks with a live session each in the store at ``url``."""
    from kiosk.hub.credentials import hash_secret, new_kiosk_id, new_secret
    from kiosk.hub.database import open_store
    from kiosk.hub.store import KioskRecord, SessionRecord, utc_now

    store = open_store(url)
    rows: list[dict[str, Any]] = []
    active = round(count * share)
    try:
        for index in range(count):
            secret, now = new_secret(), utc_now()
            kiosk = KioskRecord(
                id=new_kiosk_id(),
                name=f"bench kiosk {index}",
                site=f"site-{index % 50}",
                secret_hash=hash_secret(secret, n=2),  # see the module's text
                created_at=now,
            )
            store.add_kiosk(kiosk)
            token, upstream = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
            store.add_session(
                SessionRecord(
                    session_id=str(uuid.uuid4()),
                    hub_token=token,
                    upstream_token=upstream,
                    callback_path=secrets.token_urlsafe(32),
                    kiosk_id=kiosk.id,
                    site=kiosk.site,
                    reference=None,
                    scopes=("liveness",),
                    status="IN_PROGRESS",
                    created_at=now,
                    updated_at=now,
                )
            )
            rows.append(
                {
                    "index": index,
                    "id": kiosk.id,
                    "secret": secret,
                    "token": token,
                    "upstream": upstream,
                    "active": index < active,
                }
            )
    finally:
        store.close()
    return rows


def hub_child(args: argparse.Namespace) -> None:
    """A hub process: serve until stdin closes, then write when each mark was applied."""
    import kiosk.hub.server as server_module
    from kiosk.hub.app import HubConfig, create_app
    from kiosk.hub.database import open_store
    from kiosk.hub.tracker import Sessions, TrackerSettings

    raise_fd_limit()
    if args.remember:  # the gate's memory of checked secrets (see --remember)
        import kiosk.hub.credentials as credentials

        defaults = list(credentials.Verifier.__init__.__kwdefaults__ or {})
        assert "remember" in defaults
        credentials.Verifier.__init__.__kwdefaults__["remember"] = args.remember  # type: ignore[index]
    rows = json.loads(Path(args.seed_file).read_text())
    upstream = PacedUpstream(
        {r["upstream"]: (r["index"], r["active"]) for r in rows}, args.step_seconds, args.origin
    )
    applied: dict[str, float] = {}
    collections_timed = _time_collections(args.gc_freeze)
    original = Sessions._apply

    async def timed(self: Sessions, tracker: Any, status: Any, body: dict[str, Any]) -> None:
        mark = body.get("returnUrl")
        if isinstance(mark, str) and body != tracker.body:
            applied.setdefault(mark, time.time())
        await original(self, tracker, status, body)

    Sessions._apply = timed  # type: ignore[method-assign]

    def with_stand_in(config: HubConfig, store: Any) -> Any:
        return create_app(config, store, upstream)  # type: ignore[arg-type]

    server_module.create_app = with_stand_in  # type: ignore[attr-defined,assignment]
    store = open_store(os.environ[DATABASE_ENV])
    config = HubConfig(
        upstream_url=upstream.base_url,
        upstream_app_id="bench",
        upstream_key="bench-key-not-used",
        tracker=TrackerSettings(),
        max_connections=args.max_connections,
    )
    hub = server_module.HubServer(config, store, graceful_seconds=1)
    policy = _gc_policy(args.gc_policy, args.gc_thresholds)
    if args.profile:
        _profile_loop(hub, args.profile)
    with hub:
        print(json.dumps({"url": hub.local_url}), flush=True)
        sys.stdin.read()  # the bench closes it to stop this hub
    store.close()
    collections = [generation["collections"] for generation in gc.get_stats()]
    Path(args.out).write_text(
        json.dumps(
            {
                "applied": applied,
                "pauses": collections_timed,
                "collections": collections,
                "policy": policy,
                "tracked": len(gc.get_objects()),
            }
        )
    )


def _gc_policy(policy: str, thresholds: str) -> dict[str, Any]:
    """The hubs' garbage-collection policy: ``serve``, the thresholds ``kiosk hub serve`` sets
    (:mod:`kiosk.hub.gc_policy`, or ``thresholds`` when given); ``none``, CPython's defaults,
    as the library leaves them; ``freeze``, one ``gc.collect()`` and ``gc.freeze()`` before
    serving (the start-up heap out of the collector's reach: tried, not kept);
    ``serve+freeze``, both."""
    from kiosk.hub import gc_policy

    chosen = gc_policy.THRESHOLDS
    if thresholds:
        first, second, third = (int(t) for t in thresholds.split(","))
        chosen = (first, second, third)
    if "serve" in policy:
        gc_policy.apply(chosen)
    if "freeze" in policy:
        gc.collect()
        gc.freeze()
    return {"thresholds": list(gc.get_threshold()), "frozen": gc.get_freeze_count()}


def _time_collections(freeze_every: float) -> list[tuple[float, int, float]]:
    """Time this process's garbage collections into the list returned: ``(when, generation,
    seconds)`` for every full (generation 2) one and every young one of 5 ms or more (the loop
    stops for each); with ``freeze_every`` > 0, ``gc.freeze()`` every that many seconds (an
    experiment: cyclic garbage frozen is never freed, so a hub could not do this forever; the
    hub's own policy freezes once, after start-up: :mod:`kiosk.hub.gc_policy`)."""
    import threading

    pauses: list[tuple[float, int, float]] = []
    started = [0.0]

    def timer(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        took = time.perf_counter() - started[0]
        if info["generation"] == 2 or took >= 0.005:
            pauses.append((time.time() - took, info["generation"], took))

    gc.callbacks.append(timer)
    if freeze_every > 0:

        def freezer() -> None:
            while True:
                time.sleep(freeze_every)
                gc.freeze()

        threading.Thread(target=freezer, name="bench-gc-freeze", daemon=True).start()
    return pauses


def _profile_loop(hub: Any, path: str) -> None:
    """Profile the hub's event loop thread (cProfile sees only the thread it runs in)."""
    import cProfile

    serve = hub._server.run

    def profiled(**kwargs: Any) -> None:
        profile = cProfile.Profile()
        profile.enable()
        try:
            serve(**kwargs)
        finally:
            profile.disable()
            profile.dump_stats(path)

    hub._server.run = profiled


@contextlib.contextmanager
def _database(instances: int, folder: Path) -> Iterator[str]:
    if instances == 1:
        yield f"sqlite:///{folder / 'hub.sqlite3'}"
        return
    import psycopg

    from tests.hub.postgres import start_cluster

    cluster = start_cluster()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE fleet_load")
        yield cluster.url("fleet_load")
    finally:
        with contextlib.suppress(Exception):
            cluster.stop("immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)


def _start_hub(
    database: str, seed_file: Path, out: Path, options: argparse.Namespace, origin: float
) -> tuple[subprocess.Popen[str], str]:
    command = [
        sys.executable, "-m", "bench.fleet_load", "--hub-child",
        "--seed-file", str(seed_file), "--out", str(out), "--origin", repr(origin),
        "--step-seconds", str(options.step_seconds),
        "--max-connections", str(options.kiosks + 256),
        "--remember", str(options.remember), "--gc-freeze", str(options.gc_freeze),
        "--gc-policy", options.gc_policy, "--gc-thresholds", options.gc_thresholds,
    ]  # fmt: skip
    if options.profile and out.name == "hub0.json":
        command += ["--profile", options.profile]
    with out.with_suffix(".log").open("w") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, DATABASE_ENV: database},  # not argv: it holds a password
        )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.wait(10)
        raise RuntimeError(f"the hub did not start: {out.with_suffix('.log').read_text()[-2000:]}")
    return process, json.loads(line)["url"]


def _streams(url: str) -> int:
    """The event streams open at the hub at ``url``, as its ``/metrics`` says (counting its TCP
    connections would count the heartbeats' too)."""
    import httpx

    text = httpx.get(f"{url}/metrics", timeout=10).text
    for line in text.splitlines():
        if line.startswith("hub_event_streams "):
            return int(float(line.split()[1]))
    raise RuntimeError("the hub's /metrics has no hub_event_streams")


def _pauses_by_generation(pauses: list[Any], start: float, end: float) -> dict[int, list[float]]:
    by: dict[int, list[float]] = {}
    for at, generation, took in pauses:
        if start <= at <= end:
            by.setdefault(generation, []).append(took)
    return {
        g: [len(t), round(max(t) * 1000, 1), round(sum(t) * 1000)] for g, t in sorted(by.items())
    }


def _percentile(values: list[float], fraction: float) -> float:
    from bench.common import percentile

    return percentile(values, fraction) if values else float("nan")


def run(
    kiosks: int = 5000,
    share: float = 0.2,
    duration: float = 30.0,
    instances: int = 1,
    step_seconds: float = 2.0,
    clients: int = 2,
    profile: str | None = None,
    heartbeat_seconds: float = 30.0,
    remember: int = 0,
    gc_freeze: float = 0.0,
    gc_policy: str = "serve",
    gc_thresholds: str = "",
) -> dict[str, Any]:
    """Run the load and return its figures (see the module's text)."""
    import psutil

    from bench._fleet_kiosks import Kiosk, Results, hold_streams

    options = argparse.Namespace(
        kiosks=kiosks,
        step_seconds=step_seconds,
        profile=profile,
        remember=remember,
        gc_freeze=gc_freeze,
        gc_policy=gc_policy,
        gc_thresholds=gc_thresholds,
    )
    raise_fd_limit()
    base = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
    with tempfile.TemporaryDirectory(dir=base) as name, _database(instances, Path(name)) as url:
        folder = Path(name)
        rows = seed(url, kiosks, share)
        seed_file = folder / "seed.json"
        seed_file.write_text(json.dumps(rows))
        origin = time.time()
        hubs = [
            _start_hub(url, seed_file, folder / f"hub{i}.json", options, origin)
            for i in range(instances)
        ]
        procs = [psutil.Process(p.pid) for p, _ in hubs]
        time.sleep(1 + kiosks / 2500)  # every session read once, the trackers settled
        rss0 = sum(p.memory_info().rss for p in procs)
        connect_budget = 30 + kiosks / 50
        started = time.time()
        end = started + connect_budget + duration
        sims = [
            Kiosk(hubs[r["index"] % instances][1], r["id"], r["secret"], r["token"]) for r in rows
        ]
        context = multiprocessing.get_context("spawn")
        end_at = context.Value("d", end)
        out: Any = context.Queue()
        workers = [
            context.Process(
                target=hold_streams, args=(sims[c::clients], end_at, out, heartbeat_seconds)
            )
            for c in range(clients)
        ]
        for worker in workers:
            worker.start()
        while time.time() < end - duration and sum(_streams(u) for _, u in hubs) < kiosks:
            time.sleep(0.5)
        connected_at = time.time()
        end_at.value = min(end, connected_at + duration + 1)
        cpu0 = sum(sum(p.cpu_times()[:2]) for p in procs)
        streams = sum(_streams(u) for _, u in hubs)
        rss1 = sum(p.memory_info().rss for p in procs)
        window_end = end_at.value - 1
        rss_samples = []  # the hubs' RSS every 10 s of the window: growth would be a leak
        while time.time() < window_end:
            time.sleep(max(0.0, min(10.0, window_end - time.time())))
            rss_samples.append(round(sum(p.memory_info().rss for p in procs) / 2**20))
        cpu1 = sum(sum(p.cpu_times()[:2]) for p in procs)
        load_average = os.getloadavg()[0]
        rss_peak = sum(p.memory_info().rss for p in procs)
        results: list[Results] = [out.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(10)
        applied: dict[str, float] = {}
        applier: dict[str, int] = {}  # which hub applied a mark first
        for process, _ in hubs:
            assert process.stdin is not None
            process.stdin.close()
            process.wait(30)
            if process.stdout is not None:
                process.stdout.close()
        outs = [json.loads((folder / f"hub{i}.json").read_text()) for i in range(instances)]
        by_hub = [out_["applied"] for out_ in outs]
        pauses = [tuple(pause) for out_ in outs for pause in out_["pauses"]]
        gc2 = [took for _, generation, took in pauses if generation == 2]
        for i, marks in enumerate(by_hub):
            for mark, at in marks.items():
                if at < applied.get(mark, at + 1):
                    applied[mark], applier[mark] = at, i
    same: list[float] = []  # the kiosk's hub applied the change
    crossed: list[float] = []  # another hub did: through NOTIFY
    relayed: list[float] = []  # crossing: the poller's apply to the kiosk's hub's apply
    pushed: list[float] = []  # crossing: the kiosk's hub's apply to the kiosk
    for result in results:
        for mark, seen in result.marks:
            if mark in applied and connected_at + 1 <= applied[mark] <= window_end:
                index = int(mark[len(MARK_PREFIX) :].split("/")[0])
                kept = same if index % instances == applier[mark] else crossed
                kept.append(seen - applied[mark])
                there = by_hub[index % instances].get(mark)
                if kept is crossed and there is not None:
                    relayed.append(there - applied[mark])
                    pushed.append(seen - there)
    latencies = same + crossed
    setup = [s for r in results for s in r.setup]
    beats = [t for r in results for at, t in r.heartbeats if connected_at <= at <= window_end]
    beat_failures = Counter(
        why for r in results for at, why in r.heartbeat_failures if connected_at <= at <= window_end
    )
    window = window_end - connected_at
    reasons = Counter(reason for r in results for reason in r.failed)
    return {
        "failures": dict(reasons.most_common(3)),
        "kiosks": kiosks,
        "instances": instances,
        "connected": sum(r.connected for r in results),
        "failed": sum(len(r.failed) for r in results),
        "retried_503": sum(r.retries for r in results),
        "streams_at_hub": streams,
        "events_measured": len(latencies),
        "events_per_s": len(latencies) / window if window > 0 else 0.0,
        "push_p50_ms": _percentile(latencies, 0.5) * 1000,
        "push_p99_ms": _percentile(latencies, 0.99) * 1000,
        "push_max_ms": max(latencies, default=float("nan")) * 1000,
        "push_crossed_p50_ms": _percentile(crossed, 0.5) * 1000,
        "push_crossed_p99_ms": _percentile(crossed, 0.99) * 1000,
        "push_same_hub_p99_ms": _percentile(same, 0.99) * 1000,
        "crossing_relay_p50_p99_ms": [_percentile(relayed, q) * 1000 for q in (0.5, 0.99)],
        "crossing_push_p50_p99_ms": [_percentile(pushed, q) * 1000 for q in (0.5, 0.99)],
        "setup_p50_ms": _percentile(setup, 0.5) * 1000,
        "setup_p99_ms": _percentile(setup, 0.99) * 1000,
        "setup_all_s": connected_at - started,
        "rss_before_mib": rss0 / 2**20,
        "rss_streams_mib": rss1 / 2**20,
        "rss_end_mib": rss_peak / 2**20,
        "rss_every_10s_mib": rss_samples,
        "kib_per_stream": (rss1 - rss0) / max(1, streams) / 1024,
        "hub_cpu_percent": (cpu1 - cpu0) / window * 100 if window > 0 else 0.0,
        "heartbeat_seconds": heartbeat_seconds,
        "heartbeats_per_s": len(beats) / window if window > 0 else 0.0,
        "heartbeat_p50_ms": _percentile(beats, 0.5) * 1000,
        "heartbeat_p99_ms": _percentile(beats, 0.99) * 1000,
        "heartbeat_failures": dict(beat_failures.most_common(3)),  # in the window
        "heartbeat_failures_setup": sum(
            1 for r in results for at, _ in r.heartbeat_failures if at < connected_at
        ),
        "load_average_1m": load_average,
        "gate_remembers": remember or "default",
        "gc_freeze_every_s": gc_freeze,
        "hub_full_gc_count": len(gc2),  # the whole run, all hubs
        "hub_full_gc_longest_ms": max(gc2, default=0.0) * 1000,
        "hub_full_gc_mean_ms": sum(gc2) / len(gc2) * 1000 if gc2 else 0.0,
        "hub_full_gc_total_ms": sum(gc2) * 1000,
        # In the measuring window, all hubs: by generation, [count, longest ms, total ms] of
        # the full collections and of the young ones that took 5 ms or more.
        "hub_gc_pauses_in_window": _pauses_by_generation(pauses, connected_at, window_end),
        "gc_policy": gc_policy,
        "hub_gc_thresholds": [out_["policy"]["thresholds"] for out_ in outs],
        "hub_frozen_objects": [out_["policy"]["frozen"] for out_ in outs],
        "hub_collections_by_generation": [out_["collections"] for out_ in outs],
        "hub_tracked_objects_end": [out_["tracked"] for out_ in outs],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fleet_load", description=__doc__)
    parser.add_argument("--kiosks", type=int, default=5000)
    parser.add_argument("--in-session-share", type=float, default=0.2)
    parser.add_argument("--duration", type=float, default=30.0, help="measuring seconds")
    parser.add_argument("--instances", type=int, choices=[1, 2], default=1)
    parser.add_argument("--step-seconds", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=2, help="kiosk processes")
    parser.add_argument(
        "--heartbeat-seconds", type=float, default=30.0, help="between heartbeats (0: none)"
    )
    parser.add_argument(
        "--remember",
        type=int,
        default=0,
        help="checked secrets the hub's gate remembers (0: the hub's default, 65,536)",
    )
    parser.add_argument(
        "--gc-freeze",
        type=float,
        default=0.0,
        metavar="S",
        help="experiment: the hubs call gc.freeze() every S seconds (0: never)",
    )
    parser.add_argument(
        "--gc-policy",
        choices=["none", "serve", "freeze", "serve+freeze"],
        default="serve",
        help="the hubs' garbage-collection policy: serve (as `kiosk hub serve` sets it), none"
        " (CPython's defaults), freeze (gc.freeze() once before serving: tried, not kept)",
    )
    parser.add_argument(
        "--gc-thresholds", default="", metavar="A,B,C", help="other thresholds for serve"
    )
    parser.add_argument("--profile", metavar="PATH", help="cProfile the (first) hub's loop to PATH")
    parser.add_argument("--hub-child", action="store_true", help=argparse.SUPPRESS)
    for hidden in ("--seed-file", "--out"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    parser.add_argument("--origin", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--max-connections", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.hub_child:
        hub_child(args)
        return 0
    figures = run(
        args.kiosks, args.in_session_share, args.duration, args.instances, args.step_seconds,
        args.clients, args.profile, args.heartbeat_seconds, args.remember, args.gc_freeze,
        args.gc_policy, args.gc_thresholds,
    )  # fmt: skip
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
