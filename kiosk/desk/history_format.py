"""How the desk's history shows a journal entry: local times, the reasons one per line, and the
date range as epoch seconds. No Qt here, so it is tested with plain pytest.

The journal stores UTC ISO 8601 strings (``2027-01-15T08:00:00+00:00``); the employee reads
their own clock, so every time shown is converted to the machine's local time zone. Text that
came from the server (session and template ids, statuses, reasons, errors) goes through
:func:`kiosk.core.text.printable` before it is shown.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kiosk.core.journal import JournalEntry
from kiosk.core.text import printable

REASON_SEPARATOR = " | "
"""How the journal joins a verdict's reasons into one column (see Journal.finished)."""


def local_time(iso: str | None, *, zone: bool = False) -> str:
    """A journal time (UTC ISO 8601) in local time, ``YYYY-MM-DD HH:MM:SS`` (``zone``: then
    the zone in force at that moment, ``CET (UTC+0100)``); "" for None. A value that is not
    a time (a hand-edited journal) is shown as it is, made printable."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return printable(iso)
    if moment.tzinfo is None:  # the journal always writes an offset; an edited one may not
        return printable(iso)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" + (" %Z (UTC%z)" if zone else ""))


def reasons_of(entry: JournalEntry) -> list[str]:
    """The entry's reasons, one per item, each made printable (full length: the history is
    where the employee reads all of them)."""
    if not entry.reasons:
        return []
    return [
        printable(reason.strip(), limit=None)
        for reason in entry.reasons.split(REASON_SEPARATOR)
        if reason.strip()
    ]


def ids_text(entry: JournalEntry) -> str:
    """The entry's ids as ``name: value`` lines (those it has), for the clipboard: the same
    lines as the desk's result view copies."""
    pairs = (
        ("reference", entry.reference),
        ("session_id", entry.session_id),
        ("search_template_id", entry.template_id),
        ("enrolled_template_id", entry.enrolled_template_id),
    )
    return "\n".join(f"{name}: {one_line(value)}" for name, value in pairs if value)


def one_line(value: str | None, limit: int | None = 300) -> str:
    """A server's value on one line: printable, cut to ``limit`` (None: whole); "" for None."""
    return "" if value is None else printable(value, limit=limit)


def score(value: float | None) -> str:
    """A score as shown: two decimals, or a dash when the check was not run."""
    return "–" if value is None else f"{value:.2f}"


def day_range(first: date, last: date) -> tuple[float, float]:
    """The epoch seconds from local midnight starting ``first`` to local midnight ending
    ``last`` (both days included), for :meth:`kiosk.core.journal.Journal.search`'s
    ``since``/``until``. Swapped days are put in order."""
    if last < first:
        first, last = last, first
    since = datetime.combine(first, time()).astimezone()
    until = datetime.combine(last + timedelta(days=1), time()).astimezone()
    return since.timestamp(), until.timestamp()
