"""A throwaway PostgreSQL cluster for the hub's tests: fixtures ``pg_cluster``, ``postgres_url``.

The session starts one cluster with Debian's server programs (``initdb`` and ``pg_ctl`` from
/usr/lib/postgresql/VERSION/bin, or from PATH elsewhere) in a temporary folder: listening on
127.0.0.1 at a free port and on a unix socket in that folder, password authentication, fsync off
(the data is thrown away), and stops and deletes it at the end, also after a failure. Each test
that asks for ``postgres_url`` gets a database of its own, dropped afterwards.

``initdb`` and ``postgres`` refuse to run as root: as root the folder is given to the ``postgres``
user and the programs run as that user through ``runuser``. Without the programs (Debian package
``postgresql``; scripts/system-deps.sh installs it), without the ``postgres`` user when root, or
without psycopg (the ``hub`` extra), the tests that need PostgreSQL skip and say why.

A run killed before its teardown (SIGKILL, a power cut) leaves its cluster behind: the next
session stops and deletes clusters whose owning process is gone.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

PREFIX = "kiosk-test-pg-"
USER = "kiosk_hub"


def find_bin_dir() -> Path | None:
    """The folder holding initdb/pg_ctl/postgres: Debian's newest version, else PATH's."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if found:
        newest = max(found, key=lambda p: [int(n) for n in re.findall(r"\d+", p)])
        return Path(newest).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """A running throwaway cluster; ``url(db)`` names a database in it for psycopg."""

    bin_dir: Path
    root: Path
    port: int
    password: str
    as_postgres: bool

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str = "postgres") -> str:
        """A ``postgresql://`` URL over TCP to ``database`` (with the password in it)."""
        return (
            f"postgresql://{USER}:{quote(self.password, safe='')}@127.0.0.1:{self.port}/{database}"
        )

    def run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run one of the cluster's programs (as ``postgres`` when we are root)."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}")
        return done

    def pg_ctl(self, action: str, *extra: str) -> None:
        """``pg_ctl start|stop|restart`` on this cluster, waiting for it to finish."""
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port}"
            f" -c unix_socket_directories={self.socket_dir}"
            # No flush to disk: a crash of the machine would lose data, a crash or immediate
            # stop of PostgreSQL does not (the written data is in the OS's cache), so a test
            # may still check that no committed row is lost.
            " -c fsync=off -c full_page_writes=off"
            " -c shared_buffers=16MB -c max_connections=60"
        )
        log = str(self.root / "server.log")
        self.run("pg_ctl", action, "-D", str(self.data_dir), "-l", log, "-o", options, "-w", *extra)

    def start(self) -> None:
        self.pg_ctl("start")

    def restart(self) -> None:
        """Restart the server (``-m fast``: every open connection is cut)."""
        self.pg_ctl("restart", "-m", "fast")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: cut the connections, shut down cleanly; ``immediate``:
        as a crash)."""
        self.pg_ctl("stop", "-m", mode)


def _chown_to_postgres(path: Path) -> None:
    import pwd

    entry = pwd.getpwnam("postgres")
    os.chown(path, entry.pw_uid, entry.pw_gid)


def _remove_stale_clusters() -> None:
    """Stop and delete clusters of earlier runs whose pytest process no longer exists."""
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((folder / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            pass  # gone: its cluster is stale
        except PermissionError:
            continue  # alive, another user's
        else:
            continue  # alive: another session's cluster
        pid_file = folder / "data" / "postmaster.pid"
        with contextlib.suppress(OSError, ValueError, IndexError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGQUIT)  # immediate shutdown
        shutil.rmtree(folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """Create and start a cluster; ``pytest.skip`` with the reason when this machine cannot."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[hub]')")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL's initdb was not found (Debian: apt-get install postgresql)")
    as_postgres = os.geteuid() == 0
    if as_postgres:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run initdb as")
        if shutil.which("runuser") is None:
            pytest.skip("running as root and runuser (util-linux) is missing")
    _remove_stale_clusters()
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / "owner.pid").write_text(str(os.getpid()))
    (root / "socket").mkdir()
    password = secrets.token_urlsafe(18)
    password_file = root / "password"
    password_file.write_text(password + "\n")
    if as_postgres:
        for path in (root, root / "socket", password_file):
            _chown_to_postgres(path)
    cluster = Cluster(bin_dir, root, free_port(), password, as_postgres)
    try:
        cluster.run(
            "initdb", "-D", str(cluster.data_dir), "-U", USER, "--pwfile", str(password_file),
            "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync",
        )  # fmt: skip
        password_file.unlink()
        for attempt in range(3):
            try:
                cluster.start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                cluster.port = free_port()  # someone took the port meanwhile
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL cluster for the whole session (skips if none can run)."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        with contextlib.suppress(Exception):
            cluster.stop("immediate")  # its data is thrown away
        shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture
def postgres_url(pg_cluster: Cluster) -> Iterator[str]:
    """A ``postgresql://`` URL to a new empty database, dropped after the test."""
    import psycopg

    name = "test_" + secrets.token_hex(6)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")  # a generated name: nothing to quote
    try:
        yield pg_cluster.url(name)
    finally:
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:  # the server did not come back
                    raise
                time.sleep(0.2)  # a test left the server restarting
