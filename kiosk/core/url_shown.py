"""A URL as a message or a log line may quote it: without what may be a secret.

A receiver's URL often carries its credentials (``https://desk:PASS@host/hook?key=K``). A
message about a wrong URL setting (a port typo, say) is logged (the desk's Preferences, the
start-up's fall-back to the last good settings), printed by ``kiosk settings check`` and shown
in the panels, so it must not repeat them: it shows ``scheme://host:port/path`` at most, never
the user-info, the query or the fragment, and a placeholder for text it cannot take apart.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

PLACEHOLDER = "<the URL given>"
"""What is shown for a URL that cannot be taken apart safely."""

_PORT_PLACEHOLDER = "<the port given>"


def url_shown(text: str) -> str:
    """``text`` (meant as a URL) as ``scheme://host:port/path`` at most, or
    :data:`PLACEHOLDER`. A text without ``//`` (``sandbx``, a typo of a name) is shown as it
    is unless it holds ``@``, ``?`` or ``#``; a port that is not a number is not shown (with
    the ``@`` forgotten, ``https://desk:PASS/hook`` puts the password there)."""
    try:
        parts = urlsplit(text)
    except ValueError:  # a bracket left open: where the host ends is anybody's guess
        return PLACEHOLDER
    if not parts.netloc:
        return PLACEHOLDER if any(c in text for c in "@?#") else text
    host = parts.netloc.rpartition("@")[2]  # user-info ends at the last "@"
    name, colon, port = host.rpartition(":")
    if colon and "]" not in port and not port.isdigit():
        host = f"{name}:{_PORT_PLACEHOLDER}"
    return f"{parts.scheme}://{host}{parts.path}"


class _Hidden:
    """Stands for a value a message must not repeat; ``repr()`` says what it was."""

    def __init__(self, words: str) -> None:
        self.words = words

    def __repr__(self) -> str:
        return self.words


def urls_shown(value: Any) -> Any:
    """``value`` of a URL setting with each URL in it :func:`url_shown`: a text (each of its
    comma-separated items, as lists of origins are written), each item of a list; a number or
    a true/false as it is; anything else (a table) only named, as it may hold text."""
    if isinstance(value, str):
        return ",".join(url_shown(item) for item in value.split(","))
    if isinstance(value, list | tuple):
        return type(value)(urls_shown(item) for item in value)
    if value is None or isinstance(value, int | float):
        return value
    return _Hidden(f"<a {type(value).__name__}>")
