"""The result summary, the receipt and the hand-off on real results: two sessions at once
against the embedded sandbox, one PASS and one that expires, each summarised, printed and
handed off to a loopback receiver."""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.core.handoff import Handoff
from kiosk.core.result_summary import summary_json
from kiosk.desk.receipt import write_receipt
from tests.desk.desk_harness import DeskUnderTest
from tests.desk.results_support import Receiver

pytestmark = pytest.mark.timeout(90)


def _pdf_text(path: Path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def test_real_results_are_summarised_printed_and_handed_off(
    make_desk: Callable[..., DeskUnderTest], tmp_path: Path
) -> None:
    desk = make_desk()
    passing = desk.start("CUST-1001", "pass")
    expiring = desk.start("CASE 2002", "expire")
    first, second = desk.wait_final(passing), desk.wait_final(expiring, timeout=30_000)
    secrets: list[str] = []
    for session in (first, second):
        active = session.state.session
        assert active is not None
        secrets += [active.token, active.url]
    assert first.summary is not None and second.summary is not None

    passed = first.summary
    assert passed["verdict"] == "PASS"
    assert passed["reference"] == "CUST-1001"
    assert passed["session_id"] == first.session_id
    assert [c["scope"] for c in passed["checks"]] == ["liveness", "deepfake", "search"]
    for check in passed["checks"]:
        assert check["passed"] is True
        assert isinstance(check["score"], float)
    assert passed["search_template_id"]
    assert passed["started_at"].endswith("Z") and passed["ended_at"].endswith("Z")

    ended = second.summary
    assert ended["verdict"] is None
    assert ended["ending"] == "expired"
    assert ended["reference"] == "CASE 2002"

    for summary in (passed, ended):
        text = summary_json(summary)
        assert not [s for s in secrets if s in text], "a token or session URL in the summary"

    receipts = []
    for name, summary in (("pass", passed), ("expired", ended)):
        path = tmp_path / f"{name}.pdf"
        write_receipt(summary, path)
        assert len(PdfReader(path).pages) == 1
        receipts.append(_pdf_text(path))
    assert "PASS: identity verified" in receipts[0] and "CUST-1001" in receipts[0]
    assert "Ended: the link expired" in receipts[1] and "CASE 2002" in receipts[1]
    for text in receipts:
        assert not [s for s in secrets if s in text]

    with Receiver((200,)) as receiver:
        handoff = Handoff(url=receiver.url, timeout=5.0, retries=0)
        for summary in (passed, ended):
            assert handoff.deliver(summary, threading.Event()).ok
    bodies = [json.loads(body) for _, body in receiver.requests]
    assert [b["reference"] for b in bodies] == ["CUST-1001", "CASE 2002"]
    assert [b["outcome"] for b in bodies] == ["PASS", "EXPIRED"]
