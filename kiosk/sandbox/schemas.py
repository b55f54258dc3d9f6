"""Request validation and the response shapes the sandbox documents in ``/openapi.json``.

The response shapes accept everything the vendor's own example sends (``tests/data/
vendor_status_example.json``): a field the sandbox adds (``sessionId``, ``metadata``) is optional
and described as the sandbox's addition, so an integrator who validates against this schema
is not misled into requiring it from the cloud.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk.sandbox.egress import is_loopback_host
from kiosk.sandbox.results import FaceError
from kiosk.sandbox.session import MAX_TTL_SECONDS, MIN_TTL_SECONDS, Scenario

MAX_METADATA_BYTES = 16 * 1024
MAX_URL_LENGTH = 2048

ScopeName = Literal["liveness", "deepfake", "search", "enroll"]
StatusName = Literal[
    "CREATED", "CAPTCHA_OK", "IN_PROGRESS", "DONE", "FAILED", "EXPIRED", "CANCELED"
]
StepName = Literal["LIVENESS", "DEEPFAKE", "ENROLL", "SEARCH"]


class CreateSessionRequest(BaseModel):
    """Body of ``POST /api/v1.0/flow/sessions``. Unknown fields are refused to catch typos."""

    model_config = ConfigDict(extra="forbid")

    scopes: list[ScopeName] = Field(
        min_length=1, max_length=4, description="Checks to run; each at most once."
    )
    metadata: dict[str, Any] | None = Field(
        default=None,
        description=(
            f"Any JSON object, at most {MAX_METADATA_BYTES} bytes. `sandbox.scenario` "
            f"({', '.join(s.value for s in Scenario)}) makes the session advance by itself; "
            "`sandbox.captcha: true` makes the flow ask for a captcha."
        ),
    )
    callbackUrl: str | None = Field(  # noqa: N815 - the wire name
        default=None,
        max_length=MAX_URL_LENGTH,
        description="HTTPS URL that receives the final status by POST (http only to loopback).",
    )
    returnUrl: str | None = Field(  # noqa: N815 - the wire name
        default=None,
        max_length=MAX_URL_LENGTH,
        description="Absolute http(s) URL the flow page sends the person to when finished.",
    )
    ttlSec: Annotated[  # noqa: N815 - the wire name
        float | None,
        Field(
            default=None,
            strict=True,
            allow_inf_nan=False,
            gt=0,
            description=f"Requested lifetime in seconds, any positive number (default "
            f"{MAX_TTL_SECONDS}). Bounded, as the vendor says, by clamping: more than "
            f"{MAX_TTL_SECONDS} gets {MAX_TTL_SECONDS}, less than {MIN_TTL_SECONDS} (the "
            f"sandbox's own minimum) gets {MIN_TTL_SECONDS}; `expiresAt` tells what was granted.",
        ),
    ]

    @field_validator("scopes")
    @classmethod
    def _scopes_unique(cls, scopes: list[str]) -> list[str]:
        if len(set(scopes)) != len(scopes):
            raise ValueError("each scope may be given only once")
        return scopes

    @field_validator("metadata")
    @classmethod
    def _metadata_small(cls, metadata: dict[str, Any] | None) -> dict[str, Any] | None:
        if metadata is None:
            return None
        size = len(json.dumps(metadata, separators=(",", ":")).encode())
        if size > MAX_METADATA_BYTES:
            raise ValueError(f"is {size} bytes, more than the {MAX_METADATA_BYTES} allowed")
        sandbox = metadata.get("sandbox")
        if sandbox is not None:
            if not isinstance(sandbox, dict):
                raise ValueError("'sandbox' must be an object")
            scenario = sandbox.get("scenario")
            if scenario is not None and scenario not in {s.value for s in Scenario}:
                names = ", ".join(s.value for s in Scenario)
                raise ValueError(f"'sandbox.scenario' must be one of: {names}")
            captcha = sandbox.get("captcha")
            if captcha is not None and not isinstance(captcha, bool):
                raise ValueError("'sandbox.captcha' must be true or false")
        return metadata

    @field_validator("callbackUrl")
    @classmethod
    def _callback_https(cls, url: str | None) -> str | None:
        if url is None:
            return None
        parts = _absolute(url)
        if parts.scheme == "http" and not is_loopback_host(parts.hostname or ""):
            raise ValueError("must use https (plain http is allowed only to a loopback address)")
        return url

    @field_validator("returnUrl")
    @classmethod
    def _return_absolute(cls, url: str | None) -> str | None:
        if url is not None:
            _absolute(url)
        return url

    @property
    def scenario(self) -> Scenario | None:
        """The scripted scenario asked for in ``metadata.sandbox.scenario``, if any."""
        sandbox = (self.metadata or {}).get("sandbox") or {}
        value = sandbox.get("scenario")
        return None if value is None else Scenario(value)

    @property
    def captcha(self) -> bool | None:
        """``metadata.sandbox.captcha`` when given."""
        sandbox = (self.metadata or {}).get("sandbox") or {}
        value = sandbox.get("captcha")
        return value if isinstance(value, bool) else None


def _absolute(url: str) -> Any:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ValueError("is not a valid URL") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an absolute http(s) URL")
    if any(c.isspace() for c in url):
        raise ValueError("must not contain spaces")
    return parts


class CreateSessionResponse(BaseModel):
    """A new session: its id, its bearer token, and the URL of the phone-side flow."""

    sessionId: str  # noqa: N815 - the wire name
    token: str
    url: str


class Check(BaseModel):
    """A check with the vendor's pass/fail flag and its score."""

    model_config = ConfigDict(extra="allow")
    fine: bool
    score: float


class SearchResult(BaseModel):
    """The best 1:N match."""

    similarity: float
    templateId: str | None  # noqa: N815 - the wire name


class Result(BaseModel):
    """What the requested scopes produced (parts are present only when requested).

    ``quality`` holds the vendor's items (each ``{fine, score}`` or ``{fine, value}``) and the
    head pose in degrees as plain numbers: ``pitch``, ``roll``, ``yaw``.
    """

    model_config = ConfigDict(extra="allow")
    box: dict[str, int]
    landmarks: list[list[int]]
    quality: dict[str, Any]
    demography: dict[str, Any] | None = Field(
        default=None,
        description="Simulated; absent when the selfie is analysed for real (the sandbox "
        "estimates no age, gender or origin from a real photo).",
    )
    liveness: Check | None = None
    deepfake: Check | None = None
    search: SearchResult | None = None
    enroll: dict[str, str] | None = None
    sandbox: dict[str, Any] | None = Field(
        default=None,
        description="The sandbox's addition when the selfie is analysed for real (the faces "
        "extra): what was measured, what is estimated and what is simulated (liveness and "
        "deepfake, each then marked 'simulated': true).",
    )


class ErrorResult(BaseModel):
    """The Face API's error answer: the ``result`` of a session whose photo could not be
    judged (it ends FAILED)."""

    model_config = ConfigDict(extra="allow")
    status: Literal["error"]
    code: int = Field(
        description="; ".join(f"{int(e)} {e.info}" for e in FaceError)
        + " (the vendor's codes; 5 and 6 are what a real photo most often gives)."
    )
    info: str = Field(description="The vendor's sentence for people, e.g. 'can not detect face'.")


class UiHints(BaseModel):
    """Hints for a client-side UI."""

    needCaptcha: bool  # noqa: N815 - the wire name


class StatusResponse(BaseModel):
    """Get Status body; the completion callback POSTs the same.

    The vendor's fields, plus two the sandbox adds (``sessionId``, ``metadata``): optional here
    because the vendor does not send them.
    """

    model_config = ConfigDict(extra="allow")
    sessionId: str | None = Field(  # noqa: N815 - the wire name
        default=None,
        description="Sandbox addition, not sent by the vendor: the session's id, so that a "
        "callback receiver can tell sessions apart.",
    )
    status: StatusName
    scopes: list[ScopeName]
    nextStep: StepName | None  # noqa: N815 - the wire name
    expiresAt: str  # noqa: N815 - the wire name
    uiHints: UiHints  # noqa: N815 - the wire name
    returnUrl: str | None  # noqa: N815 - the wire name
    metadata: dict[str, Any] | None = Field(
        default=None,
        description="Sandbox addition, not sent by the vendor: the create request's metadata.",
    )
    result: Result | ErrorResult | None = Field(
        description="The requested checks' outputs once DONE; the Face API's error answer "
        "when the session FAILED because the photo could not be judged; null otherwise."
    )


class ErrorResponse(BaseModel):
    """Every 4xx/5xx body: a stable machine code and a sentence for people."""

    error: str
    message: str
