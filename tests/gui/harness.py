"""A kiosk wired to a real sandbox over loopback, for pytest-qt tests."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from pytestqt.qtbot import QtBot

from kiosk.core.api import Credentials, VerificationClient
from kiosk.core.poller import PollPolicy, SessionRunner
from kiosk.core.state import KioskState, Phase
from kiosk.sandbox.server import SandboxServer
from kiosk.ui.controller import ControllerOptions, KioskController
from kiosk.ui.window import KioskWindow
from tests.conftest import APP_ID, APP_KEY

SCOPES = ("liveness", "deepfake", "search")
FAST_POLL = PollPolicy(interval=0.05, active_interval=0.05, max_backoff=0.2, give_up_after=30)


@dataclass
class Kiosk:
    """The pieces of one kiosk under test."""

    qtbot: QtBot
    sandbox: SandboxServer
    client: VerificationClient
    controller: KioskController
    window: KioskWindow
    scenarios: list[str | None]
    opened: list[str] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)

    @property
    def state(self) -> KioskState:
        return self.controller.state

    def wait_for(self, phase: Phase, timeout: int = 10_000) -> None:
        wait_for_phase(self.qtbot, self.controller, phase, timeout, seen=self.phases)

    def wait_for_no_threads(self, timeout: int = 5000) -> None:
        """Wait until no session thread runs (a stopped worker ends within ~0.1 s)."""

        def stopped() -> None:
            threads = self.controller.threads
            assert threads == [], f"session threads still running: {threads}"

        self.qtbot.waitUntil(stopped, timeout=timeout)

    def play(self, scenario: str | None) -> None:
        """Start a session (by tapping Start) that plays ``scenario`` (None: driven by a person)."""
        self.scenarios.append(scenario)
        self.window.idle.start_button.click()


def wait_for_phase(
    qtbot: QtBot,
    controller: KioskController,
    phase: Phase,
    timeout: int = 5000,
    *,
    seen: list[Phase] | None = None,
) -> None:
    """Wait until ``controller`` shows ``phase``; if it never does, the failure says where the
    kiosk stayed (with the error, if it shows one) and the phases it went through."""

    def reached() -> None:
        state = controller.state
        where = state.phase.value
        if state.error is not None:
            where += f" ({state.error.value}: {state.error_message})"
        trail = f"; phases seen: {[p.value for p in seen]}" if seen is not None else ""
        assert state.phase is phase, f"waiting for {phase.value}, the kiosk is on {where}{trail}"

    qtbot.waitUntil(reached, timeout=timeout)


def build_kiosk(
    qtbot: QtBot,
    sandbox: SandboxServer,
    *,
    options: ControllerOptions | None = None,
    policy: PollPolicy = FAST_POLL,
    credentials: Credentials | None = None,
    transport: httpx.BaseTransport | None = None,
    trusted: list[str] | None = None,
    timeout: httpx.Timeout | None = None,
    base_url: str | None = None,
    look: dict[str, Any] | None = None,
    language: Callable[[], str] | None = None,
) -> Kiosk:
    """A kiosk on ``sandbox`` (or on ``base_url``, with the sandbox kept for inspection);
    ``language`` gives the visitor's language each session sends as ``metadata.language``, as
    the kiosk's own runner factory does."""
    client_kwargs: dict[str, object] = {}
    if transport is not None:
        client_kwargs["transport"] = transport
    if timeout is not None:
        client_kwargs["timeout"] = timeout
    client = VerificationClient(
        base_url or sandbox.local_url,
        credentials or Credentials(APP_ID, APP_KEY),
        **client_kwargs,  # type: ignore[arg-type]
    )
    scenarios: list[str | None] = []

    def make_runner() -> SessionRunner:
        scenario = scenarios.pop(0) if scenarios else None
        metadata: dict[str, Any] | None = {"sandbox": {"scenario": scenario}} if scenario else None
        if language is not None:
            metadata = {**(metadata or {}), "language": language()}
        return SessionRunner(
            client,
            scopes=SCOPES,
            trusted_origins=trusted or [sandbox.local_url, sandbox.public_url],
            metadata=metadata,
            policy=policy,
        )

    controller = KioskController(make_runner, options or ControllerOptions(tick_ms=50))
    opened: list[str] = []
    window = KioskWindow(
        controller,
        sandbox=True,
        open_url=lambda url: opened.append(url) or True,
        **(look or {}),  # theme, text_scale, discreet_result
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    kiosk = Kiosk(qtbot, sandbox, client, controller, window, scenarios, opened)
    controller.state_changed.connect(lambda s: kiosk.phases.append(s.phase))
    return kiosk


def phases_in_order(seen: list[Phase], expected: list[Phase]) -> bool:
    """True when ``expected`` appears in ``seen`` in order (repeats allowed)."""
    compressed = [p for p, _ in itertools.groupby(seen)]
    iterator: Iterator[Phase] = iter(compressed)
    return all(any(p is want for p in iterator) for want in expected)


def visible_texts(widget: object) -> str:
    from PySide6.QtWidgets import QLabel, QWidget

    assert isinstance(widget, QWidget)
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )
