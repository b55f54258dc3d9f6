"""Adversarial review of remote settings (issue 16 point 4), hub side."""

from __future__ import annotations

import httpx
import pytest

from kiosk.cli import main
from kiosk.core.remote_settings import SETTINGS_PATH
from tests.hub.conftest import Hub


def test_a_value_the_cli_accepts_is_served(
    hub: Hub, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """IT pastes a metadata value with half an emoji escape (a JSON text cut in the middle of a
    surrogate pair): the CLI accepts and stores it; the route then fails for every kiosk of
    the scope, and keeps failing (the kiosks keep their old copy forever, `show` looks fine)."""
    code = main(
        [
            "hub",
            "settings",
            "set",
            "--kiosk",
            hub.kiosk.id,
            "theme=high-contrast",
            'metadata={"note": "caf\\ud83d"}',
            "--database",
            database_url,
        ]
    )
    err = capsys.readouterr().err
    with httpx.Client(base_url=hub.url, timeout=5, headers=hub.auth) as http:
        answer = http.get(SETTINGS_PATH)
    # Either the CLI refuses it (exit 2), or the kiosk is served.
    assert code == 2 or answer.status_code == 200, (code, err, answer.status_code)


def test_a_big_integer_in_metadata_is_refused_at_set(
    hub: Hub, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI accepts a 21-digit integer; the hub serves it; the kiosk's strict JSON reader
    (kiosk.core.wire.MAX_INT_DIGITS = 20) refuses the whole answer: no setting reaches it."""
    code = main(
        [
            "hub",
            "settings",
            "set",
            "--kiosk",
            hub.kiosk.id,
            "theme=high-contrast",
            'metadata={"iban_digits": 123456789012345678901}',
            "--database",
            database_url,
        ]
    )
    capsys.readouterr()
    from kiosk.core.credentials import Credentials
    from kiosk.core.remote_settings_client import RemoteSettingsClient

    client = RemoteSettingsClient(hub.url, Credentials(hub.auth["APP-ID"], hub.auth["APP-KEY"]))
    try:
        answer = client.fetch()
    finally:
        client.close()
    assert code == 2 or answer.kind == "changed", (code, answer.kind)


def test_a_callback_url_set_on_the_hub_reaches_upstream(
    hub: Hub, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """callback_url is in REMOTE_LIVE and HUB.md's table says it applies "from the next
    session"; but a kiosk with remote settings talks to a hub, and the hub drops every
    kiosk's callbackUrl (kiosk/hub/routes.py: upstream calls the hub). `set callback_url=`
    exits 0 and does nothing."""
    code = main(
        [
            "hub",
            "settings",
            "set",
            "--site",
            "branch-7",
            "callback_url=https://crm.bank.example/verified",
            "--database",
            database_url,
        ]
    )
    capsys.readouterr()
    if code == 2:
        return  # refused with a reason: fine
    upstream = hub.server.app.state.upstream
    seen: list[object] = []
    original = upstream.create

    async def spy(scopes, metadata, callback_url, return_url, ttl):  # type: ignore[no-untyped-def]
        seen.append(callback_url)
        return await original(scopes, metadata, callback_url, return_url, ttl)

    upstream.create = spy
    settings = hub.store.scope_settings("site", "branch-7")
    assert settings is not None
    with hub.client() as client:  # the kiosk's session, made with the setting in force
        client.create_session(["liveness"], callback_url=settings.values["callback_url"])
    assert seen == ["https://crm.bank.example/verified"], seen  # (reached only if set accepts it)


def test_concurrent_changes_from_separate_processes_all_land(database_url: str) -> None:
    """Two `kiosk hub settings set` are two processes, each with its own store (connection)."""
    import threading
    from datetime import UTC, datetime

    from kiosk.hub.database import open_store

    first = open_store(database_url)
    first.migrate()
    keys = [f"key{n}" for n in range(8)]
    errors: list[BaseException] = []
    stores = [open_store(database_url) for _ in keys]
    barrier = threading.Barrier(len(keys))

    def change(store, key: str) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            store.change_scope_settings("site", "s", {key: 1}, (), datetime.now(UTC))
        except BaseException as exc:
            errors.append(exc)

    pairs = zip(stores, keys, strict=True)
    threads = [threading.Thread(target=change, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        row = first.scope_settings("site", "s")
        assert row is not None and (sorted(row.values), row.version) == (keys, len(keys))
    finally:
        for store in [first, *stores]:
            store.close()


def test_a_site_name_is_stripped_as_enrolment_strips_it(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--site " branch-7"` (a stray space from a copied line) reaches branch-7's kiosks."""
    from kiosk.hub.database import open_store
    from kiosk.hub.kiosks import enrol
    from kiosk.hub.remote_settings import effective_for

    store = open_store(database_url)
    try:
        store.migrate()
        record, _ = enrol(store, "Lobby tablet", " branch-7 ")
        code = main(
            [
                "hub",
                "settings",
                "set",
                "--site",
                " branch-7",
                "theme=high-contrast",
                "--database",
                database_url,
            ]
        )
        err = capsys.readouterr().err
        assert code == 0 and "no kiosk is enrolled" not in err, err
        kiosk = store.get_kiosk(record.id)
        assert kiosk is not None and kiosk.site == "branch-7"
        assert effective_for(store, kiosk).values == {"theme": "high-contrast"}
    finally:
        store.close()
