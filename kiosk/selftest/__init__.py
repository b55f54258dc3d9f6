"""``kiosk self-test``: checks a technician runs on a kiosk, one line each with the fix.

:mod:`~kiosk.selftest.command` runs them; the checks themselves import no Qt
(:mod:`~kiosk.selftest.local`, :mod:`~kiosk.selftest.secrets_check`,
:mod:`~kiosk.selftest.network`, :mod:`~kiosk.selftest.sandbox_check`) except the display's,
which runs Qt in a child process (:mod:`~kiosk.selftest.display`).
"""
