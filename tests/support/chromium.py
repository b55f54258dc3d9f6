"""Chromium for the browser test and the flow page's screenshots (``scripts/flow_screenshots.py``):
where it is, and the flags that let it run here.

One list, so the test and the screenshots run the same browser the same way.
"""

from __future__ import annotations

import shutil

FLAGS = (
    # No sandboxing kernel (containers, CI), no GPU, and no outside network.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Flags that work on a machine without a sandboxing kernel, a GPU or outside network."""


def find_chromium() -> str | None:
    """The Chromium executable (Debian's ``chromium``, else ``chromium-browser``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
