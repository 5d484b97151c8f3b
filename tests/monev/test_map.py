"""The coverage map: loading outlines keyed by Kemendagri code, and the SVG drawn on the monev page."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.monev.charts import heat_class
from lindung.monev.models import RegionBoundary
from lindung.monev.selectors import monev_figures
from lindung.monev.selectors.map import coverage_map
from lindung.monev.services.boundaries import BoundariesRefused, boundaries_load
from tests.accounts.builders import make_user

from .builders import BATAGUH, KAPUAS, PERIOD

pytestmark = pytest.mark.django_db
BOUNDARIES = Path(__file__).parent / "data" / "boundaries.geojson"
CODES = ["61", "62", "62.03", "62.03.17", "62.03.17.2002"]


def geojson() -> dict:
    return json.loads(BOUNDARIES.read_text())


def load(**kw) -> None:
    call_command("monev", "load-boundaries", str(BOUNDARIES), stdout=StringIO(), **kw)


def test_load_boundaries_command_loads_every_feature_and_audits_once():
    out = StringIO()
    call_command("monev", "load-boundaries", str(BOUNDARIES), stdout=out)
    assert "5 batas wilayah dimuat" in out.getvalue()
    assert sorted(RegionBoundary.objects.values_list("region_id", flat=True)) == CODES
    kapuas = RegionBoundary.objects.get(region_id=KAPUAS)
    assert (kapuas.min_lon, kapuas.max_lat) == (113.9, -0.9)
    assert len(kapuas.polygons[0]) == 2  # the outline and its hole
    event = AuditEvent.objects.get(action=AuditAction.REGIONS_LOAD, object_type="region_boundary")
    assert event.detail["codes"] == CODES


def test_loading_again_replaces_the_outline_of_the_same_code():
    load()
    data = geojson()
    data["features"] = [f for f in data["features"] if f["properties"]["kode"] == "62.03.17"]
    data["features"][0]["geometry"]["coordinates"][0][0] = [114.1, -3.3]
    data["features"][0]["geometry"]["coordinates"][0][-1] = [114.1, -3.3]
    boundaries_load(actor=None, data=data, source="koreksi.geojson")
    assert RegionBoundary.objects.count() == 5
    bataguh = RegionBoundary.objects.get(region_id=BATAGUH)
    assert bataguh.min_lon == 114.1 and bataguh.source == "koreksi.geojson"


def test_an_unknown_code_stops_the_whole_load_and_is_named():
    data = geojson()
    data["features"][3]["properties"]["kode"] = "62.99"
    with pytest.raises(BoundariesRefused) as refused:
        boundaries_load(actor=None, data=data, source="x")
    assert refused.value.problems == ["Kode 62.99: tidak ada di data wilayah Kemendagri."]
    assert not RegionBoundary.objects.exists()


def test_a_feature_without_code_or_polygon_is_named_by_its_number():
    data = geojson()
    data["features"][0]["properties"] = {"nama": "tanpa kode"}
    data["features"][1]["geometry"] = {"type": "Point", "coordinates": [110.0, 0.0]}
    with pytest.raises(BoundariesRefused) as refused:
        boundaries_load(actor=None, data=data, source="x")
    assert refused.value.problems[0].startswith("Fitur 1: tidak ada kode Kemendagri")
    assert refused.value.problems[1] == "Fitur 2 (61): geometri bukan Polygon/MultiPolygon yang sah."


def test_the_code_property_can_be_named():
    data = geojson()
    for feature in data["features"]:
        feature["properties"] = {"KDPPUM": feature["properties"]["kode"]}
    boundaries_load(actor=None, data=data, source="x", key="KDPPUM")
    assert RegionBoundary.objects.count() == 5


def test_command_refuses_a_file_that_is_not_geojson(tmp_path):
    bad = tmp_path / "bukan.geojson"
    bad.write_text("{ bukan json")
    with pytest.raises(CommandError, match="tidak dapat dibaca sebagai GeoJSON"):
        call_command("monev", "load-boundaries", str(bad))
    bad.write_text('{"type": "Feature"}')
    with pytest.raises(CommandError, match="Tidak ada yang dimuat"):
        call_command("monev", "load-boundaries", str(bad))


def test_only_monev_managers_load_boundaries_and_only_in_their_scope():
    with pytest.raises(AccessRefused):
        boundaries_load(actor=make_user(Role.VERIFIKATOR, KAPUAS), data=geojson(), source="x")
    with pytest.raises(BoundariesRefused) as refused:
        boundaries_load(actor=make_user(Role.ADMIN_PROGRAM, KAPUAS), data=geojson(), source="x")
    assert "Kode 61: di luar wilayah akun Anda." in refused.value.problems
    assert not RegionBoundary.objects.exists()


def test_map_draws_each_child_with_its_coverage_colour(dataset):
    load()
    figures = monev_figures("", PERIOD)
    drawn = coverage_map(figures)
    assert drawn is not None
    by_code = {a.code: a for a in drawn.areas}
    assert set(by_code) == {"61", "62"}
    assert by_code["61"].path.count("M") == 2  # two islands
    for child in figures.children:  # the same share, and so the same colour, as the heat table's cell
        assert by_code[child.code].percent == child.counts.coverage_percent
        assert by_code[child.code].heat == heat_class(child.counts.coverage_percent)
    assert drawn.width <= 320 and drawn.height <= 420
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d", "".join(a.path for a in drawn.areas))]
    assert min(numbers) >= 0 and max(numbers) <= 420.1


def test_no_outline_no_map(dataset):
    assert coverage_map(monev_figures(KAPUAS, PERIOD)) is None


def test_dashboard_draws_the_map_above_the_heat_table(dataset):
    load()
    client = Client()
    client.force_login(make_user(Role.VERIFIKATOR, KAPUAS))
    html = client.get("/monev/", {"wilayah": KAPUAS, "periode": "2026-03"}).content.decode()
    assert 'data-region="62.03.17"' in html
    assert html.index('class="monev-map"') < html.index("heat-table")
    assert "<style" not in html[html.index('class="monev-map"') : html.index("heat-table")]


def test_dashboard_without_outlines_keeps_only_the_heat_table(dataset):
    client = Client()
    client.force_login(make_user(Role.VERIFIKATOR, KAPUAS))
    html = client.get("/monev/", {"wilayah": KAPUAS, "periode": "2026-03"}).content.decode()
    assert "heat-table" in html and 'class="monev-map"' not in html
