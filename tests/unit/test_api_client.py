"""The client's handling of every error class, with exotic failures fed by MockTransport."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable

import httpx
import pytest

from kiosk.core.api import MAX_BODY_BYTES, Credentials, VerificationClient
from kiosk.core.errors import (
    ApiError,
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    ServerError,
    UnexpectedResponse,
    UnknownSession,
    UnreadableResponse,
)
from kiosk.core.models import Status
from kiosk.core.redact import RedactingFilter

KEY = "app-key-SECRET-123456"
TOKEN = "tok-SECRET-abcdefghijklmnop"


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> VerificationClient:
    return VerificationClient(
        "https://vendor.test", Credentials("app-1", KEY), transport=httpx.MockTransport(handler)
    )


def answer(status: int, body: object = None, **kw: object) -> Callable[..., httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, **kw)  # type: ignore[arg-type]
        return httpx.Response(status, json=body, **kw)  # type: ignore[arg-type]

    return handler


def raising(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def test_create_session_sends_the_contract_request() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"sessionId": "sid", "token": TOKEN, "url": f"https://v/flow/{TOKEN}"}
        )

    with client_for(handler) as client:
        session = client.create_session(
            ["liveness", "search"],
            metadata={"kiosk": "k1"},
            callback_url="https://cb.test/x",
            return_url="https://ret.test/",
            ttl_sec=600,
        )
    request = seen[0]
    assert request.method == "POST"
    assert request.url.path == "/api/v1.0/flow/sessions"
    assert request.headers["APP-ID"] == "app-1"
    assert request.headers["APP-KEY"] == KEY
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "scopes": ["liveness", "search"],
        "metadata": {"kiosk": "k1"},
        "callbackUrl": "https://cb.test/x",
        "returnUrl": "https://ret.test/",
        "ttlSec": 600,
    }
    assert (session.session_id, session.token) == ("sid", TOKEN)


def test_optional_fields_are_left_out_when_not_given() -> None:
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.content)
        return httpx.Response(200, json={"sessionId": "s", "token": TOKEN, "url": "https://v/f"})

    client_for(handler).create_session(["liveness"])
    assert json.loads(seen[0]) == {"scopes": ["liveness"]}


def test_get_status_reads_by_token() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        return httpx.Response(200, json={"status": "IN_PROGRESS", "nextStep": "LIVENESS"})

    status = client_for(handler).get_status(TOKEN)
    assert paths == [f"/api/v1.0/flow/sessions/{TOKEN}"]
    assert status.status is Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("handler", "error", "retryable", "words"),
    [
        (answer(401, {"error": "unauthorized"}), AuthError, False, "refused the APP-ID/APP-KEY"),
        (answer(403, {"message": "app disabled"}), AuthError, False, "app disabled"),
        (answer(400, {"message": "scopes: required"}), InvalidRequest, False, "scopes: required"),
        (answer(422, {"detail": "ttlSec too big"}), InvalidRequest, False, "ttlSec too big"),
        (answer(404, {"error": "not_found"}), UnknownSession, False, "does not know this session"),
        (answer(429, {}, headers={"Retry-After": "7"}), RateLimited, True, "retry after 7 s"),
        (answer(500, b"oops"), ServerError, True, "failed with 500"),
        (answer(503, {"message": "maintenance"}), ServerError, True, "maintenance"),
        (answer(302, b"", headers={"Location": "/x"}), UnexpectedResponse, False, "HTTP 302"),
        (answer(418, {}), UnexpectedResponse, False, "HTTP 418"),
        (answer(200, b"<html>hi</html>"), UnreadableResponse, False, "not JSON"),
        (answer(200, [1, 2]), UnreadableResponse, False, "not a JSON object"),
        (answer(200, {"status": 7}), UnreadableResponse, False, "malformed"),
        (answer(200, b"\xff\xfe\x00"), UnreadableResponse, False, "not JSON"),
        (
            answer(200, b'{"status":"DONE","pad":"' + b"x" * MAX_BODY_BYTES + b'"}'),
            UnreadableResponse,
            False,
            "more than",
        ),
    ],
)
def test_http_answers_map_to_errors_a_ui_can_act_on(
    handler: Callable[[httpx.Request], httpx.Response],
    error: type[ApiError],
    retryable: bool,
    words: str,
) -> None:
    with pytest.raises(error) as caught:
        client_for(handler).get_status(TOKEN)
    assert caught.value.retryable is retryable
    assert words in caught.value.message


def test_rate_limit_carries_retry_after_seconds() -> None:
    with pytest.raises(RateLimited) as caught:
        client_for(answer(429, {}, headers={"Retry-After": "2.5"})).get_status(TOKEN)
    assert caught.value.retry_after == 2.5
    with pytest.raises(RateLimited) as caught:
        client_for(answer(429, {}, headers={"Retry-After": "Wed, 21 Oct"})).get_status(TOKEN)
    assert caught.value.retry_after is None


@pytest.mark.parametrize(
    ("exc", "sent", "words"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), False, "Cannot connect"),
        (httpx.ConnectTimeout("timed out"), False, "Timed out connecting"),
        (httpx.ReadTimeout("timed out"), True, "did not answer"),
        (httpx.RemoteProtocolError("peer closed connection"), True, "connection"),
        (httpx.ReadError("[Errno 104] Connection reset by peer"), True, "reset"),
    ],
)
def test_network_failures_say_whether_the_request_may_have_arrived(
    exc: Exception, sent: bool, words: str
) -> None:
    with pytest.raises(NetworkError) as caught:
        client_for(raising(exc)).create_session(["liveness"])
    assert caught.value.request_sent is sent
    assert caught.value.retryable
    assert words in caught.value.message


@pytest.mark.parametrize(
    "body",
    [{"sessionId": "s", "token": "t"}, {"sessionId": "s", "token": 5, "url": "u"}, {"x": 1}],
)
def test_create_answer_without_the_three_fields_is_unreadable(body: object) -> None:
    with pytest.raises(UnreadableResponse):
        client_for(answer(200, body)).create_session(["liveness"])


def test_secrets_never_appear_in_errors_reprs_or_logs() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    messages: list[str] = []
    try:
        # The server echoes the secrets back in its error text: they must still not leak.
        echoing = answer(500, {"message": f"bad key {KEY} for token {TOKEN}"})
        client = client_for(echoing)
        for call in (lambda: client.get_status(TOKEN), lambda: client.create_session(["x"])):
            with pytest.raises(ApiError) as caught:
                call()
            messages += [str(caught.value), repr(caught.value), caught.value.message]
        timeouts = client_for(raising(httpx.ReadTimeout(f"GET /sessions/{TOKEN}")))
        with pytest.raises(NetworkError) as caught_net:
            timeouts.get_status(TOKEN)
        messages.append(str(caught_net.value))
        assert caught_net.value.__cause__ is None and caught_net.value.__suppress_context__
        messages += [repr(client), repr(Credentials("a", KEY)), str(Credentials("a", KEY))]
        logging.getLogger("httpx").info("HTTP Request: GET https://v/sessions/%s", TOKEN)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    text = "\n".join(messages) + stream.getvalue()
    assert "HTTP Request" in text
    assert KEY not in text
    assert TOKEN not in text
