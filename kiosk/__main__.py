"""``python -m kiosk`` runs the command-line entry point."""

from kiosk.cli import main

raise SystemExit(main())
