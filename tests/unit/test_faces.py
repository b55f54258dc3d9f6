"""Real face analysis (the ``faces`` extra) on real portraits: match, no match, no face, two faces,
quality from the pixels, and the template store that survives restarts."""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from kiosk.core.verdict import Thresholds
from tests.support.faces import (
    astronaut,
    coffee,
    edited,
    grace_hopper,
    jpeg,
    needs_faces,
    side_by_side,
)

pytestmark = needs_faces


@pytest.fixture(scope="module")
def models() -> Any:
    from kiosk.sandbox.faces.models import load

    return load()


def analyse(image: Image.Image, models: Any, **options: Any) -> Any:
    from kiosk.sandbox.faces.analysis import analyse as run

    return run(jpeg(image, **options), models)


def similarity_of(a: Any, b: Any) -> float:
    import numpy as np

    from kiosk.sandbox.faces.templates import similarity

    first = np.frombuffer(a.descriptor, dtype="<f4")
    second = np.frombuffer(b.descriptor, dtype="<f4")
    return similarity(float(np.linalg.norm(first - second)))


MATCH = Thresholds().min_similarity  # the kiosk's default threshold


@pytest.mark.parametrize("person", [grace_hopper, astronaut], ids=["hopper", "collins"])
def test_an_edited_copy_of_the_same_person_matches(person: Any, models: Any) -> None:
    original = analyse(person(), models)
    copy = analyse(edited(person()), models)
    assert original.outcome == copy.outcome == "face"
    assert similarity_of(original, copy) >= MATCH + 0.1


def test_a_different_person_does_not_match(models: Any) -> None:
    hopper = analyse(grace_hopper(), models)
    collins = analyse(astronaut(), models)
    assert similarity_of(hopper, collins) < MATCH
    assert similarity_of(analyse(edited(grace_hopper()), models), collins) < MATCH


def test_a_photo_without_a_face_is_no_face(models: Any) -> None:
    result = analyse(coffee(), models)
    assert result.outcome == "no_face"
    assert result.descriptor == b""


def test_two_faces_side_by_side_are_more_than_one_face(models: Any) -> None:
    result = analyse(side_by_side(grace_hopper(), astronaut()), models)
    assert result.outcome == "many_faces"
    assert result.faces == 2
    assert result.descriptor == b""


def test_the_same_face_twice_is_two_faces(models: Any) -> None:
    hopper = grace_hopper()
    assert analyse(side_by_side(hopper, hopper), models).outcome == "many_faces"


@pytest.mark.parametrize("quality", [50, 60, 75, 80, 95])
def test_one_face_is_one_face_whatever_the_jpeg_quality(quality: int, models: Any) -> None:
    """At most JPEG qualities dlib also finds a weak box (score under 0.1) on the astronaut's
    suit, larger than her face: it must not be taken for the face, and her face counted as a
    second one (the session then failed with "more than one face")."""
    best = analyse(astronaut(), models, quality=95)
    result = analyse(astronaut(), models, quality=quality)
    assert result.outcome == "face"
    assert result.box == pytest.approx(best.box, abs=8)
    assert similarity_of(result, best) >= MATCH + 0.1


@pytest.mark.parametrize(
    "data",
    [b"", b"not an image at all", jpeg(Image.new("RGB", (64, 64)))[:300], b"GIF89a" + b"\0" * 64],
    ids=["empty", "text", "truncated-jpeg", "gif"],
)
def test_what_is_not_a_readable_photo_is_unreadable(data: bytes, models: Any) -> None:
    from kiosk.sandbox.faces.analysis import analyse as run

    assert run(data, models).outcome == "unreadable"


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels and holds none."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def test_a_photo_claiming_too_many_pixels_is_refused_before_decoding() -> None:
    from kiosk.sandbox.faces.photo import MAX_PIXELS, Unreadable, decode

    assert MAX_PIXELS < 8000 * 7000 < Image.MAX_IMAGE_PIXELS  # below Pillow's own bomb check
    with pytest.raises(Unreadable, match="8000 x 7000"):
        decode(png_header(8000, 7000))
    with pytest.raises(Unreadable):  # and what Pillow itself calls a bomb
        decode(png_header(20000, 20000))


def test_a_png_too_large_to_decode_whole_is_refused_before_decoding() -> None:
    """A PNG or WebP is decoded at full size (only JPEG can be decoded smaller): 49 megapixels
    of RGBA, a 190 KB upload, took the worker to 650 MB for 1.3 s."""
    from kiosk.sandbox.faces.photo import MAX_PIXELS, MAX_WHOLE_PIXELS, Unreadable, decode

    assert 4096 * 4096 <= MAX_WHOLE_PIXELS < 5000 * 4000 < MAX_PIXELS
    with pytest.raises(Unreadable, match="5000 x 4000"):
        decode(png_header(5000, 4000))


def test_a_16_bit_grey_png_is_analysed_at_its_true_brightness(models: Any) -> None:
    """Converted as it is, 16-bit grey clips at 255: the photo turned white and had no face."""
    import numpy as np

    from kiosk.sandbox.faces.analysis import analyse as run

    grey = np.asarray(grace_hopper().convert("L"), dtype=np.uint16) * 257
    buffer = io.BytesIO()
    Image.fromarray(grey).save(buffer, "PNG")  # a 16-bit greyscale PNG
    result = run(buffer.getvalue(), models)
    assert result.outcome == "face"
    assert 0.25 < result.quality["exposure"]["value"] < 0.75


def test_a_sideways_phone_photo_is_turned_upright_by_its_exif(models: Any) -> None:
    upright = grace_hopper()
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display", as phones save portraits
    sideways = upright.rotate(90, expand=True)
    result = analyse(sideways, models, exif=exif)
    assert result.outcome == "face"
    assert result.size == upright.size
    assert result.box == analyse(upright, models).box


def test_a_large_photo_is_analysed_smaller_and_reported_in_its_own_pixels(models: Any) -> None:
    from kiosk.sandbox.faces.photo import MAX_SIDE

    small = grace_hopper()
    factor = 5
    large = small.resize((small.width * factor, small.height * factor), Image.Resampling.BICUBIC)
    assert max(large.size) > MAX_SIDE
    big, base = analyse(large, models), analyse(small, models)
    assert big.size == large.size
    for key in ("x", "y", "w", "h"):
        assert big.box[key] == pytest.approx(base.box[key] * factor, rel=0.1, abs=25)
    assert similarity_of(big, base) >= MATCH + 0.1


def test_landmarks_are_five_points_in_the_vendors_order(models: Any) -> None:
    result = analyse(grace_hopper(), models)
    (lx, ly), (rx, ry), (nx, ny), (mlx, mly), (mrx, mry) = result.landmarks
    box = result.box
    assert lx < nx < rx  # eyes either side of the nose
    assert max(ly, ry) < ny < min(mly, mry)  # nose below the eyes, mouth below the nose
    assert mlx < mrx
    for x, y in result.landmarks:
        assert box["x"] <= x <= box["x"] + box["w"] and box["y"] <= y <= box["y"] + box["h"]


def quality_of(image: Image.Image, models: Any) -> dict[str, Any]:
    result = analyse(image, models)
    assert result.outcome == "face"
    return dict(result.quality)


def test_a_good_portrait_has_fine_quality_items(models: Any) -> None:
    quality = quality_of(grace_hopper(), models)
    for name in ("blur", "exposure", "occlusion", "faceSize"):
        assert quality[name]["fine"] is True, name
    assert abs(quality["roll"]) < 6 and abs(quality["yaw"]) < 10 and abs(quality["pitch"]) < 10


def test_a_dark_photo_and_a_bright_photo_are_badly_exposed(models: Any) -> None:
    dark = quality_of(ImageEnhance.Brightness(grace_hopper()).enhance(0.35), models)
    bright = quality_of(ImageEnhance.Brightness(grace_hopper()).enhance(1.9), models)
    assert dark["exposure"]["fine"] is False and dark["exposure"]["value"] < 0.25
    assert bright["exposure"]["fine"] is False and bright["exposure"]["value"] > 0.75
    assert dark["blur"]["fine"] is True  # darker is not blurrier


def test_a_blurred_photo_is_blurry(models: Any) -> None:
    sharp = quality_of(grace_hopper(), models)
    blurred = quality_of(grace_hopper().filter(ImageFilter.GaussianBlur(3)), models)
    assert blurred["blur"]["fine"] is False
    assert blurred["blur"]["score"] > sharp["blur"]["score"] + 0.4


def test_a_covered_eye_is_an_occlusion(models: Any) -> None:
    base = analyse(grace_hopper(), models)
    (lx, ly), (rx, _), *_ = base.landmarks
    covered = grace_hopper()
    reach = (rx - lx) * 0.35
    ImageDraw.Draw(covered).ellipse(
        (lx - reach, ly - reach * 0.7, lx + reach, ly + reach * 0.7), fill=(176, 140, 122)
    )
    quality = quality_of(covered, models)
    assert quality["occlusion"]["fine"] is False


def test_a_tilted_head_shows_in_roll(models: Any) -> None:
    level = quality_of(grace_hopper(), models)["roll"]
    tilted = quality_of(grace_hopper().rotate(12, resample=Image.Resampling.BICUBIC), models)
    assert tilted["roll"] == pytest.approx(level - 12, abs=3)


def test_a_small_face_in_a_wide_photo_is_too_small(models: Any) -> None:
    canvas = Image.new("RGB", (1600, 1200), (90, 110, 100))
    canvas.paste(grace_hopper().resize((256, 300)), (700, 500))
    quality = quality_of(canvas, models)
    assert quality["faceSize"]["fine"] is False


# --- similarity and the template store ---------------------------------------------------------


def test_dlibs_same_person_limit_lands_on_the_default_match_threshold() -> None:
    from kiosk.sandbox.faces.templates import SAME_PERSON_DISTANCE, similarity

    assert similarity(SAME_PERSON_DISTANCE) == pytest.approx(MATCH)
    assert similarity(0.0) == 1.0
    assert similarity(1.2) == similarity(3.0) == 0.0
    distances = [i / 20 for i in range(30)]
    values = [similarity(d) for d in distances]
    assert values == sorted(values, reverse=True)
    assert similarity(0.59) > MATCH > similarity(0.61)


def descriptor(seed: int) -> bytes:
    import numpy as np

    vector = np.random.default_rng(seed).normal(size=128).astype("<f4")
    return (vector / np.linalg.norm(vector) * 0.9).astype("<f4").tobytes()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "templates.json"


@pytest.fixture
def store(store_path: Path) -> Iterator[Any]:
    from kiosk.sandbox.faces.templates import TemplateStore

    templates = TemplateStore(store_path)
    yield templates
    templates.close()


def test_search_finds_the_closest_template(store: Any) -> None:
    assert store.best_match(descriptor(1)) is None
    ids = [store.new_id() for _ in range(3)]
    for i, template_id in enumerate(ids):
        store.add(template_id, descriptor(i))
    match = store.best_match(descriptor(2))
    assert match.template_id == ids[2]
    assert match.distance == pytest.approx(0.0, abs=1e-6)
    assert match.similarity == pytest.approx(1.0)


def test_templates_survive_a_restart_in_a_private_file(store_path: Path, store: Any) -> None:
    from kiosk.sandbox.faces.templates import TemplateStore

    template_id = store.new_id()
    store.add(template_id, descriptor(7))
    store.close()
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store_path.parent.stat().st_mode) == 0o700
    assert [p.name for p in store_path.parent.iterdir()] == [store_path.name]  # no temp left
    saved = json.loads(store_path.read_text())
    assert [t["id"] for t in saved["templates"]] == [template_id]
    again = TemplateStore(store_path)
    try:
        assert len(again) == 1
        assert again.best_match(descriptor(7)).template_id == template_id
    finally:
        again.close()


def test_an_unreadable_template_file_is_set_aside_not_overwritten(store_path: Path) -> None:
    from kiosk.sandbox.faces.templates import TemplateStore

    store_path.parent.mkdir(parents=True)
    store_path.write_text('{"format": "something else"')
    templates = TemplateStore(store_path)
    try:
        assert len(templates) == 0
        templates.add(templates.new_id(), descriptor(1))
        templates.flush()
    finally:
        templates.close()
    aside = store_path.with_name(store_path.name + ".unreadable")
    assert aside.read_text() == '{"format": "something else"'
    assert len(json.loads(store_path.read_text())["templates"]) == 1


def test_an_enrolment_made_while_the_file_is_being_written_reaches_it_too(
    store_path: Path, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash (or a kill) right after an enrolment must not lose it: the writer writes again
    when a template came in while it was writing, without waiting for a later change or close."""
    import threading

    from kiosk.core import private_files

    real_write = private_files.write_text
    first_write_began, first_write_may_end = threading.Event(), threading.Event()
    second_write = threading.Event()
    writes: list[int] = []

    def slow_write(path: Path, text: str) -> None:
        writes.append(len(json.loads(text)["templates"]))
        if len(writes) == 1:
            first_write_began.set()
            first_write_may_end.wait(5)
        real_write(path, text)
        if len(writes) == 2:
            second_write.set()

    monkeypatch.setattr(private_files, "write_text", slow_write)
    first, second = store.new_id(), store.new_id()
    store.add(first, descriptor(1))
    assert first_write_began.wait(5)  # the writer thread took the first state
    store.add(second, descriptor(2))
    first_write_may_end.set()
    assert second_write.wait(5), f"only {writes} written"
    saved = json.loads(store_path.read_text())
    assert [t["id"] for t in saved["templates"]] == [first, second]


@pytest.mark.parametrize("kind", ["fifo", "endless", "huge"])
def test_a_template_file_that_is_not_a_small_regular_file_is_set_aside(
    store_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sandbox (inside the kiosk) reads the file as it starts: a FIFO or a link to
    /dev/zero hung the start, and a huge file was read whole into memory."""
    from kiosk.sandbox.faces import templates

    if kind != "huge" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFO or /dev/zero on this platform")
    store_path.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(store_path)
    elif kind == "endless":
        store_path.symlink_to("/dev/zero")
    else:
        monkeypatch.setattr(templates, "MAX_FILE_BYTES", 1000)
        store_path.write_text(" " * 1001)
    loaded = templates.TemplateStore(store_path)
    try:
        assert len(loaded) == 0
    finally:
        loaded.close()
    assert store_path.with_name(store_path.name + ".unreadable").is_symlink() == (kind == "endless")
    assert not store_path.exists()


def test_the_store_keeps_the_most_recent_templates(
    store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.sandbox.faces import templates

    monkeypatch.setattr(templates, "MAX_TEMPLATES", 3)
    ids = [store.new_id() for _ in range(5)]
    for i, template_id in enumerate(ids):
        store.add(template_id, descriptor(i))
    assert len(store) == 3
    assert store.best_match(descriptor(0)).template_id != ids[0]
    assert store.best_match(descriptor(4)).template_id == ids[4]


def test_the_model_files_are_found_without_importing_their_package() -> None:
    import sys

    from kiosk.sandbox.faces.models import LANDMARKS_FILE, RECOGNITION_FILE, model_folder

    folder = model_folder()
    assert folder is not None
    assert (folder / LANDMARKS_FILE).is_file() and (folder / RECOGNITION_FILE).is_file()
    assert "face_recognition_models" not in sys.modules  # it imports pkg_resources
    assert not (folder / LANDMARKS_FILE).name.startswith("shape_predictor_68")
    assert os.path.getsize(folder / LANDMARKS_FILE) < 20 * 2**20


def test_decoding_keeps_nothing_but_pixels() -> None:
    from kiosk.sandbox.faces.photo import decode

    buffer = io.BytesIO()
    grace_hopper().save(buffer, "PNG")
    photo = decode(buffer.getvalue())
    assert photo.image.mode == "RGB"
    assert photo.original_size == grace_hopper().size


# --- the worker process ------------------------------------------------------------------------


def test_the_worker_answers_and_starts_again_after_it_died() -> None:
    from kiosk.sandbox.faces.worker import WorkerProcess

    worker = WorkerProcess()
    photo = jpeg(grace_hopper())
    try:
        first = worker.analyse(photo)
        worker.kill()  # a crash between two photos
        second = worker.analyse(photo)
    finally:
        worker.stop()
    assert first.outcome == second.outcome == "face"
    assert first.descriptor == second.descriptor
    assert first.box == second.box


def test_a_worker_that_dies_mid_analysis_fails_that_photo_only() -> None:
    import threading

    from kiosk.sandbox.faces.worker import WorkerFailed, WorkerProcess

    worker = WorkerProcess()
    worker.start()  # it now loads the models: the photo below waits for them
    killer = threading.Timer(0.2, worker.kill)
    killer.start()
    try:
        with pytest.raises(WorkerFailed):
            worker.analyse(jpeg(grace_hopper()))
        assert worker.analyse(jpeg(coffee())).outcome == "no_face"
    finally:
        killer.cancel()
        worker.stop()


def test_warming_up_never_waits_for_a_photo_being_analysed() -> None:
    """The flow page warms the worker up when a person presses Start, on the server's event
    loop: waiting there for another person's photo froze every request for as long (a status
    read took 611 ms behind one large PNG, and a hung worker would freeze the server 60 s)."""
    import signal
    import threading

    from kiosk.sandbox.faces.worker import WorkerFailed, WorkerProcess

    if not hasattr(signal, "SIGSTOP"):
        pytest.skip("needs SIGSTOP to hang the worker")
    worker = WorkerProcess()
    worker.start()
    assert worker.pid is not None
    os.kill(worker.pid, signal.SIGSTOP)  # the worker hangs mid-photo

    def analyse() -> None:
        with contextlib.suppress(WorkerFailed):
            worker.analyse(jpeg(grace_hopper()))

    stuck = threading.Thread(target=analyse)
    warming = threading.Thread(target=worker.start)
    try:
        stuck.start()
        deadline = time.monotonic() + 5
        while not worker._lock.locked() and time.monotonic() < deadline:  # the photo is in
            time.sleep(0.01)
        warming.start()
        warming.join(2)
        assert not warming.is_alive(), "start() waited for the photo being analysed"
    finally:
        worker.kill()  # the stuck photo fails, the warm-up (if it waited) goes on
        stuck.join(10)
        warming.join(10)
        worker.stop()


def test_a_hung_worker_is_replaced_after_the_analysis_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that stops answering fails its photo at the timeout and is killed, so the next
    photo gets a new worker (left alone, it held the only worker for ever: every later photo
    timed out too)."""
    import asyncio
    import signal

    from kiosk.core.models import Scope
    from kiosk.sandbox.faces import service
    from kiosk.sandbox.faces.templates import TemplateStore
    from kiosk.sandbox.faces.worker import WorkerProcess

    if not hasattr(signal, "SIGSTOP"):
        pytest.skip("needs SIGSTOP to hang the worker")
    workers: list[WorkerProcess] = []

    class Recorded(WorkerProcess):
        def __init__(self) -> None:
            super().__init__()
            workers.append(self)

    monkeypatch.setattr(service, "WorkerProcess", Recorded)
    monkeypatch.setattr(service, "ANALYSIS_TIMEOUT", 3.0)
    faces = service.FaceService(TemplateStore(tmp_path / "t.json"))
    try:
        faces.warm_up()
        hung = workers[0].pid
        assert hung is not None
        os.kill(hung, signal.SIGSTOP)
        with pytest.raises(service.AnalysisFailed):
            asyncio.run(faces.judge(jpeg(grace_hopper()), [Scope.LIVENESS]))
        found = asyncio.run(faces.judge(jpeg(grace_hopper()), [Scope.LIVENESS]))
        assert found.failure is None and found.parts["box"]
        assert workers[0].pid not in (None, hung)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(hung, signal.SIGKILL)  # if it was left hung, close() would wait for it
        faces.close()


def test_stopping_does_not_wait_for_ever_for_a_hung_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server stops its workers as it shuts down, after cancelling the requests (so the
    analysis timeout that kills a hung worker never fires): stop() waited for the hung
    photo's lock for ever, and the sandbox, and the kiosk around it, never exited."""
    import signal
    import threading

    from kiosk.sandbox.faces import worker as workers
    from kiosk.sandbox.faces.worker import WorkerFailed, WorkerProcess

    if not hasattr(signal, "SIGSTOP"):
        pytest.skip("needs SIGSTOP to hang the worker")
    monkeypatch.setattr(workers, "STOP_WAIT", 0.5)
    worker = WorkerProcess()
    worker.start()
    hung = worker.pid
    assert hung is not None
    os.kill(hung, signal.SIGSTOP)
    failed: list[BaseException] = []

    def analyse() -> None:
        try:
            worker.analyse(jpeg(grace_hopper()))
        except WorkerFailed as exc:
            failed.append(exc)

    stuck = threading.Thread(target=analyse)
    stopping = threading.Thread(target=worker.stop)
    try:
        stuck.start()
        deadline = time.monotonic() + 5
        while not worker._lock.locked() and time.monotonic() < deadline:  # the photo is in
            time.sleep(0.01)
        stopping.start()
        stopping.join(10)
        assert not stopping.is_alive(), "stop() waited for the hung worker"
        stuck.join(5)
        assert failed and worker.pid is None
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(hung, signal.SIGKILL)
        stopping.join(10)
        stuck.join(10)


def test_the_service_refuses_photos_beyond_its_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from kiosk.core.models import Scope
    from kiosk.sandbox.faces import service
    from kiosk.sandbox.faces.templates import TemplateStore

    faces = service.FaceService(TemplateStore(tmp_path / "t.json"))
    monkeypatch.setattr(service, "MAX_WAITING", 2)
    photo = jpeg(grace_hopper())

    async def three_at_once() -> list[Any]:
        calls = [faces.judge(photo, [Scope.LIVENESS]) for _ in range(3)]
        return await asyncio.gather(*calls, return_exceptions=True)

    try:
        answers = asyncio.run(three_at_once())
    finally:
        faces.close()
    assert sum(isinstance(a, service.Busy) for a in answers) == 1
    found = [a for a in answers if not isinstance(a, BaseException)]
    assert len(found) == 2 and all(f.failure is None for f in found)


def test_photos_given_up_on_are_not_analysed_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the worker hangs, every waiting photo's page says "take it again"; the photos that
    waited must then be dropped, not analysed one by one ahead of the retakes once a new
    worker runs (and kept in memory until then)."""
    import asyncio
    import threading

    from kiosk.core.models import Scope
    from kiosk.sandbox.faces import service
    from kiosk.sandbox.faces.analysis import Analysis
    from kiosk.sandbox.faces.templates import TemplateStore
    from kiosk.sandbox.faces.worker import WorkerProcess

    hung = threading.Event()
    analysed: list[bytes] = []

    def hanging(self: WorkerProcess, photo: bytes) -> Analysis:
        analysed.append(photo)
        if len(analysed) == 1:
            hung.wait(10)  # the first photo hangs the worker until the test lets it go
        return Analysis("no_face")

    monkeypatch.setattr(WorkerProcess, "analyse", hanging)
    monkeypatch.setattr(service, "ANALYSIS_TIMEOUT", 0.5)
    faces = service.FaceService(TemplateStore(tmp_path / "t.json"))

    async def three_at_once() -> list[Any]:
        calls = [faces.judge(bytes([n]), [Scope.LIVENESS]) for n in range(3)]
        return await asyncio.gather(*calls, return_exceptions=True)

    try:
        answers = asyncio.run(three_at_once())
        assert all(isinstance(a, service.AnalysisFailed) for a in answers)
        hung.set()
        retake = asyncio.run(faces.judge(b"retake", [Scope.LIVENESS]))
    finally:
        hung.set()
        faces.close()
    assert retake.failure is not None  # answered (no_face), and
    assert len(analysed) == 2 and analysed[1] == b"retake"  # the other two: never analysed


def test_the_server_loads_neither_numpy_nor_dlib_until_it_needs_them(tmp_path: Path) -> None:
    """The kiosk's embedded sandbox starts with the extra installed at no extra cost: the
    models live in the worker, numpy comes with the first search."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; "
        "from kiosk.sandbox.app import SandboxConfig, create_app; "
        "app = create_app(SandboxConfig('a', 'b', face_analysis=True, "
        f"face_templates=Path({str(tmp_path / 't.json')!r}))); "
        "assert app.state.faces is not None; "
        "print(sorted(m for m in ('numpy', 'dlib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[]"
