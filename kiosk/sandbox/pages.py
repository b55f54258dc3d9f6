"""The flow page's pages as named objects, rendered from Jinja2 templates, and the pages shown
when a request is refused before it reaches the flow (unknown link, forged form, photo too large).

Each page kind is a frozen dataclass naming the template that draws it (``resources/flow/templates/
<kind>.html``, all extending ``base.html``); the templates escape everything they print, so no
caller builds or escapes HTML. Templates and the stylesheet are shipped resources, found through
:mod:`kiosk.resources`, so a checkout, an installed wheel and the bundle behave alike.

Text for people comes from the page's language catalog (``flow_i18n.py``,
``resources/flow/i18n/<lang>.json``): the templates print ``t("key")`` and the page objects built
by ``flow_states.py`` and below carry text already taken from it. A page's ``lang`` picks the
catalog and the base template's ``<html lang dir>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal
from urllib.parse import quote

import jinja2
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from kiosk import resources
from kiosk.sandbox import antiforgery, flow_i18n

STYLESHEET = resources.text("flow/static/flow.css")

# Starlette's Jinja2Templates over an environment of our own: templates come from the shipped
# resources (not the working directory), autoescape is on for every template whatever its name,
# and an undefined name is an error rather than an empty string. Pages are rendered with
# ``get_template`` rather than ``TemplateResponse`` because the gate answers some requests
# before they become a Starlette ``Request``.
TEMPLATES = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources.path("flow/templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
        lstrip_blocks=True,
    )
)

Tone = Literal["", "ok", "bad"]
Icon = Literal["ok", "bad", "warn", "clock", "expired"]


@dataclass(frozen=True)
class Refresh:
    """A ``<meta http-equiv="refresh">``: reload after ``seconds``, or go to ``url``."""

    seconds: int
    url: str | None = None

    @property
    def content(self) -> str:
        return f"{self.seconds};url={self.url}" if self.url else str(self.seconds)


@dataclass(frozen=True)
class StepMark:
    """One step in the steps bar; ``state`` is its CSS class ("done", "current" or "")."""

    label: str
    state: Literal["", "done", "current"] = ""


@dataclass(frozen=True)
class Link:
    """A button that is a link."""

    href: str
    label: str


@dataclass(frozen=True)
class FlowForm:
    """What every form of a session's page needs: where it posts and its anti-forgery token."""

    token: str
    csrf: str
    field: ClassVar[str] = antiforgery.FIELD

    def action(self, name: str) -> str:
        return f"/flow/{quote(self.token, safe='')}/{name}"


@dataclass(frozen=True)
class Choice:
    """A demo operator's choice of outcome for a step."""

    value: str
    label: str


@dataclass(frozen=True, kw_only=True)
class Page:
    """What every page has; subclasses add their own fields and name their template."""

    template: ClassVar[str]
    title: str
    tone: Tone = ""
    refresh: Refresh | None = None
    status: int = 200
    steps: tuple[StepMark, ...] = ()
    lang: str = flow_i18n.DEFAULT
    sandbox_note: str | None = None
    """What the footer and the SANDBOX badge say is real here; None: demo outcomes only."""

    @property
    def direction(self) -> flow_i18n.Direction:
        """The page's text direction (``<html dir>``)."""
        return flow_i18n.catalog(self.lang).direction


@dataclass(frozen=True, kw_only=True)
class MessagePage(Page):
    """An icon, a heading and a sentence, maybe with a button link: every status page."""

    template: ClassVar[str] = "message.html"
    icon: Icon
    heading: str
    text: str
    link: Link | None = None


@dataclass(frozen=True, kw_only=True)
class FormPage(Page):
    """A page of the flow itself: its forms, and the problem the last action ran into."""

    form: FlowForm
    problem: str | None = None


@dataclass(frozen=True, kw_only=True)
class CaptchaPage(FormPage):
    """The sum to answer before the flow starts."""

    template: ClassVar[str] = "captcha.html"
    first: int
    second: int


@dataclass(frozen=True, kw_only=True)
class StartPage(FormPage):
    """The checks to come, and Start."""

    template: ClassVar[str] = "start.html"
    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class StepPage(FormPage):
    """One check: its instruction, the selfie input (if ``photo``) and the outcome choices
    (none: no choice to make), under ``legend``; ``note`` says what happens to the photo."""

    template: ClassVar[str] = "step.html"
    heading: str
    instruction: str
    step: str
    choices: tuple[Choice, ...]
    legend: str | None = None
    """Over the choices; None: the demo operator's legend."""
    photo: bool = False
    photo_required: bool = False
    note: str | None = None


def html_of(page: Page) -> str:
    """The page's HTML, with the strings of its language."""
    text = flow_i18n.catalog(page.lang).text
    return TEMPLATES.get_template(page.template).render(page=page, t=text)


def render(page: Page, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """The page as a response (never cached: it shows a session's current state), saying its
    language."""
    all_headers = {"Cache-Control": "no-store", "Content-Language": page.lang, **(headers or {})}
    return HTMLResponse(html_of(page), status_code=page.status, headers=all_headers)


def back(token: str, problem: str, headers: Mapping[str, str] | None = None) -> Response:
    """Back to the session's page, with a problem shown on it (post/redirect/get).

    ``problem`` is a key of the catalogs' ``problem.*`` strings, not text: the page says it in
    its own language, and a link cannot make the page show words of the sender's choosing.
    """
    target = f"/flow/{quote(token, safe='')}?problem={quote(problem)}"
    return RedirectResponse(target, status_code=303, headers=dict(headers or {}))


def problem_text(problem: str | None, lang: str) -> str | None:
    """The sentence for a problem key in ``lang``; None for no key or one no catalog has."""
    if not problem:
        return None
    strings = flow_i18n.catalog(lang).strings
    return strings.get(f"problem.{problem}") if problem.isidentifier() else None


def unknown_link(
    headers: Mapping[str, str] | None = None, lang: str = flow_i18n.DEFAULT
) -> HTMLResponse:
    """404 for a token no session has."""
    t = flow_i18n.catalog(lang).text
    page = MessagePage(
        title=t("unknown.title"),
        tone="bad",
        status=404,
        lang=lang,
        icon="bad",
        heading=t("unknown.heading"),
        text=t("unknown.text"),
    )
    return render(page, headers)


def forbidden(
    token: str, headers: Mapping[str, str] | None = None, lang: str = flow_i18n.DEFAULT
) -> HTMLResponse:
    """403 for a form that was not sent from this session's own page."""
    t = flow_i18n.catalog(lang).text
    page = MessagePage(
        title=t("forbidden.title"),
        tone="bad",
        status=403,
        lang=lang,
        icon="warn",
        heading=t("forbidden.heading"),
        text=t("forbidden.text"),
        link=Link(_page_of(token), t("forbidden.link")),
    )
    return render(page, headers)


def too_large(
    limit: int, path: str, headers: Mapping[str, str] | None = None, lang: str = flow_i18n.DEFAULT
) -> HTMLResponse:
    """413 for a photo (or form) over the limit, with the way back to the session's page."""
    t = flow_i18n.catalog(lang).text
    megabytes = limit // (1024 * 1024)
    size = t("size.mb", count=megabytes) if megabytes else t("size.kb", count=limit // 1024)
    parts = path.split("/")
    is_flow = len(parts) > 2 and parts[1] == "flow"
    page = MessagePage(
        title=t("too_large.title"),
        tone="bad",
        status=413,
        lang=lang,
        icon="warn",
        heading=t("too_large.heading"),
        text=t("too_large.text", size=size),
        link=Link(_page_of(parts[2]), t("too_large.link")) if is_flow else None,
    )
    return render(page, headers)


def _page_of(token: str) -> str:
    return f"/flow/{quote(token, safe='')}"


def stylesheet() -> Response:
    """The flow page's stylesheet (cacheable: it changes only with the program)."""
    return Response(
        STYLESHEET,
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )
