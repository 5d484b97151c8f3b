from __future__ import annotations

import pytest

from lindung.regions.codes import subtree_q
from lindung.regions.models import Region
from lindung.regions.services import RegionRow, lokal_regions, regions_load

pytestmark = pytest.mark.django_db


def test_full_kemendagri_tree_is_loaded():
    counts = {lvl: Region.objects.filter(level=lvl).count() for lvl in (1, 2, 3, 4)}
    assert counts[1] == 38
    assert counts[2] == 514
    assert counts[4] > 83_000


def test_second_load_changes_nothing_and_says_so():
    report = regions_load()
    assert not report.changed
    assert report.inserted == report.renamed == report.restored == 0
    assert report.retired == []
    assert report.unchanged == report.total


def test_newer_edition_renames_adds_and_reports_missing_codes_without_deleting():
    rows = [r for r in lokal_regions() if r.code != "62.03.17.2003"]
    rows = [
        RegionRow(r.code, "Pulau Mambulau Baru", r.level, r.type, r.postal_code)
        if r.code == "62.03.17.2002"
        else r
        for r in rows
    ]
    rows.append(RegionRow("62.03.17.2099", "Desa Pemekaran", 4, "desa", ""))

    report = regions_load(rows=rows, edition="uji 2027")

    assert report.inserted == 1
    assert report.renamed == 1
    assert report.retired == ["62.03.17.2003"]
    assert Region.objects.get(code="62.03.17.2002").name == "Pulau Mambulau Baru"
    retired = Region.objects.get(code="62.03.17.2003")
    assert retired.retired_at is not None  # kept, so references survive

    back = regions_load(edition="uji kembali")
    assert back.restored == 1
    assert back.retired == ["62.03.17.2099"]
    assert Region.objects.get(code="62.03.17.2003").retired_at is None


def test_prefix_range_finds_exactly_the_subtree():
    kapuas = Region.objects.filter(subtree_q("code", "62.03")).exclude(code="62.03")
    assert kapuas.count() == 17 + 214 + 17
    assert not kapuas.exclude(code__startswith="62.03.").exists()
    # A neighbouring code that shares the first characters is not inside.
    assert not Region.objects.filter(subtree_q("code", "62.0")).exists()
    assert (
        Region.objects.filter(subtree_q("code", "62.03.17")).filter(level=4).count()
        == Region.objects.filter(parent_code="62.03.17").count()
    )


def test_whole_country_scope_is_everything():
    assert Region.objects.filter(subtree_q("code", None)).count() == Region.objects.count()


def test_a_subtree_list_is_read_through_the_code_index_not_the_level_index():
    # The village filter of every list page asks for this; a scan of all 91,000 regions would slow each one.
    from django.db import connection

    query = (
        Region.objects.filter(subtree_q("code", "62.03"), level__in=(3, 4), retired_at__isnull=True)
        .exclude(code="62.03")
        .values_list("code", flat=True)
    )
    plan = query.explain()
    if connection.vendor == "sqlite":
        assert "autoindex_regions_region_1" in plan and "level" not in plan, plan
    else:
        assert "regions_region_pkey" in plan, plan
    assert len(query) == 17 + 214 + 17
