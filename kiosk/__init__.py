"""Verification kiosk: face verification through the Verification Link API."""

__version__ = "0.1.0"
