#!/usr/bin/env bash
# Create (or update) the project's virtual environment in .venv.
# Usage: scripts/setup.sh [EXTRA]   e.g. scripts/setup.sh test
# Idempotent: a second run only checks what is installed.
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
# --quiet keeps the output to what matters; pip still prints errors.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
