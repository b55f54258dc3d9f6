"""Assemble the verification-kiosk Debian package from the built bundle (scripts/package.sh).

The package tree, rooted like the target system:

- ``/opt/verification-kiosk/``: the bundle as built (``kiosk`` and ``_internal/``);
- ``/usr/bin/kiosk``: a symlink to it (PyInstaller's loader finds its files through the link);
- ``/lib/systemd/system/verification-kiosk.service``: the kiosk under cage on tty7;
- ``/usr/lib/sysusers.d/verification-kiosk.conf``: the ``kiosk`` system user;
- ``/etc/pam.d/verification-kiosk`` and ``/etc/verification-kiosk/environment``: conffiles
  (an administrator's edits survive upgrades); the secrets folder
  ``/etc/verification-kiosk/secrets/`` (root:kiosk 0750) is made by postinst, once the user is;
- ``/usr/share/applications`` and ``/usr/share/icons/hicolor``: the desktop entry and icons,
  taken from the bundle's own ``kiosk_resources`` (what ships is what is installed);
- ``/usr/share/doc/verification-kiosk/copyright``.

``dpkg-deb --root-owner-group`` makes every file root's without fakeroot.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "verification-kiosk"
INSTALL_DIR = f"/opt/{NAME}"

# What the bundle loads from the system (ldd on its Qt plugins: everything not bundled), the
# compositor, logind's PAM module, pkill for the unit's stop, and fontconfig's configuration for
# the bundled libfontconfig.
# The fonts ship in the bundle (Noto Sans, Noto Sans Arabic UI), so no font package is needed.
DEPENDS = (
    "cage",
    "xwayland",
    "systemd (>= 247)",
    "libpam-systemd",
    "procps",  # pkill, in the unit's ExecStop=
    "dbus",
    "libegl1",
    "libgl1",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
)
RECOMMENDS = ("libgl1-mesa-dri", "libegl-mesa0")

CONFFILES = (f"/etc/pam.d/{NAME}", f"/etc/{NAME}/environment")

DESCRIPTION = """\
Face verification kiosk for the Verification Link API
 A full-screen kiosk that verifies a person's face through the Verification
 Link service: it shows a QR code, the person completes the checks on their
 phone, and the kiosk shows the verdict. An embedded sandbox server stands in
 for the service in demonstrations and tests.
 .
 The package runs the kiosk as the system user "kiosk" under the cage Wayland
 compositor on tty7 (verification-kiosk.service), restarted on failure and
 watched by the systemd watchdog. Settings, the session journal and logs live
 in /var/lib/verification-kiosk and are kept across upgrades."""


def control(version: str, installed_kib: int, maintainer: str) -> str:
    """The DEBIAN/control file."""
    return (
        f"Package: {NAME}\n"
        f"Version: {version}\n"
        "Architecture: amd64\n"
        f"Maintainer: {maintainer}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def _copy(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def _normalise_modes(tree: Path) -> None:
    """Folders 0755, executables 0755, other files 0644 (a build umask must not leak in)."""
    for folder, _, files in os.walk(tree):
        Path(folder).chmod(0o755)
        for name in files:
            path = Path(folder, name)
            if path.is_symlink():
                continue
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _installed_kib(tree: Path) -> int:
    total = 0
    for folder, _, files in os.walk(tree):
        for name in files:
            path = Path(folder, name)
            total += 1 if path.is_symlink() else -(-path.stat().st_size // 1024)
    return total


def assemble(bundle: Path, version: str, root: Path, maintainer: str) -> Path:
    """Lay out the package tree under ``root`` (emptied first); returns ``root``."""
    if root.exists():
        shutil.rmtree(root)
    opt = root / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    _normalise_modes(root)

    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin/kiosk").symlink_to(f"{INSTALL_DIR}/kiosk")

    _copy(HERE / f"{NAME}.service", root / f"lib/systemd/system/{NAME}.service")
    _copy(HERE / "sysusers.conf", root / f"usr/lib/sysusers.d/{NAME}.conf")
    _copy(HERE / "pam", root / f"etc/pam.d/{NAME}")
    _copy(HERE / "environment", root / f"etc/{NAME}/environment")

    shipped = opt / "_internal" / "kiosk_resources"
    _copy(shipped / f"{NAME}.desktop", root / f"usr/share/applications/{NAME}.desktop")
    icons = root / "usr/share/icons/hicolor"
    for png in sorted((shipped / "icons" / "hicolor").glob(f"*/{NAME}.png")):
        _copy(png, icons / png.parent.name / "apps" / png.name)
    _copy(shipped / "icons" / f"{NAME}.svg", icons / "scalable" / "apps" / f"{NAME}.svg")

    doc = root / f"usr/share/doc/{NAME}"
    _copy(HERE / "copyright", doc / "copyright")
    _copy(shipped / "fonts" / "OFL.txt", doc / "fonts-OFL.txt")

    deployment = HERE.parents[1] / "docs" / "DEPLOYMENT.md"
    if deployment.is_file():  # the unit's Documentation=
        _copy(deployment, doc / "DEPLOYMENT.md")

    debian = root / "DEBIAN"
    debian.mkdir()
    for script in ("postinst", "prerm", "postrm"):
        _copy(HERE / script, debian / script, 0o755)
    (debian / "conffiles").write_text("".join(f"{path}\n" for path in CONFFILES))
    installed = _installed_kib(root) - _installed_kib(debian)
    (debian / "control").write_text(control(version, installed, maintainer))
    for path in debian.iterdir():
        if path.name not in ("postinst", "prerm", "postrm"):
            path.chmod(0o644)
    return root


def build(bundle: Path, version: str, output: Path, work: Path, maintainer: str) -> Path:
    """The .deb at ``output``, from ``bundle``; ``work`` holds the package tree meanwhile."""
    root = assemble(bundle, version, work / "root", maintainer)
    output.parent.mkdir(parents=True, exist_ok=True)
    # gzip: every dpkg reads it, and it takes 6 s here (xz took 2 minutes for 20 % less).
    command = ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(output)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - ours
    shutil.rmtree(root)
    return output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--bundle", type=Path, required=True, help="the built bundle's folder")
    parser.add_argument("--version", required=True, help="the package version (pyproject's)")
    parser.add_argument("--output", type=Path, required=True, help="the .deb to write")
    parser.add_argument("--work", type=Path, required=True, help="a scratch folder")
    parser.add_argument(
        "--maintainer",
        default=os.environ.get(
            "KIOSK_DEB_MAINTAINER", "Verification kiosk maintainers <verification-kiosk@invalid>"
        ),
        help="the Maintainer field (default: $KIOSK_DEB_MAINTAINER or a placeholder)",
    )
    args = parser.parse_args()
    if not (args.bundle / "kiosk").is_file():
        print(f"error: no bundle at {args.bundle} (run scripts/package.sh)", file=sys.stderr)
        return 2
    build(args.bundle, args.version, args.output, args.work, args.maintainer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
