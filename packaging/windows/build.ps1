# Build the kiosk's Windows bundle and installer: what scripts/package.sh does on Linux.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: Python 3.11+ for Windows (x64) as `py -3` (or set $env:PYTHON), and NSIS 3 (makensis on
# PATH, or $env:MAKENSIS) for the installer. Output:
#   dist\verification-kiosk\kiosk.exe, kiosk-window.exe   the one-folder bundle
#   dist\verification-kiosk-<version>-setup.exe           the installer (installer.nsi)
# Not built or run on the project's Linux machines (no Windows there): written to mirror
# scripts/package.sh step by step; the spec and the installer script are shared or checked there.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$root = (Get-Location).Path
$python = if ($env:PYTHON) { $env:PYTHON } else { "py" }
$pythonArgs = if ($env:PYTHON) { @() } else { @("-3") }
$venv = Join-Path $root ".venv-package"
$work = Join-Path $root "build\package"
$dist = Join-Path $root "dist"

function Invoke-Checked([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') failed ($LASTEXITCODE)" }
}

# 1. The build venv and the `package` extra's tools (listed once, in pyproject.toml).
if (-not (Test-Path "$venv\Scripts\python.exe")) {
    Invoke-Checked $python ($pythonArgs + @("-m", "venv", $venv))
}
$vpy = "$venv\Scripts\python.exe"
$tools = & $vpy -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['package']))"
Invoke-Checked $vpy (@("-m", "pip", "install", "--quiet", "--upgrade", "pip") + $tools)
$version = & $vpy -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"

# 2. The wheel, offline, from a clean copy of the sources.
Remove-Item -Recurse -Force "$work\source", "$work\wheel" -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$work\source" | Out-Null
Copy-Item -Recurse pyproject.toml, README.md, kiosk, resources "$work\source"
Get-ChildItem -Recurse -Directory -Filter __pycache__ "$work\source" | Remove-Item -Recurse -Force
Invoke-Checked $vpy @("-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", "$work\wheel", "$work\source")
$wheel = (Get-ChildItem "$work\wheel\verification_kiosk-*.whl").FullName

# 3. The wheel into the venv, not editable (with its dependencies).
Invoke-Checked $vpy @("-m", "pip", "install", "--quiet", $wheel)
Invoke-Checked $vpy @("-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", $wheel)

# 4. The bundle, from the work folder (the checkout's kiosk\ must not shadow the wheel's).
Remove-Item -Recurse -Force "$dist\verification-kiosk" -ErrorAction SilentlyContinue
Push-Location $work
try {
    Invoke-Checked $vpy @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", $dist, "--workpath", "$work\pyinstaller", "$root\packaging\kiosk.spec")
} finally { Pop-Location }
$env:QT_QPA_PLATFORM = "offscreen"
Invoke-Checked "$dist\verification-kiosk\kiosk.exe" @("--version")
Remove-Item Env:\QT_QPA_PLATFORM

# 5. The installer.
$makensis = if ($env:MAKENSIS) { $env:MAKENSIS } else { "makensis" }
Invoke-Checked $makensis @("/V2", "/DVERSION=$version", "/DBUNDLE=$dist\verification-kiosk",
    "/DOUTFILE=$dist\verification-kiosk-$version-setup.exe", "$root\packaging\windows\installer.nsi")
Write-Host "installer: $dist\verification-kiosk-$version-setup.exe"
