"""``kiosk hub settings``: IT sets settings for a site or a kiosk, checked by the kiosk's own
rules; a kiosk's value overrides its site's; local-only keys and secrets are refused."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main
from kiosk.hub.database import open_store
from kiosk.hub.kiosks import enrol


def hub_settings(
    capsys: pytest.CaptureFixture[str], database: str, *argv: str
) -> tuple[int, str, str]:
    code = main(["hub", "settings", *argv, "--database", database])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def kiosk_id(database_url: str) -> str:
    store = open_store(database_url)
    try:
        record, _ = enrol(store, "Lobby tablet", "branch-7")
        enrol(store, "Other tablet", "branch-8")
    finally:
        store.close()
    return record.id


def test_set_unset_and_show_the_effective_settings(
    capsys: pytest.CaptureFixture[str], database_url: str, kiosk_id: str
) -> None:
    db = database_url
    code, out, err = hub_settings(
        capsys, db, "set", "--site", "branch-7", "result_seconds=30", "theme=High-Contrast"
    )
    assert code == 0, err
    row = json.loads(out)
    assert (row["version"], row["settings"]) == (
        1,
        {"result_seconds": 30.0, "theme": "high-contrast"},  # typed as the kiosk reads them
    )
    code, out, err = hub_settings(
        capsys, db, "set", "--kiosk", kiosk_id, "result_seconds=45", "scopes=liveness, search"
    )
    assert code == 0, err
    code, out, _ = hub_settings(capsys, db, "show", "--kiosk", kiosk_id, "--json")
    shown = json.loads(out)
    assert shown["settings"] == {
        "result_seconds": 45.0,  # the kiosk's own value over its site's
        "scopes": ["liveness", "search"],
        "theme": "high-contrast",
    }
    assert shown["sources"] == {"result_seconds": "kiosk", "scopes": "kiosk", "theme": "site"}
    version = shown["version"]

    code, out, err = hub_settings(capsys, db, "unset", "--kiosk", kiosk_id, "result_seconds")
    assert code == 0, err
    _, out, _ = hub_settings(capsys, db, "show", "--kiosk", kiosk_id, "--json")
    after = json.loads(out)
    assert after["settings"]["result_seconds"] == 30.0 and after["version"] != version
    # Text for people too.
    _, out, _ = hub_settings(capsys, db, "show", "--kiosk", kiosk_id)
    assert "result_seconds = 30.0  (site)" in out
    _, out, _ = hub_settings(capsys, db, "show", "--site", "branch-7", "--json")
    assert [r["version"] for r in json.loads(out)] == [1]


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("backend=https://elsewhere.example", "'backend' is local-only"),
        ("app_id=kiosk-other", "'app_id' is local-only"),
        ("kiosk_mode=false", "'kiosk_mode' is local-only"),
        ("brand_dir=/etc", "'brand_dir' is local-only"),
        ("handoff_command=/bin/sh", "'handoff_command' is local-only"),
        ("trusted_origins=https://evil.example", "'trusted_origins' is local-only"),
        ("pin=1234", "'pin' is a secret, not a setting"),
        ("app_key=x", "'app_key' is a secret, not a setting"),
        ("reslt_seconds=30", "unknown setting 'reslt_seconds'"),
        # The settings' own message: what is expected, and what was given.
        ("min_similarity=7", "'min_similarity' must be a number from 0 to 1, not '7'"),
        ("theme=pink", "'theme' must be \"default\" or \"high-contrast\", not 'pink'"),
    ],
)
def test_refused_keys_change_nothing(
    capsys: pytest.CaptureFixture[str],
    database_url: str,
    kiosk_id: str,
    assignment: str,
    words: str,
) -> None:
    code, out, err = hub_settings(
        capsys, database_url, "set", "--kiosk", kiosk_id, "result_seconds=20", assignment
    )
    assert code == 2
    assert words in err and out == ""
    _, out, _ = hub_settings(capsys, database_url, "show", "--json")
    assert json.loads(out) == []  # not even the good key was written


def test_a_scope_is_required_and_the_kiosk_must_exist(
    capsys: pytest.CaptureFixture[str], database_url: str, kiosk_id: str
) -> None:
    with pytest.raises(SystemExit):
        main(["hub", "settings", "set", "theme=default", "--database", database_url])
    capsys.readouterr()
    code, _, err = hub_settings(capsys, database_url, "set", "--kiosk", "nope", "theme=default")
    assert code == 1 and "no kiosk has id 'nope'" in err
