"""Make text from a server safe to print on a terminal or show on a screen.

A server's strings (session ids, statuses, template ids, error messages) can carry terminal
escape sequences that clear the screen, set the window title or write the clipboard (OSC 52), and
bidirectional overrides that make text read differently from what it is. Everything a server
sends goes through :func:`printable` where it enters the kiosk.
"""

from __future__ import annotations

import re

REPLACEMENT = "?"
"""What each control character becomes: visible, and plain ASCII so any terminal can print it."""

DEFAULT_LIMIT = 300
"""The most characters of one server string worth showing a person."""

# C0 (U+0000-U+001F, newline and tab included: one field is one line), DEL, C1 (U+0080-U+009F,
# where 8-bit terminals find CSI and OSC), bidi embeddings/overrides (U+202A-U+202E) and isolates
# (U+2066-U+2069), the line/paragraph separators some terminals and Qt break lines on, and lone
# surrogates (U+D800-U+DFFF: JSON's "\ud800" escape makes one; no UTF-8 stream, SQLite binding
# or file can encode it, so printing, logging or recording it raised UnicodeEncodeError).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
# The same, but keeping newlines: for whole blocks we print ourselves (a QR code, a report).
_UNSAFE_IN_BLOCK = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def printable(text: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """``text`` with every control and bidi-override character replaced, cut to ``limit``.

    Args:
        text: a string that came from a server (or may contain one).
        limit: the most characters kept (an ellipsis marks a cut); None keeps all.
    """
    cleaned = _UNSAFE.sub(REPLACEMENT, text)
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: max(0, limit - 1)] + "…"
    return cleaned


# A run this long with no space cannot wrap on a screen: a hostile or careless server's unbroken
# string (or a long id) would be clipped at the window's edge instead.
_UNBROKEN_RUN = re.compile(r"\S{25,}")
_WRAP_EVERY = 20
ZERO_WIDTH_SPACE = "\u200b"


def wrappable(text: str) -> str:
    """``text`` with an invisible break opportunity (U+200B) every 20 characters of any run
    longer than 24 with no space, so a word-wrapping label wraps it instead of clipping it."""

    def split(match: re.Match[str]) -> str:
        run = match[0]
        return ZERO_WIDTH_SPACE.join(
            run[i : i + _WRAP_EVERY] for i in range(0, len(run), _WRAP_EVERY)
        )

    return _UNBROKEN_RUN.sub(split, text)


def terminal_safe(block: str) -> str:
    """``block`` with control characters replaced except newlines: the last filter before a
    terminal, so that nothing that slipped past :func:`printable` can drive it."""
    return _UNSAFE_IN_BLOCK.sub(REPLACEMENT, block)
