"""The Server-Sent Events reader: framing by the standard's rules, and each event's data read
as strictly as a status read's body."""

from __future__ import annotations

import json

import pytest

from kiosk.core.errors import UnreadableResponse
from kiosk.core.events import EventParser, status_of, statuses
from kiosk.core.models import Status

BODY = json.dumps({"status": "IN_PROGRESS", "scopes": ["liveness"], "nextStep": "LIVENESS"})


def events(*chunks: bytes, cap: int = 1024) -> list[tuple[str, bytes]]:
    parser = EventParser(cap)
    return [event for chunk in chunks for event in parser.feed(chunk)]


def test_events_are_framed_whatever_the_line_endings_and_chunk_boundaries() -> None:
    stream = b': keep-alive\n\nevent: status\r\ndata: {"a":\r\ndata:1}\r\n\r\n'
    stream += b"event: status\rdata: 2\r\r"
    expected = [("status", b'{"a":\n1}'), ("status", b"2")]
    assert events(stream) == expected
    assert events(*(stream[i : i + 1] for i in range(len(stream)))) == expected  # byte by byte


def test_comments_and_events_without_data_give_nothing() -> None:
    assert events(b": keep-alive\n\n: keep-alive\n\nevent: status\n\n") == []


def test_an_event_without_a_type_is_a_message() -> None:
    assert events(b"data: x\n\n") == [("message", b"x")]


def test_a_line_longer_than_the_cap_is_refused_before_it_ends() -> None:
    parser = EventParser(1024)
    parser.feed(b"data: ")
    for _ in range(10):
        parser.feed(b"x" * 100)  # 1,006 bytes so far: still within the cap
    with pytest.raises(UnreadableResponse, match="line longer than 1024 bytes"):
        parser.feed(b"x" * 100)


def test_an_event_larger_than_the_cap_is_refused_before_it_ends() -> None:
    parser = EventParser(1024)
    for _ in range(20):
        parser.feed(b"data: " + b"x" * 50 + b"\n")  # 1,020 bytes of data so far
    with pytest.raises(UnreadableResponse, match="more than 1024 bytes"):
        parser.feed(b"data: " + b"x" * 50 + b"\n")


def test_status_events_become_statuses_and_other_types_are_skipped() -> None:
    stream = [f"event: ping\ndata: {BODY}\n\nevent: status\ndata: {BODY}\n\n".encode()]
    (status,) = statuses(stream)
    assert status.status is Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<html>", "not usable JSON"),
        (b'{"status": "DONE", "result": {"search": {"similarity": NaN}}}', "NaN"),
        (b'{"status": "DONE", "result": {"search": {"similarity": 1e999}}}', "too large"),
        (b'{"status": "DONE", "status": "FAILED"}', "same key twice"),
        (b'{"status": "DONE\xff"}', "not usable JSON"),
        (b"[1]", "not a JSON object"),
        (b'{"status": 5}', "malformed"),
        (b'{"status": "DONE", "sessionId": "someone-else"}', "another session"),
    ],
)
def test_a_hostile_event_is_refused_like_a_hostile_status_read(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableResponse, match=words):
        status_of(data, session_id="mine")


def test_an_event_naming_this_session_is_read() -> None:
    assert status_of(b'{"status": "DONE", "sessionId": "mine"}', "mine").status is Status.DONE
