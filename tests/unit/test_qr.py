"""The session URL check that runs before any QR is drawn, and the encoder."""

from __future__ import annotations

import pytest

from kiosk.core.qr import UntrustedUrl, check_session_url, encode, host_label, render_text

TRUSTED = ["https://cloud.ooto-ai.com", "http://192.168.1.20:8765"]


@pytest.mark.parametrize(
    "url",
    [
        "https://cloud.ooto-ai.com/flow/abc",
        "https://CLOUD.ooto-ai.com:443/flow/abc",
        "http://192.168.1.20:8765/flow/abc",
    ],
)
def test_links_on_the_configured_backend_are_accepted(url: str) -> None:
    assert check_session_url(url, TRUSTED) == url


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://evil.example/flow/abc", "evil.example"),
        ("https://cloud.ooto-ai.com.evil.example/flow/x", "not the configured backend"),
        ("http://cloud.ooto-ai.com/flow/abc", "http://cloud.ooto-ai.com"),
        ("https://cloud.ooto-ai.com:8443/flow/abc", ":8443"),
        ("http://192.168.1.20:9999/flow/abc", ":9999"),
        ("javascript:alert(1)", "not a web address"),
        ("https://user:pw@cloud.ooto-ai.com/flow/x", "user name or password"),
        ("", "not a web address"),
    ],
)
def test_links_elsewhere_are_refused_naming_the_host(url: str, words: str) -> None:
    with pytest.raises(UntrustedUrl, match=words.replace(".", r"\.")):
        check_session_url(url, TRUSTED)


def test_refusal_message_never_contains_the_token() -> None:
    with pytest.raises(UntrustedUrl) as caught:
        check_session_url("https://evil.example/flow/TOKEN-SECRET-123", TRUSTED)
    assert "TOKEN-SECRET" not in str(caught.value)


def test_host_label_shows_host_and_explicit_port() -> None:
    assert host_label("https://cloud.ooto-ai.com/flow/abc") == "cloud.ooto-ai.com"
    assert host_label("http://192.168.1.20:8765/flow/abc") == "192.168.1.20:8765"


def test_a_74_byte_url_at_level_m_is_version_5() -> None:
    url = "https://cloud.ooto-ai.com/flow/" + "t" * 43
    assert len(url) == 74
    matrix = encode(url)
    assert (matrix.version, matrix.size) == (5, 37)
    # Finder pattern: the top-left 7x7 square has a dark border.
    assert all(matrix.rows[0][:7]) and all(row[0] for row in matrix.rows[:7])


def test_level_q_needs_a_larger_symbol_than_m() -> None:
    url = "https://cloud.ooto-ai.com/flow/" + "t" * 43
    assert encode(url, error_correction="Q").size > encode(url).size


def test_terminal_rendering_has_the_quiet_zone_and_two_rows_per_line() -> None:
    matrix = encode("https://x.test/flow/abc")
    lines = render_text(matrix).splitlines()
    width = matrix.size + 8
    assert all(len(line) == width for line in lines)
    assert len(lines) == (matrix.size + 8 + 1) // 2
    assert set(lines[0]) == {"█"}  # quiet zone rows are light (drawn as blocks)
