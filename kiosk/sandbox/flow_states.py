"""Which flow page shows a session's state: the start, each step (its instruction, the selfie,
the demo operator's choice of outcome), the captcha, a running scenario and each ending.

Pure: a session in, a page object (``pages.py``) out; the routes (``flow_routes.py``) render it.
With real face analysis (``real=True``) the selfie is taken at the first step whatever it is,
only liveness and deepfake offer a (simulated) choice, and the page says what is real.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from kiosk.core.models import Scope, Status, Step
from kiosk.sandbox import pages
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
from kiosk.sandbox.session import SandboxSession

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
