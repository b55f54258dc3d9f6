"""Typed, immutable views of the Verification Link wire format.

Parsing is tolerant where the vendor may grow the contract (unknown fields are ignored, an unknown
``status`` or ``nextStep`` value becomes ``UNKNOWN``) and strict where a wrong shape means we cannot
trust what we read (``status`` missing, ``result`` not an object): that raises
:class:`MalformedPayload`, which the client turns into an ``UnreadableResponse``.

A score that is a number but not a usable one (not finite, or outside 0..1 for liveness, deepfake
and match similarity) is kept out of ``score`` and named in ``problem``: the verdict fails that
check with a reason, and nothing downstream ever computes with it. Strings the kiosk shows or
records (status, template ids) are neutralised with :func:`~kiosk.core.text.printable`.

A ``result`` (or one of its parts) may be the Face API's error answer, ``{"status": "error",
"code": 5, "info": "can not detect face"}``: it becomes :attr:`Result.error` (a
:class:`FaceApiError`), so the kiosk can show the vendor's ``info`` as the reason. Quality's head
pose (``pitch``, ``roll``, ``yaw``: plain numbers, in degrees) is kept as :attr:`Result.pose`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from kiosk.core.redact import MASK
from kiosk.core.text import printable

_E = TypeVar("_E", bound=StrEnum)


class MalformedPayload(ValueError):
    """A response body does not have the shape the contract promises."""


class Scope(StrEnum):
    """A check the session is asked to perform (the ``scopes`` of the create request)."""

    LIVENESS = "liveness"
    DEEPFAKE = "deepfake"
    ENROLL = "enroll"
    SEARCH = "search"


# The order in which the vendor's flow runs the steps (the order of ``nextStep`` in the contract).
SCOPE_ORDER: tuple[Scope, ...] = (Scope.LIVENESS, Scope.DEEPFAKE, Scope.ENROLL, Scope.SEARCH)


class Status(StrEnum):
    """Lifecycle of a session. ``UNKNOWN`` stands for a value this version does not know."""

    CREATED = "CREATED"
    CAPTCHA_OK = "CAPTCHA_OK"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"
    CANCELED = "CANCELED"
    UNKNOWN = "UNKNOWN"

    @property
    def is_final(self) -> bool:
        """True once the session can no longer change."""
        return self in _FINAL_STATUSES


_FINAL_STATUSES = frozenset({Status.DONE, Status.FAILED, Status.EXPIRED, Status.CANCELED})


class Step(StrEnum):
    """The operation the person performs next (``nextStep``)."""

    LIVENESS = "LIVENESS"
    DEEPFAKE = "DEEPFAKE"
    ENROLL = "ENROLL"
    SEARCH = "SEARCH"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def for_scope(cls, scope: Scope) -> Step:
        """The step that performs ``scope``."""
        return cls(scope.value.upper())


@dataclass(frozen=True)
class CreatedSession:
    """What ``POST /flow/sessions`` returns. ``token`` and ``url`` are secrets: not in repr."""

    session_id: str
    token: str = field(repr=False)
    url: str = field(repr=False)

    def __str__(self) -> str:
        return f"session {self.session_id} (token {MASK})"


@dataclass(frozen=True)
class Check:
    """A scored check such as liveness or deepfake: ``fine`` is the vendor's own pass/fail."""

    fine: bool | None
    score: float | None
    problem: str | None = None
    """Set when the server sent a score that is not a usable number (``score`` is then None)."""


@dataclass(frozen=True)
class SearchMatch:
    """The best match of a 1:N search. ``similarity`` is a cosine similarity."""

    similarity: float | None
    template_id: str | None
    problem: str | None = None
    """Set when the server sent a similarity that is not a usable number (then None)."""


FACE_ERROR_CODES: Mapping[int, str] = {
    1: "empty photo",
    2: "wrong mime type",
    3: "zero bytes",
    4: "cannot decode the photo",
    5: "no face",
    6: "more than one face",
    9: "cannot extract features",
}
"""The Face API's documented error codes and what each means, in our words (shown only when
the server sends no ``info`` of its own)."""


@dataclass(frozen=True)
class FaceApiError:
    """The Face API's error answer: the photo could not be judged.

    Attributes:
        code: the vendor's code (see :data:`FACE_ERROR_CODES`), None if it sent no whole
            number from 1 to 9999.
        info: the vendor's sentence, neutralised and cut short; None if it sent none.
        part: where it was found: None for the whole ``result``, else the part's name
            (``"liveness"`` ...).
    """

    code: int | None
    info: str | None
    part: str | None = None

    @property
    def text(self) -> str:
        """What to tell a person: the vendor's ``info``, else what its code means."""
        if self.info:
            return self.info
        known = None if self.code is None else FACE_ERROR_CODES.get(self.code)
        return known or "unknown error"


@dataclass(frozen=True)
class HeadPose:
    """Quality's head angles in degrees; each None when missing or not a finite number."""

    pitch: float | None = None
    roll: float | None = None
    yaw: float | None = None


@dataclass(frozen=True)
class Result:
    """The aggregated outputs of the finished steps; which parts are present depends on scopes."""

    liveness: Check | None = None
    deepfake: Check | None = None
    search: SearchMatch | None = None
    enroll_template_id: str | None = None
    quality: Mapping[str, Check] = field(default_factory=dict)
    demography: Mapping[str, Any] | None = None
    pose: HeadPose | None = None
    """Quality's ``pitch``, ``roll``, ``yaw`` (None when the server sent none of them)."""
    error: FaceApiError | None = None
    """The Face API's error answer, when the result (or one of its parts) is one."""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def quality_warnings(self) -> tuple[str, ...]:
        """Names of the quality items the vendor did not find fine (advice, not the verdict)."""
        return tuple(sorted(name for name, item in self.quality.items() if item.fine is False))

    @classmethod
    def from_wire(cls, body: object) -> Result:
        """Parse the ``result`` object. Unknown parts are kept in ``raw`` only."""
        data = _expect_mapping(body, "'result'")
        if _is_error(data):
            return cls(error=_face_error(data, None), raw=data)
        error = None
        for part in _PARTS:
            if _is_error(data.get(part)):
                error = error or _face_error(data[part], part)
        search = data.get("search")
        search_match = None
        if search is not None and not _is_error(search):
            search_data = _expect_mapping(search, "'result.search'")
            similarity, problem = _unit_score(
                search_data.get("similarity"), "result.search.similarity"
            )
            search_match = SearchMatch(
                similarity=similarity,
                template_id=_text_or_none(search_data.get("templateId")),
                problem=problem,
            )
        enroll = data.get("enroll")
        enroll_template = None
        if isinstance(enroll, Mapping) and not _is_error(enroll):
            enroll_template = _text_or_none(enroll.get("templateId"))
        quality_data = data.get("quality") or {}
        quality: dict[str, Check] = {}
        pose = None
        if isinstance(quality_data, Mapping):
            for name, item in quality_data.items():
                if isinstance(item, Mapping):
                    label = printable(str(name), 40)
                    quality[label] = _check_from(item, f"result.quality.{label}", unit=False)
            pose = _pose(quality_data)
        demography = data.get("demography")
        return cls(
            liveness=_optional_check(data.get("liveness"), "result.liveness"),
            deepfake=_optional_check(data.get("deepfake"), "result.deepfake"),
            search=search_match,
            enroll_template_id=enroll_template,
            quality=quality,
            demography=demography if isinstance(demography, Mapping) else None,
            pose=pose,
            error=error,
            raw=data,
        )


@dataclass(frozen=True)
class SessionStatus:
    """What ``GET /flow/sessions/<token>`` (and the completion callback) returns."""

    status: Status
    raw_status: str
    scopes: tuple[str, ...]
    next_step: Step | None
    expires_at: datetime | None
    need_captcha: bool
    return_url: str | None
    result: Result | None

    @classmethod
    def from_wire(cls, body: object) -> SessionStatus:
        """Parse a Get Status body. Raises :class:`MalformedPayload` when it cannot be trusted."""
        data = _expect_mapping(body, "the response")
        raw_status = data.get("status")
        if not isinstance(raw_status, str):
            raise MalformedPayload("'status' is missing or not a string")
        raw_next = data.get("nextStep")
        if raw_next is not None and not isinstance(raw_next, str):
            raise MalformedPayload("'nextStep' is not a string or null")
        scopes = data.get("scopes", [])
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise MalformedPayload("'scopes' is not a list of strings")
        ui_hints = data.get("uiHints")
        if ui_hints is None:
            ui_hints = {}
        if not isinstance(ui_hints, Mapping):
            raise MalformedPayload("'uiHints' is not an object")
        return_url = data.get("returnUrl")
        result = data.get("result")
        return cls(
            status=_enum_or_unknown(Status, raw_status, Status.UNKNOWN),
            raw_status=printable(raw_status, 40),
            scopes=tuple(printable(scope, 40) for scope in scopes),
            next_step=None if raw_next is None else _enum_or_unknown(Step, raw_next, Step.UNKNOWN),
            expires_at=_parse_timestamp(data.get("expiresAt")),
            need_captcha=ui_hints.get("needCaptcha") is True,
            return_url=return_url if isinstance(return_url, str) else None,
            result=None if result is None else Result.from_wire(result),
        )


# Parts of ``result`` that the Face API may answer with an error of their own.
_PARTS = ("liveness", "deepfake", "enroll", "search")
# The longest vendor ``info`` shown: one line on the result screen.
_INFO_LIMIT = 160
# Head angles beyond a half turn are not angles a face can have: kept out like a NaN.
_MAX_ANGLE = 180.0
# The Face API's codes are 1-9; a code beyond four digits (or below 1) is not one, and shown in a
# reason it would be one unbreakable word as wide as the server likes.
_CODES = range(1, 10_000)


def _is_error(value: object) -> bool:
    """Whether ``value`` is the Face API's error answer (``{"status": "error", ...}``)."""
    return isinstance(value, Mapping) and value.get("status") == "error"


def _face_error(data: Mapping[str, Any], part: str | None) -> FaceApiError:
    """The error answer's code and text; a wrong type in either is dropped, not fatal: the
    answer already says the photo could not be judged."""
    code = data.get("code")
    info = data.get("info")
    return FaceApiError(
        code=code
        if isinstance(code, int) and not isinstance(code, bool) and code in _CODES
        else None,
        info=printable(info, _INFO_LIMIT) if isinstance(info, str) and info.strip() else None,
        part=part,
    )


def _pose(quality: Mapping[str, Any]) -> HeadPose | None:
    """Quality's plain-number head angles. They are advice (never part of a verdict), so an
    angle that is not a finite number of degrees is dropped instead of failing the read."""
    angles = {name: _angle(quality.get(name)) for name in ("pitch", "roll", "yaw")}
    if not any(name in quality for name in angles):
        return None
    return HeadPose(**angles)


def _angle(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    if not math.isfinite(number) or abs(number) > _MAX_ANGLE:
        return None
    return number + 0.0


def _optional_check(value: object, where: str) -> Check | None:
    if value is None or _is_error(value):
        return None
    return _check_from(_expect_mapping(value, f"'{where}'"), where)


def _check_from(data: Mapping[str, Any], where: str, *, unit: bool = True) -> Check:
    fine = data.get("fine")
    if fine is not None and not isinstance(fine, bool):
        raise MalformedPayload(f"'{where}.fine' is not a boolean")
    # Quality items carry either ``score`` or ``value``; both are the item's number. They are
    # advice, in units of their own: only liveness and deepfake scores must lie in 0..1.
    number = data.get("score", data.get("value"))
    score, problem = _unit_score(number, where + ".score", unit=unit)
    return Check(fine=fine, score=score, problem=problem)


def _unit_score(value: object, where: str, *, unit: bool = True) -> tuple[float | None, str | None]:
    """A score and, when it is a number the kiosk cannot use, why (the score is then None).

    Raises:
        MalformedPayload: the value is not a number at all (a string, an object, a boolean).
    """
    if value is None:
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedPayload(f"'{where}' is not a number")
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float; the strict parser refuses these
        return None, f"{where} is out of range"
    if not math.isfinite(number):
        return None, f"{where} is not a finite number"
    if unit and not 0.0 <= number <= 1.0:
        return None, f"{where} is {number:g}, outside 0 to 1"
    return number + 0.0, None  # -0.0 becomes 0.0 (it printed as "-0.000")


def _text_or_none(value: object) -> str | None:
    """A non-empty string the kiosk shows or records, neutralised; anything else is None."""
    return printable(value, 128) if isinstance(value, str) and value else None


def _expect_mapping(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise MalformedPayload(f"{what} is not a JSON object")
    return value


def _enum_or_unknown(enum: type[_E], value: str, unknown: _E) -> _E:
    try:
        return enum(value)
    except ValueError:
        return unknown


def _parse_timestamp(value: object) -> datetime | None:
    """Parse ISO 8601 (``Z`` or offset). A missing or unreadable time is ``None``, not an error."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
