"""The phone-side flow page behind each session's ``url``: ``/flow/<token>``.

Plain server-rendered HTML forms (no script, no build step, no external resources), so it works
on any phone browser over plain http on a LAN. Each form posts an action and redirects back to
the page (post/redirect/get), so a reload never repeats an action. The token in the path is the
only credential, as with the vendor's page; each form also carries the session's anti-forgery
token (``antiforgery.py``). Requests reach these routes only through the gate (``gate.py``),
which has already refused unknown tokens, forged posts and bodies over the size limits.
"""

from __future__ import annotations

import html
import io
from typing import Annotated, BinaryIO

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kiosk.core.models import Scope, Status, Step
from kiosk.sandbox import antiforgery, pages
from kiosk.sandbox.antiforgery import FormGuard
from kiosk.sandbox.pages import message as _message
from kiosk.sandbox.store import InvalidAction, SandboxSession, SessionStore, Transition

_STEP_TEXT: dict[Scope, tuple[str, str, str]] = {
    # scope: (label in the steps bar, title, instruction)
    Scope.LIVENESS: (
        "Liveness",
        "Liveness check",
        "Take a selfie: hold the phone at eye level, look straight at the camera, and take "
        "the photo.",
    ),
    Scope.DEEPFAKE: (
        "Genuine",
        "Genuine photo check",
        "We check that the photo is a real camera image, not an edited or generated one.",
    ),
    Scope.ENROLL: (
        "Enrol",
        "Saving your face",
        "A face template is created so that you can be recognised next time.",
    ),
    Scope.SEARCH: (
        "Match",
        "Face match",
        "Your face is compared with the faces enrolled for this service.",
    ),
}


_CAMERA = (
    '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
    'stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">'
    '<path d="M4 8h3l2-3h6l2 3h3v11H4z"/><circle cx="12" cy="13" r="3.5"/></svg>'
)
_WAITING = {
    Status.CREATED: "waiting to start",
    Status.CAPTCHA_OK: "captcha solved",
}

# The demo operator's choice for each step: (value, label); the first is the passing one.
_OUTCOMES: dict[Scope, tuple[tuple[str, str], ...]] = {
    Scope.LIVENESS: (("pass", "Live person (pass)"), ("fail", "Fail liveness")),
    Scope.DEEPFAKE: (("pass", "Genuine photo (pass)"), ("fail", "Deepfake detected")),
    Scope.ENROLL: (("pass", "Enrolment succeeds"),),
    Scope.SEARCH: (("pass", "Face matches (pass)"), ("fail", "No match")),
}


FormToken = Annotated[str, Form(alias=antiforgery.FIELD)]


def router(store: SessionStore, forms: FormGuard) -> APIRouter:
    """Routes of the flow page, bound to ``store``; ``forms`` signs and checks the forms."""
    routes = APIRouter(include_in_schema=False)

    @routes.get("/static/flow.css")
    async def stylesheet() -> Response:
        return pages.stylesheet()

    @routes.get("/flow/{token}", response_class=HTMLResponse)
    async def page(token: str, problem: str | None = None) -> Response:
        session = store.get(token)
        if session is None:
            return pages.unknown_link()
        title, body, tone, refresh, status = _render(session, problem, forms.token_for(token))
        return pages.render(title, body, tone, refresh, status, _steps_bar(session))

    @routes.post("/flow/{token}/captcha")
    async def captcha(
        token: str, csrf: FormToken = "", answer: Annotated[str, Form()] = ""
    ) -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token)
        value = int(answer) if answer.strip().lstrip("-").isdigit() else None
        return _act(store, token, Transition.CAPTCHA, answer=value)

    @routes.post("/flow/{token}/start")
    async def start(token: str, csrf: FormToken = "") -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token)
        return _act(store, token, Transition.START)

    @routes.post("/flow/{token}/cancel")
    async def cancel(token: str, csrf: FormToken = "") -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token)
        return _act(store, token, Transition.CANCEL)

    @routes.post("/flow/{token}/step")
    async def step(
        token: str,
        step: Annotated[str, Form()],
        csrf: FormToken = "",
        outcome: Annotated[str, Form()] = "pass",
        photo: Annotated[UploadFile | None, File()] = None,
    ) -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token)
        try:
            current = Step(step)
        except ValueError:
            return pages.back(token, "That step is not known.")
        session = store.get(token)
        if session is None or session.next_step is not current:
            return _act(store, token, Transition.STEP, step=current, passed=outcome != "fail")
        # Off the event loop: even a bounded header can take a moment to parse.
        size = await run_in_threadpool(_photo_size, photo.file) if photo is not None else None
        return _act(
            store, token, Transition.STEP, step=current, passed=outcome != "fail", photo_size=size
        )

    return routes


def _act(store: SessionStore, token: str, action: Transition, **kwargs: object) -> Response:
    try:
        store.act(token, action, **kwargs)  # type: ignore[arg-type]
    except KeyError:
        return RedirectResponse(f"/flow/{token}", status_code=303)
    except InvalidAction as exc:
        return pages.back(token, str(exc))
    return RedirectResponse(f"/flow/{token}", status_code=303)


# Where a phone photo's size is found: JPEG's frame header comes after its EXIF (at most 64 KB)
# and a few other segments, well inside the first megabyte; PNG and WebP start with it.
PHOTO_HEADER_BYTES = 1024 * 1024
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")  # JPEG covers MPO (multi-picture) files too


def _photo_size(photo: BinaryIO) -> tuple[int, int] | None:
    """Width and height of the uploaded selfie, or None if it is empty or unreadable.

    Only the image's header is parsed (no decoding), from at most the upload's first
    ``PHOTO_HEADER_BYTES`` and only for the formats phones send: a 15 MB JPEG made of nothing but
    comment segments took Pillow 3 s of CPU to give up on, and other formats' parsers walk files
    as willingly.
    """
    from PIL import Image, UnidentifiedImageError

    head = io.BytesIO(photo.read(PHOTO_HEADER_BYTES))
    try:
        with Image.open(head, formats=PHOTO_FORMATS) as image:
            return image.size
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None


def _hidden(csrf: str) -> str:
    return f'<input type="hidden" name="{antiforgery.FIELD}" value="{html.escape(csrf)}">'


def _render(
    session: SandboxSession, problem: str | None, csrf: str
) -> tuple[str, str, str, str, int]:
    """Title, body HTML, tone, refresh header, HTTP status for the session's current state."""
    token = html.escape(session.token, quote=True)
    hidden = _hidden(csrf)
    status = session.status
    notice = f'<p class="notice" role="alert">{html.escape(problem)}.</p>' if problem else ""
    scripted = session.scenario is not None and not status.is_final
    refresh = '<meta http-equiv="refresh" content="1">' if scripted else ""
    if status is Status.DONE:
        body = _message("ok", "All done", "You can go back to the kiosk now.")
        if session.return_url:
            target = html.escape(session.return_url, quote=True)
            refresh = f'<meta http-equiv="refresh" content="3;url={target}">'
            body += f'<a class="button" href="{target}">Continue</a>'
        return "Done", body, "ok", refresh, 200
    if status is Status.FAILED:
        text = "Something went wrong while checking your face. Please start again at the kiosk."
        return "Not completed", _message("warn", "We could not finish", text), "bad", "", 200
    if status is Status.EXPIRED:
        text = "This link is no longer valid. Start again at the kiosk to get a new code."
        return "Link expired", _message("expired", "This link has expired", text), "bad", "", 200
    if status is Status.CANCELED:
        text = "Nothing was checked. You can start again at the kiosk."
        return "Canceled", _message("bad", "Verification canceled", text), "bad", "", 200
    if scripted:
        step = session.next_step
        doing = f"step: {step.value.lower()}" if step else _WAITING.get(status, status.value)
        text = (
            f"This session is run by the demo scenario “{session.scenario}” and moves on by "
            f"itself. Now: {doing}."
        )
        return "Demo running", _message("clock", "Demo in progress", text), "", refresh, 200
    if status is Status.CREATED and session.need_captcha:
        a, b = session.captcha
        body = (
            f"<h1>Quick check</h1>{notice}<p>To show you are a person, answer this:</p>"
            f'<form method="post" action="/flow/{token}/captcha">{hidden}'
            f'<label for="answer"><b>What is {a} + {b}?</b></label>'
            '<input id="answer" name="answer" type="number" inputmode="numeric" required>'
            "<button>Continue</button></form>"
        )
        return "Quick check", body + _cancel(token, hidden), "", "", 200
    if status in (Status.CREATED, Status.CAPTCHA_OK):
        items = "".join(f"<li>{_STEP_TEXT[s][1]}</li>" for s in session.steps)
        body = (
            f"<h1>Verify your face</h1>{notice}"
            "<p>This takes about a minute. You will:</p>"
            f'<ul class="plain">{items}</ul>'
            f'<form method="post" action="/flow/{token}/start">{hidden}'
            "<button>Start</button></form>"
        )
        return "Start", body + _cancel(token, hidden), "", "", 200
    return _step_page(session, token, notice, hidden)


def _step_page(
    session: SandboxSession, token: str, notice: str, hidden: str
) -> tuple[str, str, str, str, int]:
    scope = session.steps[session.step_index]
    step = Step.for_scope(scope)
    _, title, instruction = _STEP_TEXT[scope]
    # The selfie is taken once, at the first step that looks at the face.
    face_steps = [s for s in session.steps if s in (Scope.LIVENESS, Scope.DEEPFAKE)]
    photo = (
        f'<label class="file">{_CAMERA}<br><b>Open the camera</b>'
        '<input type="file" name="photo" accept="image/*" capture="user"></label>'
        if face_steps and scope is face_steps[0]
        else ""
    )
    choices = "".join(
        f'<label><input type="radio" name="outcome" value="{value}"'
        f"{' checked' if i == 0 else ''}> {label}</label>"
        for i, (value, label) in enumerate(_OUTCOMES[scope])
    )
    body = (
        f"<h1>{title}</h1>{notice}<p>{instruction}</p>"
        f'<form method="post" action="/flow/{token}/step" enctype="multipart/form-data">'
        f'<input type="hidden" name="step" value="{step.value}">{hidden}{photo}'
        f"<fieldset><legend>DEMO OPERATOR · choose the outcome</legend>{choices}</fieldset>"
        "<button>Continue</button></form>"
    )
    return title, body + _cancel(token, hidden), "", "", 200


def _cancel(token: str, hidden: str) -> str:
    return (
        f'<form method="post" action="/flow/{token}/cancel">{hidden}'
        '<button class="secondary">Cancel verification</button></form>'
    )


def _steps_bar(session: SandboxSession | None) -> str:
    if session is None or not session.steps:
        return ""
    items = []
    for i, scope in enumerate(session.steps):
        if session.status is Status.DONE or (
            session.status is Status.IN_PROGRESS and i < session.step_index
        ):
            css = "done"
        elif session.status is Status.IN_PROGRESS and i == session.step_index:
            css = "current"
        else:
            css = ""
        items.append(f'<li class="{css}">{_STEP_TEXT[scope][0]}</li>')
    return f'<ol class="steps" aria-label="Steps">{"".join(items)}</ol>'
