"""Change a few keys of the settings file and keep everything else it says.

The desk's preferences change five keys; the file may hold others, and the comments an
operator wrote. Each changed key's line is replaced where it is (or the key added before the
first table, where TOML wants plain keys), and the result is read back: when it does not hold
exactly the old values with the new ones (a value written over several lines, say), the file
is written as the operator panel writes its form instead, :func:`documented_file` with every
key and its documentation (the comments of the operator's own are then lost, the values not).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from kiosk.core.settings import DEFAULTS, documented_file, parse, read_toml

_TABLE = re.compile(r"^\s*\[")


def _line(key: str, value: Any) -> str:
    value = list(value) if isinstance(value, tuple) else value
    return tomli_w.dumps({key: value}).strip()


def _key_of(line: str) -> str | None:
    """The key a one-line ``key = value`` assigns, or None (a comment, a table, a value that
    goes on over the next lines)."""
    try:
        parsed = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    return next(iter(parsed)) if len(parsed) == 1 else None


def edited(text: str, values: Mapping[str, Any]) -> str:
    """``text`` (a settings file) with ``values`` set, each on the line that held its key,
    or added before the first table. Not checked: see :func:`updated`."""
    lines = text.splitlines()
    first_table = next((i for i, line in enumerate(lines) if _TABLE.match(line)), len(lines))
    missing = dict(values)
    for i in range(first_table):
        key = _key_of(lines[i])
        if key is not None and key in missing:
            lines[i] = _line(key, missing.pop(key))
    added = [_line(key, value) for key, value in missing.items()]
    if added and first_table < len(lines):
        added.append("")
    lines[first_table:first_table] = added
    return "\n".join(lines) + "\n"


def updated(path: Path, values: Mapping[str, Any]) -> str:
    """The new text of the settings file at ``path`` with ``values`` (already checked, as
    :func:`kiosk.core.settings.parse` returns them) set and the rest kept.

    Raises:
        SettingsError: the file as it is now cannot be read or holds a wrong value (it is not
            rewritten over: the operator fixes it first); the message is the one at start.
    """
    where = str(path)
    if not path.exists():
        return documented_file(dataclasses.replace(DEFAULTS, **values))
    text = path.read_text(encoding="utf-8")
    old = parse(read_toml(path, text), where)
    wanted = {**old, **values}
    candidate = edited(text, values)
    try:
        if parse(read_toml(path, candidate), where) == wanted:
            return candidate
    except ValueError:
        pass
    return documented_file(dataclasses.replace(DEFAULTS, **wanted))
