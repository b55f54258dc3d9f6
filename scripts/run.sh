#!/usr/bin/env bash
# Set up and run one verification against the embedded sandbox (no credentials needed).
# Extra arguments go to `kiosk verify`, e.g. scripts/run.sh --scenario fail_liveness
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/kiosk verify "$@"
