"""The hub's read schedule (``kiosk/hub/poll_schedule.py``): one timer and a few workers read
every live session when it is due, never early, once per due time, with bounded concurrency."""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field

from kiosk.hub.poll_schedule import TICK, Schedule


@dataclass(eq=False)
class Item:
    name: str
    due: float = math.inf
    ran_at: list[float] = field(default_factory=list)


def test_items_run_when_due_in_order_and_never_early() -> None:
    async def run() -> list[tuple[str, float, float]]:
        loop = asyncio.get_running_loop()
        seen: list[tuple[str, float, float]] = []

        async def read(item: Item) -> None:
            seen.append((item.name, item.due, loop.time()))

        schedule: Schedule[Item] = Schedule(read, workers=4)
        start = loop.time()
        wanted = {Item(f"i{n}"): start + 0.01 * ((n * 7) % 20) for n in range(20)}
        for item, when in wanted.items():
            schedule.at(item, when)
        await asyncio.sleep(0.4)
        await schedule.close()
        due = {item.name: when for item, when in wanted.items()}
        return [(name, due[name], at) for name, _, at in seen]

    seen = asyncio.run(run())
    assert sorted(name for name, _, _ in seen) == sorted(f"i{n}" for n in range(20))
    assert all(at >= due for _, due, at in seen)  # never early
    assert all(at - due < 1.0 for _, due, at in seen)  # and not much later
    assert [due for _, due, _ in seen] == sorted(due for _, due, _ in seen)


def test_a_moved_item_runs_once_at_its_new_time_and_a_parked_one_not_at_all() -> None:
    async def run() -> tuple[list[str], float, float]:
        loop = asyncio.get_running_loop()
        ran: list[str] = []

        async def read(item: Item) -> None:
            ran.append(item.name)
            item.ran_at.append(loop.time())

        schedule: Schedule[Item] = Schedule(read, workers=2)
        start = loop.time()
        moved, parked, later = Item("moved"), Item("parked"), Item("later")
        schedule.at(moved, start + 0.3)
        schedule.at(moved, start + 0.05)  # a callback's hint: earlier
        schedule.at(later, start + 0.05)
        schedule.at(later, start + 0.2)  # rescheduled later: the first entry is stale
        schedule.at(parked, start + 0.05)
        schedule.park(parked)
        await asyncio.sleep(0.45)
        await schedule.close()
        return ran, moved.ran_at[0] - start, later.ran_at[0] - start

    ran, moved_at, later_at = asyncio.run(run())
    assert sorted(ran) == ["later", "moved"]  # each once; the parked one never
    assert 0.05 <= moved_at < 0.25
    assert later_at >= 0.2


def test_reads_in_flight_are_bounded_by_the_workers() -> None:
    async def run() -> tuple[int, int]:
        loop = asyncio.get_running_loop()
        in_flight = peak = done = 0

        async def read(item: Item) -> None:
            nonlocal in_flight, peak, done
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.02)  # an upstream call
            in_flight -= 1
            done += 1

        schedule: Schedule[Item] = Schedule(read, workers=5)
        now = loop.time()
        for n in range(50):
            schedule.at(Item(f"i{n}"), now)
        await asyncio.sleep(0.02 * 50 / 5 + 10 * TICK + 0.3)
        await schedule.close()
        return peak, done

    peak, done = asyncio.run(run())
    assert peak == 5
    assert done == 50
