"""Real face analysis for the sandbox's phone flow (the optional ``faces`` extra).

With ``pip install '.[faces]'`` the selfie taken on the flow page is analysed on this computer,
on the CPU, with dlib's HOG face detector, its 5-point landmark model and its ResNet face
recognition model (the files come from the ``face-recognition-models`` package; nothing is
downloaded at run time). What becomes real: no face (Face API error 5), more than one face
(error 6), the face box and landmarks, quality items computed from the image, enrolment into a
template store that survives restarts, and 1:N search against it. Liveness and deepfake stay
simulated (the page's choices or the scenario) and the result says so.

Modules: ``models`` (where the model files are), ``photo`` (decoding an upload safely),
``analysis`` and ``quality`` (what the models and the pixels say), ``templates`` (the template
store and the distance-to-similarity mapping), ``worker`` (the process that runs the models)
and ``service`` (what the flow page calls). This module only checks whether the extra is
installed: it imports none of it, so the sandbox starts as fast without the extra as before.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.sandbox.faces.models import missing_models

if TYPE_CHECKING:
    from kiosk.sandbox.faces.service import FaceService

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install '.[faces]' (or 'verification-kiosk[faces]')"


def unavailable_reason() -> str | None:
    """Why real face analysis cannot run here, or None when the extra is installed."""
    for module in ("dlib", "numpy"):
        if importlib.util.find_spec(module) is None:
            return f"the 'faces' extra is not installed (no {module}); {INSTALL_HINT}"
    missing = missing_models()
    if missing:
        return f"the face model files are missing ({', '.join(missing)}); {INSTALL_HINT}"
    return None


TEMPLATES_FILE = "sandbox-face-templates.json"


def default_templates_path() -> Path:
    """Where the sandbox keeps enrolled templates unless told otherwise: the kiosk's data
    folder (``$KIOSK_HOME/data`` when set)."""
    from kiosk import paths

    return paths.data_dir() / TEMPLATES_FILE


def start_service(
    enabled: bool | None, templates: Path | None = None, workers: int = 1
) -> FaceService | None:
    """The face analysis a sandbox runs with, or None when it is off; logs which, and why.

    Args:
        enabled: None for "on when the extra is installed", True to require it, False for off.
        templates: the template file (default :func:`default_templates_path`).
        workers: analysis processes.

    Raises:
        RuntimeError: ``enabled`` is True but the extra is not installed.
    """
    if enabled is False:
        log.info("face analysis: off (turned off); the flow page's outcomes are simulated")
        return None
    reason = unavailable_reason()
    if reason is not None:
        if enabled:
            raise RuntimeError(f"face analysis was asked for, but {reason}")
        log.info("face analysis: off (%s); the flow page's outcomes are simulated", reason)
        return None
    from kiosk.sandbox.faces.service import FaceService
    from kiosk.sandbox.faces.templates import TemplateStore

    store = TemplateStore(templates or default_templates_path())
    log.info("face analysis: on (dlib on the CPU); %d template(s) enrolled", len(store))
    return FaceService(store, workers=workers)


def status_line(service: FaceService | None) -> str:
    """One line for the sandbox's banner: whether selfies are really analysed."""
    if service is not None:
        return (
            f"on: selfies are analysed on this computer; {len(service.templates)} template(s) "
            f"in {service.templates.path}"
        )
    reason = unavailable_reason()
    return f"off ({reason})" if reason else "off (turned off)"
