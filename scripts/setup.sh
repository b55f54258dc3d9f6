#!/usr/bin/env bash
# Create (or update) the project's virtual environment in .venv (or in $VENV).
# Usage: scripts/setup.sh [EXTRAS]  e.g. scripts/setup.sh test, scripts/setup.sh test,faces
#        PYTHON=python3.13 VENV=.venv-3.13 scripts/setup.sh test
# Idempotent and quick when nothing changed: the install is skipped while pyproject.toml and the
# requested extra are the same as at the last successful install.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" --version 2>&1))." >&2
  echo "       Set PYTHON=/path/to/python3.11 and run again." >&2
  exit 1
fi
if [ ! -x "$VENV"/bin/python ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV"/bin/python -m pip install --quiet --upgrade pip
fi
spec="."
[ $# -gt 0 ] && spec=".[$1]"
stamp="$VENV/.installed-${1:-base}"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
echo "Installing the project and its dependencies into $VENV ..." >&2
# The build backend's notices are kept in a log and shown only if the install fails.
if ! "$VENV"/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" \
    > "$VENV"/pip.log 2>&1; then
  grep -v -e '^WARNING: Location' "$VENV"/pip.log >&2
  exit 1
fi
echo "$wanted" > "$stamp"
