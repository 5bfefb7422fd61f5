"""A national-size synthetic population for benchmarks, generated set-based inside PostgreSQL.

See docs/performance.md. Nothing here is real: names come from iom/demo/names.py.
"""
