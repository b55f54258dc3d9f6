"""How the window's sessions are made: one :class:`SessionRunner` per session, on the worker
thread, from the configuration and the opened backend."""

from __future__ import annotations

import itertools
import socket
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.backend import BackendStarter
    from kiosk.config import KioskConfig
    from kiosk.core.models import CreatedSession
    from kiosk.core.poller import SessionRunner


def runner_factory(
    starter: BackendStarter,
    config: KioskConfig,
    scenarios: Iterator[str] | None = None,
    resume: CreatedSession | None = None,
    scopes: Sequence[str] | None = None,
    language: Callable[[], str] | None = None,
    reference: str | None = None,
) -> Callable[[], SessionRunner]:
    """A function that builds the runner of the next session (called on the worker thread).

    Args:
        scenarios: (sandbox only) gives each new session the next scripted outcome; by
            default demo mode cycles through its list.
        resume: a session a previous run created, followed instead of creating one.
        scopes: the checks, when not the settings' (a resumed session keeps its own).
        language: the language the visitor chose (read when the session is created, on the
            worker thread); sent as ``metadata.language`` so the phone page speaks it too.
            Default: the ``language`` setting.
        reference: (the operator desk) the customer number or case id the employee typed,
            already checked (:func:`kiosk.core.reference.check_reference`); sent as
            ``metadata.reference`` so the backend's records carry it too.
    """
    settings = config.settings
    chosen = tuple(scopes or settings.scopes)
    demo = scenarios
    if demo is None and config.demo is not None and resume is None:
        demo = itertools.cycle(config.demo)

    def make() -> SessionRunner:
        from kiosk.core.events import PushPolicy
        from kiosk.core.poller import PollPolicy, SessionRunner

        backend, client = starter.get()
        interval = settings.poll_interval
        metadata: dict[str, Any] = {"kiosk": socket.gethostname(), **settings.metadata}
        metadata["language"] = language() if language is not None else settings.language
        if reference:
            metadata["reference"] = reference
        if demo is not None:
            metadata["sandbox"] = {"scenario": next(demo)}
        return SessionRunner(
            client,
            scopes=chosen,
            # The backend's own origins, and those the settings add (a hub's links point at
            # the vendor or its sandbox): never whatever host a link happens to name.
            trusted_origins=[*backend.trusted_origins, *settings.trusted_origins],
            metadata=metadata,
            ttl_sec=float(settings.ttl_sec),
            callback_url=settings.callback_url or None,
            return_url=settings.return_url or None,
            policy=PollPolicy(interval=interval, active_interval=interval / 2),
            resume=resume,
            push=PushPolicy(),  # the hub pushes; the vendor and the sandbox are polled
        )

    return make
