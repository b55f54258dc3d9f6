"""Soak run: back-to-back sessions through the kiosk's GUI against the sandbox's scenarios.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/soak.py [--sessions 1000]
       [--max-seconds 900] [--fault kind=error,target=poll,rate=0.05 ...]

The sandbox runs as its own process (so its growing session store is not counted as the
kiosk's memory); the kiosk (controller, worker threads, window) runs here, offscreen. Each
session plays the next scenario; its outcome must be the scenario's (a PASS only for ``pass``).
Prints RSS, threads, open file descriptors, the session journal's rows, the outcomes so far, and
the longest the GUI thread went without answering, at the start, every 100 sessions, and at the
end.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

import psutil
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.journal_writer import JournalWriter
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.scenarios import SCENARIOS
from kiosk.core.state import Ending, KioskState, Phase
from kiosk.sandbox.process import sandbox_process
from kiosk.ui.controller import ControllerOptions, KioskController
from kiosk.ui.window import KioskWindow

APP_ID, APP_KEY = "soak", "soak-key-0123456789"
EXPECTED: dict[str, tuple[Phase, str]] = {
    "pass": (Phase.RESULT, "PASS"),
    "fail_liveness": (Phase.RESULT, "FAIL"),
    "fail_deepfake": (Phase.RESULT, "FAIL"),
    "no_match": (Phase.RESULT, "FAIL"),
    "fail": (Phase.ENDED, Ending.FAILED.value),
    "expire": (Phase.ENDED, Ending.EXPIRED.value),
    "cancel": (Phase.ENDED, Ending.CANCELED.value),
    "no_face": (Phase.ENDED, Ending.FAILED.value),
    "many_faces": (Phase.ENDED, Ending.FAILED.value),
}
HEARTBEAT_MS = 20


class Heartbeat:
    """A 20 ms timer on the GUI thread; the longest gap between its ticks is how long the GUI
    thread went without answering."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.worst_ms = 0
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst_ms = max(self.worst_ms, now - self.last - HEARTBEAT_MS)
        self.last = now

    def take(self) -> int:
        worst, self.worst_ms = self.worst_ms, 0
        return worst


def outcome(state: KioskState) -> tuple[Phase, str]:
    if state.phase is Phase.RESULT and state.verdict is not None:
        return state.phase, state.verdict.outcome.value
    if state.phase is Phase.ENDED and state.ending is not None:
        return state.phase, state.ending.value
    return state.phase, state.error.value if state.error else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--step-seconds", type=float, default=0.03)
    parser.add_argument("--fault", action="append", default=[], metavar="RULE")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    faults = [x for rule in args.fault for x in ("--fault", rule)]
    extra = ["--step-seconds", str(args.step_seconds), *faults]
    with sandbox_process(APP_ID, APP_KEY, extra) as (base, _):
        return soak(app, base, args)


def soak(app: QApplication, base: str, args: argparse.Namespace) -> int:
    """Run the sessions against the sandbox at ``base``; returns the exit code."""
    client = VerificationClient(base, Credentials(APP_ID, APP_KEY))
    scenarios = itertools.cycle(SCENARIOS)
    pace = args.step_seconds
    policy = PollPolicy(interval=pace, active_interval=pace / 2, max_backoff=0.2, give_up_after=30)
    current: list[str] = []

    def make_runner() -> SessionRunner:
        return SessionRunner(
            client,
            scopes=("liveness", "deepfake", "search"),
            trusted_origins=[base],
            metadata={"sandbox": {"scenario": current[-1]}},
            policy=policy,
        )

    journal = JournalWriter(Path(tempfile.mkdtemp(prefix="soak-")) / "journal.sqlite3")
    controller = KioskController(
        make_runner, ControllerOptions(result_seconds=3600), journal=journal
    )
    window = KioskWindow(controller, sandbox=True)
    window.resize(1280, 800)
    window.show()
    heartbeat = Heartbeat()
    me = psutil.Process()
    wrong: list[str] = []
    counts: dict[str, int] = {}
    started = time.perf_counter()

    def report(done: int) -> dict[str, float]:
        figures = {
            "rss_mib": me.memory_info().rss / 2**20,
            "threads": float(me.num_threads()),
            "fds": float(me.num_fds()),
        }
        print(
            f"{done:>6} sessions  {time.perf_counter() - started:7.1f} s  "
            f"RSS {figures['rss_mib']:6.1f} MiB  threads {figures['threads']:3.0f}  "
            f"fds {figures['fds']:3.0f}  GUI max gap {heartbeat.take():4d} ms  "
            f"journal rows {journal.count()}  outcomes {dict(sorted(counts.items()))}",
            flush=True,
        )
        return figures

    first = report(0)
    warm: dict[str, float] | None = None
    done = 0
    try:
        while done < args.sessions and time.perf_counter() - started < args.max_seconds:
            scenario = next(scenarios)
            current.append(scenario)
            del current[:-1]
            controller.start()
            deadline = time.perf_counter() + 60
            while controller.state.phase not in (Phase.RESULT, Phase.ENDED, Phase.ERROR):
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"session {done + 1} ({scenario}) did not end")
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            got = outcome(controller.state)
            key = f"{got[0].value}:{got[1]}"
            counts[key] = counts.get(key, 0) + 1
            if got != EXPECTED[scenario]:
                wrong.append(f"session {done + 1}: {scenario} ended as {key}")
            controller.dismiss()
            done += 1
            if done % 100 == 0:
                figures = report(done)
                if done == 100:
                    warm = figures
    finally:
        last = report(done)
        controller.shutdown()
        client.close()
        app.quit()
    base_line = warm or first
    growth = 100 * (last["rss_mib"] - base_line["rss_mib"]) / base_line["rss_mib"]
    print(
        f"\nsessions {done}; wrong outcomes {len(wrong)}; RSS growth after warm-up "
        f"{growth:+.1f} %; threads {base_line['threads']:.0f} -> {last['threads']:.0f}; "
        f"fds {base_line['fds']:.0f} -> {last['fds']:.0f}"
    )
    for line in wrong[:20]:
        print("  " + line)
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
