"""The files the kiosk ships besides its code: icons, fonts, stylesheets, the flow page.

This folder is installed as the package ``kiosk_resources`` (see ``pyproject.toml``), so a
checkout, an installed wheel and the bundle all find it the same way: through
:mod:`kiosk.resources`, next to this file. Nothing here is code.
"""
