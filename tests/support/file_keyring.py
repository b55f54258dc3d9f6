"""A keyring backend in a JSON file, for tests that run the kiosk as a process.

Test use only (a real kiosk keeps secrets in the OS keyring): select it with
``PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring`` and ``KIOSK_TEST_KEYRING``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ["KIOSK_TEST_KEYRING"])

    def _read(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._path.read_text()))
        except (OSError, ValueError):
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._read()
        items[f"{service}/{username}"] = password
        self._path.write_text(json.dumps(items))

    def delete_password(self, service: str, username: str) -> None:
        items = self._read()
        if f"{service}/{username}" not in items:
            raise PasswordDeleteError(username)
        del items[f"{service}/{username}"]
        self._path.write_text(json.dumps(items))
