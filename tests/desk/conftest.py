"""The desk's fixtures (tests/desk/desk_harness.py): ``kiosk_home``, ``desk_sandbox`` and
``make_desk``, for any desk test."""

from tests.desk.desk_harness import desk_sandbox, kiosk_home, make_desk

__all__ = ["desk_sandbox", "kiosk_home", "make_desk"]
