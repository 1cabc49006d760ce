"""Benchmarks that print figures (`python -m bench.load`, `python -m bench.stats`) and the
synthetic data they run on (`python -m bench.seed`). Never run as timed tests."""
