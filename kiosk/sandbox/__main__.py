"""``python -m kiosk.sandbox``: run the sandbox server standalone."""

from kiosk.sandbox.cli import main

raise SystemExit(main())
