"""The kiosk's settings: every one declared once, typed, with its default and a line of docs.

Read from one TOML file (see :func:`kiosk.paths.settings_path`), then overridden by environment
variables ``KIOSK_<KEY>`` for fleet tooling, then by command-line options (:func:`override`).
Every value, whichever of the three it comes from, is checked by the same rule; a wrong one
raises :class:`SettingsError` with a message naming the source, the key and the fix, never a
traceback.
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

SCOPES = ("liveness", "deepfake", "search", "enroll")
# The server refuses metadata over 16 KiB (compact JSON; kiosk.sandbox.schemas has the same
# rule); the kiosk adds its host name to each session's, so the file may use 15 KiB of it.
MAX_METADATA_BYTES = 15 * 1024
MAX_METADATA_DEPTH = 32


class SettingsError(ValueError):
    """The settings cannot be used; ``str()`` says where, which key, and how to fix it."""


@dataclass(frozen=True)
class Spec:
    """How one setting is read and checked."""

    doc: str
    check: Callable[[Any], Any]
    expect: str


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in (
        "true",
        "1",
        "yes",
        "on",
        "false",
        "0",
        "no",
        "off",
    ):
        return value.lower() in ("true", "1", "yes", "on")
    raise TypeError


def number(low: float, high: float, whole: bool = False) -> Callable[[Any], Any]:
    """A rule for a number from ``low`` to ``high`` (a whole one if ``whole``); text is read
    as a number, as in environment variables and on the command line."""

    def check(value: Any) -> float | int:
        if isinstance(value, bool):
            raise TypeError
        number = float(value) if isinstance(value, int | float | str) else math.nan
        if math.isnan(number) or not low <= number <= high or (whole and number != int(number)):
            raise TypeError
        return int(number) if whole else number

    return check


def _scopes(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise TypeError
    cleaned = tuple(str(item).strip() for item in items if str(item).strip())
    if not cleaned or len(set(cleaned)) != len(cleaned) or any(s not in SCOPES for s in cleaned):
        raise TypeError
    return cleaned


def _backend(value: Any) -> str:
    text = _text(value).strip()
    if text in ("sandbox", "cloud") or text.startswith(("https://", "http://")):
        return text.rstrip("/")
    raise TypeError


def _url_or_empty(value: Any) -> str:
    text = _text(value).strip()
    if text and not text.startswith(("https://", "http://")):
        raise TypeError
    return text


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python's json accepts them


def _metadata(value: Any) -> dict[str, Any]:
    """A JSON object the server accepts: finite numbers, nested at most 32 deep, small."""
    if isinstance(value, str):
        try:
            value = json.loads(value, parse_constant=_refuse_constant) if value.strip() else {}
        except RecursionError:
            raise ValueError("nested too deeply") from None
    if not isinstance(value, dict):
        raise TypeError
    _check_json(value)
    encoded = json.dumps(value, separators=(",", ":"), allow_nan=False).encode()
    if len(encoded) > MAX_METADATA_BYTES:
        raise ValueError("too large")
    return dict(value)


def _check_json(value: Any) -> None:
    """Raise unless ``value`` is plain JSON: str keys, finite numbers, no TOML dates, and
    containers nested at most :data:`MAX_METADATA_DEPTH` deep. Iterative: no recursion limit."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list) and depth > MAX_METADATA_DEPTH:
            raise ValueError("nested too deeply")
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                raise TypeError
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ValueError("not a finite number")
        elif item is not None and not isinstance(item, str | int):  # bool is an int
            raise TypeError  # a TOML date or time has no JSON form


SPECS: dict[str, Spec] = {
    "backend": Spec(
        "sandbox (the embedded server), cloud (the vendor's), or a base URL",
        _backend,
        '"sandbox", "cloud" or an http(s) URL',
    ),
    "app_id": Spec(
        "APP-ID for the cloud or a custom backend (the key is in the keyring)", _text, "text"
    ),
    "scopes": Spec(
        "checks each session asks for", _scopes, f"a list of {', '.join(SCOPES)}, each once"
    ),
    "ttl_sec": Spec(
        "session lifetime asked of the server, seconds",
        number(10, 86400, True),
        "a whole number from 10 to 86400",
    ),
    "metadata": Spec(
        "JSON object added to each session (kiosk id, branch ...)",
        _metadata,
        "a table / JSON object of at most 15 KiB, nested at most 32 deep, with finite numbers"
        " (no NaN or Infinity) and no dates",
    ),
    "callback_url": Spec(
        "HTTPS URL the server POSTs the final status to (empty: none)",
        _url_or_empty,
        "an http(s) URL or empty",
    ),
    "return_url": Spec(
        "where the phone goes after the flow (empty: nowhere)",
        _url_or_empty,
        "an http(s) URL or empty",
    ),
    "min_similarity": Spec(
        "match threshold (cosine similarity)", number(0, 1), "a number from 0 to 1"
    ),
    "poll_interval": Spec(
        "seconds between status reads while the code waits",
        number(0.2, 30),
        "a number from 0.2 to 30",
    ),
    "walk_away_seconds": Spec(
        "back to idle if nobody scans within this time",
        number(10, 3600),
        "a number from 10 to 3600",
    ),
    "result_seconds": Spec(
        "how long a result stays on screen", number(3, 600), "a number from 3 to 600"
    ),
    "language": Spec("user interface language (ISO 639-1)", _text, "text such as en"),
    "kiosk_mode": Spec("locked full screen (false: a normal window)", _flag, "true or false"),
    "hide_cursor": Spec("hide the mouse pointer in kiosk mode", _flag, "true or false"),
    "journal_days": Spec(
        "days the session journal keeps its rows",
        number(1, 3650, True),
        "a whole number from 1 to 3650",
    ),
    "journal_demography": Spec(
        "record the vendor's age and gender estimate", _flag, "true or false"
    ),
}


@dataclass(frozen=True)
class Settings:
    """The settings in force. Field names are the file's keys."""

    backend: str = "sandbox"
    app_id: str = ""
    scopes: tuple[str, ...] = ("liveness", "deepfake", "search")
    ttl_sec: int = 300
    metadata: Mapping[str, Any] = field(default_factory=dict)
    callback_url: str = ""
    return_url: str = ""
    min_similarity: float = 0.75
    poll_interval: float = 1.0
    walk_away_seconds: float = 120.0
    result_seconds: float = 15.0
    language: str = "en"
    kiosk_mode: bool = True
    hide_cursor: bool = False
    journal_days: int = 90
    journal_demography: bool = False

    @property
    def base_url(self) -> str | None:
        """The server's base URL, or None for the embedded sandbox."""
        if self.backend == "sandbox":
            return None
        return "https://cloud.ooto-ai.com" if self.backend == "cloud" else self.backend


assert set(SPECS) == {f.name for f in fields(Settings)}, "every setting has a spec"


def check(name: str, spec: Spec, value: Any, where: str, fix: str) -> Any:
    """``value`` checked by ``spec``; raises :class:`SettingsError`: ``where``, ``name``,
    what is expected, and ``fix``, in one line."""
    try:
        return spec.check(value)
    except (TypeError, ValueError, RecursionError, OverflowError):
        raise SettingsError(
            f"{where}: '{name}' must be {spec.expect}, not {_shown(value)}. {fix}"
        ) from None


def _shown(value: Any, limit: int = 60) -> str:
    """A short repr: a value can be megabytes long, or too deeply nested for repr()."""
    try:
        text = repr(value)
    except RecursionError:
        return "a value nested too deeply"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse(values: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Check ``values`` against the specs; raises :class:`SettingsError` naming ``where``."""
    checked: dict[str, Any] = {}
    for key, value in values.items():
        spec = SPECS.get(key)
        if spec is None:
            known = ", ".join(SPECS)
            raise SettingsError(
                f"{where}: unknown setting '{key}'. Remove it, or check the spelling; the "
                f"settings are: {known}."
            )
        fix = (
            "Fix the value, or remove the line to use the default "
            f"({_shown(getattr(Settings(), key))})."
        )
        checked[key] = check(key, spec, value, where, fix)
    return checked


def override(settings: Settings, options: Mapping[str, tuple[str, Any]]) -> Settings:
    """``settings`` with command-line values, each checked by its setting's own rule.

    Args:
        options: setting key -> (the option's name, such as ``--ttl``, and its raw value).
    """
    values = {
        key: check(key, SPECS[key], raw, f"option {name}", f"Fix the value given to {name}.")
        for key, (name, raw) in options.items()
    }
    return replace(settings, **values)


def load(path: Path | None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the file (if it exists), then ``KIOSK_<KEY>`` environment variables."""
    values: dict[str, Any] = {}
    if path is not None and path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(
                f"{path}: not valid TOML ({exc}). Fix the syntax, or delete the file to use the "
                "defaults."
            ) from None
        except RecursionError:  # tomllib recurses per nesting level
            raise SettingsError(
                f"{path}: a value is nested too deeply to read (the metadata allows "
                f"{MAX_METADATA_DEPTH} levels). Flatten it."
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: cannot be read ({exc}).") from None
        values.update(parse(data, str(path)))
    env = os.environ if environ is None else environ
    overrides = {k: env[f"KIOSK_{k.upper()}"] for k in SPECS if f"KIOSK_{k.upper()}" in env}
    for key, value in overrides.items():
        values.update(parse({key: value}, f"environment variable KIOSK_{key.upper()}"))
    return replace(Settings(), **values)


def documented_file(settings: Settings | None = None) -> str:
    """A settings file with every key, its value and its documentation, for operators."""
    import tomli_w

    current = settings or Settings()
    lines = ["# Verification kiosk settings. Each key is documented above it.", ""]
    # Tables ([metadata]) must come after every plain key in TOML.
    ordered = sorted(SPECS, key=lambda k: isinstance(getattr(current, k), Mapping))
    for key in ordered:
        value = getattr(current, key)
        value = list(value) if isinstance(value, tuple) else value
        value = dict(value) if isinstance(value, Mapping) else value
        lines.append(f"# {SPECS[key].doc}. Expected: {SPECS[key].expect}.")
        lines.append(tomli_w.dumps({key: value}).strip())
        lines.append("")
    return "\n".join(lines)
