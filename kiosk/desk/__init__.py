"""The operator desk (``kiosk desk``): a normal desktop window in which an employee starts
verifications for the customers in front of them, follows several at once and records the full
result (issue 13).

Qt-free logic lives in :mod:`kiosk.core` (result summary, hand-off, journal); this package holds
the desk's widgets and its start-up.
"""
