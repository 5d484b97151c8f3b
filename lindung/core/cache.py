"""The cache backend: Django's file cache in the data folder, shared by every process that serves it."""

from __future__ import annotations

import itertools

from django.core.cache.backends.filebased import FileBasedCache


class SharedFileCache(FileBasedCache):
    """Django's file cache, counting its folder on one write in ``CULL_CHECK_EVERY`` instead of on every write.

    Django lists the whole folder on each write to see whether it is full: 2 ms with 300 entries and over
    10 ms with 3,000, paid by every monev page that caches its figures. Between two counts a process adds at
    most ``CULL_CHECK_EVERY`` entries beyond ``MAX_ENTRIES``.
    """

    def __init__(self, dir, params):  # noqa: A002 - Django's own parameter name
        super().__init__(dir, params)
        self._check_every = int(params.get("OPTIONS", {}).get("CULL_CHECK_EVERY", 50))
        self._writes = itertools.count(1)

    def _cull(self):
        if next(self._writes) % self._check_every == 0:
            super()._cull()
