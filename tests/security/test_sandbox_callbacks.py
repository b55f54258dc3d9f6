"""Issue 9, point 6: callbacks cannot be aimed at metadata, link-local or (from a sandbox on the
network) private addresses, follow no redirects, and never log a URL's password."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from kiosk.sandbox.callbacks import CallbackDispatcher
from kiosk.sandbox.egress import ForbiddenTarget, check_callback_url, resolve_target
from kiosk.sandbox.server import SandboxServer
from tests.conftest import APP_ID, APP_KEY, FakeClock, make_config
from tests.e2e.receiver import CallbackReceiver

PATH = "/api/v1.0/flow/sessions"
AUTH = {"APP-ID": APP_ID, "APP-KEY": APP_KEY}

ALWAYS_REFUSED = [
    "https://169.254.169.254/latest/meta-data/",
    "https://2852039166/latest/meta-data/",  # 169.254.169.254 as one number
    "https://0xa9.0xfe.0xa9.0xfe/",  # ... and in hex
    "https://[fd00:ec2::254]/latest/meta-data/",
    "https://[::ffff:169.254.169.254]/",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://METADATA.google.internal./",
    "https://[fe80::1]/hook",
    "https://224.0.0.1/hook",
    "https://0.0.0.0/hook",
    "https://[::]/hook",
    "https://255.255.255.255/hook",
]
PRIVATE = [
    "http://127.0.0.1:9/hook",
    "http://localhost:22/hook",
    "https://10.0.0.5/hook",
    "https://192.168.1.1/hook",
    "https://[fd12:3456::1]/hook",
    "https://100.64.0.1/hook",
]


def create(server: SandboxServer, callback: str) -> httpx.Response:
    body = {"scopes": ["liveness"], "callbackUrl": callback}
    return httpx.post(server.local_url + PATH, json=body, headers=AUTH, timeout=5)


@pytest.fixture
def on_the_network() -> Iterator[SandboxServer]:
    """A sandbox listening on every interface, as the kiosk's default; tests talk to it over
    127.0.0.1 only."""
    with SandboxServer(make_config(), host="0.0.0.0") as server:  # noqa: S104
        yield server


@pytest.mark.parametrize("url", ALWAYS_REFUSED)
def test_metadata_link_local_multicast_unspecified_are_always_refused(
    sandbox: SandboxServer, url: str
) -> None:
    response = create(sandbox, url)  # even from a loopback-only sandbox
    assert response.status_code == 422, response.text
    assert response.json()["message"].startswith("callbackUrl: must not point")
    assert len(sandbox.app.state.store) == 0


@pytest.mark.parametrize("url", PRIVATE)
def test_private_targets_only_from_a_loopback_sandbox(
    sandbox: SandboxServer, on_the_network: SandboxServer, url: str
) -> None:
    assert create(sandbox, url).status_code == 200
    refused = create(on_the_network, url)
    assert refused.status_code == 422
    assert "loopback or private" in refused.json()["message"]


def test_the_operator_may_allow_private_targets() -> None:
    config = make_config(allow_private_callbacks=True)
    with SandboxServer(config, host="0.0.0.0") as server:  # noqa: S104
        assert create(server, "https://10.0.0.5/hook").status_code == 200
        assert create(server, "https://169.254.169.254/").status_code == 422


def test_public_targets_are_accepted(on_the_network: SandboxServer) -> None:
    assert create(on_the_network, "https://hooks.example.com/kiosk").status_code == 200


def test_the_password_in_a_callback_url_is_never_logged(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    with SandboxServer(make_config(clock=clock)) as server, CallbackReceiver() as receiver:
        url = receiver.url.replace("http://", "http://alice:s3cr3t-pw@")
        body = {"scopes": ["liveness"], "callbackUrl": url, "metadata": {}}
        body["metadata"] = {"sandbox": {"scenario": "pass"}}
        assert httpx.post(server.local_url + PATH, json=body, headers=AUTH).status_code == 200
        clock.advance(1)
        assert receiver.accepted.wait(5)
    assert "s3cr3t-pw" not in caplog.text
    assert "***@127.0.0.1" in caplog.text  # the delivery is logged, without the password


class _Redirector:
    """Answers every POST with a 307 to ``target``; counts them."""

    def __init__(self, target: str) -> None:
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.hits += 1
                self.send_response(307)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


def test_redirects_are_not_followed() -> None:
    with CallbackReceiver() as final:
        redirector = _Redirector(final.url)
        redirector.thread.start()
        try:
            asyncio.run(_deliver(redirector.url, {"status": "DONE"}, attempts=1))
        finally:
            redirector.server.shutdown()
            redirector.server.server_close()
    assert redirector.hits == 1
    assert final.attempts == 0


async def _deliver(url: str, body: dict[str, Any], *, attempts: int, private: bool = True) -> None:
    dispatcher = CallbackDispatcher(attempts=attempts, backoff=0.01, allow_private=private)
    await dispatcher.start()
    try:
        await dispatcher._deliver(url, body)
    finally:
        await dispatcher.stop()


def _resolving_to(monkeypatch: pytest.MonkeyPatch, name: str, *addresses: str) -> None:
    real = socket.getaddrinfo

    def fake(host: str, port: object, *args: object, **kwargs: object) -> Any:
        if host == name:
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, int(port)))  # type: ignore[call-overload]
                for a in addresses
            ]
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_a_name_that_resolves_to_a_forbidden_address_is_refused_at_delivery(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """DNS rebinding: accepted as a name at create time, refused once it resolves."""
    with CallbackReceiver() as receiver:
        port = receiver.url.split(":")[2].split("/")[0]
        _resolving_to(monkeypatch, "rebind.test", "127.0.0.1")
        url = f"http://rebind.test:{port}/hook"
        check_callback_url(url, allow_private=False)  # a name: nothing to see at create time
        asyncio.run(_deliver(url, {"status": "DONE"}, attempts=2, private=False))
        assert receiver.attempts == 0  # never connected
    assert "refused" in caplog.text


def test_delivery_connects_to_the_address_that_was_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _resolving_to(monkeypatch, "hooks.example.com", "93.184.216.34")
    target = asyncio.run(
        resolve_target("https://u:p@hooks.example.com:8443/cb?x=1", allow_private=False)
    )
    assert target.url == "https://93.184.216.34:8443/cb?x=1"
    assert target.host_header == "hooks.example.com:8443"
    assert target.sni_hostname == "hooks.example.com"  # TLS still checks the name
    assert target.auth == ("u", "p")


def test_every_resolved_address_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    _resolving_to(monkeypatch, "mixed.test", "93.184.216.34", "169.254.169.254")
    with pytest.raises(ForbiddenTarget):
        asyncio.run(resolve_target("https://mixed.test/", allow_private=True))


def test_callback_body_still_arrives_at_an_allowed_target(clock: FakeClock) -> None:
    with SandboxServer(make_config(clock=clock)) as server, CallbackReceiver() as receiver:
        body = {
            "scopes": ["liveness"],
            "callbackUrl": receiver.url,
            "metadata": {"sandbox": {"scenario": "cancel"}},
        }
        httpx.post(server.local_url + PATH, json=body, headers=AUTH).raise_for_status()
        clock.advance(1)
        assert receiver.accepted.wait(5)
    assert json.loads(json.dumps(receiver.bodies))[0]["status"] == "CANCELED"
