"""The packaging recipes (packaging/, scripts/package.sh), checked without building the bundle.

tests/e2e/test_bundle.py builds the bundle and the .deb and runs them; these tests read the
rules, the unit file and the maintainer scripts, and run the scripts in a throwaway root.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from kiosk.core import secret_stores
from kiosk.core.sdnotify import Notifier

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DEBIAN = PACKAGING / "debian"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _load("bundle_contents", PACKAGING / "bundle_contents.py")
build_deb = _load("build_deb", DEBIAN / "build_deb.py")


# --- what the bundle keeps of Qt --------------------------------------------------------------


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",  # X11 and XWayland
        "PySide6/Qt/plugins/platforms/libqwayland.so",  # cage
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",  # tests, the self-test
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",  # the SVG application icon
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6\\plugins\\imageformats\\qico.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/QtWidgets.abi3.so",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "kiosk_resources/fonts/NotoSans-Regular.ttf",
    ],
)
def test_the_bundle_keeps_what_a_kiosk_screen_needs(destination: str) -> None:
    assert contents.keep(destination)


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",  # pulls in GTK 3
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libqt-shell.so",  # Qt's own compositors
        "PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qt_ar.qm",
        "PySide6/QtNetwork.abi3.so",
        "PySide6/QtQml.pyi",
        "PySide6/Qt/qml/QtQuick/qmldir",
    ],
)
def test_the_bundle_drops_what_the_kiosk_never_uses(destination: str) -> None:
    assert not contents.keep(destination)


def test_the_qt_hooks_filter_before_dependencies_are_followed() -> None:
    plugins = "PySide6/Qt/plugins"
    hidden, binaries, datas = contents.filter_hook(
        ["PySide6.QtGui", "PySide6.QtDBus", "PySide6.QtNetwork", "shiboken6"],
        [
            (f"/s/{plugins}/platforms/libqxcb.so", f"{plugins}/platforms"),
            (f"/s/{plugins}/platformthemes/libqgtk3.so", f"{plugins}/platformthemes"),
            (
                "C:\\s\\PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
                "PySide6\\plugins\\styles",
            ),
        ],
        [("/site/PySide6/Qt/translations/qtbase_fr.qm", "PySide6/Qt/translations")],
    )
    assert hidden == ["PySide6.QtGui", "shiboken6"]
    assert [folder for _, folder in binaries] == [
        f"{plugins}/platforms",
        "PySide6\\plugins\\styles",
    ]
    assert datas == []


def _imports_of_the_program() -> set[str]:
    names: set[str] = set()
    for source in (ROOT / "kiosk").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_every_qt_module_the_kiosk_imports_is_in_the_bundle() -> None:
    used = {
        name.split(".")[1]
        for name in _imports_of_the_program()
        if name.startswith("PySide6.Qt") and name.count(".") >= 1
    }
    assert used, "the scan found no Qt import"
    assert used <= contents.QT_PYTHON_MODULES, "add the module to bundle_contents.py"


def test_nothing_the_kiosk_imports_is_excluded_from_the_bundle() -> None:
    excluded = set(contents.EXCLUDED_PYTHON)
    imported = {
        prefix
        for name in _imports_of_the_program()
        for prefix in (".".join(name.split(".")[: i + 1]) for i in range(name.count(".") + 1))
    }
    assert imported & excluded == set()


# --- the systemd unit -------------------------------------------------------------------------


def _unit() -> dict[tuple[str, str], list[str]]:
    """``(section, key) -> values`` of the unit file (keys may repeat, e.g. ``After=``)."""
    entries: dict[tuple[str, str], list[str]] = {}
    section = ""
    for line in (DEBIAN / "verification-kiosk.service").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, value = line.split("=", 1)
        entries.setdefault((section, key), []).append(value)
    return entries


def _one(unit: dict[tuple[str, str], list[str]], section: str, key: str) -> str:
    (value,) = unit[(section, key)]
    return value


def test_the_service_runs_the_bundle_under_cage_as_the_kiosk_user() -> None:
    unit = _unit()
    assert _one(unit, "Service", "ExecStart").split() == [
        "/usr/bin/cage",
        "-d",
        "--",
        f"{build_deb.INSTALL_DIR}/kiosk",
        "run",
    ]
    user = re.search(r"^u (\S+) ", (DEBIAN / "sysusers.conf").read_text(), re.MULTILINE)
    assert user is not None
    assert _one(unit, "Service", "User") == user[1] == secret_stores.SERVICE_GROUP
    assert "cage" in build_deb.DEPENDS and "xwayland" in build_deb.DEPENDS


def test_the_service_has_a_logind_session_on_its_own_vt() -> None:
    unit = _unit()
    tty = _one(unit, "Service", "TTYPath")
    assert re.fullmatch(r"/dev/tty\d+", tty)
    assert f"getty@{tty.removeprefix('/dev/')}.service" in _one(unit, "Unit", "Conflicts")
    assert _one(unit, "Service", "StandardInput") == "tty-fail"
    pam = _one(unit, "Service", "PAMName")
    assert "pam_systemd.so" in (DEBIAN / "pam").read_text()
    assert f"/etc/pam.d/{pam}" in build_deb.CONFFILES  # where build_deb installs the pam file
    assert "libpam-systemd" in build_deb.DEPENDS


def test_the_service_is_restarted_on_failure_and_watched() -> None:
    unit = _unit()
    assert _one(unit, "Service", "Type") == "notify"
    # The kiosk (cage's child) sends the notifications; systemd watches cage.
    assert _one(unit, "Service", "NotifyAccess") == "all"
    assert _one(unit, "Service", "Restart") == "always"
    watchdog_s = int(_one(unit, "Service", "WatchdogSec"))
    notifier = Notifier(
        {"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": str(watchdog_s * 1_000_000)},
        pids=lambda: (1, 2),
    )
    assert notifier.watchdog_interval_ms == watchdog_s * 500  # pings at half the deadline
    assert int(_one(unit, "Service", "RestartSec")) < watchdog_s
    assert int(_one(unit, "Unit", "StartLimitBurst")) >= 10


def test_the_state_folder_is_the_kiosk_home_and_survives_upgrades() -> None:
    unit = _unit()
    state = _one(unit, "Service", "StateDirectory")
    assert f"KIOSK_HOME=/var/lib/{state}" in unit[("Service", "Environment")]
    assert _one(unit, "Service", "StateDirectoryMode") == "0700"
    postrm = (DEBIAN / "postrm").read_text()
    assert f"/var/lib/{state}" in postrm.split('if [ "$1" = purge ]', 1)[1]


def test_the_secrets_folder_is_the_one_the_kiosk_reads() -> None:
    postinst = (DEBIAN / "postinst").read_text()
    folder = secret_stores.SYSTEM_DIR.as_posix()
    assert f"install -d -m 0750 -o root -g {secret_stores.SERVICE_GROUP} {folder}" in postinst
    assert folder in (DEBIAN / "verification-kiosk.service").read_text()


# --- the package tree -------------------------------------------------------------------------


@pytest.fixture
def stand_in_bundle(tmp_path: Path) -> Path:
    """A folder shaped like the built bundle: an executable and the shipped resources."""
    bundle = tmp_path / "verification-kiosk"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copytree(
        ROOT / "resources",
        bundle / "_internal" / "kiosk_resources",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    executable = bundle / "kiosk"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o700)
    return bundle


def test_the_package_tree_installs_the_bundle_and_its_system_files(
    stand_in_bundle: Path, tmp_path: Path
) -> None:
    root = build_deb.assemble(stand_in_bundle, "1.2.3", tmp_path / "root", "Test <t@invalid>")
    kiosk = root / "opt/verification-kiosk/kiosk"
    assert stat.S_IMODE(kiosk.stat().st_mode) == 0o755  # the build's 0700 normalised
    assert os.readlink(root / "usr/bin/kiosk") == "/opt/verification-kiosk/kiosk"
    for path in (
        "lib/systemd/system/verification-kiosk.service",
        "usr/lib/sysusers.d/verification-kiosk.conf",
        "usr/share/applications/verification-kiosk.desktop",
        "usr/share/icons/hicolor/scalable/apps/verification-kiosk.svg",
        "usr/share/icons/hicolor/256x256/apps/verification-kiosk.png",
        "usr/share/doc/verification-kiosk/copyright",
        *(conffile.lstrip("/") for conffile in build_deb.CONFFILES),
    ):
        assert (root / path).is_file(), path
    # The unit's Documentation= once docs/DEPLOYMENT.md exists.
    guide = root / "usr/share/doc/verification-kiosk/DEPLOYMENT.md"
    assert guide.is_file() == (ROOT / "docs" / "DEPLOYMENT.md").is_file()
    sizes = {p.parent.parent.name for p in (root / "usr/share/icons/hicolor").glob("*/apps/*.png")}
    assert sizes == {f"{n}x{n}" for n in (16, 24, 32, 48, 64, 128, 256, 512)}
    control = dict(
        line.split(": ", 1)
        for line in (root / "DEBIAN/control").read_text().splitlines()
        if ": " in line and not line.startswith(" ")
    )
    assert control["Package"] == "verification-kiosk"
    assert control["Version"] == "1.2.3"
    assert control["Architecture"] == "amd64"
    assert int(control["Installed-Size"]) > 1000  # KiB: the resources alone are 1.8 MB
    assert (root / "DEBIAN/conffiles").read_text().split() == list(build_deb.CONFFILES)
    for script in ("postinst", "prerm", "postrm"):
        path = root / "DEBIAN" / script
        assert stat.S_IMODE(path.stat().st_mode) == 0o755
        subprocess.run(["sh", "-n", str(path)], check=True)


def test_the_package_version_is_the_projects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    script = (ROOT / "scripts" / "package.sh").read_text()
    assert '["project"]["version"]' in script
    assert any(r.startswith("pyinstaller") for r in project["optional-dependencies"]["package"])


# --- the maintainer scripts, run in a throwaway root ------------------------------------------


class FakeSystem:
    """The maintainer scripts with their absolute paths moved under ``root``, and stand-ins
    for systemctl, deb-systemd-helper/-invoke, systemd-sysusers and install that log calls."""

    TOOLS = ("systemctl", "deb-systemd-helper", "deb-systemd-invoke", "systemd-sysusers", "install")

    def __init__(self, root: Path, *, active: bool) -> None:
        self.root = root
        self.log = root / "calls.log"
        bin_dir = root / "bin"
        bin_dir.mkdir(parents=True)
        for tool in self.TOOLS:
            stub = bin_dir / tool
            status = 0 if (tool != "systemctl" or active) else 3  # is-active: 3 = inactive
            stub.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{self.log}"\nexit {status}\n')
            stub.chmod(0o755)
        (root / "run/systemd/system").mkdir(parents=True)  # "systemd is running"
        self.state = root / "var/lib/verification-kiosk"
        (self.state / "config").mkdir(parents=True)
        (self.state / "config/settings.toml").write_text('backend = "sandbox"\n')
        self.secrets = root / "etc/verification-kiosk/secrets"
        self.secrets.mkdir(parents=True)
        (self.secrets / "app-key").write_text("k\n")
        self.env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}

    def run(self, script: str, *args: str) -> None:
        text = (DEBIAN / script).read_text()
        for prefix in ("/var/lib/", "/etc/verification-kiosk", "/run/"):
            text = text.replace(prefix, f"{self.root}{prefix}")
        # Run as root here: no path of the real system may be left in the script.
        assert not re.search(r"(?<![\w/.-])/(?:var|etc|run|lib|opt)/", text), script
        subprocess.run(["sh", "-c", text, script, *args], env=self.env, check=True)

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


def test_removing_the_package_keeps_settings_journal_and_secrets(tmp_path: Path) -> None:
    system = FakeSystem(tmp_path, active=True)
    system.run("prerm", "remove")
    system.run("postrm", "remove")
    assert (system.state / "config/settings.toml").is_file()
    assert (system.secrets / "app-key").is_file()
    assert "deb-systemd-invoke stop verification-kiosk.service" in system.calls()


def test_purging_the_package_deletes_them(tmp_path: Path) -> None:
    system = FakeSystem(tmp_path, active=False)
    system.run("postrm", "purge")
    assert not system.state.exists()
    assert not system.secrets.exists()
    assert "deb-systemd-helper purge verification-kiosk.service" in system.calls()


@pytest.mark.parametrize("running", [True, False])
def test_an_upgrade_restarts_the_kiosk_only_if_it_was_running(
    tmp_path: Path, running: bool
) -> None:
    system = FakeSystem(tmp_path, active=running)
    system.run("prerm", "upgrade", "0.2.0")
    assert "deb-systemd-invoke stop verification-kiosk.service" in system.calls()
    system.run("postinst", "configure", "0.1.0")
    calls = system.calls()
    assert ("deb-systemd-invoke start verification-kiosk.service" in calls) is running
    assert not (tmp_path / "run/verification-kiosk.restart").exists()
    assert "systemd-sysusers verification-kiosk.conf" in calls
    assert (system.state / "config/settings.toml").is_file()


def test_a_first_install_enables_the_service_without_starting_it(tmp_path: Path) -> None:
    system = FakeSystem(tmp_path, active=False)
    system.run("postinst", "configure")
    calls = system.calls()
    assert "deb-systemd-helper enable verification-kiosk.service" in calls
    assert not any("deb-systemd-invoke start" in call for call in calls)


# --- scripts/package.sh and the Windows installer ---------------------------------------------


def test_package_sh_explains_itself_and_refuses_unknown_options() -> None:
    script = ROOT / "scripts" / "package.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    usage = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True)
    assert "dist/verification-kiosk/kiosk" in usage.stdout
    wrong = subprocess.run([str(script), "--bogus"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "--bogus" in wrong.stderr


@pytest.mark.skipif(
    shutil.which("makensis") is None, reason="NSIS is not installed (apt-get install nsis)"
)
def test_the_windows_installer_script_compiles(stand_in_bundle: Path, tmp_path: Path) -> None:
    for name in ("kiosk.exe", "kiosk-window.exe"):
        (stand_in_bundle / name).write_bytes(b"MZ")
    output = tmp_path / "verification-kiosk-1.2.3-setup.exe"
    result = subprocess.run(
        ["makensis", "-V2", "-WX", "-DVERSION=1.2.3", f"-DBUNDLE={stand_in_bundle}",
         f"-DOUTFILE={output}", str(PACKAGING / "windows" / "installer.nsi")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert output.read_bytes()[:2] == b"MZ"


def test_the_installer_starts_the_executables_the_spec_builds() -> None:
    spec = (PACKAGING / "kiosk.spec").read_text()
    built = set(re.findall(r'executable\("([\w-]+)", console=', spec))
    started = set(
        re.findall(
            r"\$INSTDIR\\([\w-]+)\.exe", (PACKAGING / "windows" / "installer.nsi").read_text()
        )
    )
    assert built == started - {"uninstall"} == {"kiosk", "kiosk-window"}
