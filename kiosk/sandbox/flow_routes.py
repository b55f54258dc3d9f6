"""The phone-side flow page behind each session's ``url``: ``/flow/<token>``.

Plain server-rendered HTML forms (no script, no build step, no external resources), so it works
on any phone browser over plain http on a LAN. Each form posts an action and redirects back to
the page (post/redirect/get), so a reload never repeats an action. The token in the path is the
only credential, as with the vendor's page; each form also carries the session's anti-forgery
token (``antiforgery.py``). Requests reach these routes only through the gate (``gate.py``),
which has already refused unknown tokens, forged posts and bodies over the size limits.

With real face analysis (the ``faces`` extra, ``faces/``), the selfie is taken at the session's
first step whatever its scopes, is required, and is judged before the step is applied: no face
or several faces end the session FAILED with the Face API's error; otherwise the measured parts
go into the session. Liveness and deepfake stay the page's (simulated) choices and say so.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Annotated, BinaryIO, Literal

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
from kiosk.sandbox.results import FaceError
from kiosk.sandbox.session import InvalidAction, SandboxSession, Transition
from kiosk.sandbox.store import SessionStore

if TYPE_CHECKING:
    from kiosk.sandbox.faces.service import FaceService

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


# With real face analysis: the steps whose outcome the page still lets the person choose.
_SIMULATED = (Scope.LIVENESS, Scope.DEEPFAKE)
SIMULATED_LEGEND = "SIMULATED · choose the outcome"
REAL_NOTE = (
    "Your photo is checked on this computer: it must show one face, which is measured and "
    "matched for real (liveness and deepfake are simulated: no spoof check is made). Checking "
    "takes a few seconds after Continue."
)
REAL_FOOTER = "faces are really analysed here; liveness and deepfake are simulated"

FormToken = Annotated[str, Form(alias=antiforgery.FIELD)]


def router(store: SessionStore, forms: FormGuard, faces: FaceService | None = None) -> APIRouter:
    """Routes of the flow page, bound to ``store``; ``forms`` signs and checks the forms;
    ``faces`` analyses selfies for real (None: the outcomes are all simulated)."""
    routes = APIRouter(include_in_schema=False)
    real = faces is not None

    @routes.get("/static/flow.css")
    async def stylesheet() -> Response:
        return pages.stylesheet()

    @routes.get("/flow/{token}", response_class=HTMLResponse)
    async def page(token: str, problem: str | None = None) -> Response:
        session = store.get(token)
        if session is None:
            return pages.unknown_link()
        return pages.render(page_for(session, problem, forms.token_for(token), real=real))

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
        if faces is not None:
            faces.warm_up()  # the selfie comes in a few seconds: have the models ready
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
        if faces is not None and session.step_index == 0:
            data = await photo.read() if photo is not None else b""
            return await _judged_step(
                store, faces, token, current, outcome != "fail", data, session.steps
            )
        # Off the event loop: even a bounded header can take a moment to parse.
        size = await run_in_threadpool(_photo_size, photo.file) if photo is not None else None
        return _act(
            store, token, Transition.STEP, step=current, passed=outcome != "fail", photo_size=size
        )

    return routes


async def _judged_step(
    store: SessionStore,
    faces: FaceService,
    token: str,
    step: Step,
    passed: bool,
    photo: bytes,
    steps: Sequence[Scope],
) -> Response:
    """The photo step with real analysis: judge the selfie (in the analysis worker, so the
    server goes on answering meanwhile), then apply the step with what was found."""
    from kiosk.sandbox.faces.service import AnalysisFailed, Busy

    if not photo:
        return pages.back(token, "Take your photo first: open the camera, then press Continue")
    try:
        finding = await faces.judge(photo, steps)
    except Busy:
        return pages.back(token, "Many photos are being checked right now; take it again shortly")
    except AnalysisFailed:
        return pages.back(token, "Your photo could not be checked; please take it again")
    return _act(
        store,
        token,
        Transition.STEP,
        step=step,
        passed=passed,
        photo_size=finding.size,
        failure=finding.failure,
        face=finding,
    )


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


def page_for(
    session: SandboxSession, problem: str | None, csrf: str, *, real: bool = False
) -> pages.Page:
    """The page that shows the session's current state; ``real`` when selfies are analysed for
    real (the page then says what is real and what is simulated)."""
    page = _page_for(session, problem, csrf, real)
    return replace(page, sandbox_note=REAL_FOOTER) if real else page


def _page_for(session: SandboxSession, problem: str | None, csrf: str, real: bool) -> pages.Page:
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
        failure = session.failure if status is Status.FAILED else None
        final = _FACE_FAILURES.get(failure) if failure is not None else None
        return (final or _FINAL[status]).with_steps(steps)
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
    choices = tuple(Choice(value, label) for value, label in _OUTCOMES[scope])
    if real:
        # The selfie is taken at the first step, whatever it is: every scope looks at the face.
        photo = session.step_index == 0
        return StepPage(
            title=title,
            steps=steps,
            form=form,
            heading=title,
            instruction=instruction,
            step=Step.for_scope(scope).value,
            choices=choices if scope in _SIMULATED else (),
            legend=SIMULATED_LEGEND,
            photo=photo,
            photo_required=photo,
            note=REAL_NOTE if photo else None,
            problem=problem,
        )
    # The selfie is taken once, at the first step that looks at the face.
    face_steps = [s for s in session.steps if s in (Scope.LIVENESS, Scope.DEEPFAKE)]
    return StepPage(
        title=title,
        steps=steps,
        form=form,
        heading=title,
        instruction=instruction,
        step=Step.for_scope(scope).value,
        choices=choices,
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


# A session that ended FAILED on its photo (real analysis, or the no_face/many_faces scenarios)
# says why, so the person knows what to do differently at the kiosk.
_FACE_FAILURES = {
    FaceError.NO_FACE: _Final(
        "No face found",
        "warn",
        "We could not find a face",
        "No face was found in your photo. Start again at the kiosk and take the selfie facing "
        "the camera, in good light.",
    ),
    FaceError.MANY_FACES: _Final(
        "More than one face",
        "warn",
        "More than one face",
        "There was more than one face in your photo. Start again at the kiosk and take the "
        "selfie alone.",
    ),
    FaceError.CANNOT_DECODE: _Final(
        "Photo not readable",
        "warn",
        "We could not read your photo",
        "Your photo could not be opened. Start again at the kiosk and take a new one.",
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
