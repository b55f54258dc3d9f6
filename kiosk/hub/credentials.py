"""Kiosk device credentials: ids, secrets, their scrypt hashes, and checking a request's pair.

A secret is 32 random bytes (URL-safe text), shown once when a kiosk is enrolled or rotated;
the store keeps only ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` with a per-kiosk random salt. The
secrets are random, not chosen by people, so scrypt's cost guards a stolen database only as a
second line; it does cost CPU per check, so :class:`Verifier` remembers pairs it has checked
(by a SHA-256 of the secret, keyed to the stored hash, so a rotation or revocation takes effect
at the very next request) and runs at most a few scrypt checks at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict

# scrypt parameters: 16 MiB and ~50 ms per check on a small server.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SECRET_BYTES = 32
MAX_ID_LENGTH = 64
MAX_SECRET_LENGTH = 128


def new_kiosk_id() -> str:
    """A fresh kiosk id (the APP-ID a kiosk sends): ``kiosk-`` and 12 hex digits."""
    return f"kiosk-{secrets.token_hex(6)}"


def new_secret() -> str:
    """A fresh device secret (the APP-KEY a kiosk sends). Never beginning with ``-``: typed as
    ``--app-key SECRET`` it would be taken for an option (1 secret in 64 otherwise)."""
    while (secret := secrets.token_urlsafe(SECRET_BYTES)).startswith("-"):
        pass
    return secret


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_secret(secret: str, *, n: int = SCRYPT_N) -> str:
    """The encoded scrypt hash of ``secret`` with a fresh salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        secret.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024
    )
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def check_secret(secret: str, encoded: str) -> bool:
    """Whether ``secret`` matches ``encoded`` (constant-time compare; False for a malformed
    hash or an over-long secret rather than an error)."""
    if len(secret) > MAX_SECRET_LENGTH:
        return False
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = _unb64(digest)
        actual = hashlib.scrypt(
            secret.encode(),
            salt=_unb64(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


class Verifier:
    """Checks a kiosk's secret against its stored hash, remembering recent successes.

    Thread-safe. ``concurrent`` bounds the scrypt checks running at once, so a flood of wrong
    secrets costs at most that many cores.

    ``remember`` must be at least the fleet: kiosks' heartbeats and reads come round in a cycle,
    so with fewer places than kiosks every request misses and pays a scrypt check (with 4,096
    places and 5,000 kiosks, 4-5 % of heartbeats met the gate's queue and were answered 503;
    docs/PERFORMANCE.md, fleet load). Only a successful check is remembered, so the entries
    never exceed the enrolled kiosks (and their recent rotations), whatever a flood of wrong
    secrets sends: 65,536 places are ~25 MiB at the very most (~400 bytes each).
    """

    def __init__(self, *, remember: int = 65536, concurrent: int = 2) -> None:
        self._known: OrderedDict[tuple[str, str, bytes], None] = OrderedDict()
        self._remember = remember
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrent)

    def known(self, kiosk_id: str, secret: str, encoded: str) -> bool:
        """Whether this pair was checked right before (no scrypt: cheap enough for the event
        loop, so a kiosk already seen never waits behind a flood of wrong secrets)."""
        if len(secret) > MAX_SECRET_LENGTH:
            return False
        key = (kiosk_id, encoded, hashlib.sha256(secret.encode()).digest())
        with self._lock:
            if key in self._known:
                self._known.move_to_end(key)
                return True
        return False

    def check(self, kiosk_id: str, secret: str, encoded: str) -> bool:
        """Whether ``secret`` is right for the kiosk whose stored hash is ``encoded``."""
        if len(secret) > MAX_SECRET_LENGTH:
            return False
        if self.known(kiosk_id, secret, encoded):
            return True
        key = (kiosk_id, encoded, hashlib.sha256(secret.encode()).digest())
        with self._slots:
            ok = check_secret(secret, encoded)
        if ok:
            with self._lock:
                self._known[key] = None
                while len(self._known) > self._remember:
                    self._known.popitem(last=False)
        return ok
