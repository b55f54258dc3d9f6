"""The kiosk's look: one stylesheet (``resources/styles/kiosk.qss``), with sizes scaled to the
screen.

Sizes are given for a 1080-pixel short side and scaled to the window, so the same layout reads
well on a 1920x1080 kiosk, an 800x1280 tablet in portrait, and a small operator window.
"""

from __future__ import annotations

import functools
from string import Template

from kiosk import resources

INK = "#14213d"
MUTED = "#5c677d"
ACCENT = "#1d4ed8"
GREEN = "#047857"
RED = "#b91c1c"
BACKGROUND = "#eef1f6"
WARNING_BG = "#fef3c7"


@functools.cache
def _template() -> Template:
    return Template(resources.text("styles/kiosk.qss"))


def stylesheet(short_side: int) -> str:
    """The stylesheet for a window whose shorter side is ``short_side`` pixels."""
    scale = max(0.45, min(1.6, short_side / 1080))

    def px(value: float) -> int:
        return max(1, round(value * scale))

    return _template().substitute(
        bg=BACKGROUND,
        ink=INK,
        muted=MUTED,
        accent=ACCENT,
        pass_=GREEN,
        fail=RED,
        warn_bg=WARNING_BG,
        tiny=px(20),
        small=px(26),
        body=px(34),
        button=px(40),
        title=px(64),
        huge=px(130),
        pad_s=px(4),
        pad=px(14),
        pad_l=px(40),
        radius=px(18),
        radius_s=px(8),
        button_h=px(88),
        button_w=px(300),
        focus=max(2, px(4)),
        bar=px(10),
    )
