#!/usr/bin/env bash
# Set up and run the whole test suite: lint, type check, then pytest on every supported Python
# found on this machine (3.11, 3.12 and 3.13; each in its own venv). CI runs exactly this.
# Extra arguments go to pytest. KIOSK_TEST_PYTHONS="3.12" limits the extra Pythons ("" for none).
# Bash (Linux); anywhere else (Windows, a stock macOS): python3 scripts/bootstrap.py test [args].
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.venv}
scripts/setup.sh test,faces,hub
scripts/system-deps.sh
"$venv"/bin/ruff check --quiet .
"$venv"/bin/ruff format --check --quiet .
"$venv"/bin/mypy
export QT_QPA_PLATFORM=offscreen

main_version=$("$venv"/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
echo "== Python $main_version ($venv)"
"$venv"/bin/python -m pytest "$@"

# The other supported Pythons: python3.X on PATH, else pyenv's build of it. Each candidate must
# run: a pyenv shim is on PATH for every version pyenv has, but fails for those not selected.
find_python() {
  local candidate
  for candidate in "$(command -v "python$1" 2>/dev/null)" \
      $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/python"$1" 2>/dev/null | sort -rV); do
    if [ -n "$candidate" ] && "$candidate" -c 'import sys' >/dev/null 2>&1; then
      echo "$candidate"
      return
    fi
  done
}
for version in ${KIOSK_TEST_PYTHONS-3.11 3.12 3.13}; do
  [ "$version" = "$main_version" ] && continue
  python=$(find_python "$version")
  if [ -z "$python" ]; then
    echo "== Python $version: not found on this machine, skipped"
    continue
  fi
  echo "== Python $version (.venv-$version)"
  PYTHON="$python" VENV=".venv-$version" scripts/setup.sh test,faces,hub
  KIOSK_SKIP_BUNDLE_TESTS=1 ".venv-$version"/bin/python -m pytest "$@"  # bundle: built once, above
done
