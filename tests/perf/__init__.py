"""The performance benchmark: synthetic libraries and the real window, measured.

Run it with ``python -m tests.perf.bench`` (see the README's Performance section). It is
not part of the normal test run; ``test_bench_smoke.py`` only checks that it still runs.
"""
