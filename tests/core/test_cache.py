"""The shared file cache counts its folder now and then, not on every write, and still stays near its size."""

from __future__ import annotations

from unittest import mock

from lindung.core.cache import SharedFileCache


def _cache(folder, **options):
    return SharedFileCache(str(folder), {"TIMEOUT": 60, "OPTIONS": options})


def test_the_folder_is_listed_once_every_so_many_writes(tmp_path):
    cache = _cache(tmp_path, MAX_ENTRIES=1000, CULL_CHECK_EVERY=50)
    with mock.patch.object(cache, "_list_cache_files", wraps=cache._list_cache_files) as listing:
        for i in range(120):
            cache.set(f"figures:{i}", {"active": i})
    assert listing.call_count == 2  # writes 50 and 100, where Django's own lists the folder 120 times
    assert cache.get("figures:7") == {"active": 7}


def test_a_full_folder_is_still_culled(tmp_path):
    cache = _cache(tmp_path, MAX_ENTRIES=30, CULL_CHECK_EVERY=10)
    for i in range(300):
        cache.set(f"figures:{i}", i)
    # A third of the entries goes at each count that finds 30 or more; at most 10 writes come in between.
    assert len(list(tmp_path.glob("*.djcache"))) < 30 + 10
