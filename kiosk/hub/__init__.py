"""The hub: a server a bank runs between its kiosks and the vendor (``kiosk hub``).

Kiosks talk to it exactly as to the vendor (create a session, read its status), each with its
own kiosk id and device secret; the hub holds the one real APP-ID/APP-KEY, creates sessions
upstream, receives the vendor's callbacks, polls upstream once per live session, pushes status
changes to kiosks as Server-Sent Events and keeps one journal for the fleet. See docs/HUB.md.

Modules: ``store`` (the storage interface and row types), ``store_sqlite`` / ``store_pg`` (its
two implementations), ``database`` (opening one from a ``--database`` URL), ``credentials``
(device secrets), ``upstream`` / ``tracker`` (the vendor side), ``app`` / ``routes`` /
``events`` (the HTTP side), ``server`` and ``cli``.
"""
