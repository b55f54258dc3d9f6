"""Log rotation while another process holds the file (Windows refuses the rename then)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from kiosk.logs import PrivateRotatingFileHandler


def _handler(path: Path) -> PrivateRotatingFileHandler:
    handler = PrivateRotatingFileHandler(path, maxBytes=200, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    return handler


def _record(text: str) -> logging.LogRecord:
    return logging.LogRecord("kiosk.test", logging.INFO, __file__, 1, text, None, None)


def test_a_refused_rename_keeps_logging_to_the_current_file_and_retries_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "kiosk.log"
    handler = _handler(log_file)
    # What Windows answers while another process has the file open.
    refused = PermissionError(13, "The process cannot access the file", str(log_file))

    def busy(source: str, target: str) -> None:
        raise refused

    monkeypatch.setattr(handler, "rotate", busy)
    try:
        for n in range(20):  # ~50 bytes each: a rollover is due after the fourth
            handler.handle(_record(f"line {n:02d} " + "x" * 40))
        text = log_file.read_text(encoding="utf-8")
        # Every line is in the file, the failure is said once in it, and nothing went to
        # stderr (the standard handler printed a traceback per line and lost each one).
        assert all(f"line {n:02d}" in text for n in range(20))
        assert text.count("log rotation failed") == 1
        assert "--- Logging error ---" not in capsys.readouterr().err
        assert not (tmp_path / "kiosk.log.1").exists()

        # Once the other process lets go, the next rollover after the retry time works.
        monkeypatch.undo()
        handler._retry_at = 0.0  # the retry time has come
        handler.handle(_record("after " + "y" * 40))
        assert (tmp_path / "kiosk.log.1").exists()
        assert "line 19" in (tmp_path / "kiosk.log.1").read_text(encoding="utf-8")
        assert log_file.read_text(encoding="utf-8").startswith("after ")
    finally:
        handler.close()


def test_a_rollover_is_not_tried_again_before_the_retry_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handler = _handler(tmp_path / "kiosk.log")
    attempts: list[str] = []

    def busy(source: str, target: str) -> None:
        attempts.append(target)
        raise PermissionError(13, "in use")

    monkeypatch.setattr(handler, "rotate", busy)
    try:
        for n in range(30):
            handler.handle(_record(f"line {n:02d} " + "x" * 40))
        assert len(attempts) == 1  # not one failing rename (and file reopen) per line
    finally:
        handler.close()


def test_refused_rollovers_keep_every_older_log_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The standard order shifted kiosk.log.1 to .2 (deleting the oldest) before the refused
    # rename of kiosk.log, so each retry while the file was held lost one older file.
    log_file = tmp_path / "kiosk.log"
    (tmp_path / "kiosk.log.1").write_text("older\n", encoding="utf-8")
    (tmp_path / "kiosk.log.2").write_text("oldest\n", encoding="utf-8")
    handler = _handler(log_file)
    held = str(log_file)
    rename = os.rename

    def windows_rename(source: str, target: str) -> None:
        if os.fspath(source) == held:  # the live file is open in another process
            raise PermissionError(13, "The process cannot access the file", held)
        rename(source, target)

    monkeypatch.setattr(os, "rename", windows_rename)
    try:
        for attempt in range(3):
            handler._retry_at = 0.0  # the retry time has come
            for n in range(5):
                handler.handle(_record(f"try {attempt} line {n} " + "x" * 40))
            assert (tmp_path / "kiosk.log.1").read_text(encoding="utf-8") == "older\n"
            assert (tmp_path / "kiosk.log.2").read_text(encoding="utf-8") == "oldest\n"
        monkeypatch.undo()  # let go: the rotation goes through, and the oldest file goes
        handler._retry_at = 0.0
        handler.handle(_record("after " + "y" * 40))
        assert "try 2 line 4" in (tmp_path / "kiosk.log.1").read_text(encoding="utf-8")
        assert (tmp_path / "kiosk.log.2").read_text(encoding="utf-8") == "older\n"
        assert log_file.read_text(encoding="utf-8").startswith("after ")
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "kiosk.log", "kiosk.log.1", "kiosk.log.2"
        ]  # fmt: skip
    finally:
        handler.close()


def test_a_rotation_a_crash_interrupted_is_finished_and_nothing_is_lost(tmp_path: Path) -> None:
    log_file = tmp_path / "kiosk.log"
    (tmp_path / "kiosk.log.rotating").write_text("interrupted\n", encoding="utf-8")
    handler = _handler(log_file)
    try:
        for n in range(5):
            handler.handle(_record(f"line {n} " + "x" * 40))
        assert (tmp_path / "kiosk.log.2").read_text(encoding="utf-8") == "interrupted\n"
        assert "line 3" in (tmp_path / "kiosk.log.1").read_text(encoding="utf-8")
        assert not (tmp_path / "kiosk.log.rotating").exists()
        log_file.unlink()  # deleted by hand while open: the rotation keeps the older files
        for n in range(5):
            handler.handle(_record(f"again {n} " + "x" * 40))
        assert (tmp_path / "kiosk.log.2").read_text(encoding="utf-8") == "interrupted\n"
    finally:
        handler.close()
