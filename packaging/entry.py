"""The bundle's entry point: the ``kiosk`` command, as ``python -m kiosk`` runs it.

PyInstaller freezes this script into the executable ``kiosk`` (``kiosk.exe`` on Windows); the
program itself is the installed ``kiosk`` package, analysed from the wheel the build installed.
"""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
