"""Screenshot the sandbox's phone-side flow page in every state, at phone size, with Chromium:
in English (``flow-<n>-*.png``) and in Arabic, right to left (``flow-ar-<n>-*.png``, the sessions
opened with ``metadata.language = "ar"`` as the kiosk does, the unknown-link page through the
browser's Accept-Language).

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


def shoot(chromium: str, url: str, target: Path, language: str = "en") -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--accept-lang={language}",
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
        for language, prefix in (("en", "flow-"), ("ar", "flow-ar-")):
            every_state(chromium, out, prefix, language, api, phone, scopes)
    if unavailable_reason() is None:
        real_analysis(chromium, out)
    else:
        print(f"flow-9 and flow-10 (real face analysis) skipped: {unavailable_reason()}")
    return 0


def every_state(
    chromium: str,
    out: Path,
    prefix: str,
    language: str,
    api: VerificationClient,
    phone: httpx.Client,
    scopes: list[str],
) -> None:
    """The simulated flow's pages in ``language``, to ``out/<prefix><n>-<state>.png``."""
    base = api.base_url

    def new(**metadata: object) -> str:
        if language != "en":
            metadata["language"] = language
        session = api.create_session(scopes, metadata=metadata or None)
        return "/" + session.url.split("/", 3)[3]

    def shot(path: str, name: str) -> None:
        shoot(chromium, base + path, out / f"{prefix}{name}.png", language)

    def post(path: str, action: str, **fields: str) -> None:
        """Submit a flow form as the phone would, with the page's anti-forgery token."""
        token = re.search(r'name="csrf" value="([^"]+)"', phone.get(path).text)
        assert token is not None, f"no form token on {path}"
        phone.post(f"{path}/{action}", data={**fields, "csrf": token.group(1)})

    shot(new(sandbox={"captcha": True}), "1-captcha")
    start = new()
    shot(start, "2-start")
    post(start, "start")
    shot(start, "3-liveness")
    post(start, "step", step="LIVENESS")
    shot(start, "4-deepfake")
    post(start, "step", step="DEEPFAKE")
    post(start, "step", step="SEARCH")
    shot(start, "5-done")
    canceled = new()
    post(canceled, "cancel")
    shot(canceled, "6-canceled")
    shot(new(sandbox={"scenario": "pass"}), "7-scenario")
    shot("/flow/not-a-real-token", "8-unknown")


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
