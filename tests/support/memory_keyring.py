"""An in-memory OS keyring for in-process tests, and a way to have none at all."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict; ``broken`` makes every call fail as a locked keyring does."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.broken = False

    def _check(self) -> None:
        if self.broken:
            raise keyring.errors.KeyringLocked("locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        self.items.pop((service, username), None)


@contextlib.contextmanager
def keyring_backend(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Use ``backend`` as the process's keyring while the block runs."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def no_keyring() -> contextlib.AbstractContextManager[KeyringBackend]:
    """No keyring at all, as on a service under cage (no Secret Service, no D-Bus)."""
    return keyring_backend(NoKeyring())
