"""What a selfie's analysis contributes to its session (plain data: no numpy, no dlib).

A session holds its :class:`FaceFinding` in memory until the store forgets the session; the
store merges it into the result when the session ends DONE (:meth:`FaceFinding.apply_to`), and
the enrolment it carries is stored only then, so a person who cancels is never enrolled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.sandbox.results import FaceError

SIMULATED_CHECKS = ("liveness", "deepfake")
"""Result parts that stay simulated with real analysis: nothing here detects a spoof."""


@dataclass(frozen=True)
class FaceFinding:
    """The analysis of one session's selfie.

    Attributes:
        size: the upright photo's width and height, when it could be decoded.
        failure: the Face API error the session ends FAILED with (no face, several faces, an
            undecodable photo), or None when one face was found.
        parts: the result parts measured on the photo (``box``, ``landmarks``, ``quality``,
            ``search``, ``enroll``) and the ``sandbox`` note saying what is real.
        enrol: the template to store if the session ends DONE: its id and descriptor.
    """

    size: tuple[int, int] | None = None
    failure: FaceError | None = None
    parts: Mapping[str, Any] = field(default_factory=dict)
    enrol: tuple[str, bytes] | None = field(default=None, repr=False)

    def apply_to(self, result: dict[str, Any]) -> None:
        """Replace the simulated parts of a DONE session's ``result`` with the measured ones.

        ``demography`` is dropped (nothing here estimates age, gender or origin, and a made-up
        one about a real photo would mislead); liveness and deepfake stay as the page chose
        them, each marked ``"simulated": true``.
        """
        result.pop("demography", None)
        result.update(self.parts)
        for name in SIMULATED_CHECKS:
            check = result.get(name)
            if isinstance(check, dict):
                check["simulated"] = True
