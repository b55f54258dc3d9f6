"""Human names of the checks and steps, translatable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.core.models import Scope, Step


def scope_name(scope: Scope) -> str:
    """ "Liveness", "Deepfake", "Face match", "Enrolment"."""
    return {
        Scope.LIVENESS: QCoreApplication.translate("names", "Liveness"),
        Scope.DEEPFAKE: QCoreApplication.translate("names", "Deepfake"),
        Scope.SEARCH: QCoreApplication.translate("names", "Face match"),
        Scope.ENROLL: QCoreApplication.translate("names", "Enrolment"),
    }[scope]


def step_doing(step: Step) -> str:
    """What the person is doing at ``step``, to finish "Follow the steps on your phone: ..."."""
    return {
        Step.LIVENESS: QCoreApplication.translate("names", "liveness check"),
        Step.DEEPFAKE: QCoreApplication.translate("names", "genuine photo check"),
        Step.ENROLL: QCoreApplication.translate("names", "saving your face"),
        Step.SEARCH: QCoreApplication.translate("names", "face match"),
        Step.UNKNOWN: QCoreApplication.translate("names", "next step"),
    }[step]
