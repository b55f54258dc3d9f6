"""The phone-side flow page behind each session's ``url``: ``/flow/<token>``.

Plain server-rendered HTML forms (no script, no build step, no external resources), so it works
on any phone browser over plain http on a LAN. Each form posts an action and redirects back to
the page (post/redirect/get), so a reload never repeats an action. The token in the path is the
only credential, as with the vendor's page; each form also carries the session's anti-forgery
token (``antiforgery.py``). Requests reach these routes only through the gate (``gate.py``),
which has already refused unknown tokens, forged posts and bodies over the size limits.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Annotated, BinaryIO, Literal

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kiosk.core.models import Scope, Status, Step
from kiosk.sandbox import antiforgery, pages
from kiosk.sandbox.antiforgery import FormGuard
from kiosk.sandbox.pages import (
    CaptchaPage,
    Choice,
    FlowForm,
    Icon,
    Link,
    MessagePage,
    Refresh,
    StartPage,
    StepMark,
    StepPage,
)
from kiosk.sandbox.session import InvalidAction, SandboxSession, Transition
from kiosk.sandbox.store import SessionStore

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
        return pages.render(page_for(session, problem, forms.token_for(token)))

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


def page_for(session: SandboxSession, problem: str | None, csrf: str) -> pages.Page:
    """The page that shows the session's current state."""
    status = session.status
    steps = _steps_bar(session)
    scripted = session.scenario is not None and not status.is_final
    if status is Status.DONE:
        link = Link(session.return_url, "Continue") if session.return_url else None
        return MessagePage(
            title="Done",
            tone="ok",
            refresh=Refresh(3, session.return_url) if session.return_url else None,
            steps=steps,
            icon="ok",
            heading="All done",
            text="You can go back to the kiosk now.",
            link=link,
        )
    if status.is_final:
        return _FINAL[status].with_steps(steps)
    if scripted:
        step = session.next_step
        doing = f"step: {step.value.lower()}" if step else _WAITING.get(status, status.value)
        return MessagePage(
            title="Demo running",
            refresh=Refresh(1),
            steps=steps,
            icon="clock",
            heading="Demo in progress",
            text=f"This session is run by the demo scenario “{session.scenario}” and moves on "
            f"by itself. Now: {doing}.",
        )
    form = FlowForm(session.token, csrf)
    if status is Status.CREATED and session.need_captcha:
        first, second = session.captcha
        return CaptchaPage(
            title="Quick check", steps=steps, form=form, first=first, second=second, problem=problem
        )
    if status in (Status.CREATED, Status.CAPTCHA_OK):
        items = tuple(_STEP_TEXT[s][1] for s in session.steps)
        return StartPage(title="Start", steps=steps, form=form, items=items, problem=problem)
    scope = session.steps[session.step_index]
    _, title, instruction = _STEP_TEXT[scope]
    # The selfie is taken once, at the first step that looks at the face.
    face_steps = [s for s in session.steps if s in (Scope.LIVENESS, Scope.DEEPFAKE)]
    return StepPage(
        title=title,
        steps=steps,
        form=form,
        heading=title,
        instruction=instruction,
        step=Step.for_scope(scope).value,
        choices=tuple(Choice(value, label) for value, label in _OUTCOMES[scope]),
        photo=bool(face_steps) and scope is face_steps[0],
        problem=problem,
    )


@dataclass(frozen=True)
class _Final:
    """A final status's page, less the steps bar (which depends on the session)."""

    title: str
    icon: Icon
    heading: str
    text: str

    def with_steps(self, steps: tuple[StepMark, ...]) -> MessagePage:
        return MessagePage(
            title=self.title,
            tone="bad",
            steps=steps,
            icon=self.icon,
            heading=self.heading,
            text=self.text,
        )


_FINAL = {
    Status.FAILED: _Final(
        "Not completed",
        "warn",
        "We could not finish",
        "Something went wrong while checking your face. Please start again at the kiosk.",
    ),
    Status.EXPIRED: _Final(
        "Link expired",
        "expired",
        "This link has expired",
        "This link is no longer valid. Start again at the kiosk to get a new code.",
    ),
    Status.CANCELED: _Final(
        "Canceled",
        "bad",
        "Verification canceled",
        "Nothing was checked. You can start again at the kiosk.",
    ),
}


def _steps_bar(session: SandboxSession) -> tuple[StepMark, ...]:
    marks = []
    for i, scope in enumerate(session.steps):
        state: Literal["", "done", "current"] = ""
        if session.status is Status.DONE or (
            session.status is Status.IN_PROGRESS and i < session.step_index
        ):
            state = "done"
        elif session.status is Status.IN_PROGRESS and i == session.step_index:
            state = "current"
        marks.append(StepMark(_STEP_TEXT[scope][0], state))
    return tuple(marks)
