#!/usr/bin/env bash
# System packages the tests need beyond Python's: Debian's chromium for the browser end-to-end
# test, and the libraries Qt loads even offscreen. Installed only when missing and when we can
# (root with apt-get); otherwise say what is missing and let the tests report it.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
for lib in libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || needed+=("$lib")
done
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: missing ${needed[*]}; install them (Debian: apt-get install chromium libegl1 libxkbcommon0 libfontconfig1)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium libegl1 libxkbcommon0 libfontconfig1 fonts-dejavu-core >/dev/null
