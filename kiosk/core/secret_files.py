"""Secrets kept as files: a folder of one file per secret (``app-key``, ``operator-pin``).

Two such folders exist: the one systemd hands a service (``$CREDENTIALS_DIRECTORY``, filled from
``LoadCredential=``/``LoadCredentialEncrypted=``, read-only, readable by the service alone), and
the machine's own secrets folder (``/etc/verification-kiosk/secrets``: root owns it, the kiosk's
group may read it; see :mod:`kiosk.core.secret_stores`).

A file holds the value and nothing else (a trailing newline is ignored). A file in the machine's
folder that every user may read or write is refused, as ssh refuses a private key left open:
its secret must be assumed known; so is one its group may write or another user owns, in a
folder so open or so owned (only root writes these secrets). Only a regular file is read (a
pipe would block the kiosk's start). Files are written atomically (a reader never sees half a
secret) with mode 0640 and the folder's group. Nothing here logs or prints a value.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

FOLDER_MODE = 0o750  # root writes; the kiosk's group reads
FILE_MODE = 0o640
MAX_BYTES = 64 * 1024  # systemd's own limit for one credential is 1 MiB; ours are tiny
# Who may own the machine's secrets: root, and the user this process runs as (a kiosk's own
# file, a test's folder).
_TRUSTED_OWNERS = frozenset({0, os.geteuid()} if hasattr(os, "geteuid") else {0})


class SecretFileError(OSError):
    """A secret file exists but cannot be used; ``str()`` says why and what to do (no value)."""


@dataclass(frozen=True)
class FolderState:
    """What a secrets folder looks like to this process (for ``describe``-style reports)."""

    exists: bool
    readable: bool
    names: tuple[str, ...] = ()  # the secrets present (their names only)


def read_secret(folder: Path, name: str, *, private: bool) -> str | None:
    """The secret ``name`` in ``folder``, or None when there is no such file (or it is empty).

    Only a regular file is read: a pipe would block the kiosk's start for ever (opened without
    waiting, it is refused), a device or a socket is no secret either.

    Args:
        private: refuse a file that users other than its owner and group may read, or that
            someone other than its owner may write, and a folder that someone other than its
            owner may write (the machine's folder, whose secrets only root writes); the file
            and the folder must belong to root or to this process's user. systemd's own folder
            is private by construction.

    Raises:
        SecretFileError: the file is there but unreadable, not a regular file, open to others,
            or not text.
    """
    path = folder / name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise SecretFileError(
            f"{path} is not readable by this user: run the kiosk as its service user, "
            "or give that user's group read access."
        ) from exc
    except IsADirectoryError as exc:  # Windows; POSIX opens a folder and fstat tells
        raise SecretFileError(f"{path} is a folder, not a secret file.") from exc
    except OSError as exc:  # a socket (ENXIO), a symlink loop: nothing to read a secret from
        raise SecretFileError(
            f"{path} cannot be opened ({exc.strerror or exc}): it is not a secret file."
        ) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SecretFileError(f"{path} is a folder, not a secret file.")
        if not stat.S_ISREG(info.st_mode):
            raise SecretFileError(
                f"{path} is not a regular file (a pipe, a device or a socket), so it is not "
                "read: store the secret again."
            )
        if private:
            _check_private(path, info, folder)
        data = _read_at_most(fd, MAX_BYTES + 1)
    except OSError as exc:
        if isinstance(exc, SecretFileError):
            raise
        raise SecretFileError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise SecretFileError(f"{path} is larger than {MAX_BYTES} bytes: not a secret file.")
    try:
        value = data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise SecretFileError(f"{path} is not UTF-8 text.") from exc
    return value or None


def _read_at_most(fd: int, limit: int) -> bytes:
    """Up to ``limit`` bytes from ``fd`` (a regular file: a short read is its end)."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _check_private(path: Path, info: os.stat_result, folder: Path) -> None:
    """Refuse a secret in the machine's folder that others could read or could have put there.

    Like ssh with a private key: a file every user may read must be assumed known; a file or
    folder its group may write, or that belongs to another user, may hold someone's own PIN
    hash (root writes these; the kiosk's group only reads them).
    """
    if stat.S_IMODE(info.st_mode) & 0o007:
        raise SecretFileError(
            f"{path} is open to every user, so it is not used: make it private "
            f"(chmod 640 {path}) and store a new secret, the old one may be known."
        )
    try:
        folder_info = folder.stat()
    except OSError as exc:
        raise SecretFileError(f"{folder} cannot be checked ({exc.strerror or exc}).") from exc
    if stat.S_IMODE(folder_info.st_mode) & 0o002:
        # Anyone could have put this file here (their own PIN's hash, say).
        raise SecretFileError(
            f"{folder} may be written by every user, so its secrets are not used: "
            f"chmod 750 {folder}, then store them again."
        )
    for where, mode, owner in ((path, info.st_mode, info.st_uid),
                               (folder, folder_info.st_mode, folder_info.st_uid)):  # fmt: skip
        if stat.S_IMODE(mode) & 0o020:
            raise SecretFileError(
                f"{where} may be written by its group, so the secrets are not used: "
                f"chmod g-w {where}, then store them again (only root writes them)."
            )
        if owner not in _TRUSTED_OWNERS:
            raise SecretFileError(
                f"{where} belongs to user id {owner}, not root, so the secrets are not used: "
                f"chown root {where}, then store them again."
            )


def folder_state(folder: Path, names: tuple[str, ...]) -> FolderState:
    """Whether ``folder`` exists and can be listed, and which of ``names`` are in it."""
    try:
        # Anything by that name, a pipe or a folder too: reading it then says what is wrong.
        present = tuple(n for n in names if os.path.lexists(folder / n))
        readable = os.access(folder, os.R_OK | os.X_OK)
    except OSError:
        return FolderState(exists=folder.exists(), readable=False)
    return FolderState(exists=folder.is_dir(), readable=readable, names=present)


def write_secret(folder: Path, name: str, value: str, group: int | None = None) -> Path:
    """Replace the secret ``name`` in ``folder`` atomically; returns the file's path.

    The folder is created 0750 if missing (with ``group``, when given) and tightened to 0750 if
    every user could enter it or its group could write it. The file is 0640 with the folder's
    group, so the group that may enter the folder (the kiosk's) may read it and nobody else can.

    Raises:
        OSError: the folder or the file cannot be written (not root, a read-only disk).
    """
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)
        if group is not None:
            os.chown(folder, -1, group)
    info = folder.stat()
    if stat.S_IMODE(info.st_mode) & 0o027:  # open to every user, or written by the group
        os.chmod(folder, FOLDER_MODE)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")  # 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            # Mode and group before the value goes in: it is never readable more widely.
            if hasattr(os, "fchown") and os.fstat(fd).st_gid != info.st_gid:
                os.fchown(fd, -1, info.st_gid)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)
            out.write(value + "\n")
            out.flush()
            os.fsync(out.fileno())
        target = folder / name
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (a power cut right after must not bring the old secret back)."""
    if not hasattr(os, "O_DIRECTORY"):
        return  # pragma: no cover - Windows
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
