"""Human names of the checks and steps, translatable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.core.models import Scope, Step


def _tr(text: str) -> str:
    return QCoreApplication.translate("names", text)


def scope_name(scope: Scope) -> str:
    """ "Liveness", "Deepfake", "Face match", "Enrolment"."""
    return {
        Scope.LIVENESS: _tr("Liveness"),
        Scope.DEEPFAKE: _tr("Deepfake"),
        Scope.SEARCH: _tr("Face match"),
        Scope.ENROLL: _tr("Enrolment"),
    }[scope]


def step_doing(step: Step) -> str:
    """What the person is doing at ``step``, to finish "Follow the steps on your phone: ..."."""
    return {
        Step.LIVENESS: _tr("liveness check"),
        Step.DEEPFAKE: _tr("genuine photo check"),
        Step.ENROLL: _tr("saving your face"),
        Step.SEARCH: _tr("face match"),
        Step.UNKNOWN: _tr("next step"),
    }[step]
