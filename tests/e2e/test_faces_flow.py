"""Real face analysis through the real flow page over HTTP, as a phone's browser sends it:
enrol a person, then search for them (after a restart), a stranger, no face, two faces."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.models import SessionStatus, Status, Step
from kiosk.core.verdict import Thresholds, decide
from kiosk.sandbox import flow_i18n
from kiosk.sandbox.process import running_sandbox
from kiosk.sandbox.schemas import ErrorResult, Result, StatusResponse
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, AUTH, make_config
from tests.support.faces import (
    astronaut,
    coffee,
    edited,
    grace_hopper,
    jpeg,
    needs_faces,
    side_by_side,
)

pytestmark = [pytest.mark.e2e, needs_faces]

MATCH = Thresholds().min_similarity

# The English page's strings (resources/flow/i18n/en.json) these tests look for.
_EN = flow_i18n.catalog("en").text
REAL_FOOTER, REAL_NOTE = _EN("note.real"), _EN("step.real_note")
SIMULATED_LEGEND = _EN("step.legend.simulated")


def real_sandbox(templates: Path) -> SandboxServer:
    return SandboxServer(make_config(face_analysis=True, face_templates=templates))


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("faces") / "templates.json"


@pytest.fixture(scope="module")
def sandbox(templates: Path) -> Iterator[SandboxServer]:
    """One sandbox with real analysis for the module (its worker loads the models once)."""
    with real_sandbox(templates) as server:
        yield server


@pytest.fixture(scope="module")
def client(sandbox: SandboxServer) -> Iterator[VerificationClient]:
    with VerificationClient(sandbox.local_url, Credentials(APP_ID, APP_KEY)) as api:
        yield api


class Phone:
    """The person's browser on one session's flow page (plain form posts, as the page sends)."""

    def __init__(self, server: SandboxServer, url: str) -> None:
        self.page = "/" + url.split("/", 3)[3]
        self.http = httpx.Client(base_url=server.local_url, follow_redirects=True, timeout=60)
        match = re.search(r'name="csrf" value="([^"]+)"', self.http.get(self.page).text)
        assert match is not None
        self.csrf = match.group(1)

    def start(self) -> str:
        return self.http.post(f"{self.page}/start", data={"csrf": self.csrf}).text

    def step(self, step: str, photo: bytes | None = None, outcome: str = "pass") -> str:
        files = {"photo": ("selfie.jpg", photo, "image/jpeg")} if photo is not None else None
        data = {"step": step, "outcome": outcome, "csrf": self.csrf}
        return self.http.post(f"{self.page}/step", data=data, files=files).text

    def cancel(self) -> str:
        return self.http.post(f"{self.page}/cancel", data={"csrf": self.csrf}).text

    def close(self) -> None:
        self.http.close()


def verify(
    server: SandboxServer, api: VerificationClient, scopes: list[str], photo: bytes
) -> tuple[SessionStatus, str, str]:
    """One person's whole flow: Start, the selfie at the first step, Continue through the
    rest. Returns the final status, the last page's HTML and the session's token."""
    session = api.create_session(scopes)
    phone = Phone(server, session.url)
    try:
        phone.start()
        status = api.get_status(session.token)
        assert status.next_step is not None
        page = phone.step(status.next_step.value, photo)
        status = api.get_status(session.token)
        while status.next_step is not None:
            page = phone.step(status.next_step.value)
            status = api.get_status(session.token)
    finally:
        phone.close()
    return status, page, session.token


def result_of(status: SessionStatus) -> dict[str, Any]:
    assert status.result is not None
    return dict(status.result.raw)


def test_enrol_on_the_phone_then_the_same_person_matches_after_a_restart(tmp_path: Path) -> None:
    templates = tmp_path / "templates.json"
    with (
        real_sandbox(templates) as first,
        VerificationClient(first.local_url, Credentials(APP_ID, APP_KEY)) as api,
    ):
        status, page, _ = verify(first, api, ["enroll"], jpeg(grace_hopper()))
    assert status.status is Status.DONE, page
    enrolled = result_of(status)["enroll"]["templateId"]
    assert templates.is_file()
    with (
        real_sandbox(templates) as second,
        VerificationClient(second.local_url, Credentials(APP_ID, APP_KEY)) as api,
    ):
        status, _, _ = verify(second, api, ["liveness", "search"], jpeg(edited(grace_hopper())))
    result = result_of(status)
    assert result["search"]["templateId"] == enrolled
    assert result["search"]["similarity"] >= MATCH
    verdict = decide(status, ["liveness", "search"])
    assert verdict.passed, verdict.reasons


def test_a_different_person_finds_no_match(
    sandbox: SandboxServer, client: VerificationClient
) -> None:
    status, _, _ = verify(sandbox, client, ["enroll"], jpeg(grace_hopper()))
    assert status.status is Status.DONE
    status, _, _ = verify(sandbox, client, ["search"], jpeg(astronaut()))
    result = result_of(status)
    assert result["search"]["similarity"] < MATCH
    verdict = decide(status, ["search"])
    assert not verdict.passed
    assert any("below the threshold" in reason for reason in verdict.reasons)


def test_nobody_is_enrolled_by_a_session_that_did_not_end_done(tmp_path: Path) -> None:
    """A person who cancels after the selfie was analysed is not enrolled (its template waits
    with the session until it ends DONE), and with nothing enrolled a search matches nothing."""
    with (
        real_sandbox(tmp_path / "templates.json") as server,
        VerificationClient(server.local_url, Credentials(APP_ID, APP_KEY)) as api,
    ):
        session = api.create_session(["liveness", "enroll"])
        phone = Phone(server, session.url)
        try:
            phone.start()
            phone.step("LIVENESS", jpeg(grace_hopper()))
            assert api.get_status(session.token).next_step is Step.ENROLL  # analysed, waiting
            phone.cancel()
        finally:
            phone.close()
        assert api.get_status(session.token).status is Status.CANCELED
        status, _, _ = verify(server, api, ["search"], jpeg(grace_hopper()))
    assert result_of(status)["search"] == {"similarity": 0.0, "templateId": None}
    assert not decide(status, ["search"]).passed


def test_the_result_says_what_is_measured_and_what_is_simulated(
    sandbox: SandboxServer, client: VerificationClient
) -> None:
    status, _, token = verify(sandbox, client, ["liveness", "deepfake"], jpeg(grace_hopper()))
    result = result_of(status)
    assert result["sandbox"]["simulated"] == ["liveness", "deepfake"]
    assert "nothing here detects a spoof" in result["sandbox"]["faceAnalysis"]
    assert result["liveness"]["simulated"] is True and result["deepfake"]["simulated"] is True
    assert "demography" not in result  # nothing here estimates it from a real photo
    width, height = grace_hopper().size
    box = result["box"]
    assert 0 <= box["x"] < box["x"] + box["w"] <= width
    assert 0 <= box["y"] < box["y"] + box["h"] <= height
    assert len(result["landmarks"]) == 5
    assert result["quality"]["exposure"]["fine"] is True
    assert decide(status, ["liveness", "deepfake"]).passed
    published = StatusResponse.model_validate(raw_status(sandbox, token))
    assert isinstance(published.result, Result)  # the published schema describes it


def raw_status(sandbox: SandboxServer, token: str) -> dict[str, Any]:
    path = f"/api/v1.0/flow/sessions/{token}"
    body: dict[str, Any] = httpx.get(sandbox.local_url + path, headers=AUTH).json()
    return body


@pytest.mark.parametrize(
    ("photo", "code", "info", "heading"),
    [
        (lambda: jpeg(coffee()), 5, "can not detect face", "We could not find a face"),
        (
            lambda: jpeg(side_by_side(grace_hopper(), astronaut())),
            6,
            "more than one face detected",
            "More than one face",
        ),
        (
            lambda: jpeg(grace_hopper())[:5000],  # cut short, as a dropped upload would be
            4,
            "can not decode photo",
            "We could not read your photo",
        ),
    ],
    ids=["no-face", "two-faces", "truncated"],
)
def test_a_photo_that_cannot_be_judged_fails_with_the_face_apis_error(
    sandbox: SandboxServer,
    client: VerificationClient,
    photo: Any,
    code: int,
    info: str,
    heading: str,
) -> None:
    session = client.create_session(["liveness", "search"])
    phone = Phone(sandbox, session.url)
    try:
        phone.start()
        page = phone.step("LIVENESS", photo())
    finally:
        phone.close()
    assert heading in page
    body = raw_status(sandbox, session.token)
    assert body["status"] == "FAILED"
    assert body["result"] == {"status": "error", "code": code, "info": info}
    assert isinstance(StatusResponse.model_validate(body).result, ErrorResult)
    assert not decide(client.get_status(session.token), ["liveness", "search"]).passed


def test_the_photo_step_asks_for_the_photo_and_says_what_is_real(
    sandbox: SandboxServer, client: VerificationClient
) -> None:
    session = client.create_session(["enroll", "search"])
    phone = Phone(sandbox, session.url)
    try:
        page = phone.start()
        assert 'capture="user" required' in page  # every scope needs the face: first step
        assert REAL_NOTE in page and REAL_FOOTER in page
        assert "<fieldset>" not in page  # enrolment and search are real: nothing to choose
        again = phone.step("ENROLL")  # Continue without a photo
        assert "Take your photo first" in again
        assert client.get_status(session.token).next_step is Step.ENROLL
    finally:
        phone.close()
    session = client.create_session(["liveness"])
    phone = Phone(sandbox, session.url)
    try:
        assert SIMULATED_LEGEND in phone.start()
    finally:
        phone.close()


def test_status_reads_stay_fast_while_photos_are_analysed(
    sandbox: SandboxServer, client: VerificationClient
) -> None:
    """Four 12-megapixel selfies at once (about 0.35 s of analysis each, one at a time in the
    worker) while the kiosk polls: no poll waits for an analysis."""
    big = grace_hopper().resize((3024, 3543))
    photo = jpeg(big, quality=85)
    sessions = [client.create_session(["liveness"]) for _ in range(4)]
    phones = [Phone(sandbox, s.url) for s in sessions]
    for phone in phones:
        phone.start()
    uploads = [threading.Thread(target=p.step, args=("LIVENESS", photo)) for p in phones]
    latencies: list[float] = []
    try:
        for upload in uploads:
            upload.start()
        with httpx.Client(base_url=sandbox.local_url, headers=AUTH, timeout=10) as kiosk:
            path = f"/api/v1.0/flow/sessions/{sessions[0].token}"
            while any(upload.is_alive() for upload in uploads):
                started = time.perf_counter()
                assert kiosk.get(path).status_code == 200
                latencies.append(time.perf_counter() - started)
                time.sleep(0.01)
    finally:
        for upload in uploads:
            upload.join(60)
        for phone in phones:
            phone.close()
    assert all(client.get_status(s.token).status is Status.DONE for s in sessions)
    assert len(latencies) >= 20  # the uploads took a while, and the polls went on meanwhile
    assert max(latencies) < 0.25, f"slowest status read {max(latencies) * 1000:.0f} ms"


def test_the_standalone_sandbox_says_whether_it_analyses_faces(tmp_path: Path) -> None:
    env = {"KIOSK_HOME": str(tmp_path)}
    with running_sandbox(APP_ID, APP_KEY, env=env) as on:
        assert any("Face analysis: on" in line for line in on.banner)
    with running_sandbox(APP_ID, APP_KEY, ["--no-face-analysis"], env=env) as off:
        assert any("Face analysis: off" in line for line in off.banner)


def kiosk_verify(home: Path, scopes: str, photo: bytes) -> tuple[int, str]:
    """``kiosk verify`` on its embedded sandbox (real analysis: the extra is installed) while
    a phone completes the link it prints. Returns the exit code and what it printed."""
    command = [sys.executable, "-m", "kiosk", "verify", "--scopes", scopes, "--no-qr"]
    command += ["--poll-interval", "0.2", "--timeout", "120"]
    env = {**os.environ, "KIOSK_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        printed = []
        for line in process.stdout:
            printed.append(line)
            if line.startswith("Open on the phone: "):
                complete(line.split(": ", 1)[1].strip(), photo)
                break
        printed.append(process.stdout.read())
        return process.wait(30), "".join(printed)


def complete(url: str, photo: bytes) -> None:
    """The phone: Start, the selfie at the first step, Continue through the rest."""
    with httpx.Client(follow_redirects=True, timeout=60) as phone:
        page = phone.get(url).text
        match = re.search(r'name="csrf" value="([^"]+)"', page)
        assert match is not None
        csrf = match.group(1)
        page = phone.post(f"{url}/start", data={"csrf": csrf}).text
        files: dict[str, Any] | None = {"photo": ("selfie.jpg", photo, "image/jpeg")}
        while step := re.search(r'name="step" value="(\w+)"', page):
            data = {"step": step.group(1), "csrf": csrf}
            page = phone.post(f"{url}/step", data=data, files=files).text
            files = None


def test_the_demo_enrol_on_the_phone_then_verify_at_the_kiosk(tmp_path: Path) -> None:
    """README's demo: `kiosk verify --scopes enroll`, then a kiosk verifying liveness,search
    (both on the embedded sandbox, which keeps the template in the kiosk's data folder)."""
    code, printed = kiosk_verify(tmp_path, "enroll", jpeg(grace_hopper()))
    assert code == 0, printed
    assert "(SANDBOX: liveness, deepfake simulated)" in printed
    assert (tmp_path / "data" / "sandbox-face-templates.json").is_file()
    code, printed = kiosk_verify(tmp_path, "liveness,search", jpeg(edited(grace_hopper())))
    assert code == 0, printed
    score = re.search(r"search +ok +score (\d\.\d+)", printed)
    assert score is not None and float(score.group(1)) >= MATCH, printed
    code, printed = kiosk_verify(tmp_path, "liveness,search", jpeg(astronaut()))
    assert code == 1, printed
    assert "Face match: similarity 0.6" in printed or "Face match: similarity 0.7" in printed


@pytest.mark.parametrize(
    ("trouble", "words"),
    [("Busy", "Many photos are being checked"), ("AnalysisFailed", "could not be checked")],
)
def test_a_photo_that_could_not_be_analysed_can_be_taken_again(
    sandbox: SandboxServer,
    client: VerificationClient,
    monkeypatch: pytest.MonkeyPatch,
    trouble: str,
    words: str,
) -> None:
    from kiosk.sandbox.faces import service

    real = service.FaceService._analyse

    async def refuse(self: Any, photo: bytes) -> Any:
        raise getattr(service, trouble)

    session = client.create_session(["liveness"])
    phone = Phone(sandbox, session.url)
    try:
        phone.start()
        monkeypatch.setattr(service.FaceService, "_analyse", refuse)
        page = phone.step("LIVENESS", jpeg(grace_hopper()))
        assert words in page
        assert client.get_status(session.token).next_step is Step.LIVENESS
        monkeypatch.setattr(service.FaceService, "_analyse", real)
        assert "All done" in phone.step("LIVENESS", jpeg(grace_hopper()))
    finally:
        phone.close()
