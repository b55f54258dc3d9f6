"""Enrolled face templates: kept in a private file that survives restarts, searched 1:N.

A template is the 128-number descriptor of an enrolled face under a random id (the vendor's
``templateId``); the photo itself is never stored. The file is JSON, replaced atomically and
owner-only (0600 in a 0700 folder) on every change, written on a background thread so that an
enrolment never waits for the disk. It keeps the :data:`MAX_TEMPLATES` most recent templates.

**Similarity.** dlib's model puts two photos of one person less than 0.6 apart (euclidean
distance between descriptors: 99.38 % right on the LFW benchmark at that limit), different
people further. The vendor reports a similarity in 0..1 instead, so the distance ``d`` maps to

    similarity = 1 - (d / 1.2) ** 2, clipped to 0..1

which gives 1.0 for identical descriptors, exactly 0.75 (the kiosk's default match threshold)
at dlib's same-person limit 0.6, about 0.89 at 0.4 (a typical same-person distance) and 0.5 at
0.85 (a typical stranger); 0 from 1.2 on. For unit vectors ``1 - d**2 / 2`` is the cosine
similarity: this is that curve, stretched so that dlib's limit lands on the threshold.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import math
import os
import stat
import struct
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core import private_files
from kiosk.sandbox.faces.models import RECOGNITION_MODEL

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

DESCRIPTOR_BYTES = 128 * 4
SAME_PERSON_DISTANCE = 0.6
"""dlib's documented limit: two descriptors closer than this are usually the same person."""
ZERO_SIMILARITY_DISTANCE = 1.2
"""The distance from which the similarity is 0 (twice dlib's limit, see the module's text)."""
MAX_TEMPLATES = 10_000
MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest template file read: :data:`MAX_TEMPLATES` take about 7 MB."""
FILE_FORMAT = "verification-kiosk sandbox face templates"


def similarity(distance: float) -> float:
    """The vendor-style similarity (0..1) of two descriptors ``distance`` apart (see above)."""
    return min(1.0, max(0.0, 1.0 - (distance / ZERO_SIMILARITY_DISTANCE) ** 2))


@dataclass(frozen=True)
class Match:
    """The closest enrolled template to a face."""

    template_id: str
    distance: float
    similarity: float


class TemplateStore:
    """The enrolled templates of one sandbox, backed by the file at ``path``.

    Safe to use from several threads. A file that cannot be read is set aside (renamed to
    ``<name>.unreadable``) and the store starts empty. One sandbox at a time should use a
    file: two would each write their own templates over the other's.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._templates: OrderedDict[str, bytes] = OrderedDict(_load(path))
        self._matrix: np.ndarray[Any, np.dtype[np.float32]] | None = None
        self._ids: list[str] = []
        self._writer: ThreadPoolExecutor | None = None  # made when there is something to write
        self._pending: Future[None] | None = None
        self._version = 0  # bumped by each change; a save writes the newest state
        self._saved = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._templates)

    @staticmethod
    def new_id() -> str:
        """A fresh template id (a random UUID, as the vendor's ids are)."""
        return str(uuid.uuid4())

    def add(self, template_id: str, descriptor: bytes) -> None:
        """Enrol ``descriptor`` as ``template_id``; saved to the file shortly, off this thread."""
        if len(descriptor) != DESCRIPTOR_BYTES:
            raise ValueError("a descriptor is 128 float32 numbers")
        with self._lock:
            self._templates[template_id] = descriptor
            self._templates.move_to_end(template_id)
            while len(self._templates) > MAX_TEMPLATES:
                forgotten, _ = self._templates.popitem(last=False)
                log.warning("face template %s forgotten: more than %d", forgotten, MAX_TEMPLATES)
            self._matrix = None
            self._version += 1
            if self._pending is None or self._pending.done():
                if self._writer is None:
                    self._writer = ThreadPoolExecutor(1, thread_name_prefix="face-templates")
                self._pending = self._writer.submit(self._save)

    def best_match(self, descriptor: bytes) -> Match | None:
        """The enrolled template closest to ``descriptor``, or None when none is enrolled."""
        import numpy as np  # here: a sandbox that never searches does not load it

        probe = np.frombuffer(descriptor, dtype="<f4")
        with self._lock:
            if not self._templates:
                return None
            if self._matrix is None:
                self._ids = list(self._templates)
                joined = b"".join(self._templates.values())
                self._matrix = np.frombuffer(joined, dtype="<f4").reshape(len(self._ids), 128)
            ids, matrix = self._ids, self._matrix
        distances = np.linalg.norm(matrix - probe, axis=1)
        best = int(np.argmin(distances))
        distance = float(distances[best])
        return Match(ids[best], distance, similarity(distance))

    def flush(self) -> None:
        """Wait until every change so far is in the file."""
        with self._lock:
            pending = self._pending
        if pending is not None:
            pending.result()
        with self._lock:
            behind = self._saved < self._version
        if behind:
            self._save()

    def close(self) -> None:
        """Write what is pending and stop the writer thread (a later change starts another)."""
        try:
            self.flush()
        finally:
            with self._lock:
                writer, self._writer = self._writer, None
            if writer is not None:
                writer.shutdown(wait=True)

    def _save(self) -> None:
        """Write the newest state, again if a change came in meanwhile: a change is saved
        without waiting for a later one (or for close), so a crash right after loses nothing."""
        while self._save_once():
            pass

    def _save_once(self) -> bool:
        """Write the current state; True when a change came in while it was being written."""
        with self._lock:
            version = self._version
            entries = list(self._templates.items())
        document = {
            "format": FILE_FORMAT,
            "version": 1,
            "model": RECOGNITION_MODEL,
            "templates": [
                {"id": key, "descriptor": base64.b64encode(value).decode("ascii")}
                for key, value in entries
            ],
        }
        try:
            private_files.write_text(self.path, json.dumps(document, separators=(",", ":")))
        except OSError as exc:
            log.error("face templates not saved to %s: %s", self.path, exc.strerror or exc)
            return False  # the next change (or close) tries again
        with self._lock:
            self._saved = max(self._saved, version)
            return self._saved < self._version


def _load(path: Path) -> list[tuple[str, bytes]]:
    """The templates in ``path`` (none if it does not exist; an unreadable file is set aside)."""
    try:
        text = _read(path)
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return _set_aside(path, str(exc))
    try:
        document = json.loads(text)
        if document.get("format") != FILE_FORMAT or document.get("model") != RECOGNITION_MODEL:
            return _set_aside(path, "not a template file of this model")
        entries = []
        for item in document["templates"]:
            descriptor = base64.b64decode(item["descriptor"], validate=True)
            if len(descriptor) != DESCRIPTOR_BYTES:
                raise ValueError("a descriptor is not 128 numbers")
            if not all(map(math.isfinite, struct.unpack("<128f", descriptor))):
                raise ValueError("a descriptor is not 128 finite numbers")
            entries.append((str(uuid.UUID(str(item["id"]))), descriptor))
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
        return _set_aside(path, str(exc))
    return entries[-MAX_TEMPLATES:]


def _read(path: Path) -> str:
    """The file's text, read only from a regular file of at most :data:`MAX_FILE_BYTES` (the
    sandbox reads it as it starts: a FIFO or a link to /dev/zero must not hang the kiosk).

    Raises:
        OSError: it cannot be opened (FileNotFoundError when there is none).
        ValueError: it is not a regular file, or too large.
    """
    # Non-blocking, so that opening a FIFO does not wait for a writer (no effect on files).
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"more than {MAX_FILE_BYTES} bytes")
    return data.decode("utf-8")


def _set_aside(path: Path, why: str) -> list[tuple[str, bytes]]:
    aside = path.with_name(path.name + ".unreadable")
    try:
        path.replace(aside)
        log.error("face templates in %s unreadable (%s): moved to %s", path, why, aside.name)
    except OSError as exc:
        log.error("face templates in %s unreadable (%s), not moved: %s", path, why, exc)
    return []
