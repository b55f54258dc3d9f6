#!/usr/bin/env bash
# Set up and run the benchmarks; prints a table (see docs/PERFORMANCE.md). --quick for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test,faces,hub
exec .venv/bin/python -m bench "$@"
