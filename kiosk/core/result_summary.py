"""A desk session's full result as JSON-ready data: what the employee copies, the receipt
prints and the hand-off hook receives (issue 13, points 5 and 6).

The summary is built from the session's final :class:`~kiosk.core.state.KioskState` and holds
only what a bank's systems may keep: the verdict (or how the session ended), each requested
check with its score and the threshold applied, the reasons, the quality advice, the ids, the
times and the employee's reference. It never holds the session token, the session URL (the
token is in it) or the APP-KEY: the :class:`~kiosk.core.state.ActiveSession` is read for its id
and scopes only. Every string passes :func:`~kiosk.core.text.printable` (server text is
hostile; the reference is typed by a person and may hold anything a clipboard held), and every
number is finite: :func:`summary_json` refuses NaN and infinities rather than write them.

Keys (``schema_version`` 1; a key is never renamed within a version, new keys may be added):

- ``verdict``: ``"PASS"``/``"FAIL"`` for a finished session, else null.
- ``ending``: ``"expired"``/``"canceled"``/``"failed"`` (the session ended without a verdict),
  ``"error"`` (the kiosk could not get an answer), ``"unfinished"``, or null with a verdict.
- ``outcome``: the journal's word for the same (``PASS``, ``FAIL``, ``EXPIRED``, ``ERROR`` ...).
- ``checks``: one object per requested check: ``scope``, ``passed`` (null when the session never
  reached a verdict), ``score`` (null when the check has none), ``threshold`` and
  ``threshold_basis``: ``"vendor_flag"`` (threshold null: the vendor's own ``fine`` flag
  decides), ``"vendor_flag_and_minimum"`` (the flag and our minimum score), ``"minimum"``
  (our own limit: search similarity) or ``"template_created"`` (enrolment has no score), and
  ``reason`` (why it failed, or null).
- ``reasons``, ``advice``: sentences; ``session_id``, ``search_template_id``,
  ``enrolled_template_id``, ``reference``: strings or null; ``started_at``/``ended_at``: ISO
  8601 UTC (``...Z``) or null; ``status``: the server's raw status or null; ``error``: null or
  ``{"kind", "message"}`` (the staff message, already free of secrets).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from kiosk import __version__
from kiosk.core.models import Scope
from kiosk.core.state import KioskState, Phase, outcome_of
from kiosk.core.text import printable
from kiosk.core.verdict import CheckOutcome, Thresholds, Verdict, decide

SCHEMA_VERSION = 1
"""Raised when a key changes meaning or goes away; consumers check it."""

REFERENCE_LIMIT = 120
"""The longest reference kept (a customer number or case id is far shorter)."""

BASIS_VENDOR = "vendor_flag"
BASIS_VENDOR_AND_MINIMUM = "vendor_flag_and_minimum"
BASIS_MINIMUM = "minimum"
BASIS_TEMPLATE = "template_created"


def summarize(
    state: KioskState,
    *,
    reference: str | None,
    thresholds: Thresholds,
    started_at: float,
    ended_at: float | None,
    kiosk_name: str | None = None,
) -> dict[str, Any]:
    """The result of the session ``state`` ended in, as plain JSON-ready data.

    Args:
        state: the session's final state (RESULT, ENDED or ERROR; another phase is summarised
            as ``"unfinished"``).
        reference: the employee's customer number or case id (None or empty: none).
        thresholds: the limits the verdict was decided with (shown per check).
        started_at / ended_at: epoch seconds (``time.time()``); ended_at None while unknown.
        kiosk_name: the desk's host or station name, for the receipt (None: not shown).
    """
    status = state.status
    verdict = state.verdict
    if verdict is None and state.phase is Phase.ENDED and status is not None:
        # No verdict was shown, but decide() words why the session ended (and a Face API
        # error that ended it) the same way the kiosk's screens do.
        reasons: tuple[str, ...] = decide(status, _requested(state), thresholds).reasons
    else:
        reasons = verdict.reasons if verdict is not None else ()
    result = status.result if status is not None else None
    return {
        "schema_version": SCHEMA_VERSION,
        "producer": f"verification-kiosk {__version__}"[:80],
        "kiosk": _text(kiosk_name, 120),
        "reference": _text(reference, REFERENCE_LIMIT),
        "session_id": _text(state.session.session_id if state.session else None),
        "verdict": verdict.outcome.value if verdict is not None else None,
        "ending": _ending(state),
        "outcome": outcome_of(state).value,
        "status": _text(status.raw_status if status is not None else None, 40),
        "checks": _checks(state, verdict, thresholds),
        "reasons": [printable(reason) for reason in reasons],
        "advice": [printable(tip) for tip in verdict.advice] if verdict is not None else [],
        "search_template_id": _text(
            result.search.template_id if result is not None and result.search else None
        ),
        "enrolled_template_id": _text(result.enroll_template_id if result is not None else None),
        "started_at": iso_utc(started_at),
        "ended_at": iso_utc(ended_at),
        "error": _error(state),
    }


def summary_json(summary: Mapping[str, Any]) -> str:
    """``summary`` as JSON text (UTF-8 safe, indented, keys in the summary's order).

    Raises:
        ValueError: a number in it is not finite (never the case for :func:`summarize`'s).
    """
    return json.dumps(summary, ensure_ascii=False, allow_nan=False, indent=2)


def iso_utc(epoch: float | None) -> str | None:
    """``epoch`` seconds as ISO 8601 UTC to the second (``2026-11-26T11:56:36Z``), or None."""
    if epoch is None or not math.isfinite(epoch):
        return None
    try:
        moment = datetime.fromtimestamp(epoch, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _requested(state: KioskState) -> tuple[str, ...]:
    """The scopes the desk asked for (the server's echo when the session is unknown)."""
    if state.session is not None:
        return state.session.scopes
    return state.status.scopes if state.status is not None else ()


def _ending(state: KioskState) -> str | None:
    if state.phase is Phase.RESULT and state.verdict is not None:
        return None
    if state.phase is Phase.ENDED and state.ending is not None:
        return state.ending.value
    if state.phase is Phase.ERROR:
        return "error"
    return "unfinished"


def _checks(
    state: KioskState, verdict: Verdict | None, thresholds: Thresholds
) -> list[dict[str, Any]]:
    """One entry per known requested scope, in the order asked, whether judged or not."""
    judged: dict[Scope, CheckOutcome] = {c.scope: c for c in verdict.checks} if verdict else {}
    checks: list[dict[str, Any]] = []
    seen: set[Scope] = set()
    for value in _requested(state):
        try:
            scope = Scope(value)
        except ValueError:
            continue  # a scope this version does not know is not a check it judged
        if scope in seen:
            continue
        seen.add(scope)
        outcome = judged.get(scope)
        threshold, basis = _threshold(scope, thresholds)
        if outcome is not None:
            passed: bool | None = outcome.passed
        else:
            # A verdict without this check failed as a whole (the photo was never judged).
            passed = False if verdict is not None else None
        checks.append(
            {
                "scope": scope.value,
                "passed": passed,
                "score": _number(outcome.score if outcome is not None else None),
                "threshold": threshold,
                "threshold_basis": basis,
                "reason": printable(outcome.reason) if outcome and outcome.reason else None,
            }
        )
    return checks


def _threshold(scope: Scope, thresholds: Thresholds) -> tuple[float | None, str]:
    """The limit applied to ``scope`` and what decides it (see the module's docstring)."""
    if scope is Scope.SEARCH:
        return _number(thresholds.min_similarity), BASIS_MINIMUM
    if scope is Scope.ENROLL:
        return None, BASIS_TEMPLATE
    minimum = (
        thresholds.min_liveness_score if scope is Scope.LIVENESS else thresholds.min_deepfake_score
    )
    if minimum is None:
        return None, BASIS_VENDOR
    return _number(minimum), BASIS_VENDOR_AND_MINIMUM


def _error(state: KioskState) -> dict[str, str] | None:
    if state.phase is not Phase.ERROR:
        return None
    return {
        "kind": state.error.value if state.error is not None else "internal",
        "message": printable(state.error_message, 500),
    }


def _number(value: float | None) -> float | None:
    """A finite float, else None: JSON has no NaN, and a consumer must never compute with one."""
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return None
    return float(value)


def _text(value: str | None, limit: int = 128) -> str | None:
    """A neutralised, trimmed string; None for None or empty."""
    if value is None:
        return None
    cleaned = printable(value, limit).strip()
    return cleaned or None
