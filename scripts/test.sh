#!/usr/bin/env bash
# Set up and run the whole test suite. CI runs exactly this (.ci/run).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
