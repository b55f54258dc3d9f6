"""The checks of this machine's own files: the settings, the journal and the free disk space.

Each reads only; nothing the kiosk keeps is created or changed (the journal's write check
creates and removes a temporary file beside it).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

from kiosk.core.settings import (
    DEFAULTS,
    SPECS,
    Settings,
    SettingsError,
    env_name,
    load,
    parse,
    read_toml,
)
from kiosk.selftest.report import Result, fail, ok, warn

MB = 1_000_000
FAIL_BELOW_BYTES = 100 * MB
"""Less free space than this fails: a journal row is small, but logs and SQLite's WAL grow."""
WARN_BELOW_BYTES = 1000 * MB


def check_settings(path: Path, environ: Mapping[str, str] | None = None) -> tuple[Result, Settings]:
    """The settings file loads and every value passes its rule; a missing file is fine.

    Returns the result and the settings the other checks use: the file's, else (when it is
    broken) the last good copy the kiosk would fall back to, else the defaults.
    """
    from kiosk.config import last_good

    try:
        settings = load(path, environ)
    except SettingsError as problem:
        text = str(problem)
        line = _failing_line(path) if text.startswith(f"{path}:") else None
        if line is not None:
            text = f"{path}, line {line}:{text[len(str(path)) + 1 :]}"
        if text.startswith("environment variable"):
            fix = "fix or unset that variable in the kiosk's environment (its service's unit)"
        else:
            fix = f"edit {path} (`kiosk settings check` checks it again)"
        fallback, used = DEFAULTS, "the defaults"
        kept = last_good(path)
        try:
            if kept.exists():
                fallback, used = load(kept, environ), f"the last good copy {kept}"
        except SettingsError:
            pass
        return fail("settings", f"{text} (checking the rest with {used})", fix), fallback
    backend = "the embedded sandbox" if settings.base_url is None else settings.base_url
    env = os.environ if environ is None else environ
    overridden = [env_name(key) for key in SPECS if env_name(key) in env]
    # A service's unit may set KIOSK_<KEY> variables: they win over the file, so say so.
    from_env = f"; set by the environment: {', '.join(overridden)}" if overridden else ""
    if not path.exists():
        applied = "the defaults apply" if not overridden else "the defaults apply otherwise"
        return ok(
            "settings", f"no file at {path}: {applied}; backend: {backend}{from_env}"
        ), settings
    return ok("settings", f"{path} loads; backend: {backend}{from_env}"), settings


def _failing_line(path: Path) -> int | None:
    """The line of the first setting in ``path`` whose value is refused (None when the
    problem is not one value's, e.g. TOML syntax, whose message names the line itself)."""
    try:
        values = read_toml(path)
    except SettingsError:
        return None
    for key, value in values.items():
        try:
            parse({key: value}, str(path))
        except SettingsError:
            return _line_of(path, key)
    return None


def _line_of(path: Path, key: str) -> int | None:
    """The line where ``key`` is set, as ``key = ...`` or as a ``[key]`` table."""
    name = re.escape(key)
    pattern = re.compile(rf"""^\s*(\[\s*)?("{name}"|'{name}'|{name})\s*(=|\])""")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return number
    return None


def check_journal(path: Path) -> Result:
    """The journal's folder can be written, and the file (if any) opens at a schema version
    this program knows."""
    from kiosk.core.journal import Journal, JournalError
    from kiosk.core.journal_schema import SCHEMA_VERSION

    problem = _unwritable(path)
    if problem is not None:
        return fail(
            "journal",
            problem,
            "give the kiosk's user write access there, or choose another file with --journal",
        )
    if not path.exists():
        return ok("journal", f"none yet at {path}; the kiosk creates it (folder writable)")
    newer = _newer_version(path)
    if newer is not None:
        return fail(
            "journal",
            f"{path} was written by a newer kiosk (schema version {newer}; this one knows up "
            f"to {SCHEMA_VERSION}); the kiosk leaves it untouched and keeps rows in memory",
            "install that version again, or move the file aside (keep it): a new one starts",
        )
    try:
        with Journal(path, read_only=True, busy_seconds=1.0) as journal:
            version, count = journal.schema_version, journal.count()
    except JournalError as exc:
        detail, fix = _split_fix(str(exc))
        return fail("journal", detail, fix)
    if version < SCHEMA_VERSION:
        schema = (
            f"schema version {version}, upgraded to {SCHEMA_VERSION} at the kiosk's next start "
            "(a copy is kept)"
        )
    else:
        schema = f"schema version {version} (current)"
    return ok("journal", f"{path}: {count} sessions, {schema}; writable")


def _unwritable(path: Path) -> str | None:
    """Why the kiosk could not write the journal at ``path``, or None.

    Tried for real (a temporary file in the folder, or the nearest folder that exists when the
    kiosk would create the rest): permission bits say nothing of ACLs or read-only mounts.
    """
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only for this user"
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is not a folder"
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".kiosk-self-test-"):
            pass
    except OSError as exc:
        return f"cannot write in {folder} ({exc.strerror or exc})"
    return None


def _newer_version(path: Path) -> int | None:
    """The file's schema version when it is newer than this program's, else None."""
    from kiosk.core.journal_schema import SCHEMA_VERSION, version_of

    try:
        db = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None  # the journal's own open reports it
    try:
        version = version_of(db)
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return version if version > SCHEMA_VERSION else None


def _split_fix(message: str) -> tuple[str, str]:
    """A journal message ("<file>: <problem> (<detail>). <What to do>.") as detail and fix."""
    match = re.match(r"^(.*?\))\.\s+(.+)$", message, re.DOTALL)
    if match:
        return match.group(1), match.group(2).rstrip(".")
    return message, "move the file aside (keep it for the audit); the kiosk starts a new one"


def check_disk(folders: Sequence[tuple[str, Path]]) -> Result:
    """Free space on each file system holding one of ``folders`` (name, path): FAIL below
    :data:`FAIL_BELOW_BYTES`, WARN below :data:`WARN_BELOW_BYTES`."""
    seen: dict[object, tuple[list[str], Path, int]] = {}
    for name, folder in folders:
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        try:
            device = existing.stat().st_dev
            free = shutil.disk_usage(existing).free
        except OSError as exc:
            return fail("disk", f"cannot read the free space at {existing} ({exc})", "check it")
        if device in seen:
            seen[device][0].append(name)
        else:
            seen[device] = ([name], existing, free)
    parts = [f"{_size(free)} free for the {' and '.join(names)} ({where})" for names, where, free
             in seen.values()]  # fmt: skip
    detail = "; ".join(parts)
    least = min(free for _, _, free in seen.values())
    if least < FAIL_BELOW_BYTES:
        return fail(
            "disk",
            detail,
            f"free space there (at least {_size(FAIL_BELOW_BYTES)}; 1 GB advised): old logs, "
            "downloads, package caches (apt-get clean)",
        )
    if least < WARN_BELOW_BYTES:
        return warn("disk", detail, f"free some space there ({_size(WARN_BELOW_BYTES)} advised)")
    return ok("disk", detail)


def _size(count: int) -> str:
    if count >= 1000 * MB:
        return f"{count / (1000 * MB):.1f} GB"
    return f"{count / MB:.0f} MB"
