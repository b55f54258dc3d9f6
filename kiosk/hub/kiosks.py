"""Enrolling and managing kiosks (what ``kiosk hub kiosk ...`` does), on any store.

A secret is returned once, by :func:`enrol` and :func:`rotate`, and only its hash is stored.
Revocation and rotation take effect at the kiosk's next request, open event streams included
(the hub re-reads the kiosks every second while streams are open).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kiosk.core.models import Scope
from kiosk.core.text import printable
from kiosk.hub.credentials import hash_secret, new_kiosk_id, new_secret
from kiosk.hub.store import HubStore, KioskRecord, UnknownKiosk, utc_now

MAX_NAME = 100
UNSET = object()


def _clean(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > MAX_NAME:
        raise ValueError(f"{what} must be at most {MAX_NAME} characters")
    if printable(text, None) != text:
        raise ValueError(f"{what} must be printable text (no control or text-direction characters)")
    return text


def check_scopes(scopes: Sequence[str] | None) -> tuple[str, ...] | None:
    """``scopes`` as a policy value, each checked to be one of the contract's scopes."""
    if scopes is None:
        return None
    known = {s.value for s in Scope}
    unknown = [s for s in scopes if s not in known]
    if unknown:
        raise ValueError(f"unknown scope(s) {', '.join(unknown)}: use {', '.join(sorted(known))}")
    return tuple(dict.fromkeys(scopes))


def enrol(
    store: HubStore,
    name: str,
    site: str = "",
    *,
    allowed_scopes: Sequence[str] | None = None,
    max_ttl_sec: int | None = None,
    rate_per_minute: int | None = None,
) -> tuple[KioskRecord, str]:
    """A new kiosk and its secret (shown once; only the hash is stored)."""
    if not name.strip():
        raise ValueError("a kiosk needs a name")
    secret = new_secret()
    record = KioskRecord(
        id=new_kiosk_id(),
        name=_clean(name, "the name"),
        site=_clean(site, "the site"),
        secret_hash=hash_secret(secret),
        created_at=utc_now(),
        allowed_scopes=check_scopes(allowed_scopes),
        max_ttl_sec=_positive(max_ttl_sec, "the TTL cap"),
        rate_per_minute=_positive(rate_per_minute, "the rate limit"),
    )
    store.add_kiosk(record)
    return record, secret


def _positive(value: int | None, what: str) -> int | None:
    if value is not None and value <= 0:
        raise ValueError(f"{what} must be a positive whole number")
    return value


def _get(store: HubStore, kiosk_id: str) -> KioskRecord:
    record = store.get_kiosk(kiosk_id)
    if record is None:
        raise UnknownKiosk(f"no kiosk has id {printable(kiosk_id, 80)!r}")
    return record


def revoke(store: HubStore, kiosk_id: str) -> KioskRecord:
    """Cut the kiosk off (idempotent: a revoked kiosk keeps its first revocation time)."""
    record = _get(store, kiosk_id)
    if record.revoked:
        return record
    revoked = dataclasses.replace(record, revoked_at=utc_now())
    store.update_kiosk(revoked)
    return revoked


def rotate(store: HubStore, kiosk_id: str) -> tuple[KioskRecord, str]:
    """A new secret for the kiosk (the old one stops working at once); a revoked kiosk is
    enabled again by a rotation, with the new secret only."""
    record = _get(store, kiosk_id)
    secret = new_secret()
    rotated = dataclasses.replace(record, secret_hash=hash_secret(secret), revoked_at=None)
    store.update_kiosk(rotated)
    return rotated, secret


def set_policy(
    store: HubStore,
    kiosk_id: str,
    *,
    name: object = UNSET,
    site: object = UNSET,
    allowed_scopes: object = UNSET,
    max_ttl_sec: object = UNSET,
    rate_per_minute: object = UNSET,
) -> KioskRecord:
    """Change the given fields (``None`` clears a limit); the others stay."""
    record = _get(store, kiosk_id)
    changes: dict[str, object] = {}
    if isinstance(name, str):
        changes["name"] = _clean(name, "the name")
    if isinstance(site, str):
        changes["site"] = _clean(site, "the site")
    if allowed_scopes is not UNSET:
        changes["allowed_scopes"] = check_scopes(allowed_scopes)  # type: ignore[arg-type]
    if max_ttl_sec is not UNSET:
        changes["max_ttl_sec"] = _positive(max_ttl_sec, "the TTL cap")  # type: ignore[arg-type]
    if rate_per_minute is not UNSET:
        changes["rate_per_minute"] = _positive(rate_per_minute, "the rate limit")  # type: ignore[arg-type]
    updated = dataclasses.replace(record, **changes)  # type: ignore[arg-type]
    store.update_kiosk(updated)
    return updated
