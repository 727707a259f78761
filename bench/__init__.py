"""Benchmarks: a synthetic corpus generator and side-by-side measurements (`python -m bench.run`)."""
