#!/usr/bin/env python3
"""Set up the project's virtual environment, then open the kiosk or run the tests, on any OS.

The portable route to what scripts/setup.sh, run.sh and test.sh do with bash (Linux): the same
venv, the same install stamp (so either route sees the other's install as current), the same
steps and messages. Standard library only, so it runs before anything is installed:

    python3 scripts/bootstrap.py run [kiosk arguments]   (Windows: py scripts\\bootstrap.py run)
    python3 scripts/bootstrap.py test [pytest arguments]
    python3 scripts/bootstrap.py setup [EXTRA]

``PYTHON`` names the interpreter for a new venv (default: the one running this script; 3.11 or
newer), ``VENV`` the folder (default ``.venv``); an existing venv keeps its own Python.
``KIOSK_TEST_PYTHONS`` limits the other Pythons ``test`` runs on, as for test.sh. Keep the two
routes in step: a step added to the bash scripts belongs here too.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# The file runs, up to the message that names the Python it needs, on Python 3.7 and newer
# (Debian 10, Ubuntu 20.04, a stock macOS's 3.9): no walrus, no subscripted collections.abc
# at run time, no Path.is_relative_to. Python 2 and 3.6 stop at the first line's syntax.
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    Runner = Callable[..., subprocess.CompletedProcess[bytes]]

ROOT = Path(__file__).resolve().parent.parent
SUPPORTED = ("3.11", "3.12", "3.13")
MINIMUM = (3, 11)


def venv_python(venv: Path, platform: str | None = None) -> Path:
    """The venv's interpreter: ``Scripts\\python.exe`` on Windows, ``bin/python`` elsewhere."""
    if (platform or sys.platform) == "win32":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def stamp_path(venv: Path, extra: str | None) -> Path:
    """Where the last successful install of ``extra`` is recorded (setup.sh's name for it)."""
    return venv / f".installed-{extra or 'base'}"


def wanted_stamp(pyproject: Path) -> str:
    """What the stamp holds when the install is current: pyproject.toml's SHA-256, in hex (the
    same text as ``sha256sum pyproject.toml``, which setup.sh writes)."""
    return hashlib.sha256(pyproject.read_bytes()).hexdigest()


def is_current(venv: Path, extra: str | None, pyproject: Path) -> bool:
    """Whether ``extra`` was installed from this very pyproject.toml."""
    try:
        recorded = stamp_path(venv, extra).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == wanted_stamp(pyproject)


def default_venv(environ: Mapping[str, str]) -> Path:
    """``VENV`` (relative to the project) or ``.venv``."""
    venv = Path(environ.get("VENV") or ".venv")
    return venv if venv.is_absolute() else ROOT / venv


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _runs(python: str, check: str) -> bool:
    """Whether ``python`` starts and ``check`` (Python code) exits 0 in it."""
    try:
        done = subprocess.run([python, "-c", check], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _version_of(python: str) -> str:
    """``python --version``'s answer, or why there is none."""
    try:
        done = subprocess.run(
            [python, "--version"], capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"not runnable: {exc}"
    return (done.stdout + done.stderr).strip() or f"exit code {done.returncode}"


def setup(
    extra: str | None = None,
    *,
    python: str | None = None,
    venv: Path | None = None,
    run: Runner = subprocess.run,
) -> int:
    """Create ``venv`` if needed and install the project (with ``extra``) unless the stamp says
    it is current. Returns 0, or 1 after saying what failed."""
    python = python or os.environ.get("PYTHON") or sys.executable
    venv = default_venv(os.environ) if venv is None else ROOT / venv
    interpreter = venv_python(venv)
    if not interpreter.exists():
        if not _runs(python, f"import sys; sys.exit(sys.version_info < {MINIMUM})"):
            _say(f"error: Python 3.11 or newer is needed ({python} is {_version_of(python)}).")
            _say("       Set PYTHON=/path/to/python3.11 and run again.")
            return 1
        if run([python, "-m", "venv", str(venv)], check=False).returncode != 0:
            return 1
        upgrade = [str(interpreter), "-m", "pip", "install", "--quiet", "--upgrade", "pip"]
        if run(upgrade, check=False).returncode != 0:
            return 1
    pyproject = ROOT / "pyproject.toml"
    if is_current(venv, extra, pyproject):
        return 0
    _say(f"Installing the project and its dependencies into {venv} ...")
    spec = f".[{extra}]" if extra else "."
    log = venv / "pip.log"
    with log.open("wb") as output:
        done = run(
            [str(interpreter), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-e", spec],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        # The build backend's notices are kept in the log and shown only when the install fails.
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.startswith("WARNING: Location"):
                _say(line)
        return 1
    stamp_path(venv, extra).write_text(wanted_stamp(pyproject) + "\n", encoding="ascii")
    return 0


def test_pythons(environ: Mapping[str, str]) -> list[str]:
    """The Python versions to test on: ``KIOSK_TEST_PYTHONS`` if set (empty: none), else all
    supported ones."""
    chosen = environ.get("KIOSK_TEST_PYTHONS")
    return list(SUPPORTED) if chosen is None else chosen.split()


def _version_key(path: Path) -> tuple[int, ...]:
    """``.../versions/3.12.10/bin/python3.12`` -> (3, 12, 10), for the newest first."""
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))


def python_candidates(
    version: str, environ: Mapping[str, str], platform: str | None = None
) -> list[str]:
    """Where ``pythonX.Y`` may be, in order: on PATH, then pyenv's builds (newest first); on
    Windows also the ``py`` launcher."""
    found: list[str] = []
    on_path = shutil.which(f"python{version}", path=environ.get("PATH"))
    if on_path:
        found.append(on_path)
    root = Path(environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    builds = (root / "versions").glob(f"{version}.*/bin/python{version}")
    found += [str(p) for p in sorted(builds, key=_version_key, reverse=True)]
    if (platform or sys.platform) == "win32" and shutil.which("py", path=environ.get("PATH")):
        try:
            asked = subprocess.run(
                ["py", f"-{version}", "-c", "import sys; print(sys.executable)"],
                capture_output=True, text=True, check=False, timeout=60,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired):
            asked = None
        if asked is not None and asked.returncode == 0 and asked.stdout.strip():
            found.append(asked.stdout.strip())
    return found


def find_python(version: str, environ: Mapping[str, str]) -> str | None:
    """The first candidate that runs: a pyenv shim is on PATH for every version pyenv has, but
    fails for those not selected."""
    for candidate in python_candidates(version, environ):
        if _runs(candidate, "import sys"):
            return candidate
    return None


def _step(command: Sequence[str], env: Mapping[str, str] | None = None) -> int:
    return subprocess.run(list(command), cwd=ROOT, env=env, check=False).returncode


def run_kiosk(args: Sequence[str]) -> int:
    """``run``: set up, then the kiosk with ``args`` (as scripts/run.sh)."""
    code = setup()
    if code:
        return code
    interpreter = str(venv_python(default_venv(os.environ)))
    command = [interpreter, "-m", "kiosk", *args]
    if sys.platform != "win32":
        # Replace this process, so a service stop (SIGTERM) reaches the kiosk itself.
        os.execv(interpreter, command)  # noqa: S606 - our venv's Python, arguments as given
    # Windows has no exec: wait for the kiosk. Ctrl+C and Ctrl+Break reach it too (it shares
    # the console) and it quits cleanly; this process must not quit before it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGBREAK"):
        signal.signal(signal.SIGBREAK, signal.SIG_IGN)
    try:
        return subprocess.run(command, cwd=ROOT, check=False).returncode
    except OSError as exc:
        _say(f"error: cannot start {interpreter}: {exc}")
        return 1


def run_tests(args: Sequence[str]) -> int:
    """``test``: lint, type check, then pytest on this venv's Python and every other supported
    one found (as scripts/test.sh; the first failing step's exit code is returned)."""
    code = setup("test,hub")
    if code:
        return code
    venv = default_venv(os.environ)
    interpreter = str(venv_python(venv))
    if sys.platform.startswith("linux") and shutil.which("bash"):
        code = _step(["bash", "scripts/system-deps.sh"])
        if code:
            return code
    for command in (
        [interpreter, "-m", "ruff", "check", "--quiet", "."],
        [interpreter, "-m", "ruff", "format", "--check", "--quiet", "."],
        [interpreter, "-m", "mypy"],
    ):
        code = _step(command)
        if code:
            return code
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    main_version = subprocess.run(
        [interpreter, "-c", 'import sys; print("%d.%d" % sys.version_info[:2])'],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    try:
        shown = venv.relative_to(ROOT)
    except ValueError:  # a venv outside the project
        shown = venv
    print(f"== Python {main_version} ({shown})", flush=True)
    code = _step([interpreter, "-m", "pytest", *args], env)
    if code:
        return code
    for version in test_pythons(os.environ):
        if version == main_version:
            continue
        python = find_python(version, os.environ)
        if python is None:
            print(f"== Python {version}: not found on this machine, skipped", flush=True)
            continue
        print(f"== Python {version} (.venv-{version})", flush=True)
        other = Path(f".venv-{version}")
        code = setup("test,hub", python=python, venv=other) or _step(
            [str(venv_python(ROOT / other)), "-m", "pytest", *args], env
        )
        if code:
            return code
    return 0


USAGE = """usage: bootstrap.py run [kiosk arguments]
       bootstrap.py test [pytest arguments]
       bootstrap.py setup [EXTRA]"""


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "setup"):
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], list(argv[1:])
    if command == "run":
        return run_kiosk(rest)
    if command == "test":
        return run_tests(rest)
    return setup(rest[0] if rest else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
