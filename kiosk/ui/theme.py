"""The kiosk's look: one stylesheet (``resources/styles/kiosk.qss``) filled from a
:class:`Theme`'s colours, with sizes scaled to the screen and to the text-size setting.

Sizes are given for a 1080-pixel short side and scaled to the window, so the same layout reads
well on a 1920x1080 kiosk, an 800x1280 tablet in portrait, and a small operator window. Every
colour the stylesheet uses comes from the theme (the QSS holds no colour of its own), and
:func:`pairs` lists each foreground/background pair the stylesheet draws, so a test can check
every theme's contrast (WCAG AA at least) from the theme alone.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, replace
from string import Template

from kiosk import resources
from kiosk.core import contrast
from kiosk.core.brand import Brand, accessible
from kiosk.core.contrast import Role


@dataclass(frozen=True)
class Theme:
    """The colours of one look, each ``#rrggbb``. ``surface`` is the white of fields and
    secondary buttons; ``edge`` the border a control needs to be seen; ``focus`` the keyboard
    focus ring."""

    name: str
    bg: str
    surface: str
    ink: str
    muted: str
    accent: str
    on_accent: str
    accent_pressed: str
    ok: str
    fail: str
    warn_bg: str
    warn_ink: str
    header_bg: str
    header_ink: str
    header_rule: str
    badge_bg: str
    badge_ink: str
    edge: str
    track: str
    focus: str

    def colours(self) -> dict[str, str]:
        """The colours by placeholder name (the QSS's ``${name}``)."""
        values = asdict(self)
        del values["name"]
        return values


DEFAULT = Theme(
    name="default",
    bg="#eef1f6",
    surface="#ffffff",
    ink="#14213d",
    muted="#5c677d",
    accent="#1d4ed8",
    on_accent="#ffffff",
    accent_pressed="#1e40af",
    ok="#047857",
    fail="#b91c1c",
    warn_bg="#fef3c7",
    warn_ink="#78350f",
    header_bg="#14213d",
    header_ink="#ffffff",
    header_rule="#14213d",
    badge_bg="#facc15",
    badge_ink="#111111",
    # Was #c7ced9 (1.4:1 on the background): a secondary button's edge could not be seen.
    edge="#5c677d",
    track="#d9dee7",
    focus="#14213d",
)

# Black, white and a yellow focus ring: text at 7:1 or more (AAA) everywhere.
HIGH_CONTRAST = Theme(
    name="high-contrast",
    bg="#000000",
    surface="#000000",
    ink="#ffffff",
    muted="#ffffff",
    accent="#ffffff",
    on_accent="#000000",
    accent_pressed="#ffff00",
    ok="#00ff66",
    fail="#ff8080",
    warn_bg="#ffff00",
    warn_ink="#000000",
    header_bg="#000000",
    header_ink="#ffffff",
    # On black, a black header needs a line to end it.
    header_rule="#ffffff",
    badge_bg="#ffff00",
    badge_ink="#000000",
    edge="#ffffff",
    track="#595959",
    focus="#ffff00",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (DEFAULT, HIGH_CONTRAST)}


def pairs(theme: Theme) -> list[tuple[str, str, str, Role]]:
    """Every (what, foreground, background, role) the stylesheet draws with ``theme``.

    ``role`` is how WCAG judges it: "large" only for the title and the verdict (64 and 130 px
    at 1080, 29 px or more even in the smallest window); every other text counts as normal
    text whatever the window, and borders, bars and the focus ring as "control".
    """
    t = theme
    return [
        ("text", t.ink, t.bg, "text"),
        ("muted text (subtitle, hints, countdown)", t.muted, t.bg, "text"),
        ("pass text", t.ok, t.bg, "text"),
        ("fail text and reasons", t.fail, t.bg, "text"),
        ("current step", t.accent, t.bg, "text"),
        ("title", t.ink, t.bg, "large"),
        ("verdict pass", t.ok, t.bg, "large"),
        ("verdict fail", t.fail, t.bg, "large"),
        ("header title", t.header_ink, t.header_bg, "text"),
        ("SANDBOX badge", t.badge_ink, t.badge_bg, "text"),
        ("connection banner", t.warn_ink, t.warn_bg, "text"),
        ("detail box", t.muted, t.surface, "text"),
        ("primary button label", t.on_accent, t.accent, "text"),
        ("primary button pressed", t.on_accent, t.accent_pressed, "text"),
        ("secondary button label, fields", t.ink, t.surface, "text"),
        ("primary button on the background", t.accent, t.bg, "control"),
        ("secondary button edge", t.edge, t.bg, "control"),
        ("field edge", t.edge, t.surface, "control"),
        ("focus ring", t.focus, t.bg, "control"),
        ("header's lower edge", t.header_rule, t.bg, "control"),
        ("progress bar", t.accent, t.track, "control"),
    ]


@functools.cache
def _template() -> Template:
    return Template(resources.text("styles/kiosk.qss"))


def placeholders() -> set[str]:
    """The names the stylesheet's template uses."""
    return set(_template().get_identifiers())


def stylesheet(short_side: int, theme: Theme = DEFAULT, text_scale: float = 1.0) -> str:
    """The stylesheet for a window whose shorter side is ``short_side`` pixels.

    Args:
        theme: the colours.
        text_scale: the text-size setting (1.0 to 2.0); it multiplies font sizes, and the
            button heights that must hold the text, not spacing.
    """
    scale = max(0.45, min(1.6, short_side / 1080))

    def px(value: float) -> int:
        return max(1, round(value * scale))

    def font(value: float) -> int:
        return px(value * text_scale)

    return _template().substitute(
        theme.colours(),
        tiny=font(20),
        small=font(26),
        body=font(34),
        button=font(40),
        # Already large: the title grows by half the factor, the verdict (130 px) not at all,
        # so that at 200 % the reasons and the buttons keep the room.
        title=px(64 * (1 + (text_scale - 1) / 2)),
        huge=px(130),
        pad_s=px(4),
        pad=px(14),
        pad_l=px(40),
        radius=px(18),
        radius_s=px(8),
        # A button holds its text: 88 px at 100 %, more as the text grows.
        button_h=px(max(88, 40 * text_scale + 48)),
        button_w=px(300),
        focus_w=max(3, px(5)),
        edge_w=max(2, px(3)),
        bar=px(10),
    )


def branded(theme: Theme, brand: Brand) -> tuple[Theme, tuple[str, ...]]:
    """``theme`` in the brand's primary colour (fitted to WCAG AA, see :mod:`kiosk.core.brand`),
    and the brand's warnings. The high-contrast theme keeps its own colours."""
    if theme.name == HIGH_CONTRAST.name or brand.primary == theme.accent:
        return theme, brand.warnings
    fitted, label = accessible(brand, theme.bg)
    # Pressed: a step further from the label colour, so the label stays readable.
    pressed = contrast.fitted(
        fitted.primary, label, min(21.0, contrast.ratio(fitted.primary, label) + 1.0)
    )
    colours = replace(theme, accent=fitted.primary, on_accent=label, accent_pressed=pressed)
    return colours, fitted.warnings
