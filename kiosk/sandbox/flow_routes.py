"""The phone-side flow page behind each session's ``url``: ``/flow/<token>``.

Plain server-rendered HTML forms (no script, no build step, no external resources), so it works
on any phone browser over plain http. Each form posts an action and redirects back to the
page (post/redirect/get), so a reload never repeats an action. The token in the path is the
only credential, as with the vendor's page; each form also carries the session's anti-forgery
token (``antiforgery.py``). Requests reach these routes only through the gate (``gate.py``),
which has already refused unknown tokens, forged posts and bodies over the size limits.
Which page shows a session's state is ``flow_states.py``'s business.

With real face analysis (the ``faces`` extra, ``faces/``), the selfie is taken at the session's
first step whatever its scopes, is required, and is judged before the step is applied: no face
or several faces end the session FAILED with the Face API's error; otherwise the measured parts
go into the session. Liveness and deepfake stay the page's (simulated) choices and say so.

Each page is shown in the session's language (``flow_i18n.language_for``: the kiosk's
``metadata.language``, else the phone's ``Accept-Language``, else English). A problem goes back to
the page as a key of the catalogs' ``problem.*`` strings, never as text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, BinaryIO

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kiosk.core.models import Scope, Step
from kiosk.sandbox import antiforgery, flow_i18n, pages
from kiosk.sandbox.antiforgery import FormGuard
from kiosk.sandbox.flow_states import page_for
from kiosk.sandbox.session import InvalidAction, Transition
from kiosk.sandbox.store import SessionStore

if TYPE_CHECKING:
    from kiosk.sandbox.faces.service import FaceService

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
    async def page(token: str, request: Request, problem: str | None = None) -> Response:
        session = store.get(token)
        accept = request.headers.get("accept-language")
        if session is None:
            return pages.unknown_link(lang=flow_i18n.language_for(None, accept))
        lang = flow_i18n.language_for(session.metadata, accept)
        return pages.render(
            page_for(session, problem, forms.token_for(token), real=real, lang=lang)
        )

    @routes.post("/flow/{token}/captcha")
    async def captcha(
        token: str, request: Request, csrf: FormToken = "", answer: Annotated[str, Form()] = ""
    ) -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token, lang=_language(store, token, request))
        value = int(answer) if answer.strip().lstrip("-").isdigit() else None
        return _act(store, token, Transition.CAPTCHA, answer=value)

    @routes.post("/flow/{token}/start")
    async def start(token: str, request: Request, csrf: FormToken = "") -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token, lang=_language(store, token, request))
        if faces is not None:
            faces.warm_up()  # the selfie comes in a few seconds: have the models ready
        return _act(store, token, Transition.START)

    @routes.post("/flow/{token}/cancel")
    async def cancel(token: str, request: Request, csrf: FormToken = "") -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token, lang=_language(store, token, request))
        return _act(store, token, Transition.CANCEL)

    @routes.post("/flow/{token}/step")
    async def step(
        token: str,
        request: Request,
        step: Annotated[str, Form()],
        csrf: FormToken = "",
        outcome: Annotated[str, Form()] = "pass",
        photo: Annotated[UploadFile | None, File()] = None,
    ) -> Response:
        if not forms.valid(token, csrf):
            return pages.forbidden(token, lang=_language(store, token, request))
        try:
            current = Step(step)
        except ValueError:
            return pages.back(token, "unknown_step")
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
        return pages.back(token, "photo_first")
    try:
        finding = await faces.judge(photo, steps)
    except Busy:
        return pages.back(token, "busy")
    except AnalysisFailed:
        return pages.back(token, "unreadable")
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


def _language(store: SessionStore, token: str, request: Request) -> str:
    """The language of the session's pages (see the module's docstring)."""
    session = store.get(token)
    metadata = session.metadata if session is not None else None
    return flow_i18n.language_for(metadata, request.headers.get("accept-language"))


def _act(store: SessionStore, token: str, action: Transition, **kwargs: object) -> Response:
    try:
        store.act(token, action, **kwargs)  # type: ignore[arg-type]
    except KeyError:
        return RedirectResponse(f"/flow/{token}", status_code=303)
    except InvalidAction as exc:
        return pages.back(token, problem_of(exc))
    return RedirectResponse(f"/flow/{token}", status_code=303)


# The session's refusals (``session.py``, ``store.py``), as the catalogs' problem keys.
_PROBLEMS = {
    "that answer is not right": "wrong_answer",
    "no captcha is pending": "no_captcha",
    "the flow cannot start now": "cannot_start",
    "that step is not the current one": "not_current_step",
    "this session is driven by a demo scenario": "scripted",
}


def problem_of(refusal: InvalidAction) -> str:
    """The problem key that says ``refusal`` to the person, in any language."""
    message = str(refusal)
    if message.startswith("the session is already "):
        return "finished"
    return _PROBLEMS.get(message, "not_possible")


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
