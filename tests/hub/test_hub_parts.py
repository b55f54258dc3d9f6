"""The hub's small parts on their own: secrets and their hashes, the rate limiter, a stream's
bounded queue, upstream errors as kiosk answers, database URLs, JSON logs."""

from __future__ import annotations

import asyncio
import io
import json
import logging

import pytest

from kiosk.core.errors import (
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    ServerError,
    UnknownSession,
    UnreadableResponse,
)
from kiosk.core.redact import register_secret
from kiosk.hub import logs
from kiosk.hub.credentials import Verifier, check_secret, hash_secret, new_secret
from kiosk.hub.database import describe, open_store
from kiosk.hub.events import Subscriber, encode_status
from kiosk.hub.ratelimit import RateLimiter
from kiosk.hub.store import StoreError
from kiosk.hub.upstream import failure_for
from tests.conftest import FakeClock


def test_a_secret_matches_only_its_hash() -> None:
    secret = new_secret()
    encoded = hash_secret(secret)
    assert secret not in encoded and encoded.startswith("scrypt$")
    assert check_secret(secret, encoded)
    assert not check_secret(secret + "x", encoded)
    assert not check_secret(secret, hash_secret(secret).replace("scrypt", "md5"))
    assert not check_secret(secret, "garbage")
    assert hash_secret(secret) != encoded  # a salt per hash


def test_the_verifier_remembers_only_what_is_still_stored() -> None:
    verifier = Verifier()
    secret = new_secret()
    encoded = hash_secret(secret)
    assert verifier.check("k", secret, encoded)
    assert verifier.check("k", secret, encoded)
    # A rotation stores another hash: the remembered success does not carry over.
    assert not verifier.check("k", secret, hash_secret(new_secret()))
    assert not verifier.check("k", "x" * 10_000, encoded)


def test_the_rate_limiter_allows_a_burst_then_paces() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock)
    assert [limiter.take("k", 3) for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.take("k", 3)
    assert wait == pytest.approx(20.0)
    assert limiter.take("other", 3) == 0.0  # per kiosk
    clock.advance(20)
    assert limiter.take("k", 3) == 0.0
    assert limiter.take("k", None) == 0.0


def test_a_slow_streams_queue_keeps_the_newest_events_and_the_end() -> None:
    async def scenario() -> list[bytes | None]:
        subscriber = Subscriber("k", size=3)
        for number in range(10):
            subscriber.offer(encode_status({"n": number}))
        subscriber.end()
        subscriber.offer(b"after the end")
        return [await subscriber.next(1) for _ in range(3)]

    got = asyncio.run(scenario())
    assert got == [encode_status({"n": 8}), encode_status({"n": 9}), None]


def test_an_event_is_one_data_line() -> None:
    event = encode_status({"status": "DONE", "text": "line\nbreak \u202e"})
    assert event.startswith(b"event: status\ndata: {") and event.endswith(b"}\n\n")
    assert event.count(b"\n") == 3


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidRequest("bad", status_code=422), 422),
        (UnknownSession("gone", status_code=404), 404),
        (RateLimited("slow down", retry_after=2.5), 429),
        (AuthError("refused", status_code=401), 502),
        (NetworkError("refused", request_sent=False), 503),
        (NetworkError("timeout", request_sent=True), 504),
        (ServerError("down", status_code=503), 503),
        (ServerError("broken", status_code=500), 502),
        (UnreadableResponse("garbage"), 502),
    ],
)
def test_upstream_errors_become_the_vendors_classes(error: Exception, status: int) -> None:
    failure = failure_for(error, "get status")  # type: ignore[arg-type]
    assert failure.status == status
    if status == 429:
        assert failure.headers == {"Retry-After": "3"}


def test_database_urls() -> None:
    assert describe("postgresql://hub:s3cret@db:5432/hub") == "postgresql://hub:***@db:5432/hub"
    assert describe("sqlite:////var/lib/hub.db") == "sqlite:////var/lib/hub.db"
    with pytest.raises(StoreError, match="unknown database URL"):
        open_store("mysql://x")


def test_json_logs_mask_registered_secrets_and_leave_no_trace() -> None:
    stream = io.StringIO()
    root, httpx_logger = logging.getLogger(), logging.getLogger("httpx")
    before = (list(root.handlers), root.level, httpx_logger.level)
    with logs.configured(stream=stream):
        register_secret("UPSTREAM-KEY-unit-test-0001")
        logging.getLogger("kiosk.hub.test").warning("key is %s", "UPSTREAM-KEY-unit-test-0001")
    assert (list(root.handlers), root.level, httpx_logger.level) == before
    line = json.loads(stream.getvalue())
    assert line["message"] == "key is ***" and line["level"] == "WARNING"


def test_a_device_secret_never_begins_with_a_dash() -> None:
    from kiosk.hub.credentials import new_secret

    assert not any(new_secret().startswith("-") for _ in range(2000))
