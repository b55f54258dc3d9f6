"""Which store the kiosk's secrets come from (:mod:`kiosk.core.secret_stores`: the environment,
systemd credentials, the OS keyring, the machine's folder), and whether the APP-KEY a configured
backend needs is there. No secret is ever printed: only where it was found."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.core.credentials import Credentials
from kiosk.core.settings import Settings
from kiosk.selftest.report import Result, fail, ok, warn

if TYPE_CHECKING:
    from kiosk.core.secret_stores import StoreStatus

WHAT = "secrets"
PIN_FIX = "store one: `kiosk secrets set-pin` (the operator panel needs it)"


def check_secrets(settings: Settings, key_env: str) -> tuple[Result, Credentials | None]:
    """The store each secret comes from and, for a configured backend, its credentials.

    The embedded sandbox needs no APP-KEY; a configured backend FAILs without one. A missing
    operator PIN is a WARN: the kiosk verifies people, but its operator panel stays locked.
    """
    from kiosk.core import secret_stores
    from kiosk.core.secrets import KeyringUnavailable

    # A store passed over (a locked keyring before the system folder) is in the line below;
    # the log's copy of it would only repeat it above the lines.
    logger = logging.getLogger(secret_stores.__name__)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        app_id = settings.app_id or None
        stores = {s.name: s for s in secret_stores.describe_stores(app_id, key_env)}
        try:
            pin = secret_stores.find_pin_hash()
            pin_note = f"operator PIN from {_where(pin.store, stores)}" if pin else ""
        except KeyringUnavailable as exc:
            pin, pin_note = None, f"operator PIN unreadable ({exc})"
        pin_note = pin_note or "no operator PIN set"
        if settings.base_url is None:
            detail = f"the embedded sandbox needs no APP-KEY; {pin_note}"
            return (ok(WHAT, detail) if pin else warn(WHAT, detail, PIN_FIX)), None
        if app_id is None:
            return fail(
                WHAT,
                f"{settings.base_url} needs an APP-ID; none is set",
                "set app_id in the settings",
            ), None
        try:
            key = secret_stores.find_app_key(app_id, key_env)
        except KeyringUnavailable:  # each store's state, below, says why
            key = None
    finally:
        logger.setLevel(level)
    if key is None:
        searched = "; ".join(f"{s.name}: {s.detail}" for s in stores.values())
        return fail(
            WHAT,
            f"no APP-KEY for {app_id} in any store ({searched})",
            f"for the kiosk's service: `sudo kiosk secrets set-key --store system --app-id "
            f"{app_id}` (or systemd's LoadCredential=app-key); in a desktop session: `kiosk "
            f"secrets set-key --app-id {app_id}`; for one run: ${key_env}",
        ), None
    credentials = Credentials(app_id, key.value)  # registers the key: no line can show it
    detail = f"the APP-KEY for {app_id} from {_where(key.store, stores)}; {pin_note}"
    return (ok(WHAT, detail) if pin else warn(WHAT, detail, PIN_FIX)), credentials


def _where(store: str, stores: dict[str, StoreStatus]) -> str:
    """A store's name and where it is (the folder, the keyring and its user, the variable)."""
    status = stores.get(store)
    return f"{store} ({status.detail.split(': ')[0]})" if status else store
