"""scripts/bootstrap.py, the portable route to setup.sh, run.sh and test.sh: the venv's layout
per platform, the install stamp shared with setup.sh, and the choice of the other Pythons.

Nothing here installs anything: the install command is handed to a stand-in runner.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bootstrap", ROOT / "scripts" / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bootstrap = _load()
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="shell-script stand-ins")


class Runner:
    """Records the commands setup() runs; pip "succeeds" unless told otherwise."""

    def __init__(self, pip_fails: bool = False) -> None:
        self.commands: list[list[str]] = []
        self.pip_fails = pip_fails

    def __call__(self, command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        self.commands.append(command)
        if command[1:3] == ["-m", "venv"]:
            Path(command[3]).mkdir(parents=True)
        failed = self.pip_fails and "-e" in command
        if failed and "stdout" in kwargs:
            kwargs["stdout"].write(b"WARNING: Location 'x' is ignored\nERROR: no such package\n")
        return subprocess.CompletedProcess(command, 1 if failed else 0)

    @property
    def installs(self) -> list[list[str]]:
        return [c for c in self.commands if "-e" in c]


@pytest.fixture
def venv(tmp_path: Path) -> Path:
    """A venv that exists (its interpreter is a stand-in file)."""
    interpreter = bootstrap.venv_python(tmp_path / "venv")
    interpreter.parent.mkdir(parents=True)
    interpreter.touch()
    return tmp_path / "venv"


def test_the_venvs_python_is_where_each_platform_puts_it(tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    assert bootstrap.venv_python(venv, "win32") == venv / "Scripts" / "python.exe"
    assert bootstrap.venv_python(venv, "linux") == venv / "bin" / "python"
    assert bootstrap.venv_python(venv, "darwin") == venv / "bin" / "python"


def test_the_stamp_is_the_one_setup_sh_writes(tmp_path: Path) -> None:
    pyproject = ROOT / "pyproject.toml"
    assert bootstrap.wanted_stamp(pyproject) == hashlib.sha256(pyproject.read_bytes()).hexdigest()
    if shutil.which("sha256sum"):  # what setup.sh hashes with
        done = subprocess.run(["sha256sum", str(pyproject)], capture_output=True, text=True)
        assert bootstrap.wanted_stamp(pyproject) == done.stdout.split()[0]
    assert bootstrap.stamp_path(tmp_path, None) == tmp_path / ".installed-base"
    assert bootstrap.stamp_path(tmp_path, "test") == tmp_path / ".installed-test"


def test_an_install_is_skipped_while_pyproject_is_unchanged(
    venv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Runner()
    assert bootstrap.setup("test", venv=venv, run=run) == 0
    interpreter = str(bootstrap.venv_python(venv))
    assert run.installs == [
        [interpreter, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", ".[test]"],
    ]  # fmt: skip
    # Written as setup.sh's `echo` writes it, so either route sees the other's install.
    stamp = (venv / ".installed-test").read_text()
    assert stamp == bootstrap.wanted_stamp(ROOT / "pyproject.toml") + "\n"
    assert bootstrap.setup("test", venv=venv, run=run) == 0
    assert len(run.installs) == 1  # nothing changed: no second install
    # The base install has a stamp of its own.
    assert bootstrap.setup(None, venv=venv, run=run) == 0
    assert run.installs[-1][-1] == "."


def test_a_changed_pyproject_installs_again(venv: Path) -> None:
    (venv / ".installed-test").write_text("0" * 64 + "\n")  # an older pyproject's hash
    run = Runner()
    assert bootstrap.setup("test", venv=venv, run=run) == 0
    assert len(run.installs) == 1


def test_a_failed_install_shows_pips_log_and_leaves_no_stamp(
    venv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bootstrap.setup("test", venv=venv, run=Runner(pip_fails=True)) == 1
    err = capsys.readouterr().err
    assert "ERROR: no such package" in err
    assert "WARNING: Location" not in err  # pip's noise about the index, as setup.sh drops it
    assert not (venv / ".installed-test").exists()


def test_a_new_venv_is_made_with_the_python_asked_for(tmp_path: Path) -> None:
    run = Runner()
    assert bootstrap.setup(None, python=sys.executable, venv=tmp_path / "new", run=run) == 0
    assert run.commands[0] == [sys.executable, "-m", "venv", str(tmp_path / "new")]
    assert run.commands[1][1:] == ["-m", "pip", "install", "--quiet", "--upgrade", "pip"]


def test_a_python_that_does_not_run_is_refused_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = Runner()
    missing = str(tmp_path / "python3.99")
    assert bootstrap.setup(None, python=missing, venv=tmp_path / "new", run=run) == 1
    err = capsys.readouterr().err
    assert f"error: Python 3.11 or newer is needed ({missing} is not runnable" in err
    assert "Set PYTHON=" in err
    assert run.commands == []


def test_kiosk_test_pythons_chooses_the_other_pythons() -> None:
    assert bootstrap.test_pythons({}) == ["3.11", "3.12", "3.13"]
    assert bootstrap.test_pythons({"KIOSK_TEST_PYTHONS": "3.12"}) == ["3.12"]
    assert bootstrap.test_pythons({"KIOSK_TEST_PYTHONS": ""}) == []


def _script(path: Path, code: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\nexit {code}\n")
    path.chmod(0o755)
    return path


@posix_only
def test_a_broken_shim_is_passed_over_for_pyenvs_newest_build(tmp_path: Path) -> None:
    shim = _script(tmp_path / "shims" / "python3.12", 1)  # pyenv's shim for an unselected one
    older = _script(tmp_path / "pyenv" / "versions" / "3.12.9" / "bin" / "python3.12", 0)
    newer = _script(tmp_path / "pyenv" / "versions" / "3.12.10" / "bin" / "python3.12", 0)
    environ = {"PATH": str(shim.parent), "PYENV_ROOT": str(tmp_path / "pyenv")}
    # 3.12.10 before 3.12.9: by version, not by name.
    assert bootstrap.python_candidates("3.12", environ, "linux") == [
        str(shim),
        str(newer),
        str(older),
    ]
    assert bootstrap.find_python("3.12", environ) == str(newer)
    assert bootstrap.find_python("3.13", environ) is None


def test_without_a_command_it_says_how_to_use_it() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bootstrap.py")],
        capture_output=True,
        text=True,
        env={**os.environ, "VENV": "/nonexistent"},
        check=False,
    )
    assert done.returncode == 2
    assert "bootstrap.py run [kiosk arguments]" in done.stderr


def _old_pythons() -> list[str]:
    """Pythons older than the kiosk's found on this machine (PATH, pyenv), one per version."""
    found = []
    for version in ("3.7", "3.8", "3.9", "3.10"):
        python = bootstrap.find_python(version, os.environ)  # a pyenv shim may not run
        if python is not None:
            found.append(python)
    return found


@posix_only
@pytest.mark.parametrize("python", _old_pythons() or [None])
def test_an_older_python_running_the_script_is_named_not_a_traceback(
    python: str | None, tmp_path: Path
) -> None:
    # Ubuntu 20.04's python3 is 3.8, Debian 10's 3.7: the walrus and a subscripted
    # collections.abc.Callable made the script die of a SyntaxError or TypeError there,
    # before it could say which Python it needs.
    if python is None:
        pytest.skip("no Python older than 3.11 on this machine")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON", "VIRTUAL_ENV")}
    env["VENV"] = str(tmp_path / "venv")
    done = subprocess.run(
        [python, str(ROOT / "scripts" / "bootstrap.py"), "setup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "SyntaxError" not in done.stderr
    assert "error: Python 3.11 or newer is needed" in done.stderr
    assert not (tmp_path / "venv").exists()
