"""The kiosk's settings: each declared once, in :class:`Settings`, with everything about it.

A declaration (:func:`setting`) gives the type (the annotation), the default, the rule that
checks it (its bounds and the words for them), one line of documentation, and the command-line
option that overrides it; its environment variable is ``KIOSK_<KEY>``. From these come the
documented file (:func:`documented_file`), every message about a wrong value (:func:`check`),
the environment (:func:`load`), the command line (:mod:`kiosk.config`) and the operator panel's
form (:mod:`kiosk.ui.settings_form`).

Sources, each overriding the one before: the defaults, the TOML file
(:func:`kiosk.paths.settings_path`), ``KIOSK_<KEY>`` variables for fleet tooling, command-line
options (:func:`override`). Every value is checked by the same rule whatever its source; a wrong
one raises :class:`SettingsError` naming the source, the key and the fix, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kiosk.core import rules
from kiosk.core.rules import MAX_METADATA_BYTES as MAX_METADATA_BYTES
from kiosk.core.rules import MAX_METADATA_DEPTH as MAX_METADATA_DEPTH
from kiosk.core.rules import SCOPES as SCOPES
from kiosk.core.rules import Rule as Rule
from kiosk.core.rules import number as number
from kiosk.core.url_shown import urls_shown

CLOUD_URL = "https://cloud.ooto-ai.com"
_SPEC = "kiosk.spec"


class SettingsError(ValueError):
    """The settings cannot be used; ``str()`` says where, which key, and how to fix it."""


@dataclass(frozen=True)
class Spec:
    """How one setting (or option) is read, checked and documented.

    Attributes:
        doc: one line for the file, ``--help`` and the operator panel.
        rule: the check, and what it expects in words.
        flag: the command-line option that overrides it (None: file and environment only).
        switch: for an option that takes no value, the value it sets (``--windowed`` sets
            ``kiosk_mode`` to False); None for an option with a value.
    """

    doc: str
    rule: Rule
    flag: str | None = None
    switch: bool | None = None

    @property
    def check(self) -> Callable[[Any], Any]:
        return self.rule.check

    @property
    def expect(self) -> str:
        return self.rule.expect


def setting(
    default: Any,
    doc: str,
    check: Callable[[Any], Any],
    expect: str,
    *,
    flag: str | None = None,
    switch: bool | None = None,
) -> Any:
    """Declare a field of :class:`Settings`: its default and its :class:`Spec`."""
    metadata = {_SPEC: Spec(doc, Rule(check, expect), flag, switch)}
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """The settings in force. Field names are the file's keys."""

    backend: str = setting(
        "sandbox",
        "sandbox (the embedded server), cloud (the vendor's), or a base URL",
        rules.backend,
        '"sandbox", "cloud" or an http(s) URL of at most 2048 characters',
        flag="--base-url",
    )
    app_id: str = setting(
        "",
        "APP-ID for the cloud or a custom backend (the key is in the keyring)",
        rules.header_text,
        "printable ASCII text with no spaces around it",
        flag="--app-id",
    )
    scopes: tuple[str, ...] = setting(
        ("liveness", "deepfake", "search"),
        "checks each session asks for",
        rules.scopes,
        f"a list of {', '.join(SCOPES)}, each once",
        flag="--scopes",
    )
    ttl_sec: int = setting(
        300,
        "session lifetime asked of the server, seconds",
        number(10, 86400, True),
        "a whole number from 10 to 86400",
        flag="--ttl",
    )
    metadata: Mapping[str, Any] = setting(
        {},
        "JSON object added to each session (kiosk id, branch ...)",
        rules.metadata,
        "a table / JSON object of at most 15 KiB, nested at most 32 deep, with finite numbers"
        " (no NaN or Infinity), whole numbers of at most 20 digits, text sendable as UTF-8 and"
        " no dates",
    )
    callback_url: str = setting(
        "",
        "HTTPS URL the server POSTs the final status to (empty: none)",
        rules.url_or_empty,
        "an http(s) URL (at most 2048 characters) or empty",
    )
    return_url: str = setting(
        "",
        "where the phone goes after the flow (empty: nowhere)",
        rules.url_or_empty,
        "an http(s) URL (at most 2048 characters) or empty",
    )
    trusted_origins: tuple[str, ...] = setting(
        (),
        "other origins session links may point at, beside the backend's own (a hub's links "
        "point at the vendor or its sandbox)",
        rules.origins,
        f"a list of origins, each {rules.ORIGIN_EXPECT}",
        flag="--trusted-origins",
    )
    min_similarity: float = setting(
        0.75,
        "match threshold (cosine similarity); our default, the vendor publishes none",
        number(0, 1),
        "a number from 0 to 1",
        flag="--min-similarity",
    )
    poll_interval: float = setting(
        1.0,
        "seconds between status reads while the code waits",
        number(0.2, 30),
        "a number from 0.2 to 30",
        flag="--poll-interval",
    )
    walk_away_seconds: float = setting(
        120.0,
        "back to idle if nobody scans within this time",
        number(10, 3600),
        "a number from 10 to 3600",
        flag="--walk-away",
    )
    result_seconds: float = setting(
        15.0,
        "how long a result stays on screen",
        number(3, 600),
        "a number from 3 to 600",
        flag="--result-seconds",
    )
    language: str = setting(
        "en",
        "the visitor's screens' default language (ISO 639-1)",
        rules.language,
        "one of " + ", ".join(rules.LANGUAGES),
    )
    kiosk_mode: bool = setting(
        True,
        "locked full screen (false: a normal window)",
        rules.flag,
        "true or false",
        flag="--windowed",
        switch=False,
    )
    hide_cursor: bool = setting(
        False,
        "hide the mouse pointer in kiosk mode",
        rules.flag,
        "true or false",
        flag="--hide-cursor",
        switch=True,
    )
    sandbox_address: str = setting(
        "",
        "embedded sandbox on the LAN: the address or interface phones reach this machine at "
        "(empty: the default route's)",
        rules.lan_address,
        "empty, an IPv4 address, or a network interface name such as eth0 or Wi-Fi",
        flag="--sandbox-address",
    )
    journal_days: int = setting(
        90,
        "days the session journal keeps its rows",
        number(1, 3650, True),
        "a whole number from 1 to 3650",
    )
    journal_demography: bool = setting(
        False, "record the vendor's age and gender estimate", rules.flag, "true or false"
    )
    theme: str = setting(
        "default",
        "the look: default, or high-contrast (white and yellow on black)",
        rules.choice("default", "high-contrast"),
        '"default" or "high-contrast"',
        flag="--theme",
    )
    text_scale: int = setting(
        100,
        "text size on the visitor's screens, percent (every screen stays laid out up to 200)",
        number(100, 200, True),
        "a whole number from 100 to 200",
        flag="--text-scale",
    )
    reduce_motion: bool = setting(
        False,
        "no animation or blinking, whatever the platform says (it is also honoured when the "
        "platform asks for it)",
        rules.flag,
        "true or false",
    )
    brand_dir: str = setting(
        "",
        "folder holding brand.toml (name, header, primary colour, logo) and the logo, SVG or "
        "PNG (empty: the kiosk's neutral look)",
        rules.text,
        "a folder path, or empty",
    )
    public_result: str = setting(
        "full",
        "what the result screen shows: full (verdict, reasons and scores) or discreet (verdict "
        "and reasons only, for public lobbies); the journal keeps the scores either way",
        rules.choice("full", "discreet"),
        '"full" or "discreet"',
    )
    desk_scopes: tuple[str, ...] = setting(
        SCOPES,
        "the checks an employee may choose from at the operator desk (kiosk desk)",
        rules.scopes,
        f"a list of {', '.join(SCOPES)}, each once",
    )
    desk_customer_screen: str = setting(
        "",
        "the operator desk's customer-facing screen: its number (1 = the first) or its name "
        "(empty: none, the desk shows the code itself)",
        rules.text,
        "empty, a screen number from 1, or a screen name",
    )
    handoff_command: str = setting(
        "",
        "program run on every final result at the desk, with the result as JSON on its "
        "standard input (no shell; empty: none)",
        rules.command_line,
        "a command line with its quotes closed, or empty",
    )
    handoff_url: str = setting(
        "",
        "URL the desk POSTs every final result to as JSON (empty: none)",
        rules.url_or_empty,
        "an http(s) URL (at most 2048 characters) or empty",
    )
    handoff_timeout: float = setting(
        10.0,
        "seconds one hand-off attempt may take",
        number(1, 120),
        "a number from 1 to 120",
    )
    handoff_retries: int = setting(
        2,
        "how many times a failed hand-off is tried again",
        number(0, 10, True),
        "a whole number from 0 to 10",
    )

    @property
    def base_url(self) -> str | None:
        """The server's base URL, or None for the embedded sandbox."""
        if self.backend == "sandbox":
            return None
        return CLOUD_URL if self.backend == "cloud" else self.backend


SPECS: dict[str, Spec] = {f.name: f.metadata[_SPEC] for f in fields(Settings)}
DEFAULTS = Settings()

# Settings IT may set from a hub (`kiosk hub settings`, docs/HUB.md "Remote settings"): an
# allowlist, so a new setting stays local until someone decides otherwise. Every other key is
# local-only (kiosk.core.remote_settings.LOCAL_ONLY says why each one is). REMOTE_LIVE ones a
# running kiosk applies at idle; REMOTE_AT_START ones at its next start.
REMOTE_LIVE = frozenset(
    {
        "scopes",
        "ttl_sec",
        "metadata",
        "return_url",
        "min_similarity",
        "poll_interval",
        "walk_away_seconds",
        "result_seconds",
        "language",
        "theme",
        "text_scale",
        "reduce_motion",
        "public_result",
    }
)
REMOTE_AT_START = frozenset({"journal_days", "journal_demography"})
REMOTE = REMOTE_LIVE | REMOTE_AT_START
assert SPECS.keys() >= REMOTE


def env_name(key: str) -> str:
    """The environment variable that overrides setting ``key``."""
    return f"KIOSK_{key.upper()}"


def check(name: str, spec: Spec | Rule, value: Any, where: str, fix: str) -> Any:
    """``value`` checked by ``spec``; raises :class:`SettingsError`: ``where``, ``name``,
    what is expected, and ``fix``, in one line. The rule's own exception stays chained, for
    the log; the message is the one line. A URL setting's value is quoted without what may be
    a secret (:mod:`kiosk.core.url_shown`), and its rule's exception is not chained (urllib's
    quotes a part of the URL)."""
    try:
        return spec.check(value)
    except (TypeError, ValueError, RecursionError, OverflowError) as exc:
        url = spec.check in _URL_RULES
        error = SettingsError(
            f"{where}: '{name}' must be {spec.expect}, not "
            f"{_shown(urls_shown(value) if url else value)}. {fix}"
        )
        raise error from (None if url else exc)


# The rules of settings that hold URLs, which may carry a password or a token.
_URL_RULES = (rules.backend, rules.url_or_empty, rules.origins)


def _shown(value: Any, limit: int = 60) -> str:
    """A short repr: a value can be megabytes long, or too deeply nested for repr()."""
    try:
        shown = repr(value)
    except RecursionError:
        return "a value nested too deeply"
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


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
            f"({_shown(getattr(DEFAULTS, key))})."
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


def read_toml(path: Path, text: str | None = None) -> dict[str, Any]:
    """The TOML at ``path`` (or ``text``, shown as from ``path``), or :class:`SettingsError`."""
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8") if text is None else text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            f"{path}: not valid TOML ({exc}). Fix the syntax, or delete the file to use the "
            "defaults."
        ) from exc
    except RecursionError as exc:  # tomllib recurses per nesting level
        raise SettingsError(
            f"{path}: a value is nested too deeply to read (the metadata allows "
            f"{MAX_METADATA_DEPTH} levels). Flatten it."
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read ({exc}).") from exc


def load(path: Path | None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the file (if it exists), then ``KIOSK_<KEY>`` environment variables."""
    values: dict[str, Any] = {}
    if path is not None and path.exists():
        values.update(parse(read_toml(path), str(path)))
    env = os.environ if environ is None else environ
    for key in SPECS:
        if env_name(key) in env:
            name = env_name(key)
            fix = f"Fix it, or unset {name} to use the settings file's value or the default."
            values[key] = check(key, SPECS[key], env[name], f"environment variable {name}", fix)
    return replace(DEFAULTS, **values)


def documented_file(settings: Settings | None = None) -> str:
    """A settings file with every key, its value and its documentation, for operators."""
    import tomli_w

    current = settings or DEFAULTS
    lines = ["# Verification kiosk settings. Each key is documented above it.", ""]
    # Tables ([metadata]) must come after every plain key in TOML.
    ordered = sorted(SPECS, key=lambda k: isinstance(getattr(current, k), Mapping))
    for key in ordered:
        spec = SPECS[key]
        value = getattr(current, key)
        value = list(value) if isinstance(value, tuple) else value
        value = dict(value) if isinstance(value, Mapping) else value
        sources = env_name(key) + (f" or {spec.flag}" if spec.flag else "")
        lines.append(f"# {spec.doc}. Expected: {spec.expect}. Overridden by {sources}.")
        lines.append(tomli_w.dumps({key: value}).strip())
        lines.append("")
    return "\n".join(lines)
