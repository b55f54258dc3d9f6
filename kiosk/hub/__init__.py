"""The hub: a server a bank runs between its kiosks and the vendor (``kiosk hub``).

Kiosks talk to it exactly as to the vendor (create a session, read its status), each with its
own kiosk id and device secret; the hub holds the one real APP-ID/APP-KEY, creates sessions
upstream, receives the vendor's callbacks, polls upstream once per live session, pushes status
changes to kiosks as Server-Sent Events and keeps one journal for the fleet. See docs/HUB.md.

Modules: ``store`` (the storage interface and row types), ``store_sqlite`` / ``store_pg`` (its
two implementations), ``database`` (opening one from a ``--database`` URL), ``credentials`` and
``kiosks`` (device secrets, enrolment, policy), ``upstream`` and ``tracker`` (the vendor side:
one poller per live session, the journal), ``gate``, ``routes``, ``events`` and ``ratelimit``
(the kiosk side), ``metrics``
(Prometheus ``/metrics``), ``app``, ``server``, ``logs`` and ``cli``.
"""
