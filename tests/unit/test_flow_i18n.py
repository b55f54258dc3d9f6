"""Issue 12, point 3: the flow page's catalogs are complete, and the page's language is chosen
from the kiosk's request or the phone's ``Accept-Language``."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kiosk import resources
from kiosk.core.models import Scope
from kiosk.sandbox import flow_i18n, flow_routes, flow_states
from kiosk.sandbox.flow_i18n import CATALOGS, SHIPPED, from_accept_language, language_for

ENGLISH = CATALOGS["en"].strings
SOURCES = [
    Path(flow_routes.__file__).with_name(name)
    for name in ("flow_routes.py", "flow_states.py", "pages.py", "gate.py")
]
TEMPLATES = sorted(resources.path("flow/templates").glob("*.html"))


def test_the_five_languages_are_shipped() -> None:
    assert set(SHIPPED) == {"en", "es", "fr", "de", "ar"}
    assert set(CATALOGS) == set(SHIPPED)


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != "en"])
def test_each_language_has_exactly_the_english_strings(language: str) -> None:
    strings = CATALOGS[language].strings
    assert sorted(set(ENGLISH) - set(strings)) == [], "missing"
    assert sorted(set(strings) - set(ENGLISH)) == [], "stale (no longer in English)"
    for key, english in ENGLISH.items():
        assert strings[key].strip(), key
        assert flow_i18n.placeholders(strings[key]) == flow_i18n.placeholders(english), key


def _used_keys() -> set[str]:
    """Every catalog key the templates and the flow's code can ask for."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*SOURCES, *TEMPLATES])
    used = set(re.findall(r"""["']([a-z_]+(?:\.[a-z_]+)+)["']""", text))
    # Keys made from a name: each scope's strings, its outcomes, and the problems.
    for scope in Scope:
        used |= {f"scope.{scope.value}.{part}" for part in ("label", "title", "instruction")}
    for scope, values in flow_states._OUTCOMES.items():
        used |= {f"outcome.{scope.value}.{value}" for value in values}
    for final in [*flow_states._FINAL.values(), *flow_states._FACE_FAILURES.values()]:
        used |= {f"{final.key}.{part}" for part in ("title", "heading", "text")}
    problems = re.findall(r"""back\(\s*token,\s*"([a-z_]+)\"""", text)
    problems += [*flow_routes._PROBLEMS.values(), "finished", "not_possible"]
    used |= {f"problem.{name}" for name in problems}
    return used


def test_every_string_is_used_and_every_used_key_exists() -> None:
    used = _used_keys()
    assert sorted(set(ENGLISH) - used) == [], "strings nothing shows"
    template_keys = set()
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        template_keys |= set(re.findall(r't\("([a-z_]+(?:\.[a-z_]+)+)"', text))
    assert template_keys and sorted(template_keys - set(ENGLISH)) == []


def test_every_session_refusal_has_a_problem_string() -> None:
    raised = []
    for name in ("session.py", "store.py"):
        source = Path(flow_routes.__file__).with_name(name).read_text(encoding="utf-8")
        raised += re.findall(r'InvalidAction\(f?"([^"]+)"\)', source)
    assert raised
    for message in raised:
        assert flow_routes.problem_of(flow_routes.InvalidAction(message)) != "not_possible", message


def test_arabic_is_right_to_left_and_the_others_left_to_right() -> None:
    assert CATALOGS["ar"].direction == "rtl"
    assert {CATALOGS[c].direction for c in SHIPPED if c != "ar"} == {"ltr"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),
        ("xx", None),
        ("de;q=0.5, ar", "ar"),
        ("en;q=0, es;q=0.1", "es"),  # q=0: not English at all
        ("ES-mx", "es"),
        ("*;q=1, de;q=0.2", "de"),
        ("de;q=0.5, fr;q=0.5", "de"),  # ties: the order given
        ("de;q=2, fr", "fr"),  # q over 1 is malformed: that entry is skipped
        ("de;q=abc, es;q=0.3", "es"),
        ("de;q=0.5;x=1, es;q=0.3", "es"),
        ("d€, ar-EG;q=0.7", "ar"),
        ("", None),
        (",,,;;;", None),
    ],
)
def test_accept_language_is_ranked_by_q_and_matched_by_primary_subtag(
    header: str, expected: str | None
) -> None:
    assert from_accept_language(header) == expected


def test_a_hostile_accept_language_is_cut_to_its_limits_and_costs_nothing() -> None:
    huge = ("x" * 9 + ";q=0.1,") * 200_000 + "fr"
    started = time.perf_counter()
    assert from_accept_language(huge) is None  # "fr" is past what is looked at
    assert from_accept_language(huge.encode()) is None
    assert time.perf_counter() - started < 0.5
    many = ",".join(["zz"] * flow_i18n.MAX_ACCEPT_ITEMS) + ",de"
    assert from_accept_language(many) is None
    assert from_accept_language(b"\xff\xfe de, \x00") is None
    assert from_accept_language(b"es") == "es"


def test_the_kiosk_s_language_wins_over_the_phone_s_and_english_is_the_last_resort() -> None:
    assert language_for({"language": "ar"}, "fr") == "ar"
    assert language_for({"language": "de-AT"}, None) == "de"
    assert language_for({"language": "xx"}, "fr, en") == "fr"
    assert language_for({"language": 7}, None) == "en"
    assert language_for({"language": "<script>"}, "es") == "es"
    assert language_for(None, None) == "en"
    assert language_for({}, "xx") == "en"


def test_the_stylesheet_uses_no_physical_sides_so_right_to_left_mirrors_it() -> None:
    css = resources.text("flow/static/flow.css")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # comments may say "left"
    physical = re.findall(r"[\w-]*\b(?:left|right)\b[\w-]*\s*:[^;}]*|:\s*(?:left|right)\b", css)
    assert physical == []


def test_a_translated_page_still_escapes_what_it_prints() -> None:
    from kiosk.sandbox import pages

    hostile = "<img src=x onerror=alert(1)>"
    t = CATALOGS["ar"].text
    page = pages.MessagePage(
        title=hostile,
        lang="ar",
        icon="clock",
        heading=t("demo.heading"),
        text=t("demo.text", scenario=hostile, doing=hostile),
    )
    html = pages.html_of(page)
    assert '<html lang="ar" dir="rtl">' in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert t("site.footer", note=t("note.demo")) in html
