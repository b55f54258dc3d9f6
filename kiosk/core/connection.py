"""Checking a backend and its credentials without starting a (billable) session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.core.errors import ApiError, AuthError, UnknownSession

if TYPE_CHECKING:
    from kiosk.core.api import VerificationClient

PROBE_TOKEN = "connection-check-not-a-session"  # noqa: S105 - a name, not a secret


def check_connection(client: VerificationClient) -> tuple[bool, str]:
    """Read the status of a token that cannot exist: a 404 proves the server answered and
    accepted the APP-ID/APP-KEY (they are checked before the token is looked up)."""
    try:
        client.get_status(PROBE_TOKEN)
    except UnknownSession:
        return True, f"Connected to {client.base_url}; the APP-ID and APP-KEY were accepted."
    except AuthError as exc:
        return False, f"{exc.message} Check the APP-ID setting and the stored APP-KEY."
    except ApiError as exc:
        return False, exc.message
    return False, f"{client.base_url} answered for a session that cannot exist; is it the API?"
