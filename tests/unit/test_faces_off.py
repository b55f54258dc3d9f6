"""Without the ``faces`` extra the sandbox works as before and says that analysis is off.

These tests hide dlib from the import system, so they run (and mean the same) whether or not
the extra is installed.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.models import Status
from kiosk.sandbox import faces
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, make_config


@pytest.fixture
def without_dlib(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name == "dlib" else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


@pytest.mark.usefixtures("without_dlib")
def test_the_reason_names_the_extra_and_how_to_install_it() -> None:
    reason = faces.unavailable_reason()
    assert reason is not None
    assert "'faces' extra is not installed" in reason and "pip install '.[faces]'" in reason
    assert faces.status_line(None).startswith("off (the 'faces' extra is not installed")


@pytest.mark.usefixtures("without_dlib")
def test_analysis_is_off_by_default_and_refused_when_required(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk.sandbox.faces"):
        assert faces.start_service(None, tmp_path / "t.json") is None
    assert "face analysis: off (the 'faces' extra is not installed" in caplog.text
    with pytest.raises(RuntimeError, match="face analysis was asked for"):
        faces.start_service(True, tmp_path / "t.json")
    assert not (tmp_path / "t.json").exists()


def test_analysis_can_be_turned_off_when_installed(tmp_path: Path) -> None:
    assert faces.start_service(False, tmp_path / "t.json") is None
    assert faces.status_line(None) in {"off (turned off)", f"off ({faces.unavailable_reason()})"}


@pytest.fixture
def auto_sandbox(without_dlib: None, tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox left to decide by itself (face_analysis None) on a machine without dlib."""
    config = make_config(face_analysis=None, face_templates=tmp_path / "templates.json")
    with SandboxServer(config) as server:
        yield server


def test_without_the_extra_a_blank_selfie_completes_as_before(
    auto_sandbox: SandboxServer,
) -> None:
    assert auto_sandbox.app.state.faces is None
    with (
        VerificationClient(auto_sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api,
        httpx.Client(base_url=auto_sandbox.local_url, follow_redirects=True) as phone,
    ):
        session = api.create_session(["liveness", "search"])
        page = "/" + session.url.split("/", 3)[3]
        html = phone.get(page).text
        assert "Sandbox server · demo outcomes only" in html
        match = re.search(r'name="csrf" value="([^"]+)"', html)
        assert match is not None
        csrf = match.group(1)
        step = phone.post(f"{page}/start", data={"csrf": csrf}).text
        assert "DEMO OPERATOR · choose the outcome" in step and " required" not in step
        blank = io.BytesIO()
        Image.new("RGB", (600, 800), (200, 180, 160)).save(blank, "JPEG")
        photo = {"photo": ("selfie.jpg", blank.getvalue(), "image/jpeg")}
        phone.post(f"{page}/step", data={"step": "LIVENESS", "csrf": csrf}, files=photo)
        done = phone.post(f"{page}/step", data={"step": "SEARCH", "csrf": csrf}).text
        assert "All done" in done
        status = api.get_status(session.token)
    assert status.status is Status.DONE
    assert status.result is not None
    assert "sandbox" not in status.result.raw and "demography" in status.result.raw
    assert not (auto_sandbox.config.face_templates or Path("/nonexistent")).exists()
