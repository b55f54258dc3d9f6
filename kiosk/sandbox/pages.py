"""The flow page's frame (template, icons, stylesheet) and the pages shown when a request is
refused before it reaches the flow (unknown link, forged form, photo too large)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from importlib import resources
from string import Template
from urllib.parse import quote

from starlette.responses import HTMLResponse, RedirectResponse, Response

_FILES = resources.files("kiosk.sandbox")
_PAGE = Template(_FILES.joinpath("templates/flow.html").read_text())
STYLESHEET = _FILES.joinpath("static/flow.css").read_text()


# Inline SVG icons: no icon font or emoji font is needed on the phone (or in a headless browser).
def _svg(color: str, path: str) -> str:
    return (
        f'<svg width="56" height="56" viewBox="0 0 24 24" fill="none" stroke="{color}" '
        f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">'
        f'<circle cx="12" cy="12" r="10"/>{path}</svg>'
    )


_ICONS = {
    "ok": _svg("#047857", '<path d="M7 12.5l3.2 3.2L17 9"/>'),
    "bad": _svg("#b91c1c", '<path d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>'),
    "warn": _svg("#b91c1c", '<path d="M12 7v6M12 16.5v.5"/>'),
    "clock": _svg("#1d4ed8", '<path d="M12 7v5l3 2"/>'),
    "expired": _svg("#b91c1c", '<path d="M12 7v5l3 2"/>'),
}


def message(icon: str, title: str, text: str) -> str:
    """An icon, a heading and a sentence: the body of every status page."""
    return f'<div class="icon">{_ICONS[icon]}</div><h1>{title}</h1><p>{text}</p>'


def render(
    title: str,
    body: str,
    tone: str = "",
    refresh: str = "",
    status: int = 200,
    steps: str = "",
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """A complete flow page; ``body`` and ``steps`` are HTML already escaped by the caller."""
    page = _PAGE.substitute(
        title=html.escape(title),
        body=body,
        tone=tone,
        refresh=refresh,
        steps=steps,
        footer="Sandbox server · demo outcomes only",
    )
    all_headers = {"Cache-Control": "no-store", **(headers or {})}
    return HTMLResponse(page, status_code=status, headers=all_headers)


def back(token: str, problem: str, headers: Mapping[str, str] | None = None) -> Response:
    """Back to the session's page, with ``problem`` shown on it (post/redirect/get)."""
    target = f"/flow/{quote(token, safe='')}?problem={quote(problem)}"
    return RedirectResponse(target, status_code=303, headers=dict(headers or {}))


def unknown_link(headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """404 for a token no session has."""
    text = message("bad", "This link is not valid", "Start again at the kiosk to get a new code.")
    return render("Link not valid", text, tone="bad", status=404, headers=headers)


def forbidden(token: str, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """403 for a form that was not sent from this session's own page."""
    text = message(
        "warn",
        "Please use the page itself",
        "This step was not sent from the verification page, so nothing was changed. "
        "Open the page again and continue there.",
    )
    link = f'<a class="button" href="/flow/{html.escape(quote(token, safe=""))}">Open the page</a>'
    return render("Not accepted", text + link, tone="bad", status=403, headers=headers)


def too_large(limit: int, path: str, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """413 for a photo (or form) over the limit, with the way back to the session's page."""
    megabytes = limit // (1024 * 1024)
    size = f"{megabytes} MB" if megabytes else f"{limit // 1024} KB"
    text = message(
        "warn",
        "This photo is too large",
        f"Photos up to {size} can be used. Go back and take the photo again, or choose a "
        "smaller one.",
    )
    parts = path.split("/")
    link = ""
    if len(parts) > 2 and parts[1] == "flow":
        link = f'<a class="button" href="/flow/{html.escape(quote(parts[2], safe=""))}">Back</a>'
    return render("Photo too large", text + link, tone="bad", status=413, headers=headers)


def stylesheet() -> Response:
    """The flow page's stylesheet (cacheable: it changes only with the program)."""
    return Response(
        STYLESHEET,
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )
