"""The sandbox's scripted outcomes, by name: the one list the kiosk, ``kiosk verify`` and the
soak script use (the sandbox's own ``Scenario`` enum holds the same names; a test keeps them in
step, since core may not import the sandbox).
"""

from __future__ import annotations

from kiosk.core.rules import split_names

SCENARIOS = (
    "pass",
    "fail_liveness",
    "fail_deepfake",
    "no_match",
    "fail",
    "expire",
    "cancel",
    "no_face",  # FAILED with the Face API's error answer, code 5 "can not detect face"
    "many_faces",  # FAILED with code 6, more than one face
)
# What ``--demo`` plays when it names none: mostly passes, each failure once.
DEMO_ROTATION = ("pass", "fail_liveness", "pass", "no_match", "pass", "fail_deepfake", "expire")


def demo_scenarios(text: str) -> tuple[str, ...]:
    """The scenario names of ``--demo``, checked; none named means :data:`DEMO_ROTATION`.

    Raises:
        ValueError: an unknown name; the message lists the known ones.
    """
    names = tuple(split_names(text)) or DEMO_ROTATION
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        raise ValueError(
            f"unknown --demo scenario {', '.join(unknown)}; use {', '.join(SCENARIOS)}."
        )
    return names
