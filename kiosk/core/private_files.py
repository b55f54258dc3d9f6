"""Owner-only files and folders: the settings, the journal and the logs hold personal data.

Folders the kiosk creates are 0700 and files 0600, whatever the process's umask (a mode given
to ``open``/``mkdir`` is filtered by the umask, so each is set again with ``chmod``). Files and
folders left by an older build are tightened at start by :func:`tighten`.

On Windows ``chmod`` only toggles the read-only flag; there the profile folder's ACL protects
these files.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def make_dir(path: Path) -> Path:
    """Create ``path`` (with its parents) if missing, the last folder 0700.

    A folder that already exists is left as it is: it may be the operator's (``--journal
    ./j.sqlite3`` must not lock the current folder); the kiosk's own folders are tightened at
    start by :func:`tighten`. Raises ``OSError`` when the folder cannot be made.
    """
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, DIR_MODE)
    return path


def create_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if it does not exist, or make an existing one 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        _fchmod(fd, path)
    finally:
        os.close(fd)


def open_append(path: Path) -> int:
    """A file descriptor appending to ``path``, created 0600 (an existing file is made 0600)."""
    fd = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), FILE_MODE
    )
    _fchmod(fd, path)
    return fd


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically, as a 0600 file in a folder made by
    :func:`make_dir`. A reader never sees half a file, and a crash leaves the old one."""
    make_dir(path.parent)
    # mkstemp creates the file 0600 itself, umask or not.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_regular(path: Path, cap: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``cap`` bytes.

    A kiosk reads its own files at start, before any window: a FIFO in their place would block
    it for ever (it is opened without waiting and refused), a device would feed it without end
    (only ``cap + 1`` bytes are read), and a symbolic link is not followed (the kiosk writes
    these files itself, atomically, never as links).

    Raises:
        FileNotFoundError: there is no such file.
        OSError: it cannot be opened or read, or is not a regular file (a link, a FIFO, a
            device, a folder), or is larger than ``cap`` bytes.
    """
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        chunks: list[bytes] = []
        left = cap + 1
        while left > 0 and (chunk := os.read(fd, left)):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > cap:
        raise OSError(f"{path} is larger than {cap} bytes")
    return data


def copy(source: Path, target: Path) -> None:
    """Copy ``source``'s text to ``target`` as a 0600 file (see :func:`write_text`)."""
    write_text(target, source.read_text(encoding="utf-8"))


def tighten(folders: Iterable[Path], files: Iterable[Path] = ()) -> list[Path]:
    """Make each existing folder 0700 and the files directly in it (and ``files``) 0600.

    Returns what was changed, so the caller can log it once. Anything that cannot be changed
    (another owner, a read-only disk) is skipped: the kiosk must still start.
    """
    changed: list[Path] = []
    targets: list[tuple[Path, int]] = []
    for folder in folders:
        with contextlib.suppress(OSError):
            if folder.is_dir():
                targets.append((folder, DIR_MODE))
                targets.extend((p, FILE_MODE) for p in folder.iterdir() if p.is_file())
    targets.extend((p, FILE_MODE) for p in files)
    for target, mode in dict(targets).items():
        with contextlib.suppress(OSError):
            if stat.S_IMODE(target.stat().st_mode) & ~mode:
                os.chmod(target, mode)
                changed.append(target)
    return changed


def _fchmod(fd: int, path: Path) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, FILE_MODE)
    else:  # pragma: no cover - Windows
        os.chmod(path, FILE_MODE)
