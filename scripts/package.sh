#!/usr/bin/env bash
# Build the kiosk's standalone bundle and its Debian package from this checkout.
#
#   scripts/package.sh              bundle + .deb (about 1 minute once the build venv exists)
#   scripts/package.sh --bundle     the bundle only (also what a non-Debian Linux can build)
#
# Output:
#   dist/verification-kiosk/                      one folder; run dist/verification-kiosk/kiosk
#   dist/verification-kiosk_<version>_amd64.deb   installs the bundle under /opt (packaging/debian/)
#
# How: a build venv (.venv-package, or $PACKAGE_VENV; from $PYTHON, default python3) gets the
# `package` extra of pyproject.toml (PyInstaller); the kiosk is built into a wheel offline with
# that venv's setuptools and installed into it NOT editable, so PyInstaller analyses exactly what
# a wheel ships (the editable finder of a development install hides modules from its analysis);
# PyInstaller then builds the one-folder bundle from packaging/kiosk.spec.
#
# Nothing is rebuilt when the sources, pyproject.toml and packaging/ are unchanged since the last
# successful build (dist/.package-stamp; a missing .deb is made from the bundle); --force rebuilds. Builds from two shells at once wait
# for each other (a lock on build/package.lock).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bundle_only=false
force=false
for argument in "$@"; do
  case $argument in
    --bundle) bundle_only=true ;;
    --force) force=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $argument (see --help)" >&2; exit 2 ;;
  esac
done

PYTHON=${PYTHON:-python3}
venv=${PACKAGE_VENV:-.venv-package}
work=build/package
dist=dist
bundle=$dist/verification-kiosk
mkdir -p "$work" "$dist"

exec 9> "$work/package.lock"
flock 9

version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
deb=$dist/verification-kiosk_${version}_amd64.deb

# What the build depends on: the program, its shipped files, the project file, the recipes.
sources_hash() {
  find pyproject.toml README.md kiosk resources packaging scripts/package.sh -type f \
      -not -path '*/__pycache__/*' -not -name '*.pyc' -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}
wanted=$(sources_hash)
stamp=$dist/.package-stamp
build_bundle=true
if ! $force && [ -x "$bundle/kiosk" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  if $bundle_only || [ -f "$deb" ]; then
    echo "up to date: $bundle/kiosk$($bundle_only || echo " and $deb") (--force rebuilds)"
    exit 0
  fi
  build_bundle=false  # only the .deb is missing
fi

build_the_bundle() {
  # 1. The build venv and the `package` extra's tools (listed once, in pyproject.toml).
  if [ ! -x "$venv/bin/python" ]; then
    echo "== creating the build venv $venv ($PYTHON)"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  fi
  mapfile -t tools < <("$venv/bin/python" -c 'import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["package"]))')
  tools_stamp="$venv/.installed-package-tools"
  tools_wanted=$(printf '%s\n' "${tools[@]}" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$tools_stamp" 2>/dev/null)" != "$tools_wanted" ]; then
    echo "== installing the packaging tools into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${tools[@]}" \
      > "$work/pip-tools.log" 2>&1 || { cat "$work/pip-tools.log" >&2; exit 1; }
    echo "$tools_wanted" > "$tools_stamp"
  fi

  # 2. The wheel, built offline from a clean copy of the sources (an in-place build keeps a build/
  #    folder whose stale files a later wheel would carry).
  echo "== building the wheel"
  rm -rf "$work/source" "$work/wheel"
  mkdir -p "$work/source"
  cp -r pyproject.toml README.md kiosk resources "$work/source/"
  find "$work/source" -name __pycache__ -prune -exec rm -rf {} +
  "$venv/bin/python" -m pip wheel --quiet --disable-pip-version-check --no-deps \
      --no-build-isolation -w "$work/wheel" "$work/source" > "$work/wheel.log" 2>&1 \
    || { cat "$work/wheel.log" >&2; exit 1; }
  wheel=$(ls "$work"/wheel/verification_kiosk-*.whl)

  # 3. The wheel into the venv, not editable; its dependencies only when pyproject.toml changed.
  deps_stamp="$venv/.installed-package-deps"
  deps_wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
  echo "== installing the wheel into $venv"
  if [ "$(cat "$deps_stamp" 2>/dev/null)" != "$deps_wanted" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" \
      > "$work/pip-deps.log" 2>&1 || { cat "$work/pip-deps.log" >&2; exit 1; }
    echo "$deps_wanted" > "$deps_stamp"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
      --force-reinstall "$wheel" > "$work/pip-wheel.log" 2>&1 \
    || { cat "$work/pip-wheel.log" >&2; exit 1; }

  # 4. The bundle. PyInstaller runs from the work folder, so the checkout's kiosk/ is not on its
  #    path (the spec also refuses a kiosk that is not the installed wheel's).
  echo "== building the bundle with PyInstaller"
  rm -rf "$bundle"
  (cd "$work" && "$root/$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath "$root/$dist" --workpath "$root/$work/pyinstaller" \
      "$root/packaging/kiosk.spec") > "$work/pyinstaller.log" 2>&1 \
    || { cat "$work/pyinstaller.log" >&2; exit 1; }
  # Smoke check: the bundle starts and answers without a display.
  QT_QPA_PLATFORM=offscreen "$bundle/kiosk" --version
  echo "bundle: $bundle/kiosk ($(du -sh "$bundle" | cut -f1))"
}

if $build_bundle; then
  rm -f "$stamp" "$deb"  # never a new bundle beside an old package
  build_the_bundle
  echo "$wanted" > "$stamp"
fi

# 5. The Debian package.
if ! $bundle_only; then
  echo "== building the Debian package"
  "$PYTHON" packaging/debian/build_deb.py --bundle "$bundle" --version "$version" \
      --output "$deb" --work "$work/deb"
  echo "package: $deb ($(du -h "$deb" | cut -f1))"
fi
