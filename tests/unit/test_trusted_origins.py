"""The trusted_origins setting and the origin rule it shares with verify's --trusted-origin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core import rules
from kiosk.core.qr import UntrustedUrl, check_session_url
from kiosk.core.settings import SettingsError, documented_file, load


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://Verify.Vendor.COM", "https://verify.vendor.com"),
        ("https://verify.vendor.com/", "https://verify.vendor.com"),
        ("https://verify.vendor.com:443", "https://verify.vendor.com"),
        ("https://verify.vendor.com:8443", "https://verify.vendor.com:8443"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://localhost:9000", "http://localhost:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ],
)
def test_an_origin_is_kept_as_scheme_host_and_port(given: str, kept: str) -> None:
    assert rules.origin(given) == kept


@pytest.mark.parametrize(
    "given",
    [
        "http://verify.vendor.com",  # plain http to a host phones reach over the air
        "http://10.0.0.5:8765",
        "https://verify.vendor.com/flow",  # a path suggests a check the kiosk does not make
        "https://verify.vendor.com?x=1",
        "https://verify.vendor.com#top",
        "https://user@verify.vendor.com",
        "https://verify.vendor.com:99999",
        "ftp://verify.vendor.com",
        "verify.vendor.com",
        "https://",
        "",
        7,
    ],
)
def test_anything_but_an_https_origin_is_refused(given: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        rules.origin(given)


def test_the_setting_reads_a_list_from_the_file_and_text_from_the_environment(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('trusted_origins = ["https://verify.vendor.com/", "http://127.0.0.1:9"]\n')
    assert load(path, {}).trusted_origins == ("https://verify.vendor.com", "http://127.0.0.1:9")
    env = {"KIOSK_TRUSTED_ORIGINS": "https://a.example, https://a.example, https://b.example"}
    assert load(path, env).trusted_origins == ("https://a.example", "https://b.example")
    assert load(None, {}).trusted_origins == ()


def test_a_wrong_origin_names_the_key_and_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('trusted_origins = ["http://evil.example"]\n')
    with pytest.raises(SettingsError, match="'trusted_origins' must be a list of origins"):
        load(path, {})


def test_the_documented_file_loads_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(documented_file())
    assert load(path, {}).trusted_origins == ()


def test_a_trusted_origin_lets_a_link_through_and_nothing_else() -> None:
    trusted = ["http://127.0.0.1:9000", *rules.origins("https://verify.vendor.com")]
    link = "https://verify.vendor.com/flow/tok"
    assert check_session_url(link, trusted) == link
    with pytest.raises(UntrustedUrl, match=re.escape("https://verify.vendor.com.evil.example")):
        check_session_url("https://verify.vendor.com.evil.example/flow/tok", trusted)
    with pytest.raises(UntrustedUrl, match=re.escape("points at http://verify.vendor.com,")):
        check_session_url("http://verify.vendor.com/flow/tok", trusted)  # scheme differs
