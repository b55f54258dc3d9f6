"""Adversarial review of remote settings (issue 16 point 4), kiosk side."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import httpx
import pytest
from starlette.responses import JSONResponse

from kiosk.core.credentials import Credentials
from kiosk.core.remote_settings import MAX_BODY_BYTES, Answer, SettingsCache, vet, wire_form
from kiosk.core.remote_settings_client import RemoteSettingsClient, run
from kiosk.core.rules import MAX_METADATA_BYTES, MAX_METADATA_INT, MAX_URL_LENGTH, SCOPES
from kiosk.core.settings import SettingsError, env_name, load, parse
from kiosk.core.wire import MAX_INT_DIGITS
from kiosk.hub.remote_settings import merge
from kiosk.hub.remote_settings_rows import ScopeSettings

HUB, KIOSK = "https://hub.example", "kiosk-1"


def client_for(handler):  # type: ignore[no-untyped-def]
    return RemoteSettingsClient(
        "http://127.0.0.1:9", Credentials(KIOSK, "secret"), transport=httpx.MockTransport(handler)
    )


def served_by_hub(cli_values: dict[str, str]) -> httpx.Response | None:
    """What `kiosk hub settings set --site S ...` followed by the route serves, byte for byte
    (None: the CLI refuses the values, writes nothing)."""
    accepted, refused = vet(cli_values, "kiosk hub settings set", "Nothing was changed.")
    if refused:
        return None
    found = merge(ScopeSettings("site", "branch-7", wire_form(accepted)), None)
    assert not found.refused
    body = JSONResponse({"version": found.version, "settings": found.values}).body
    return httpx.Response(200, content=body, headers={"ETag": f'"{found.version}"'})


# --- BUG: a value the hub accepts and serves, the kiosk refuses the whole answer for ---


@pytest.mark.parametrize(
    "value",
    [
        {"metadata": '{"branch": "7", "account": 123456789012345678901}'},  # 21 digits
        {"return_url": "https://bank.example/done?ctx=" + "a" * 70_000},  # one argv fits 128 KiB
    ],
    ids=["big-int-in-metadata", "long-url"],
)
def test_values_the_hub_accepts_reach_the_kiosk(value: dict[str, str]) -> None:
    response = served_by_hub({"theme": "high-contrast", **value})
    if response is None:
        return  # refused when IT sets it: fine
    answer = client_for(lambda request: response).fetch()
    assert answer.kind == "changed"  # was "failed": a 21-digit number
    assert answer.values["theme"] == "high-contrast"


# --- BUG: a damaged kept copy stops the kiosk at start ---


@pytest.mark.parametrize("etag", [5, True, ["x"], {"a": 1}])
def test_a_kept_copy_with_a_damaged_etag_is_still_usable_or_ignored(
    tmp_path: Path, etag: object
) -> None:
    cache = SettingsCache(tmp_path / "remote-settings.json", HUB, KIOSK)
    cache.path.write_text(
        json.dumps(
            {
                "hub": HUB,
                "kiosk": KIOSK,
                "version": "v1",
                "etag": etag,
                "settings": {"theme": "high-contrast"},
            }
        )
    )
    kept = cache.load()  # raised out of _etag() at start
    assert kept is None or kept.etag is None


# --- BUG: a FIFO in place of the kept copy hangs the start ---


@pytest.mark.skipif(os.name != "posix", reason="FIFO")
def test_a_fifo_in_place_of_the_kept_copy_does_not_hang_the_start(tmp_path: Path) -> None:
    path = tmp_path / "remote-settings.json"
    os.mkfifo(path)
    cache = SettingsCache(path, HUB, KIOSK)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (cache.load(), done.set()), daemon=True)
    thread.start()
    try:
        assert done.wait(3), "SettingsCache.load() blocks on a FIFO: the kiosk never starts"
    finally:
        if not done.is_set():  # unblock the reader
            with open(path, "wb") as fifo:
                fifo.write(b"{}")
            thread.join(5)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_a_device_in_place_of_the_kept_copy_is_not_read(tmp_path: Path) -> None:
    """/dev/zero would feed the reader without end; a link is not followed at all."""
    path = tmp_path / "remote-settings.json"
    path.symlink_to("/dev/zero")
    assert SettingsCache(path, HUB, KIOSK).load() is None


def test_a_kept_copy_over_its_cap_is_not_used(tmp_path: Path) -> None:
    cache = SettingsCache(tmp_path / "remote-settings.json", HUB, KIOSK)
    body = {"hub": HUB, "kiosk": KIOSK, "version": "v1", "settings": {"theme": "default"}}
    cache.path.write_text(json.dumps(body) + " " * (4 * MAX_BODY_BYTES))
    assert cache.load() is None
    cache.path.write_text(json.dumps(body))
    kept = cache.load()
    assert kept is not None and kept.values == {"theme": "default"}


# --- BUG: the kept ETag stands for the hub's whole answer, the kept values for part of it ---


def test_after_an_upgrade_a_key_the_old_kiosk_refused_is_fetched(tmp_path: Path) -> None:
    """An older kiosk refused a key (unknown to it, or out of its range); it kept the answer's
    ETag with the rest. Upgraded, it now accepts that key, but sends the kept ETag at start,
    gets 304, and never sees the key until IT changes something else."""
    full = {"theme": "high-contrast", "text_scale": 150}
    version = "abc"
    # What the old kiosk kept: the ETag of `full`, without text_scale (refused then).
    cache = SettingsCache(tmp_path / "remote-settings.json", HUB, KIOSK)
    old_refusal = ("the hub's settings: 'text_scale' must be a whole number from 100 to 125",)
    cache.save(Answer("changed", version, f'"{version}"', {"theme": "high-contrast"}, old_refusal))
    kept = cache.load()
    assert kept is not None

    def hub(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == f'"{version}"':
            return httpx.Response(304, headers={"ETag": f'"{version}"'})
        return httpx.Response(
            200, json={"version": version, "settings": full}, headers={"ETag": f'"{version}"'}
        )

    delivered: list[Answer] = []
    stop = threading.Event()
    loop = threading.Thread(
        target=run,
        args=(
            client_for(hub),
            cache,
            stop,
            lambda: True,
            lambda answer: (delivered.append(answer), stop.set()),
        ),
        kwargs={"interval": 0.05, "etag": kept.etag},  # as RemoteSettingsThread starts it
    )
    loop.start()
    loop.join(1)
    stop.set()
    loop.join(5)
    values = delivered[-1].values if delivered else kept.values
    assert values.get("text_scale") == 150  # was 304: the kept subset stayed


def test_a_wholly_accepted_answer_keeps_its_etag_for_the_next_start(tmp_path: Path) -> None:
    cache = SettingsCache(tmp_path / "remote-settings.json", HUB, KIOSK)
    cache.save(Answer("changed", "abc", '"abc"', {"theme": "high-contrast"}))
    kept = cache.load()
    assert kept is not None and kept.etag == '"abc"'  # the start asks with it: 304 is enough


# --- BUG: one 404 (an instance mid-upgrade behind the load balancer) ends the asking for good ---


def test_a_404_from_a_backend_that_already_answered_as_a_hub_does_not_end_the_asking() -> None:
    answers = iter(
        [
            httpx.Response(200, json={"version": "a", "settings": {}}, headers={"ETag": '"a"'}),
            httpx.Response(404, json={"error": "not_found"}),  # an old instance, a proxy hiccup
            httpx.Response(200, json={"version": "b", "settings": {"theme": "high-contrast"}}),
        ]
    )
    client = client_for(lambda request: next(answers))
    assert client.fetch().kind == "changed"
    client.fetch()
    third = client.fetch()
    assert third.kind == "changed"  # was "not_a_hub" until restart


def test_a_404_from_a_hub_that_already_answered_does_not_end_the_heartbeats() -> None:
    from kiosk.core.heartbeat import HeartbeatSender, Report

    answers = iter([httpx.Response(200), httpx.Response(404), httpx.Response(204)])
    sender = HeartbeatSender(
        "http://127.0.0.1:9",
        Credentials(KIOSK, "secret"),
        transport=httpx.MockTransport(lambda request: next(answers)),
    )
    try:
        assert sender.send(Report("idle")) is True
        assert sender.send(Report("idle")) is False and sender.is_hub is True  # tried again
        assert sender.send(Report("idle")) is True
    finally:
        sender.close()


# --- BUG: a metadata string that cannot be UTF-8 is accepted, then breaks every session ---


def test_metadata_with_a_lone_surrogate_is_refused() -> None:
    body = b'{"version": "v", "settings": {"metadata": {"note": "\\ud83d"}}}'
    answer = client_for(lambda request: httpx.Response(200, content=body)).fetch()
    assert "metadata" not in answer.values
    # ...and what each session would then send (kiosk.core.api.create_session, httpx json=):
    # httpx._content.encode_json -> UnicodeEncodeError: surrogates not allowed


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("metadata", {"note": "caf\ud83d"}),  # half an emoji's escape
        ("metadata", {"caf\udcff": 1}),  # a key with an undecodable byte
        ("return_url", "https://bank.example/caf\udcff"),
    ],
)
def test_text_that_cannot_be_sent_as_utf8_is_refused_from_every_source(
    key: str, value: object
) -> None:
    """Accepted, such a value made every session raise UnicodeEncodeError in httpx (and a
    hub's every answer a 500): it is refused where it is read, whatever the source."""
    with pytest.raises(SettingsError):
        parse({key: value}, "settings.toml")
    # An environment variable's undecodable bytes reach Python as lone surrogates.
    raw = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
    with pytest.raises(SettingsError):
        load(None, {env_name(key): raw})
    accepted, refused = vet({key: value}, "the hub's settings")
    assert key not in accepted and len(refused) == 1


def test_integers_the_kiosk_cannot_read_back_are_refused_in_metadata() -> None:
    assert MAX_METADATA_INT == 10**MAX_INT_DIGITS - 1  # the same bound as the JSON reader's
    assert load(None, {"KIOSK_METADATA": '{"n": -99999999999999999999}'}).metadata["n"] < 0
    with pytest.raises(SettingsError):
        load(None, {"KIOSK_METADATA": '{"n": [100000000000000000000]}'})


def test_urls_are_at_most_2048_characters() -> None:
    url = "https://bank.example/?" + "a" * (MAX_URL_LENGTH - 22)
    assert parse({"return_url": url}, "settings.toml")["return_url"] == url
    with pytest.raises(SettingsError):
        parse({"return_url": url + "a"}, "settings.toml")


def test_the_largest_values_the_rules_allow_fit_one_answer() -> None:
    """Every value at its largest, in the characters that take most bytes: the hub's answer
    still fits the kiosk's cap, and the kiosk takes it whole."""
    wide = "\U0001f600"  # 4 bytes in UTF-8
    url = "https://bank.example/" + wide * (MAX_URL_LENGTH - 21)
    metadata = {"note": "\u0800" * ((MAX_METADATA_BYTES - 20) // 6)}  # 6 bytes escaped, 3 sent
    values = {"metadata": metadata, "return_url": url}
    values |= {"scopes": list(SCOPES), "theme": "high-contrast", "text_scale": 200}
    accepted, refused = vet(values, "kiosk hub settings set", "Nothing was changed.")
    assert refused == [] and accepted.keys() == values.keys()
    found = merge(ScopeSettings("site", "branch-7", wire_form(accepted)), None)
    body = JSONResponse({"version": found.version, "settings": found.values}).body
    assert len(body) <= MAX_BODY_BYTES
    answer = client_for(lambda request: httpx.Response(200, content=body)).fetch()
    assert answer.kind == "changed" and answer.values.keys() == values.keys()


def test_a_value_no_rule_catches_is_still_not_served(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hub's last check (vet) reads each value back as a kiosk would, whatever the rule."""
    monkeypatch.setattr("kiosk.core.remote_settings.check", lambda k, s, value, w, f: value)
    accepted, refused = vet(
        {"metadata": {"n": 10**20}, "return_url": "https://x.example/\ud83d", "theme": "default"},
        "kiosk hub settings set",
    )
    assert list(accepted) == ["theme"] and len(refused) == 2
    assert "cannot be sent to a kiosk" in refused[0]


def test_the_kiosk_starts_with_a_damaged_kept_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kiosk.app.run calls prepare() before any window: an exception there is a traceback and
    no kiosk, at every restart (the fetch that would rewrite the copy comes after the window)."""
    from dataclasses import replace

    from kiosk import paths
    from kiosk.backend import BackendConfig
    from kiosk.config import KioskConfig
    from kiosk.core.remote_settings import CACHE_NAME
    from kiosk.core.settings import DEFAULTS
    from kiosk.fleet_settings import prepare

    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    url = "http://127.0.0.1:9"
    copy = paths.data_dir() / CACHE_NAME
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(
        json.dumps(
            {
                "hub": url,
                "kiosk": KIOSK,
                "version": "v1",
                "etag": 7,
                "settings": {"theme": "high-contrast"},
            }
        )
    )
    local = replace(DEFAULTS, backend=url, app_id=KIOSK)
    _config, remote = prepare(  # raised TypeError out of _etag()
        KioskConfig(local, tmp_path / "settings.toml"),
        BackendConfig(url, Credentials(KIOSK, "secret")),
    )
    assert remote is not None


def test_an_abbreviated_option_is_pinned_over_the_hub(tmp_path: Path) -> None:
    """argparse takes `--text-sc 100` for `--text-scale 100` (allow_abbrev); the option
    restates the default, so it is found neither by its effect nor by its name: the hub's
    text_scale then wins over an option given on the command line."""
    from kiosk.cli import build_parser
    from kiosk.config import from_arguments
    from kiosk.core.settings import load
    from kiosk.fleet_settings import pinned_keys

    argv = ["run", "--settings", str(tmp_path / "settings.toml"), "--text-sc", "100"]
    args = build_parser("run").parse_args(argv)
    config = from_arguments(args, load(tmp_path / "settings.toml", {}))
    assert "text_scale" in pinned_keys(config, environ={})


def test_callback_url_is_local_only_with_its_reason() -> None:
    """A hub gives the vendor its own callback URL; a hub's value for it did nothing."""
    accepted, [refusal] = vet({"callback_url": "https://crm.bank.example/verified"}, "set")
    assert accepted == {} and "local-only" in refusal and "own callback URL" in refusal
