"""The APP-ID / APP-KEY pair, kept apart from the HTTP client so it imports in no time."""

from __future__ import annotations

from kiosk.core.redact import MASK, register_secret


class Credentials:
    """The APP-ID / APP-KEY pair. The key never appears in repr or str."""

    __slots__ = ("app_id", "app_key")

    def __init__(self, app_id: str, app_key: str) -> None:
        self.app_id = app_id
        self.app_key = app_key
        register_secret(app_key)

    def __repr__(self) -> str:
        return f"Credentials(app_id={self.app_id!r}, app_key={MASK!r})"

    __str__ = __repr__
