"""Secrets in the OS keyring (a test backend here), the PIN's hash, and its lockout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core import secrets
from kiosk.core.redact import redact
from tests.conftest import FakeClock
from tests.support.memory_keyring import MemoryKeyring, keyring_backend, no_keyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with keyring_backend(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


def test_app_key_round_trips_through_the_keyring_and_is_masked(
    memory_keyring: MemoryKeyring,
) -> None:
    secrets.set_app_key("app-1", "the-key-0123456789")
    assert secrets.get_app_key("app-1") == "the-key-0123456789"
    assert secrets.get_app_key("other") is None
    assert ("verification-kiosk", "app-key:app-1") in memory_keyring.items
    assert redact("key the-key-0123456789") == "key ***"


def test_without_a_keyring_the_message_gives_the_options() -> None:
    with no_keyring():
        with pytest.raises(secrets.KeyringUnavailable, match="KIOSK_APP_KEY"):
            secrets.set_app_key("app-1", "k-123456")
        with pytest.raises(secrets.KeyringUnavailable, match="Secret Service"):
            secrets.get_app_key("app-1")
        # The PIN's own message, with the way to store it for a service.
        with pytest.raises(secrets.KeyringUnavailable, match="set-pin --store system"):
            secrets.set_pin("246810")


def test_pin_is_a_salted_scrypt_hash() -> None:
    first, second = secrets.hash_pin("2468"), secrets.hash_pin("2468")
    assert first.startswith("scrypt$16384$8$1$")
    assert first != second  # salted
    assert "2468" not in first
    assert secrets.pin_matches("2468", first) and secrets.pin_matches("2468", second)
    assert not secrets.pin_matches("2469", first)
    assert not secrets.pin_matches("2468", "garbage")


def test_wrong_pins_lock_out_and_the_lockout_survives_a_restart(
    tmp_path: Path, clock: FakeClock
) -> None:
    stored = secrets.hash_pin("2468")
    state = tmp_path / "pin.json"
    guard = secrets.PinGuard(stored, state, clock)
    for _ in range(secrets.MAX_TRIES):
        assert not guard.check("0000")
    assert guard.seconds_locked() == secrets.LOCKOUT_SECONDS
    assert not guard.check("2468")  # even the right PIN waits out the lockout
    restarted = secrets.PinGuard(stored, state, clock)
    assert restarted.seconds_locked() == secrets.LOCKOUT_SECONDS
    clock.advance(secrets.LOCKOUT_SECONDS)
    assert not restarted.check("1111")  # one more wrong try: locked twice as long
    assert restarted.seconds_locked() == 2 * secrets.LOCKOUT_SECONDS
    clock.advance(2 * secrets.LOCKOUT_SECONDS)
    assert restarted.check("2468")
    assert restarted.seconds_locked() == 0
    assert not secrets.PinGuard(stored, state, clock).check("0000")  # the count restarted


def test_the_pin_is_stored_only_as_its_hash(memory_keyring: MemoryKeyring) -> None:
    assert secrets.stored_pin() is None
    secrets.set_pin("246810")
    stored = secrets.stored_pin()
    assert stored is not None and "246810" not in stored
    assert secrets.pin_matches("246810", stored)
