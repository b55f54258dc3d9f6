"""Which store the kiosk's secrets come from, and whether the APP-KEY a configured backend
needs is there. No secret is ever printed: only where it was found."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.core.credentials import Credentials
from kiosk.core.settings import Settings
from kiosk.selftest.report import Result, fail, ok, warn

WHAT = "secrets"


def _keyring_name() -> str | None:
    """The OS keyring's name, or None when there is none (keyring's "fail" backend)."""
    import keyring
    import keyring.backends.fail

    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        return None
    return str(getattr(backend, "name", type(backend).__name__))


def _pin_note() -> tuple[str, bool]:
    """Whether an operator PIN is stored (never the PIN or its hash), and whether it is."""
    from kiosk.core.secrets import KeyringUnavailable, stored_pin

    try:
        found = stored_pin() is not None
    except KeyringUnavailable:
        return "no operator PIN (no keyring to hold one)", False
    return ("operator PIN set", True) if found else ("no operator PIN set", False)


def check_secrets(
    settings: Settings, key_env: str, environ: Mapping[str, str]
) -> tuple[Result, Credentials | None]:
    """The store in use and, for a configured backend, the credentials found (None: none).

    The embedded sandbox needs no APP-KEY; a configured backend FAILs without one. A missing
    operator PIN is a WARN: the kiosk verifies people, but its operator panel stays locked.
    """
    from kiosk.core.secrets import KeyringUnavailable, get_app_key

    store = _keyring_name()
    where = f"OS keyring: {store}" if store else "no OS keyring"
    pin, pin_set = _pin_note()
    pin_fix = "set one with `kiosk secrets set-pin` (the operator panel needs it)"
    if settings.base_url is None:
        detail = f"the embedded sandbox needs no APP-KEY; {where}; {pin}"
        return (ok(WHAT, detail) if pin_set else warn(WHAT, detail, pin_fix)), None
    app_id = settings.app_id
    if not app_id:
        return fail(
            WHAT,
            f"{settings.base_url} needs an APP-ID and none is set",
            "set app_id in the settings",
        ), None
    set_key = f"`kiosk secrets set-key --app-id {app_id}`"
    key = environ.get(key_env)
    if key:
        found = f"the APP-KEY for {app_id} comes from the environment variable {key_env}"
    else:
        try:
            key = get_app_key(app_id)
        except KeyringUnavailable as exc:
            return fail(
                WHAT,
                f"no APP-KEY for {app_id}: {key_env} is not set and {exc}",
                f"store it with {set_key} where a keyring exists, or give it in {key_env}",
            ), None
        if not key:
            return fail(
                WHAT, f"no APP-KEY for {app_id} in the {where} or in {key_env}", f"run {set_key}"
            ), None
        found = f"the APP-KEY for {app_id} is in the {where}"
    credentials = Credentials(app_id, key)  # registers the key: no line can show it
    detail = f"{found}; {pin}"
    return (ok(WHAT, detail) if pin_set else warn(WHAT, detail, pin_fix)), credentials
