"""The language the visitor picked reaches the phone page: the session's metadata carries it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.backend import Backend
from kiosk.config import KioskConfig
from kiosk.core.credentials import Credentials
from kiosk.core.settings import DEFAULTS
from kiosk.sessions import runner_factory


class _Starter:
    def get(self) -> tuple[Backend, Any]:
        backend = Backend("http://127.0.0.1:1", Credentials("id", "key"), [], lambda: None)
        return backend, object()


def _metadata(language: Any = None, setting: str = "fr") -> dict[str, Any]:
    settings = replace(DEFAULTS, language=setting, metadata={"branch": "north"})
    make = runner_factory(
        _Starter(),  # type: ignore[arg-type]
        KioskConfig(settings, Path("unused")),
        language=language,
    )
    return dict(make()._create_args["metadata"])


def test_the_session_says_the_language_the_visitor_picked() -> None:
    picked = ["ar"]
    assert _metadata(lambda: picked[0]) == {
        "kiosk": _metadata()["kiosk"],
        "branch": "north",
        "language": "ar",
    }
    picked[0] = "de"  # read when each session is created, not when the kiosk starts
    assert _metadata(lambda: picked[0])["language"] == "de"


def test_without_a_choice_the_session_says_the_configured_language() -> None:
    assert _metadata(setting="es")["language"] == "es"
