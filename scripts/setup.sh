#!/usr/bin/env bash
# Create (or update) the project's virtual environment in .venv.
# Usage: scripts/setup.sh [EXTRA]   e.g. scripts/setup.sh test
# Idempotent and quick when nothing changed: the install is skipped while pyproject.toml and the
# requested extra are the same as at the last successful install.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" --version 2>&1))." >&2
  echo "       Set PYTHON=/path/to/python3.11 and run again." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
spec="."
[ $# -gt 0 ] && spec=".[$1]"
stamp=".venv/.installed-${1:-base}"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
echo "Installing the project and its dependencies into .venv ..." >&2
# The build backend's notices are kept in a log and shown only if the install fails.
if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" \
    > .venv/pip.log 2>&1; then
  grep -v -e '^WARNING: Location' .venv/pip.log >&2
  exit 1
fi
echo "$wanted" > "$stamp"
