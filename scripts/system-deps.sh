#!/usr/bin/env bash
# System packages the tests need beyond Python's: Debian's chromium for the browser end-to-end
# test; the libraries Qt loads even offscreen (and those PyInstaller copies into the bundle for
# its X11 plugin); cage and xwayland, under which the bundle's test runs the service's command;
# nsis, which compiles the Windows installer script; systemd-analyze and dpkg-deb for the .deb's
# checks. Installed only when missing and when we can (root with apt-get); otherwise say what is
# missing and let the tests report it (they skip with the reason).
set -euo pipefail
needed=()
for command_package in chromium:chromium cage:cage Xwayland:xwayland makensis:nsis \
    systemd-analyze:systemd dpkg-deb:dpkg; do
  command -v "${command_package%%:*}" >/dev/null 2>&1 || needed+=("${command_package#*:}")
done
for lib_package in libEGL.so.1:libegl1 libxkbcommon.so.0:libxkbcommon0 \
    libfontconfig.so.1:libfontconfig1 libxcb-cursor.so.0:libxcb-cursor0 \
    libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1; do
  ldconfig -p 2>/dev/null | grep -q "${lib_package%%:*}" || needed+=("${lib_package#*:}")
done
# PostgreSQL's server programs, for the hub's store tests (a throwaway cluster by initdb/pg_ctl);
# Debian keeps them off PATH, in /usr/lib/postgresql/VERSION/bin.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || needed+=(postgresql)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: missing ${needed[*]}; install them (Debian: apt-get install ${needed[*]})" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${needed[@]}" fonts-dejavu-core >/dev/null
