"""Every theme's colours meet WCAG 2.x contrast (AA; AAA text in high contrast), computed from
the theme; the stylesheet takes all its colours from the theme."""

from __future__ import annotations

import re

import pytest

from kiosk.core.contrast import AA, AAA, fitted, luminance, ratio
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, THEMES, Theme, pairs, placeholders, stylesheet


def test_ratio_matches_wcag_reference_values() -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WebAIM's checker: #767676 on white is the lightest grey at 4.5:1.
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert ratio("#777777", "#ffffff") < 4.5
    assert luminance("#ff0000") == pytest.approx(0.2126)


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=lambda t: t.name)
def test_every_pair_meets_aa(theme: Theme) -> None:
    failures = [
        f"{what}: {fg} on {bg} is {ratio(fg, bg):.2f}:1, needs {AA[role]}:1"
        for what, fg, bg, role in pairs(theme)
        if ratio(fg, bg) < AA[role]
    ]
    assert not failures, "\n".join(failures)


def test_high_contrast_text_meets_aaa() -> None:
    failures = [
        f"{what}: {ratio(fg, bg):.2f}:1"
        for what, fg, bg, role in pairs(HIGH_CONTRAST)
        if role != "control" and ratio(fg, bg) < AAA["text"]
    ]
    assert not failures, "\n".join(failures)


def test_the_colours_once_failing_now_pass() -> None:
    # The secondary button's edge was #c7ced9 on the background: 1.4:1, invisible to many.
    assert ratio(DEFAULT.edge, DEFAULT.bg) >= 3.0


def test_the_stylesheet_has_no_colour_of_its_own() -> None:
    """A colour written in the QSS would escape the contrast check above."""
    from kiosk import resources

    qss = re.sub(r"/\*.*?\*/", "", resources.text("styles/kiosk.qss"), flags=re.S)
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b", qss)
    assert not re.search(r"\b(white|black|red|green|blue|yellow|gray|grey)\b", qss)
    assert set(DEFAULT.colours()) <= placeholders()


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=lambda t: t.name)
def test_each_theme_fills_the_stylesheet(theme: Theme) -> None:
    qss = stylesheet(1080, theme, 2.0)
    assert "$" not in qss and theme.focus in qss


def test_text_scale_grows_fonts_not_spacing() -> None:
    normal, double = stylesheet(1080, DEFAULT, 1.0), stylesheet(1080, DEFAULT, 2.0)
    assert "font-size: 34px" in normal and "font-size: 68px" in double
    assert "padding: 14px" in normal and "padding: 14px" in double


def test_fitted_darkens_or_lightens_until_it_passes() -> None:
    light = fitted("#facc15", "#ffffff", 4.5)  # yellow on white: 1.5:1
    assert ratio(light, "#ffffff") >= 4.5
    dark = fitted("#1d4ed8", "#000000", 4.5)
    assert ratio(dark, "#000000") >= 4.5 and luminance(dark) > luminance("#1d4ed8")
    assert fitted("#14213d", "#ffffff", 4.5) == "#14213d"
