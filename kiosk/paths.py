"""Where the kiosk keeps its files: the platform's folders, or ``$KIOSK_HOME`` when set.

One module decides every path, so tests and fleet tooling can redirect them all at once.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "verification-kiosk"


def _home() -> Path | None:
    value = os.environ.get("KIOSK_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    """Persistent data (the journal)."""
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Rotating log files."""
    home = _home()
    if home is not None:
        return home / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def journal_path() -> Path:
    """The session journal's SQLite file."""
    return data_dir() / "journal.sqlite3"


def config_dir() -> Path:
    """The settings file's folder."""
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    """The settings file (TOML)."""
    return config_dir() / "settings.toml"
