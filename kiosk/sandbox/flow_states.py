"""Which flow page shows a session's state: the start, each step (its instruction, the selfie,
the demo operator's choice of outcome), the captcha, a running scenario and each ending.

Pure: a session in, a page object (``pages.py``) out; the routes (``flow_routes.py``) render it.
With real face analysis (``real=True``) the selfie is taken at the first step whatever it is,
only liveness and deepfake offer a (simulated) choice, and the page says what is real.
Every word comes from the catalog of the page's language (``flow_i18n.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from kiosk.core.models import Scope, Status, Step
from kiosk.sandbox import flow_i18n, pages
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

# Each scope's strings are the catalogs' "scope.<scope>.label" (in the steps bar), ".title" and
# ".instruction"; its outcomes' are "outcome.<scope>.<value>".

# The demo operator's choice for each step, by value; the first is the passing one.
_OUTCOMES: dict[Scope, tuple[str, ...]] = {
    Scope.LIVENESS: ("pass", "fail"),
    Scope.DEEPFAKE: ("pass", "fail"),
    Scope.ENROLL: ("pass",),
    Scope.SEARCH: ("pass", "fail"),
}

# With real face analysis: the steps whose outcome the page still lets the person choose.
_SIMULATED = (Scope.LIVENESS, Scope.DEEPFAKE)


Text = Callable[..., str]
"""A catalog's ``text(key, **values)`` (``flow_i18n.Catalog.text``)."""


def page_for(
    session: SandboxSession,
    problem: str | None,
    csrf: str,
    *,
    real: bool = False,
    lang: str = flow_i18n.DEFAULT,
) -> pages.Page:
    """The page that shows the session's current state, in ``lang``; ``problem`` is the key of
    the problem the last action ran into (``pages.back``); ``real`` when selfies are analysed
    for real (the page then says what is real and what is simulated)."""
    t = flow_i18n.catalog(lang).text
    page = _page_for(session, pages.problem_text(problem, lang), csrf, real, t)
    return replace(page, lang=lang, sandbox_note=t("note.real") if real else None)


def _page_for(
    session: SandboxSession, problem: str | None, csrf: str, real: bool, t: Text
) -> pages.Page:
    status = session.status
    steps = _steps_bar(session, t)
    scripted = session.scenario is not None and not status.is_final
    if status is Status.DONE:
        link = Link(session.return_url, t("done.link")) if session.return_url else None
        return MessagePage(
            title=t("done.title"),
            tone="ok",
            refresh=Refresh(3, session.return_url) if session.return_url else None,
            steps=steps,
            icon="ok",
            heading=t("done.heading"),
            text=t("done.text"),
            link=link,
        )
    if status.is_final:
        failure = session.failure if status is Status.FAILED else None
        final = _FACE_FAILURES.get(failure) if failure is not None else None
        return (final or _FINAL[status]).page(steps, t)
    if scripted:
        return MessagePage(
            title=t("demo.title"),
            refresh=Refresh(1),
            steps=steps,
            icon="clock",
            heading=t("demo.heading"),
            text=t("demo.text", scenario=session.scenario, doing=_doing(session, t)),
        )
    form = FlowForm(session.token, csrf)
    if status is Status.CREATED and session.need_captcha:
        first, second = session.captcha
        return CaptchaPage(
            title=t("captcha.title"),
            steps=steps,
            form=form,
            first=first,
            second=second,
            problem=problem,
        )
    if status in (Status.CREATED, Status.CAPTCHA_OK):
        items = tuple(t(f"scope.{s.value}.title") for s in session.steps)
        return StartPage(
            title=t("start.title"), steps=steps, form=form, items=items, problem=problem
        )
    scope = session.steps[session.step_index]
    title = t(f"scope.{scope.value}.title")
    instruction = t(f"scope.{scope.value}.instruction")
    choices = tuple(Choice(v, t(f"outcome.{scope.value}.{v}")) for v in _OUTCOMES[scope])
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
            legend=t("step.legend.simulated"),
            photo=photo,
            photo_required=photo,
            note=t("step.real_note") if photo else None,
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
        legend=t("step.legend.demo"),
        photo=bool(face_steps) and scope is face_steps[0],
        problem=problem,
    )


def _doing(session: SandboxSession, t: Text) -> str:
    """What a scripted session is at, for the demo page."""
    step = session.next_step
    if step is not None and step.value.lower() in {s.value for s in Scope}:
        return t("demo.doing.step", step=t(f"scope.{step.value.lower()}.title"))
    if session.status is Status.CREATED:
        return t("demo.doing.created")
    if session.status is Status.CAPTCHA_OK:
        return t("demo.doing.captcha_ok")
    return t("demo.doing.other")


@dataclass(frozen=True)
class _Final:
    """A final status's page: its icon and the catalog keys "<key>.title", ".heading" and
    ".text"."""

    key: str
    icon: Icon

    def page(self, steps: tuple[StepMark, ...], t: Text) -> MessagePage:
        return MessagePage(
            title=t(f"{self.key}.title"),
            tone="bad",
            steps=steps,
            icon=self.icon,
            heading=t(f"{self.key}.heading"),
            text=t(f"{self.key}.text"),
        )


_FINAL = {
    Status.FAILED: _Final("final.failed", "warn"),
    Status.EXPIRED: _Final("final.expired", "expired"),
    Status.CANCELED: _Final("final.canceled", "bad"),
}


# A session that ended FAILED on its photo (real analysis, or the no_face/many_faces scenarios)
# says why, so the person knows what to do differently at the kiosk.
_FACE_FAILURES = {
    FaceError.NO_FACE: _Final("face.no_face", "warn"),
    FaceError.MANY_FACES: _Final("face.many_faces", "warn"),
    FaceError.CANNOT_DECODE: _Final("face.cannot_decode", "warn"),
}


def _steps_bar(session: SandboxSession, t: Text) -> tuple[StepMark, ...]:
    marks = []
    for i, scope in enumerate(session.steps):
        state: Literal["", "done", "current"] = ""
        if session.status is Status.DONE or (
            session.status is Status.IN_PROGRESS and i < session.step_index
        ):
            state = "done"
        elif session.status is Status.IN_PROGRESS and i == session.step_index:
            state = "current"
        marks.append(StepMark(t(f"scope.{scope.value}.label"), state))
    return tuple(marks)
