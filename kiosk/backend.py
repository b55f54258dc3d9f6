"""The server the kiosk talks to: the configured one, or the embedded sandbox it starts.

Opening the backend (importing and starting the sandbox's server stack, building the HTTP client)
takes far longer than drawing the idle screen, so :class:`BackendStarter` does it on a thread
after the window is up. The first session waits for it, which it almost never has to.
"""

from __future__ import annotations

import argparse
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.core.credentials import Credentials

if TYPE_CHECKING:
    from kiosk.core.api import VerificationClient

log = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 30.0


class BackendUnavailable(RuntimeError):
    """The backend could not be opened (the sandbox's port, a missing dependency ...)."""


@dataclass
class Backend:
    """Where sessions are created: the URL, credentials, trusted link origins, and teardown."""

    base_url: str
    credentials: Credentials
    trusted_origins: list[str]
    sandbox: bool
    close: Callable[[], None]


def configured_credentials(args: argparse.Namespace) -> Credentials | None:
    """The credentials for a configured backend, or None for the sandbox.

    The APP-KEY comes from the environment variable named by ``--app-key-env`` or else from the
    OS keyring. Exits with a message saying what to do when there is none (before any window
    opens)."""
    if not args.base_url:
        return None
    if not args.app_id:
        raise SystemExit(
            "error: a backend other than the sandbox needs an APP-ID: set app_id in the "
            "settings file or pass --app-id."
        )
    key = os.environ.get(args.app_key_env)
    if not key:
        from kiosk.core.secrets import KeyringUnavailable, get_app_key

        try:
            key = get_app_key(args.app_id)
        except KeyringUnavailable as exc:
            raise SystemExit(f"error: {exc}") from None
    if not key:
        raise SystemExit(
            f"error: no APP-KEY for {args.app_id}: store it with `kiosk secrets set-key "
            f"--app-id {args.app_id}`, or give it in ${args.app_key_env}."
        )
    return Credentials(args.app_id, key)


def open_backend(args: argparse.Namespace) -> Backend:
    """Connect to the configured server, or start the embedded sandbox when none is given."""
    credentials = configured_credentials(args)
    if credentials is not None:
        return Backend(args.base_url, credentials, [args.base_url], False, lambda: None)
    from kiosk.sandbox.app import SandboxConfig
    from kiosk.sandbox.server import SandboxServer, generate_credentials

    app_id, app_key = generate_credentials()
    # Only this process knows the generated credentials, so the only callback URL a session can
    # carry is the operator's own (from the settings): it may be a receiver on the branch network.
    config = SandboxConfig(
        app_id=app_id,
        app_key=app_key,
        step_seconds=args.step_seconds,
        allow_private_callbacks=True,
    )
    host = "127.0.0.1" if args.local else "0.0.0.0"  # noqa: S104 - phones must reach the page
    try:
        server = SandboxServer(config, host=host, port=args.port)
    except OSError:
        log.warning("port %s is busy; the sandbox takes a free one", args.port)
        server = SandboxServer(config, host=host, port=0)
    server.start()
    log.info("sandbox at %s; phones use %s", server.local_url, server.public_url)
    trusted = [server.local_url, server.public_url]
    return Backend(server.local_url, Credentials(app_id, app_key), trusted, True, server.stop)


class BackendStarter:
    """Opens the backend and its client on a background thread; :meth:`get` waits for them.

    Args:
        opener: builds the backend (normally :func:`open_backend` bound to the arguments).
    """

    def __init__(self, opener: Callable[[], Backend]) -> None:
        self._opener = opener
        self._done = threading.Event()
        self._backend: Backend | None = None
        self._client: VerificationClient | None = None
        self._error: str | None = None
        self._thread = threading.Thread(target=self._open, name="backend-start", daemon=True)

    def start(self) -> None:
        """Begin opening (once)."""
        if not self._thread.is_alive() and not self._done.is_set():
            self._thread.start()

    def get(self, timeout: float = START_TIMEOUT_SECONDS) -> tuple[Backend, VerificationClient]:
        """The opened backend and client; raises :class:`BackendUnavailable` on failure."""
        self.start()
        if not self._done.wait(timeout):
            raise BackendUnavailable(f"the backend did not start within {timeout:g} s")
        if self._backend is None or self._client is None:
            raise BackendUnavailable(self._error or "the backend did not start")
        return self._backend, self._client

    def close(self) -> None:
        """Close the client and the backend (waiting for a start still under way)."""
        if self._thread.is_alive():
            self._thread.join(START_TIMEOUT_SECONDS)
        if self._client is not None:
            self._client.close()
        if self._backend is not None:
            self._backend.close()

    def _open(self) -> None:
        try:
            backend = self._opener()
            from kiosk.core.api import VerificationClient

            self._client = VerificationClient(backend.base_url, backend.credentials)
            self._backend = backend
        except Exception as exc:  # reported to the first session, which shows the error screen
            log.exception("the backend could not be opened")
            self._error = f"the backend could not be opened: {type(exc).__name__}: {exc}"
        finally:
            self._done.set()
