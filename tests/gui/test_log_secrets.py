"""A full session's logs, written as the kiosk writes them, never hold the APP-KEY or token."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk import logs
from kiosk.core.state import Phase
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_KEY
from tests.gui.harness import Kiosk


@contextmanager
def configured(verbose: bool, path: Path) -> Iterator[None]:
    """The kiosk's logging, undone afterwards."""
    with logs.configured(verbose=verbose, log_file=path):
        yield


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "logs" / "kiosk.log"
    with configured(True, path):
        yield path


def test_a_full_session_logs_no_key_and_no_token(
    make_kiosk: Callable[..., Kiosk], gui_sandbox: SandboxServer, log_file: Path
) -> None:
    kiosk = make_kiosk()
    kiosk.play("pass")
    kiosk.wait_for(Phase.RESULT)
    kiosk.controller.shutdown()
    tokens = list(gui_sandbox.app.state.store._sessions)
    assert len(tokens) == 1
    text = "".join(p.read_text() for p in log_file.parent.iterdir())
    assert "HTTP Request: GET" in text  # httpx's lines, with the status URL, were written
    assert "screen: progress -> result" in text
    assert APP_KEY not in text
    assert tokens[0] not in text


def test_log_files_rotate(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.log"
    with configured(False, path):
        logger = logging.getLogger("test.rotation")
        for _ in range(logs.MAX_BYTES // 1000 * 2):
            logger.info("x" * 1000)
    assert (tmp_path / "kiosk.log.1").exists()
    assert path.stat().st_size <= logs.MAX_BYTES
