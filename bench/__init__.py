"""Benchmarks of the kiosk: ``python -m bench`` prints the table (see docs/PERFORMANCE.md)."""
