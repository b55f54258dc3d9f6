"""What the flow page calls: judge a selfie off the event loop, store enrolments at the end.

Photos are analysed by worker processes (``worker.py``; one by default, so a 2-core kiosk
keeps a core for its screen and the server), each talked to from a thread so the event loop
only awaits. At most :data:`MAX_WAITING` photos wait or run at a time: more are refused at once
with :class:`Busy` rather than queued without bound, each holding a photo of up to 15 MB. The
photo's bytes go to the worker and are dropped when its answer comes back; only the answer
stays, in the session.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kiosk.core.models import Scope, Status
from kiosk.sandbox.faces.analysis import Analysis, Outcome
from kiosk.sandbox.faces.finding import SIMULATED_CHECKS, FaceFinding
from kiosk.sandbox.faces.templates import TemplateStore
from kiosk.sandbox.faces.worker import WorkerFailed, WorkerProcess
from kiosk.sandbox.results import FaceError
from kiosk.sandbox.session import SandboxSession

log = logging.getLogger(__name__)

MAX_WAITING = 8
ANALYSIS_TIMEOUT = 60.0
"""Seconds one photo may take, queueing included (a 12-megapixel selfie takes a quarter of one)."""

ANALYSIS_NOTE = (
    "Face detection, landmarks, quality, enrolment and search were computed from the photo on "
    "the sandbox's computer (dlib: HOG detector, 5-point landmarks, ResNet descriptor). "
    "Liveness and deepfake are simulated: nothing here detects a spoof."
)
ESTIMATED = ("landmarks[3:5] (mouth corners)", "quality.yaw", "quality.pitch")

_FAILURES = {
    Outcome.NO_FACE: FaceError.NO_FACE,
    Outcome.MANY_FACES: FaceError.MANY_FACES,
    Outcome.UNREADABLE: FaceError.CANNOT_DECODE,
}


class Busy(Exception):
    """Too many photos are being analysed; the person should try again in a moment."""


class AnalysisFailed(Exception):
    """The worker could not answer (it crashed or took too long); nothing was decided."""


class FaceService:
    """Real face analysis for one sandbox.

    Args:
        templates: the enrolled templates (searched and added to).
        workers: analysis processes (each loads its own models, about 60 MB).
    """

    def __init__(self, templates: TemplateStore, *, workers: int = 1) -> None:
        self.templates = templates
        self._lock = threading.Lock()
        self._waiting = 0
        self._workers = [WorkerProcess() for _ in range(max(1, workers))]
        # Threads of its own that talk to the workers: waiting photos must not take the event
        # loop's default executor, which also resolves the callbacks' host names.
        self._threads = ThreadPoolExecutor(MAX_WAITING, thread_name_prefix="face-analysis")
        self._idle: queue.SimpleQueue[WorkerProcess] = queue.SimpleQueue()
        for worker in self._workers:
            self._idle.put(worker)

    def warm_up(self) -> None:
        """Start the workers now, so the first selfie does not wait for the models to load
        (called when a person starts a flow: the selfie comes a few seconds later)."""
        for worker in self._workers:
            try:
                worker.start()
            except OSError as exc:
                log.error("the face analysis worker cannot start: %s", exc)

    async def judge(self, photo: bytes, steps: Sequence[Scope]) -> FaceFinding:
        """Analyse ``photo`` for a session with ``steps``: its failure, or its result parts
        (searching the enrolled templates and naming the template to enrol, as requested).

        Raises:
            Busy: :data:`MAX_WAITING` photos are already waiting or being analysed.
            AnalysisFailed: the worker crashed or did not answer in time.
        """
        with self._lock:
            if self._waiting >= MAX_WAITING:
                raise Busy
            self._waiting += 1
        try:
            analysis = await self._analyse(photo)
        finally:
            with self._lock:
                self._waiting -= 1
        log.info(
            "selfie analysed: %s, %d face(s), %.0f ms of CPU",
            analysis.outcome,
            analysis.faces,
            analysis.cpu_ms,
        )
        # The search too runs off the event loop (numpy's first import alone takes 70 ms).
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._finding, analysis, steps)

    def finished(self, session: SandboxSession) -> None:
        """Store the session's enrolment if it ended DONE (called once it is final)."""
        face = session.face
        if session.status is Status.DONE and face is not None and face.enrol is not None:
            template_id, descriptor = face.enrol
            self.templates.add(template_id, descriptor)
            log.info(
                "face template %s enrolled (%d in the store)", template_id, len(self.templates)
            )

    def close(self) -> None:
        """Stop the workers and write the templates out (a later photo starts a worker again)."""
        for worker in self._workers:
            worker.stop()
        self.templates.close()

    async def _analyse(self, photo: bytes) -> Analysis:
        """The analysis of ``photo`` by the next idle worker, awaited off the event loop."""
        holder: list[WorkerProcess] = []
        given_up = threading.Event()  # set when the page has already said "take it again"

        def run() -> Analysis:
            worker = self._idle.get()  # at most MAX_WAITING threads wait here
            try:
                if given_up.is_set():
                    # Nobody waits for this answer: drop the photo rather than analyse it
                    # ahead of the retakes.
                    raise WorkerFailed("the photo was given up on while it waited")
                holder.append(worker)
                return worker.analyse(photo)
            finally:
                self._idle.put(worker)

        waiting = asyncio.get_running_loop().run_in_executor(self._threads, run)
        try:
            return await asyncio.wait_for(waiting, ANALYSIS_TIMEOUT)
        except WorkerFailed as exc:
            log.error("%s", exc)
            raise AnalysisFailed from exc
        except TimeoutError as exc:
            given_up.set()
            log.error("a selfie took more than %.0f s to analyse", ANALYSIS_TIMEOUT)
            for worker in holder:
                worker.kill()  # frees its thread; the next photo starts a new worker
            raise AnalysisFailed from exc

    def _finding(self, analysis: Analysis, steps: Sequence[Scope]) -> FaceFinding:
        failure = _FAILURES.get(analysis.outcome)
        if failure is not None:
            return FaceFinding(size=analysis.size, failure=failure)
        parts: dict[str, Any] = {
            "box": analysis.box,
            "landmarks": analysis.landmarks,
            "quality": analysis.quality,
            "sandbox": {
                "faceAnalysis": ANALYSIS_NOTE,
                "simulated": [s.value for s in steps if s.value in SIMULATED_CHECKS],
                "estimated": list(ESTIMATED),
            },
        }
        if Scope.SEARCH in steps:
            match = self.templates.best_match(analysis.descriptor)
            parts["search"] = (
                {"similarity": 0.0, "templateId": None}
                if match is None
                else {"similarity": match.similarity, "templateId": match.template_id}
            )
        enrol = None
        if Scope.ENROLL in steps:
            enrol = (TemplateStore.new_id(), analysis.descriptor)
            parts["enroll"] = {"templateId": enrol[0]}
        return FaceFinding(size=analysis.size, parts=parts, enrol=enrol)
