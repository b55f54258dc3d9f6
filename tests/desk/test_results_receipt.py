"""The desk's PDF receipt: one A4 page, readable back, holding the result and no secret."""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kiosk.core import state as st
from kiosk.core.models import SessionStatus
from kiosk.core.qr import encode
from kiosk.core.result_summary import iso_utc, summarize
from kiosk.core.verdict import Thresholds
from kiosk.desk.receipt import local_time, write_receipt

pytestmark = pytest.mark.usefixtures("qapp")  # fonts need a QGuiApplication

TOKEN = "tok-RECEIPT-9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c"
URL = f"http://127.0.0.1:8765/flow/{TOKEN}"
ALL = ("liveness", "deepfake", "enroll", "search")
STARTED = 1_795_000_000.0
HOSTILE = "<img src=x onerror=alert(1)> & <b>bold</b>"


def _summary(result: dict[str, Any] | None = None, status: str = "DONE") -> dict[str, Any]:
    session = st.ActiveSession("sess-77", TOKEN, URL, "127.0.0.1:8765", encode(URL), ALL)
    body: dict[str, Any] = {"status": status, "scopes": list(ALL)}
    if result is not None:
        body["result"] = result
    live = st.created(st.start(st.KioskState()), session)
    final = st.status_received(live, SessionStatus.from_wire(body), Thresholds())
    return summarize(
        final,
        reference="CUST-1001",
        thresholds=Thresholds(),
        started_at=STARTED,
        ended_at=STARTED + 80,
        kiosk_name="counter-2",
    )


GOOD = {
    "liveness": {"fine": True, "score": 0.91},
    "deepfake": {"fine": True, "score": 0.97},
    "enroll": {"templateId": "tpl-new-7"},
    "search": {"similarity": 0.88, "templateId": "tpl-old-3"},
}


def _text(path: Path) -> str:
    """The page's text, words joined by single spaces, ligatures (fi) undone."""
    reader = PdfReader(path)
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def test_a_pass_receipt_is_one_a4_page_with_the_result(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    write_receipt(_summary(GOOD), target)
    assert target.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = _text(target)
    for expected in (
        "PASS: identity verified",
        "CUST-1001",
        "sess-77",
        "tpl-old-3",
        "tpl-new-7",
        "counter-2",
        "Liveness passed 0.91 vendor's own pass flag",
        "Face match passed 0.88 at least 0.75",
    ):
        assert expected in text


def test_the_receipt_holds_no_token_and_no_url(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    write_receipt(_summary(GOOD), target)
    text = _text(target)
    raw = target.read_bytes()
    assert TOKEN not in text
    assert TOKEN[:16].encode() not in raw
    assert "http" not in text
    assert "/flow/" not in text


def test_a_fail_receipt_shows_the_failed_check_and_a_hostile_reason_literally(
    tmp_path: Path,
) -> None:
    result = dict(GOOD, liveness={"status": "error", "code": 5, "info": HOSTILE})
    target = tmp_path / "receipt.pdf"
    write_receipt(_summary(result), target)
    text = _text(target)
    assert "FAIL: identity not verified" in text
    assert "Liveness failed" in text
    assert HOSTILE in text  # markup from the server is printed, never interpreted


def test_an_expired_session_says_so(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    write_receipt(_summary(status="EXPIRED"), target)
    text = _text(target)
    assert "Ended: the link expired" in text
    assert "The verification link expired before it was completed." in text
    assert "CUST-1001" in text


def test_very_many_reasons_still_fit_one_page(tmp_path: Path) -> None:
    summary = _summary(GOOD)
    summary["reasons"] = [f"reason {i}: " + "words " * 40 for i in range(80)]
    target = tmp_path / "receipt.pdf"
    write_receipt(summary, target)
    assert len(PdfReader(target).pages) == 1
    assert "reason 79:" in _text(target)


def test_an_existing_receipt_is_replaced_and_no_temporary_file_stays(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_text("old")
    write_receipt(_summary(GOOD), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["receipt.pdf"]


def test_a_folder_that_cannot_be_written_raises_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_receipt(_summary(GOOD), tmp_path / "missing" / "receipt.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def paris() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.usefixtures("paris")
def test_times_are_shown_in_local_time_with_the_zone(tmp_path: Path) -> None:
    assert local_time("2026-11-26T09:30:00Z") == "2026-11-26 10:30:00 CET (UTC+01:00)"
    assert local_time("2026-07-01T09:30:00Z") == "2026-07-01 11:30:00 CEST (UTC+02:00)"
    assert local_time(None) == "-"
    assert local_time("not a time") == "-"
    target = tmp_path / "receipt.pdf"
    write_receipt(_summary(GOOD), target)
    assert local_time(iso_utc(STARTED)) in _text(target)
