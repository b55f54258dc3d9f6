#!/usr/bin/env bash
# Set up and open the kiosk on its embedded sandbox (no credentials needed).
# Extra arguments go to `kiosk`, e.g. scripts/run.sh --windowed, scripts/run.sh --demo,
# scripts/run.sh verify --scenario pass (the terminal command).
# Bash (Linux); anywhere else (Windows, a stock macOS): python3 scripts/bootstrap.py run [args].
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec "${VENV:-.venv}"/bin/kiosk "$@"
