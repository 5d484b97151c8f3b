"""Lindung: social security for vulnerable village workers, paid by their regions."""

import os

# Polars allocates with jemalloc, which by default keeps freed memory for ten seconds before returning it.
# A million-line statement frees and allocates several hundred megabytes within that time, so the process
# would hold both; returning pages at once keeps its peak to what it uses (billing bench: about 140 MB
# less, no slower). Set before anything imports Polars: every entry point (CLI, WSGI, worker) imports
# this package first. An operator's own setting wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
