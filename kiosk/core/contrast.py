"""WCAG 2.x colour contrast, computed from ``#rrggbb`` colours (no Qt: the settings use it).

The ratio is WCAG's: ``(L1 + 0.05) / (L2 + 0.05)`` of the two colours' relative luminances,
from 1 (same colour) to 21 (black on white). Level AA asks 4.5:1 for normal text and 3:1 for
large text (24 px, or 18.66 px bold) and for the parts of controls and focus indicators a
person must see; level AAA asks 7:1 for text.
"""

from __future__ import annotations

import re
from typing import Literal

Role = Literal["text", "large", "control"]

AA: dict[Role, float] = {"text": 4.5, "large": 3.0, "control": 3.0}
AAA: dict[Role, float] = {"text": 7.0, "large": 4.5, "control": 3.0}

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def parse(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as (r, g, b); raises ValueError for anything else (no names, no alpha:
    a translucent colour has no single contrast)."""
    if not isinstance(colour, str) or not _HEX.fullmatch(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parse(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first: str, second: str) -> float:
    """The contrast ratio of two colours, 1 to 21, whichever is lighter."""
    a, b = luminance(first), luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def fitted(colour: str, background: str, needed: float) -> str:
    """``colour`` darkened (on a light background) or lightened (on a dark one) in small
    steps toward black or white until it reaches ``needed`` against ``background``; the hue
    is kept as far as the ratio allows. ``colour`` itself when it already passes."""
    if ratio(colour, background) >= needed:
        return colour
    target = 0 if luminance(background) > 0.18 else 255
    r, g, b = parse(colour)
    for step in range(1, 101):
        t = step / 100
        mixed = tuple(round(c + (target - c) * t) for c in (r, g, b))
        candidate = "#{:02x}{:02x}{:02x}".format(*mixed)
        if ratio(candidate, background) >= needed:
            return candidate
    return "#000000" if target == 0 else "#ffffff"
