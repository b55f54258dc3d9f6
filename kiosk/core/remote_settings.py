"""Settings IT sets on a hub for a site or a kiosk (docs/HUB.md "Remote settings"), as the
kiosk checks, fetches and keeps them. Qt-free: ``kiosk.fleet_settings`` runs the fetch loop in a
thread and applies the values to the window; the hub uses :func:`vet` to refuse what a kiosk
would refuse.

The wire: ``GET /api/hub/v1/settings`` with the kiosk's APP-ID / APP-KEY answers ``{"version":
"...", "settings": {key: value}}`` (the site's and the kiosk's values merged, never defaults)
with an ``ETag``; ``If-None-Match`` with it gets 304. The vendor and the sandbox answer 404:
the kiosk then asks only hourly (:mod:`kiosk.core.remote_settings_client`).

The hub is trusted to manage the fleet but its words are still checked: every value is checked
again by the kiosk's own rule (:mod:`kiosk.core.settings`); a key that is unknown, local-only
(:data:`LOCAL_ONLY`) or wrong is refused alone, with a log line, and the rest are applied. The
body is capped while it streams in (:data:`MAX_BODY_BYTES`) and the whole call has a deadline.
The last good answer is kept in the kiosk's data folder (a private file, written atomically) and
used at the next start, so a kiosk whose hub is down keeps IT's settings.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from kiosk.core import private_files
from kiosk.core.settings import REMOTE, SPECS, Settings, SettingsError, check
from kiosk.core.text import printable

log = logging.getLogger(__name__)

SETTINGS_PATH = "/api/hub/v1/settings"
# Seconds between fetches while the kiosk is idle (a 304 costs the hub two indexed reads).
DEFAULT_INTERVAL = 60.0
# Every remote setting at its largest (the metadata's 15 KiB) fits several times over.
MAX_BODY_BYTES = 64 * 1024
MAX_VERSION = 64
MAX_ETAG = 130
CACHE_NAME = "remote-settings.json"

# Why each setting a hub may not set stays on the kiosk (the allowlist is
# kiosk.core.settings.REMOTE; a key missing here is refused with _UNDECLARED).
LOCAL_ONLY: dict[str, str] = {
    "backend": "it is the address of the hub itself; a hub that could change it could hand the "
    "kiosk to another server",
    "app_id": "it is the kiosk's identity, paired with the secret in the kiosk's keyring",
    "trusted_origins": "it is the kiosk's own check on the links its backend sends; the backend "
    "may not widen it",
    "kiosk_mode": "it locks the machine down; unlocking it is done at the kiosk",
    "hide_cursor": "it depends on the kiosk's hardware (a mouse or a touch screen)",
    "sandbox_address": "it is the embedded sandbox's address on this machine's network",
    "brand_dir": "it is a folder on the kiosk's own disk",
    "desk_customer_screen": "it names a screen attached to this machine",
    "handoff_command": "it runs a program on the kiosk",
    "handoff_url": "it receives every result, with personal data",
    "callback_url": "a hub gives the vendor its own callback URL for every session and does not "
    "pass a kiosk's on, so a value set on a hub would do nothing",
    "desk_scopes": "the operator desk (kiosk desk) does not fetch remote settings",
    "handoff_timeout": "the operator desk (kiosk desk) does not fetch remote settings",
    "handoff_retries": "the operator desk (kiosk desk) does not fetch remote settings",
}
_UNDECLARED = "it is not declared settable from a hub"
# Not settings at all: secrets live in the kiosk's keyring and are never sent by a hub.
SECRETS = frozenset({"app_key", "pin", "operator_pin", "password", "secret"})


def local_reason(key: str) -> str:
    """Why ``key`` cannot be set from a hub (a remote key has no reason: do not ask)."""
    return LOCAL_ONLY.get(key, _UNDECLARED)


def vet(
    values: Mapping[str, Any], where: str, fix: str = "It is left out."
) -> tuple[dict[str, Any], list[str]]:
    """The values a hub may set, each checked by its setting's own rule (typed as the kiosk
    uses it), and one sentence per refused key: unknown, a secret, local-only, or wrong (the
    setting's own message, ending in ``fix``). Keys and values may be hostile: messages show
    them neutralised."""
    accepted: dict[str, Any] = {}
    refused: list[str] = []
    for key, value in values.items():
        name = printable(str(key), 64)
        if key in SECRETS:
            refused.append(f"{where}: '{name}' is a secret, not a setting; a hub never sets it.")
        elif key not in SPECS:
            refused.append(f"{where}: unknown setting '{name}'.")
        elif key not in REMOTE:
            refused.append(
                f"{where}: '{key}' is local-only ({local_reason(key)}): set it on the kiosk."
            )
        else:
            try:
                checked = check(key, SPECS[key], value, where, fix)
                _readable_by_a_kiosk(key, checked, where, fix)
                accepted[key] = checked
            except SettingsError as exc:
                refused.append(printable(str(exc), 400))
    return accepted, refused


def _readable_by_a_kiosk(key: str, value: Any, where: str, fix: str) -> None:
    """Raise :class:`SettingsError` unless ``value`` survives the hub's JSON (UTF-8, as
    Starlette's ``JSONResponse`` writes it) and the kiosk's strict reader
    (:func:`kiosk.core.wire.loads`). The rules see to that (:mod:`kiosk.core.rules`: UTF-8
    text, integers of at most 20 digits, URLs of at most 2048 characters, metadata of at most
    15 KiB, so that the largest answer fits :data:`MAX_BODY_BYTES`); this is the net for a rule
    that misses a case: the hub would accept and serve a value for which every kiosk of the
    scope refuses the whole answer, every minute, while keeping its old copy."""
    from kiosk.core.wire import NotJson, loads  # httpx: off the kiosk's start

    try:
        loads(json.dumps(wire_form({key: value}), ensure_ascii=False).encode("utf-8"))
    except (ValueError, RecursionError) as exc:  # NotJson, UnicodeEncodeError are ValueErrors
        reason = str(exc) if isinstance(exc, NotJson) else "it is not text a kiosk can read"
        raise SettingsError(
            f"{where}: '{key}' cannot be sent to a kiosk ({reason}). {fix}"
        ) from exc


MAX_LOGGED_REFUSALS = 20


def log_refusals(refused: Collection[str], suffix: str = "") -> None:
    """One warning per refused key, at most :data:`MAX_LOGGED_REFUSALS` (a hostile hub can
    send thousands of keys in a small body), then one line counting the rest."""
    for message in list(refused)[:MAX_LOGGED_REFUSALS]:
        log.warning("%s%s", message, suffix)
    if len(refused) > MAX_LOGGED_REFUSALS:
        log.warning("%d more remote settings refused%s", len(refused) - MAX_LOGGED_REFUSALS, suffix)


def wire_form(values: Mapping[str, Any]) -> dict[str, Any]:
    """Checked values as JSON takes them (tuples as lists, mappings as objects)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Mapping):
            value = dict(value)
        out[key] = value
    return out


def effective(local: Settings, remote: Mapping[str, Any], pinned: Collection[str]) -> Settings:
    """``local`` (defaults < file) with the hub's checked values over it, except the keys
    ``pinned`` locally (set by an environment variable or a command-line option)."""
    chosen = {k: v for k, v in remote.items() if k in REMOTE and k not in pinned}
    return replace(local, **chosen)


@dataclass(frozen=True)
class Answer:
    """What one fetch gave.

    ``kind``: ``changed`` (a new version: ``values`` are the accepted ones, ``refused`` says
    why the others were left out), ``same`` (304), ``not_a_hub`` (404/405 from a backend that
    never answered as a hub: ask hourly), ``failed`` (network, status, or a body that is not a
    settings answer: try later).
    """

    kind: Literal["changed", "same", "not_a_hub", "failed"]
    version: str = ""
    etag: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    refused: tuple[str, ...] = ()


def _etag(raw: object) -> str | None:
    """The hub's ETag if it is one we can send back as it is, else None (we then ask afresh).
    ``raw`` may be anything: the kept copy is a file on disk, which may be damaged or edited."""
    if not isinstance(raw, str) or len(raw) > MAX_ETAG or not (raw.isascii() and raw.isprintable()):
        return None
    return raw


def read_answer(data: Any, etag: str | None) -> Answer:
    """A decoded 200 body as an :class:`Answer` (``failed`` when it is not one)."""
    if not isinstance(data, dict):
        return Answer("failed")
    version, values = data.get("version"), data.get("settings")
    if not isinstance(version, str) or not isinstance(values, dict):
        return Answer("failed")
    if not 0 < len(version) <= MAX_VERSION or printable(version, MAX_VERSION) != version:
        return Answer("failed")
    accepted, refused = vet(values, "the hub's settings")
    return Answer("changed", version, _etag(etag), accepted, tuple(refused))


@dataclass(frozen=True)
class SettingsCache:
    """The last good copy, for the hub ``hub`` and the kiosk ``kiosk`` (a copy from another
    hub or kiosk id is not used: the kiosk was moved)."""

    path: Path
    hub: str
    kiosk: str

    def load(self) -> Answer | None:
        """The kept answer (its values checked again: the file may be old or edited), or None
        when there is none usable."""
        try:
            # A regular file only: a FIFO in its place would hang the kiosk's start.
            data = json.loads(private_files.read_regular(self.path, 4 * MAX_BODY_BYTES))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("the last remote settings in %s cannot be used (%s)", self.path, exc)
            return None
        if not isinstance(data, dict) or (data.get("hub"), data.get("kiosk")) != (
            self.hub,
            self.kiosk,
        ):
            log.info("the last remote settings are another hub's or kiosk's: not used")
            return None
        answer = read_answer(data, data.get("etag"))
        log_refusals(answer.refused, f" (in {self.path})")
        return answer if answer.kind == "changed" else None

    def save(self, answer: Answer) -> None:
        """Keep ``answer`` (checked values only); a failure is logged, never raised."""
        body = {
            "hub": self.hub,
            "kiosk": self.kiosk,
            "version": answer.version,
            # The ETag stands for the hub's whole answer, the kept values for the part this
            # version accepted: kept with a refusal, an upgraded kiosk that would now accept
            # more would send it at its next start and be answered 304 until IT changes
            # something. Without it, that first fetch reads the whole answer again.
            "etag": None if answer.refused else answer.etag,
            "settings": wire_form(answer.values),
        }
        try:
            private_files.write_text(self.path, json.dumps(body, indent=1, sort_keys=True))
        except OSError as exc:
            log.warning("cannot keep the remote settings in %s (%s)", self.path, exc)
