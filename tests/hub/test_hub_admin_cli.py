"""``kiosk hub admin``: dashboard accounts from the command line. The password comes from
stdin (or the terminal), is stored only as a scrypt hash and never printed."""

from __future__ import annotations

import io
import json

import pytest

from kiosk.cli import main
from kiosk.hub.credentials import check_secret
from kiosk.hub.database import open_store

PASSWORD = "correct horse battery staple"


def admin(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    database: str,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["hub", "admin", *argv, "--database", database])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_list_remove(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    code, out, err = admin(capsys, monkeypatch, database_url, "add", "alice", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert PASSWORD not in out + err
    store = open_store(database_url)
    try:
        record = store.get_admin("alice")
        assert record is not None
        assert PASSWORD not in record.password_hash
        assert check_secret(PASSWORD, record.password_hash)
        assert not check_secret("wrong password!", record.password_hash)
    finally:
        store.close()
    code, out, _ = admin(capsys, monkeypatch, database_url, "list", "--json")
    assert code == 0
    assert [row["name"] for row in json.loads(out)] == ["alice"]
    assert "password" not in out and "scrypt" not in out
    assert admin(capsys, monkeypatch, database_url, "remove", "alice")[0] == 0
    code, _, err = admin(capsys, monkeypatch, database_url, "remove", "alice")
    assert code == 1 and "no admin named 'alice'" in err
    assert json.loads(admin(capsys, monkeypatch, database_url, "list", "--json")[1]) == []


def test_a_second_account_with_the_same_name_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    assert admin(capsys, monkeypatch, database_url, "add", "bob", stdin=PASSWORD)[0] == 0
    code, _, err = admin(capsys, monkeypatch, database_url, "add", "bob", stdin="another one 123")
    assert code == 1 and "exists" in err


@pytest.mark.parametrize("password", ["", "short", "x" * 257])
def test_a_missing_short_or_huge_password_is_refused(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
    password: str,
) -> None:
    database = f"sqlite:///{tmp_path}/hub.sqlite3"
    code, _, err = admin(capsys, monkeypatch, database, "add", "carol", stdin=password + "\n")
    assert code == 2 and "12 to 256 characters" in err
    assert json.loads(admin(capsys, monkeypatch, database, "list", "--json")[1]) == []


@pytest.mark.parametrize("name", ["", "has space", "<script>", "x" * 65, "-dash-first"])
def test_bad_names_exit_2(name: str, tmp_path: object) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["hub", "admin", "add", name, "--database", f"sqlite:///{tmp_path}/h.sqlite3"])
    assert stop.value.code == 2
