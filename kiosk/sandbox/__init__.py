"""The embedded Verification Link server: the same contract as the vendor's cloud, on this machine.

It backs the kiosk when no credentials are configured, powers demos and showrooms, and lets
integrators test against a faithful local server. Import :class:`SandboxServer` from
``kiosk.sandbox.server`` to run it in a thread, or run ``python -m kiosk.sandbox``.
"""

DEFAULT_PORT = 8765
"""The sandbox's usual port (the kiosk takes a free one if it is busy)."""
