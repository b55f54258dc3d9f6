"""The server the kiosk talks to: the configured one, or the embedded sandbox it starts.

The window and ``kiosk verify`` open it the same way: :func:`credentials_for` finds the APP-KEY
(given, ``KIOSK_APP_KEY``, then the stores of :mod:`kiosk.core.secret_stores`: systemd
credentials, the OS keyring, the machine's secrets folder), :func:`open_backend` connects or
starts the sandbox. Opening (importing and starting the sandbox's server stack, building the
HTTP client) takes far longer than drawing the idle screen, so the window's
:class:`BackendStarter` does it on a thread after the window is up. The first session waits for
it, which it almost never has to.
"""

from __future__ import annotations

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
APP_KEY_ENV = "KIOSK_APP_KEY"


class BackendUnavailable(RuntimeError):
    """The backend could not be opened (the sandbox's port, a missing dependency ...)."""


class CredentialsMissing(ValueError):
    """No APP-ID or no APP-KEY for a configured backend; ``str()`` says how to give them."""


@dataclass(frozen=True)
class BackendConfig:
    """Which backend to open.

    Attributes:
        base_url: the server, or None to start the embedded sandbox.
        credentials: for ``base_url``; for the sandbox, the ones it accepts (None: generated).
        lan: the sandbox listens on all interfaces (phones on the LAN reach its flow page).
        port: the sandbox's port (0: any; a busy one falls back to any).
        step_seconds: the pace of the sandbox's scripted scenarios.
        allow_private_callbacks: the sandbox may call back private addresses (the window's
            own settings name the receiver; nobody else knows the generated credentials).
        lan_address: with ``lan``, the address or interface phones reach this machine at (the
            ``sandbox_address`` setting); empty: the default route's.
    """

    base_url: str | None
    credentials: Credentials | None = None
    lan: bool = False
    port: int = 0
    step_seconds: float = 1.0
    allow_private_callbacks: bool = False
    lan_address: str = ""


@dataclass
class Backend:
    """Where sessions are created: the URL, credentials, trusted link origins, and teardown."""

    base_url: str
    credentials: Credentials
    trusted_origins: list[str]
    close: Callable[[], None]


def credentials_for(app_id: str, key: str | None = None, key_env: str = APP_KEY_ENV) -> Credentials:
    """The credentials for a configured backend: ``key`` if given, else ``$key_env``, else the
    secret stores in their order (systemd credentials, the OS keyring, the secrets folder).

    Raises:
        CredentialsMissing: no APP-ID, no key anywhere, or no keyring to look in.
    """
    if not app_id:
        raise CredentialsMissing(
            "a backend other than the sandbox needs an APP-ID: set app_id in the settings file "
            "or pass --app-id."
        )
    key = key or os.environ.get(key_env)
    if not key:
        from kiosk.core.secrets import KeyringUnavailable, get_app_key

        try:
            key = get_app_key(app_id)
        except KeyringUnavailable as exc:
            raise CredentialsMissing(str(exc)) from exc
    if not key:
        raise CredentialsMissing(
            f"no APP-KEY for {app_id}: store it with `kiosk secrets set-key --app-id {app_id}`, "
            f"or give it in ${key_env}."
        )
    return Credentials(app_id, key)


def open_backend(config: BackendConfig) -> Backend:
    """Connect to the configured server, or start the embedded sandbox when none is given."""
    if config.base_url is not None:
        if config.credentials is None:
            raise CredentialsMissing(f"no credentials for {config.base_url}")
        return Backend(config.base_url, config.credentials, [config.base_url], lambda: None)
    # Imported here: the server stack is heavy and only the sandbox needs it.
    from kiosk.sandbox.app import SandboxConfig
    from kiosk.sandbox.server import SandboxServer, generate_credentials

    credentials = config.credentials or Credentials(*generate_credentials())
    sandbox_config = SandboxConfig(
        app_id=credentials.app_id,
        app_key=credentials.app_key,
        step_seconds=config.step_seconds,
        allow_private_callbacks=config.allow_private_callbacks,
    )
    host = "0.0.0.0" if config.lan else "127.0.0.1"  # noqa: S104 - phones must reach the page
    try:
        server = SandboxServer(
            sandbox_config, host=host, port=config.port, lan_address=config.lan_address
        )
    except OSError:
        log.warning("port %s is busy; the sandbox takes a free one", config.port)
        server = SandboxServer(sandbox_config, host=host, port=0, lan_address=config.lan_address)
    server.start()
    log.info("sandbox at %s; phones use %s", server.local_url, server.public_url)
    trusted = [server.local_url, server.public_url]
    return Backend(server.local_url, credentials, trusted, server.stop)


class BackendStarter:
    """Opens the backend and its client on a background thread; :meth:`get` waits for them.

    Args:
        opener: builds the backend (normally :func:`open_backend` bound to its config).
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
