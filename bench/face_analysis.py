"""Real face analysis (the ``faces`` extra): CPU time per selfie, and what a person waits.

CPU milliseconds of :func:`kiosk.sandbox.faces.analysis.analyse` (decode, detect, 5 landmarks,
descriptor, quality) in this process, on one public-domain portrait (matplotlib's
``grace_hopper.jpg``) scaled to 512 px and 1280 px on its long side, and to a 12-megapixel
phone photo (4032 x 3024, decoded at reduced size). Then, through a real sandbox: the wall time
from a worker's start to its first answer (models loading included), and the status reads a
kiosk makes while four 12-megapixel selfies are analysed (they must not wait for the analysis).

Runs alone (``python -m bench.face_analysis``) or from ``python -m bench`` when the extra is
installed.
"""

from __future__ import annotations

import io
import re
import threading
import time
from typing import TYPE_CHECKING

import httpx
from PIL import Image

from bench.common import median, percentile

if TYPE_CHECKING:
    from kiosk.core.api import VerificationClient

SIZES = (512, 1280)


def portrait() -> Image.Image:
    from matplotlib import cbook

    with cbook.get_sample_data("grace_hopper.jpg") as file, Image.open(file) as image:
        return image.convert("RGB")


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def scaled(image: Image.Image, long_side: int) -> Image.Image:
    factor = long_side / max(image.size)
    size = (round(image.width * factor), round(image.height * factor))
    return image.resize(size, Image.Resampling.LANCZOS)


def run(rounds: int = 20) -> dict[str, float]:
    from kiosk.sandbox.faces.analysis import analyse
    from kiosk.sandbox.faces.models import load

    started = time.perf_counter()
    models = load()
    figures = {"load_ms": (time.perf_counter() - started) * 1000}
    face = portrait()
    phone = Image.new("RGB", (4032, 3024), (96, 110, 104))
    phone.paste(scaled(face, 2400), (800, 300))
    photos = {str(side): jpeg(scaled(face, side)) for side in SIZES}
    photos["12mp"] = jpeg(phone)
    for name, data in photos.items():
        analyse(data, models)  # warm: first-call costs out of the figure
        cpu = []
        for _ in range(rounds):
            result = analyse(data, models)
            assert result.outcome == "face", result
            cpu.append(result.cpu_ms)
        figures[f"cpu_{name}_ms"] = median(cpu)
    figures.update(_through_the_sandbox(photos["12mp"]))
    return figures


def _through_the_sandbox(photo: bytes) -> dict[str, float]:
    """First answer from a cold worker, and status reads while 4 selfies are analysed."""
    import tempfile
    from pathlib import Path

    from kiosk.core.api import Credentials, VerificationClient
    from kiosk.sandbox.app import SandboxConfig
    from kiosk.sandbox.faces.worker import WorkerProcess
    from kiosk.sandbox.server import SandboxServer

    worker = WorkerProcess()
    started = time.perf_counter()
    try:
        worker.analyse(photo)
        first_answer = time.perf_counter() - started
    finally:
        worker.stop()
    with tempfile.TemporaryDirectory() as folder:
        config = SandboxConfig(
            app_id="bench",
            app_key="bench-key-0123456789",
            face_analysis=True,
            face_templates=Path(folder) / "templates.json",
        )
        with (
            SandboxServer(config) as server,
            VerificationClient(server.local_url, Credentials("bench", config.app_key)) as api,
        ):
            headers = {"APP-ID": config.app_id, "APP-KEY": config.app_key}
            reads = _reads_during_uploads(server.local_url, api, photo, headers)
    return {
        "first_answer_ms": first_answer * 1000,
        "reads": float(len(reads)),
        "read_p50_ms": median(reads) * 1000,
        "read_max_ms": max(reads) * 1000,
        "read_p95_ms": percentile(reads, 0.95) * 1000,
    }


def _reads_during_uploads(
    base: str, api: VerificationClient, photo: bytes, headers: dict[str, str]
) -> list[float]:
    sessions = [api.create_session(["liveness"]) for _ in range(4)]
    phones = []
    for session in sessions:
        page = "/" + session.url.split("/", 3)[3]
        phone = httpx.Client(base_url=base, follow_redirects=True, timeout=60)
        match = re.search(r'name="csrf" value="([^"]+)"', phone.get(page).text)
        assert match is not None
        phone.post(f"{page}/start", data={"csrf": match.group(1)})
        phones.append((phone, page, match.group(1)))
    time.sleep(2)  # the worker started at Start: let it load its models, as a person would

    def upload(phone: httpx.Client, page: str, csrf: str) -> None:
        files = {"photo": ("selfie.jpg", photo, "image/jpeg")}
        phone.post(f"{page}/step", data={"step": "LIVENESS", "csrf": csrf}, files=files)

    threads = [threading.Thread(target=upload, args=p) for p in phones]
    reads: list[float] = []
    with httpx.Client(base_url=base, headers=headers, timeout=10) as kiosk:
        path = f"/api/v1.0/flow/sessions/{sessions[0].token}"
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            started = time.perf_counter()
            kiosk.get(path).raise_for_status()
            reads.append(time.perf_counter() - started)
            time.sleep(0.02)
    for thread in threads:
        thread.join()
    for phone, _, _ in phones:
        phone.close()
    return reads


def main() -> int:
    figures = run()
    for name, value in figures.items():
        print(f"{name}: {value:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
