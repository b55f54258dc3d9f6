"""The kiosk's side of issue 15, end to end: a kiosk holding only its own device secret runs
PASS and FAIL sessions through the hub with the status pushed, on each store backend; kiosk
verify does too; revoking the kiosk stops it; a hub that restarts mid-session costs nothing."""

from __future__ import annotations

import pytest

from kiosk.cli import main
from kiosk.core.api import VerificationClient
from kiosk.core.credentials import Credentials
from kiosk.core.events import PushPolicy
from kiosk.core.poller import PollPolicy
from kiosk.core.state import ErrorKind
from kiosk.core.verdict import Outcome, Thresholds, decide
from kiosk.hub.kiosks import revoke
from kiosk.hub.server import HubServer
from kiosk.verify import ExitCode
from tests.e2e.test_push_client import Running, start
from tests.hub.conftest import Hub, hub_config

SCOPES = ["liveness", "deepfake", "search"]
# Polling every 30 s: a session that ends within the test's few seconds was pushed.
SLOW_POLL = PollPolicy(interval=30.0, active_interval=30.0, max_backoff=0.2, give_up_after=5)


def run_session(hub: Hub, scenario: str, push: PushPolicy | None = None) -> Running:
    client = hub.client()
    run = start(
        client,
        policy=SLOW_POLL,
        push=push,
        scopes=SCOPES,
        metadata={"sandbox": {"scenario": scenario}},
        trusted_origins=[hub.upstream.local_url],  # the link points at upstream, not the hub
    )
    run.finish(20)
    client.close()
    assert client.push_offered is True
    return run


@pytest.mark.parametrize(
    ("scenario", "outcome"), [("pass", Outcome.PASS), ("no_match", Outcome.FAIL)]
)
def test_a_kiosk_runs_sessions_through_the_hub_with_the_status_pushed(
    hub: Hub, scenario: str, outcome: Outcome
) -> None:
    run = run_session(hub, scenario)
    assert run.listener.failures == []
    session = run.listener.session
    assert session is not None and session.url.startswith(hub.upstream.local_url)
    assert "IN_PROGRESS" in run.listener.raw  # a step in between, pushed as it happened
    final = run.listener.statuses[-1]
    assert final.raw_status == "DONE"
    verdict = decide(final, SCOPES, Thresholds(min_similarity=0.75))
    assert verdict.outcome is outcome


def test_kiosk_verify_runs_through_the_hub(hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    # "--app-key=": a device secret may begin with "-", which argparse would take for an option.
    argv = ["verify", "--base-url", hub.url, "--app-id", hub.kiosk.id, f"--app-key={hub.secret}"]
    argv += ["--scenario", "pass", "--poll-interval", "30", "--timeout", "20", "--no-qr"]
    assert main(argv) == ExitCode.ERROR  # the link points at upstream: not trusted by default
    assert "--trusted-origin" in capsys.readouterr().err
    argv += ["--trusted-origin", hub.upstream.local_url]
    assert main(argv) == ExitCode.PASS
    assert "VERDICT: PASS" in capsys.readouterr().out


def test_revoking_the_kiosk_stops_its_session_at_once(hub: Hub) -> None:
    hub.upstream.app.state.store.step_seconds = 30.0  # the session would run for minutes
    client = hub.client()
    run = start(
        client,
        policy=SLOW_POLL,
        scopes=SCOPES,
        metadata={"sandbox": {"scenario": "pass"}},
        trusted_origins=[hub.upstream.local_url],
    )
    run.listener.wait(lambda r: len(r.statuses) >= 1)
    revoke(hub.store, hub.kiosk.id)
    run.finish(5)
    client.close()
    assert [kind for kind, _ in run.listener.failures] == [ErrorKind.CREDENTIALS]


@pytest.mark.parametrize("reconnects", [0, 20], ids=["falls-back-to-polling", "reconnects"])
def test_a_hub_restarting_mid_session_costs_the_kiosk_nothing(
    hub: Hub, upstream_key: str, reconnects: int
) -> None:
    hub.upstream.app.state.store.step_seconds = 0.5
    config = hub_config(hub.upstream, upstream_key)
    first = HubServer(config, hub.store, graceful_seconds=1).start()
    port = first.port
    client = VerificationClient(first.local_url, Credentials(hub.kiosk.id, hub.secret))
    fast = PollPolicy(interval=0.1, active_interval=0.1, max_backoff=0.3, give_up_after=10)
    try:
        run = start(
            client,
            policy=fast,
            push=PushPolicy(max_reconnects=reconnects),
            scopes=SCOPES,
            metadata={"sandbox": {"scenario": "pass"}},
            trusted_origins=[hub.upstream.local_url],
        )
        run.listener.wait(lambda r: len(r.statuses) >= 1)
        first.stop()  # ends the stream: the kiosk re-reads, finds no hub, retries
        second = HubServer(config, hub.store, port=port, graceful_seconds=1).start()
        try:
            run.finish(20)
        finally:
            second.stop()
    finally:
        first.stop()
        client.close()
    assert run.listener.failures == []
    assert run.listener.raw[-1] == "DONE"
    assert decide(run.listener.statuses[-1], SCOPES).outcome is Outcome.PASS
