"""The standalone bundle and the .deb, built by scripts/package.sh and run as a user would.

Built once per test run into the checkout's dist/ (scripts/package.sh skips the build when
nothing it is made from changed, so a second run costs seconds; a first build takes 1-3 minutes,
most of it installing the build venv). scripts/test.sh runs the suite on several Pythons; the
bundle is one artefact, so the secondary runs set KIOSK_SKIP_BUNDLE_TESTS and skip this module.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk import __version__, resources
from kiosk.core.api import Credentials, VerificationClient
from kiosk.sandbox.process import free_port
from tests.support.notify_socket import NotifyReceiver

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.timeout(900),  # the first test pays for the build
    pytest.mark.skipif(
        sys.platform != "linux", reason="the bundle and the .deb are built on Linux"
    ),
    pytest.mark.skipif(
        bool(os.environ.get("KIOSK_SKIP_BUNDLE_TESTS")),
        reason="KIOSK_SKIP_BUNDLE_TESTS: the bundle is built and tested once per run, on the "
        "first Python (scripts/test.sh)",
    ),
]


@dataclass(frozen=True)
class Built:
    bundle: Path
    kiosk: Path
    deb: Path


@pytest.fixture(scope="session")
def built() -> Built:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed (Debian's dpkg)")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    result = subprocess.run(
        [str(ROOT / "scripts" / "package.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert result.returncode == 0, f"scripts/package.sh failed:\n{result.stdout}\n{result.stderr}"
    bundle = ROOT / "dist" / "verification-kiosk"
    return Built(
        bundle, bundle / "kiosk", ROOT / "dist" / f"verification-kiosk_{VERSION}_amd64.deb"
    )


def run(
    built: Built, *args: str, home: Path, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``kiosk ARGS`` from the bundle, offscreen, with its own KIOSK_HOME."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(home)}
    return subprocess.run(
        [str(built.kiosk), *args], env=env, input=input, capture_output=True, text=True, timeout=120
    )


# --- the bundle -------------------------------------------------------------------------------


def test_the_bundle_is_one_folder_under_200_mb_without_what_the_kiosk_never_uses(
    built: Built,
) -> None:
    files = [p for p in built.bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    assert size < 200 * 10**6, f"{size / 10**6:.0f} MB"
    names = {p.relative_to(built.bundle).as_posix() for p in files}
    plugins = {n.split("/plugins/", 1)[1] for n in names if "/plugins/" in n}
    needed = {
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "wayland-shell-integration/libxdg-shell.so",
        "iconengines/libqsvgicon.so",
    }
    assert needed <= plugins
    # Qt's own translations are left out; the kiosk's (resources/i18n) ship, one per language.
    ours = {n for n in names if n.endswith(".qm") and "/kiosk_resources/i18n/" in f"/{n}"}
    assert not {n for n in names if n.endswith(".qm")} - ours, "Qt translations"
    shipped = {f"kiosk_{code}.qm" for code in ("ar", "de", "es", "fr")}
    assert {n.rsplit("/", 1)[1] for n in ours} == shipped
    assert not any(re.search(r"lib(gtk|gdk)-3|Qt6(Qml|Quick|Network)\b|tkinter", n) for n in names)
    assert not any(p.startswith(("platformthemes/", "tls/", "sqldrivers/")) for p in plugins)


def test_version_and_settings_path(built: Built, tmp_path: Path) -> None:
    version = run(built, "--version", home=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"kiosk {__version__}"
    path = run(built, "settings", "path", home=tmp_path)
    assert path.returncode == 0, path.stderr
    assert path.stdout.strip() == str(tmp_path / "config" / "settings.toml")
    init = run(built, "settings", "init", home=tmp_path)
    assert init.returncode == 0, init.stderr
    check = run(built, "settings", "check", home=tmp_path)
    assert check.returncode == 0 and ": OK" in check.stdout


def test_verify_passes_on_the_embedded_sandbox(built: Built, tmp_path: Path) -> None:
    result = run(
        built, "verify", "--scenario", "pass", "--step-seconds", "0.05",
        "--poll-interval", "0.05", "--no-qr", home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VERDICT: PASS" in result.stdout
    assert "Traceback" not in result.stderr


def test_self_test_passes_offscreen_on_the_embedded_sandbox(built: Built, tmp_path: Path) -> None:
    result = run(built, "self-test", "--listen", "local", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    # The shipped fonts are found in the bundle and registered with Qt (in the display child).
    (fonts,) = [line for line in lines if line.split()[1:2] == ["fonts:"]]
    assert fonts.startswith("OK") and "Noto Sans Arabic UI" in fonts
    assert not any(line.startswith("FAIL") for line in lines)


def test_secrets_and_journal_commands(built: Built, tmp_path: Path) -> None:
    # The machine's secrets folder (conftest points KIOSK_SYSTEM_SECRETS_DIR at a tmp folder).
    stored = run(
        built, "secrets", "set-key", "--store", "system", "--app-id", "demo", home=tmp_path,
        input="bundle-key-0123456789\n",
    )  # fmt: skip
    assert stored.returncode == 0, stored.stderr
    status = run(built, "secrets", "status", home=tmp_path)
    assert status.returncode == 0, status.stderr
    assert re.search(r"^\s+system\s+yes\s.*holds app-key", status.stdout, re.MULTILINE)
    assert re.search(r"^\s+keyring\s", status.stdout, re.MULTILINE)  # its backends loaded
    assert "bundle-key-0123456789" not in status.stdout + status.stderr
    journal = run(built, "journal", "list", home=tmp_path)
    assert journal.returncode == 1 and "no journal" in journal.stderr  # none yet: one line


def test_the_flow_page_is_served_from_the_bundle(built: Built, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "KIOSK_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [str(built.kiosk), "sandbox", "--host", "127.0.0.1", "--port", str(port),
         "--app-id", "bundle", "--app-key", "bundle-key-0123456789"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        for line in server.stdout:  # the banner ends once the server listens
            if line.startswith("Press Ctrl+C"):
                break
        base = f"http://127.0.0.1:{port}"
        credentials = Credentials("bundle", "bundle-key-0123456789")
        with VerificationClient(base, credentials) as api:
            session = api.create_session(["liveness"])
        page = httpx.get(session.url, timeout=10)
        css = httpx.get(f"{base}/static/flow.css", timeout=10)
    finally:
        server.terminate()
        server.wait(20)
        if server.stdout is not None:
            server.stdout.close()
    assert page.status_code == 200 and "Verify your face" in page.text
    assert css.status_code == 200 and css.text == resources.text("flow/static/flow.css")


@pytest.fixture
def systemd() -> Iterator[NotifyReceiver]:
    with NotifyReceiver() as receiver:
        yield receiver


def test_the_window_notifies_systemd_and_stops_cleanly(
    built: Built, tmp_path: Path, systemd: NotifyReceiver
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_HOME": str(tmp_path),
        "NOTIFY_SOCKET": systemd.address,
        "WATCHDOG_USEC": "400000",  # pings every 200 ms
        "WATCHDOG_PID": str(os.getpid()),  # as under cage: the kiosk's parent is watched
    }
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(built.kiosk), "run", "--windowed", "--listen", "local", "--port", "0"],
            stderr=stderr,
            env=env,
        )
    try:
        pinging = systemd.wait_for(lambda s: len(s.times_of("WATCHDOG=1")) >= 5, timeout=60)
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
    finally:
        process.kill()
        process.wait()
    errors = log.read_text()
    texts = systemd.texts()
    assert pinging, f"{texts}\n{errors}"
    assert code == 0, errors
    ready = systemd.times_of("READY=1")
    pings = systemd.times_of("WATCHDOG=1")
    assert len(ready) == 1 and ready[0] <= pings[0]
    gaps = [b - a for a, b in itertools.pairwise(pings)]
    assert max(gaps) < 0.4, gaps  # never as long as WATCHDOG_USEC
    assert texts[-1].startswith("STOPPING=1")
    assert "Traceback" not in errors
    # The first paint opened the journal; the journal command reads it.
    journal = run(built, "journal", "list", home=tmp_path)
    assert journal.returncode == 0, journal.stderr


def test_the_operator_desk_starts_and_quits_from_the_bundle(built: Built, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [str(built.kiosk), "desk", "--local", "--port", "0", "-v"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    seen: list[str] = []
    try:
        for line in process.stderr:
            seen.append(line)
            if "kiosk.desk.app: desk ready" in line:
                break
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
        seen.append(process.stderr.read())
    finally:
        process.kill()
        process.wait()
        process.stderr.close()
    errors = "".join(seen)
    assert "desk ready" in errors and code == 0, errors
    assert "Traceback" not in errors
    # The desk's journal (with its references) is the one the journal command reads.
    journal = run(built, "journal", "list", home=tmp_path)
    assert journal.returncode == 0, journal.stderr


def _unit_lines() -> dict[str, list[str]]:
    """``key -> values`` of the unit file's settings (keys may repeat)."""
    unit = ROOT / "packaging" / "debian" / "verification-kiosk.service"
    lines: dict[str, list[str]] = {}
    for line in unit.read_text().splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            lines.setdefault(key, []).append(value)
    return lines


def test_the_service_runs_the_kiosk_under_cage_and_stops_it_cleanly(built: Built) -> None:
    """The unit's ExecStart= (cage, then the kiosk on Wayland) and ExecStop=, on wlroots'
    headless backend, as an unprivileged user like the unit's: READY=1 and pings come from the
    kiosk under cage, and the stop ends both cleanly (cage exits 0, the kiosk says STOPPING=1)."""
    cage = shutil.which("cage")
    if cage is None:
        pytest.skip("cage is not installed (apt-get install cage): the package depends on it")
    if os.geteuid() != 0:
        pytest.skip("cage refuses root; running it as another user needs root")
    user = "nobody"
    reachable = subprocess.run(["runuser", "-u", user, "--", "test", "-x", str(built.kiosk)])
    if reachable.returncode != 0:
        pytest.skip(f"the user {user} cannot reach {built.kiosk}")
    unit = _unit_lines()
    (start,) = unit["ExecStart"]
    (stop,) = unit["ExecStop"]
    command = [built.kiosk.as_posix() if word.startswith("/opt/") else word
               for word in shlex.split(start)]  # fmt: skip
    assert command[0] == "/usr/bin/cage"
    command += ["--listen", "local", "--port", "0"]  # not the LAN, not the fixed port
    environment = dict(shlex.split(value)[0].split("=", 1) for value in unit["Environment"])
    # cage refuses to start when it could regain root: no root user, group or extra groups.
    unprivileged: dict[str, Any] = {
        "user": user,
        "group": pwd.getpwnam(user).pw_gid,
        "extra_groups": [],
    }
    folder = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    try:
        folder.chmod(0o755)
        for name in ("runtime", "home"):
            (folder / name).mkdir(mode=0o700)
            shutil.chown(folder / name, user)
        with NotifyReceiver(abstract=True) as systemd, (folder / "log.txt").open("w") as log:
            env = {
                "PATH": os.environ["PATH"],
                "HOME": str(folder / "home"),
                "XDG_RUNTIME_DIR": str(folder / "runtime"),
                "WLR_BACKENDS": "headless",  # no display or input devices here
                "WLR_LIBINPUT_NO_DEVICES": "1",
                "WLR_RENDERER": "pixman",
                "QT_QPA_PLATFORM": environment["QT_QPA_PLATFORM"],
                "KIOSK_HOME": str(folder / "home" / "kiosk"),
                "NOTIFY_SOCKET": systemd.address,
                "WATCHDOG_USEC": "2000000",
            }
            compositor = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, **unprivileged
            )
            try:
                pinging = systemd.wait_for(lambda s: len(s.times_of("WATCHDOG=1")) >= 2, timeout=60)
                # systemd runs ExecStop= with $MAINPID (cage's pid), as the unit's user, and
                # reaps cage meanwhile (the stop waits for it to be gone): so does this test.
                stopper = subprocess.Popen(
                    shlex.split(stop.replace("$$", "$")),
                    env={"PATH": os.environ["PATH"], "MAINPID": str(compositor.pid)},
                    **unprivileged,
                )
                code = compositor.wait(timeout=30)
                stopped = stopper.wait(timeout=30)
            finally:
                compositor.kill()
                compositor.wait()
            texts = systemd.texts()
        output = (folder / "log.txt").read_text()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert pinging, f"{texts}\n{output}"
    assert texts[1].startswith("READY=1")
    assert stopped == 0
    assert code == 0, output
    assert texts[-1].startswith("STOPPING=1"), texts
    assert "Traceback" not in output


# --- the Debian package -----------------------------------------------------------------------


def _deb_fields(deb: Path) -> dict[str, str]:
    info = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^(\S+): (.*)$", info, re.MULTILINE))


def test_the_deb_describes_itself_and_depends_on_cage(built: Built) -> None:
    fields = _deb_fields(built.deb)
    assert fields["Package"] == "verification-kiosk"
    assert fields["Version"] == VERSION
    assert fields["Architecture"] == "amd64"
    depends = {d.split()[0] for d in fields["Depends"].split(", ")}
    assert {"cage", "xwayland", "libpam-systemd", "libxcb-icccm4", "libwayland-client0"} <= depends
    info = subprocess.run(
        ["dpkg-deb", "--info", str(built.deb)], capture_output=True, text=True, check=True
    ).stdout
    for script in ("postinst", "prerm", "postrm", "conffiles"):
        assert re.search(rf"^\s+\d+ bytes,\s+\d+ lines\s+\*?\s+{script}\b", info, re.MULTILINE)
    postinst = subprocess.run(
        ["dpkg-deb", "--ctrl-tarfile", str(built.deb)], capture_output=True, check=True
    ).stdout
    assert b"systemd-sysusers verification-kiosk.conf" in postinst  # the kiosk user


def test_the_deb_installs_the_bundle_the_unit_and_the_desktop_entry(built: Built) -> None:
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(built.deb)], capture_output=True, text=True, check=True
    ).stdout
    entries = {line.split()[5]: line for line in listing.splitlines()}
    kiosk = entries["./opt/verification-kiosk/kiosk"]
    assert kiosk.startswith("-rwxr-xr-x root/root")
    assert "./usr/bin/kiosk -> /opt/verification-kiosk/kiosk" in listing
    for path in (
        "./lib/systemd/system/verification-kiosk.service",
        "./usr/lib/sysusers.d/verification-kiosk.conf",
        "./etc/pam.d/verification-kiosk",
        "./usr/share/applications/verification-kiosk.desktop",
        "./usr/share/icons/hicolor/scalable/apps/verification-kiosk.svg",
        "./opt/verification-kiosk/_internal/kiosk_resources/fonts/NotoSansArabicUI-Regular.ttf",
    ):
        assert path in entries, path
    bundled = {p.relative_to(built.bundle).as_posix() for p in built.bundle.rglob("*")}
    installed = {
        name.removeprefix("./opt/verification-kiosk/").rstrip("/")
        for name in entries
        if name.startswith("./opt/verification-kiosk/") and name != "./opt/verification-kiosk/"
    }
    assert installed == bundled


def test_the_unit_passes_systemd_analyze_verify(built: Built, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(built.deb), str(root)], check=True)
    # verify looks for every unit the service names (sysinit.target, getty@.service, ...) and
    # for the programs of its Exec*= lines inside --root: the system's units, and stand-ins for
    # the programs the package depends on (cage, /bin/sh) rather than ships.
    shutil.copytree(
        "/lib/systemd/system", root / "lib/systemd/system", symlinks=True, dirs_exist_ok=True
    )
    unit_text = (root / "lib/systemd/system/verification-kiosk.service").read_text()
    programs = re.findall(r"^Exec\w+=[-@:+!]*(/\S+)", unit_text, re.MULTILINE)
    assert "/usr/bin/cage" in programs
    for program in programs:
        stand_in = root / program.lstrip("/")
        if not stand_in.exists():
            stand_in.parent.mkdir(parents=True, exist_ok=True)
            stand_in.write_text("#!/bin/sh\n")
            stand_in.chmod(0o755)
    unit = root / "lib/systemd/system/verification-kiosk.service"
    result = subprocess.run(
        [analyze, "verify", "--man=no", f"--root={root}", str(unit)],
        capture_output=True,
        text=True,
    )
    # A misspelt key or value is only a warning (exit 0): any output is a failure here.
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stderr


def test_every_library_the_bundle_takes_from_the_system_is_a_dependency(built: Built) -> None:
    internal = built.bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6/Qt/lib'}"}
    needed: dict[str, str | None] = {}
    for library in internal.rglob("*.so*"):
        if library.is_symlink() or not library.is_file():
            continue
        output = subprocess.run(
            ["ldd", str(library)], capture_output=True, text=True, env=env
        ).stdout
        for name, where in re.findall(r"^\s*(\S+) => (\S+)", output, re.MULTILINE):
            if not where.startswith(str(internal)):
                needed[name] = None if where == "not" else where
    # Missing on the build machine (so not bundled): the packages that provide them.
    absent = {"libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1"}
    packages: dict[str, str] = {}
    for name, where in needed.items():
        if where is None:
            assert name in absent, f"{name} is missing here: add its package to DEPENDS"
            packages[name] = absent[name]
            continue
        owner = subprocess.run(
            ["dpkg", "-S", f"*/{Path(where).parent.name}/{name}"], capture_output=True, text=True
        ).stdout
        packages[name] = owner.split(":", 1)[0]
    depends = {d.split()[0] for d in _deb_fields(built.deb)["Depends"].split(", ")}
    # Always there (libc6), or pulled in by libgl1 / libegl1 (libglx0, libglvnd0).
    provided = depends | {"libc6", "libglx0", "libglvnd0"}
    missing = {name: package for name, package in packages.items() if package not in provided}
    assert missing == {}, "add these packages to DEPENDS in packaging/debian/build_deb.py"
