"""Screenshot the sandbox's phone-side flow page in every state, at phone size, with Chromium.

Usage: .venv/bin/python scripts/flow_screenshots.py [OUTPUT_DIR]   (default docs/screenshots)
Needs Debian's ``chromium`` (``apt-get install chromium``).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
from PIL import Image

from kiosk.core.api import Credentials, VerificationClient
from kiosk.sandbox.app import SandboxConfig
from kiosk.sandbox.faces import unavailable_reason
from kiosk.sandbox.server import SandboxServer, generate_credentials

# The browser test's Chromium and flags (tests/support/chromium.py), from the checkout's root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.chromium import FLAGS as COMMON_FLAGS
from tests.support.chromium import find_chromium

PHONE = "390,844"  # a common phone viewport in CSS pixels
FLAGS = [
    "--headless",
    *COMMON_FLAGS,
    "--hide-scrollbars",
    "--force-device-scale-factor=2",
]


def shoot(chromium: str, url: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={PHONE}",
                f"--screenshot={target}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    print(f"wrote {target}")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    chromium = find_chromium()
    if chromium is None:
        print("error: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    app_id, app_key = generate_credentials()
    # The simulated flow (the README's pictures): with the faces extra installed, a step
    # without a real selfie would be refused.
    config = SandboxConfig(app_id=app_id, app_key=app_key, step_seconds=3600, face_analysis=False)
    scopes = ["liveness", "deepfake", "search"]
    with (
        SandboxServer(config) as server,
        VerificationClient(server.local_url, Credentials(app_id, app_key)) as api,
        httpx.Client(base_url=server.local_url, follow_redirects=True) as phone,
    ):

        def new(**kwargs: object) -> str:
            session = api.create_session(scopes, **kwargs)  # type: ignore[arg-type]
            return "/" + session.url.split("/", 3)[3]

        def url(path: str) -> str:
            return server.local_url + path

        def post(path: str, action: str, **fields: str) -> None:
            """Submit a flow form as the phone would, with the page's anti-forgery token."""
            token = re.search(r'name="csrf" value="([^"]+)"', phone.get(path).text)
            assert token is not None, f"no form token on {path}"
            phone.post(f"{path}/{action}", data={**fields, "csrf": token.group(1)})

        captcha = new(metadata={"sandbox": {"captcha": True}})
        shoot(chromium, url(captcha), out / "flow-1-captcha.png")
        start = new()
        shoot(chromium, url(start), out / "flow-2-start.png")
        post(start, "start")
        shoot(chromium, url(start), out / "flow-3-liveness.png")
        post(start, "step", step="LIVENESS")
        shoot(chromium, url(start), out / "flow-4-deepfake.png")
        post(start, "step", step="DEEPFAKE")
        post(start, "step", step="SEARCH")
        shoot(chromium, url(start), out / "flow-5-done.png")
        canceled = new()
        post(canceled, "cancel")
        shoot(chromium, url(canceled), out / "flow-6-canceled.png")
        scripted = new(metadata={"sandbox": {"scenario": "pass"}})
        shoot(chromium, url(scripted), out / "flow-7-scenario.png")
        shoot(chromium, url("/flow/not-a-real-token"), out / "flow-8-unknown.png")
    if unavailable_reason() is None:
        real_analysis(chromium, out)
    else:
        print(f"flow-9 and flow-10 (real face analysis) skipped: {unavailable_reason()}")
    return 0


def real_analysis(chromium: str, out: Path) -> None:
    """The pages of real face analysis (the faces extra): the selfie step, and a photo with no
    face in it (a plain grey picture)."""
    app_id, app_key = generate_credentials()
    with tempfile.TemporaryDirectory() as folder:
        config = SandboxConfig(
            app_id=app_id,
            app_key=app_key,
            face_analysis=True,
            face_templates=Path(folder) / "templates.json",
        )
        with (
            SandboxServer(config) as server,
            VerificationClient(server.local_url, Credentials(app_id, app_key)) as api,
            httpx.Client(base_url=server.local_url, follow_redirects=True, timeout=60) as phone,
        ):
            page = "/" + api.create_session(["liveness", "search"]).url.split("/", 3)[3]
            token = re.search(r'name="csrf" value="([^"]+)"', phone.get(page).text)
            assert token is not None, f"no form token on {page}"
            csrf = token.group(1)
            phone.post(f"{page}/start", data={"csrf": csrf})
            shoot(chromium, server.local_url + page, out / "flow-9-real-photo.png")
            grey = io.BytesIO()
            Image.new("RGB", (720, 960), (128, 128, 128)).save(grey, "JPEG")
            photo = {"photo": ("selfie.jpg", grey.getvalue(), "image/jpeg")}
            phone.post(f"{page}/step", data={"step": "LIVENESS", "csrf": csrf}, files=photo)
            shoot(chromium, server.local_url + page, out / "flow-10-no-face.png")


if __name__ == "__main__":
    raise SystemExit(main())
