"""Benchmarks that print figures: `python -m bench.load`. Never run as timed tests."""
