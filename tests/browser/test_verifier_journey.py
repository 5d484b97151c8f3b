"""The verifier's journey in a browser, on a 360 px phone (issue 17):

1. import a DTSEN extract (one row of another regency is refused, named on the edition page);
2. filter the verification queue by decile, and sort it by decile;
3. merge one probable duplicate pair, keeping the first record;
4. mark another pair as two different people: it does not come back.

Screenshots go to artifacts/screenshots/registry-*.png and dedup-*.png.
"""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.dedup.models import DuplicatePair, PairStatus
from lindung.people.models import Worker
from lindung.registry.models import RegistryEdition
from tests.accounts.builders import PASSWORD, make_user
from tests.dedup.builders import make_pair
from tests.enrolment.builders import make_enrolment
from tests.people.builders import make_worker
from tests.programmes.builders import current_programme
from tests.registry.builders import entry, extract_xlsx

from .conftest import sign_in

pytestmark = [pytest.mark.browser]


def test_the_verifier_imports_an_extract_filters_by_decile_merges_one_pair_and_keeps_another_apart(
    seeded, new_page, shoot, tmp_path
):
    programme = current_programme()
    make_enrolment(programme=programme, worker=make_worker(serial=1, full_name="Ani Rendah"))
    make_enrolment(programme=programme, worker=make_worker(serial=2, full_name="Budi Tinggi"))
    merged = make_pair()
    distinct = make_pair(first="Dewi Lestari", second="Dewi Lestary", serial=50)
    make_user(Role.VERIFIKATOR, "62.03", username="verifikator.kapuas")
    extract = tmp_path / "dtsen-kapuas.xlsx"
    extract.write_bytes(
        extract_xlsx([entry(1, decile=2), entry(2, decile=7), entry(3, village="61.07.04.2003")])
    )

    page = new_page(360, 800)
    sign_in(page, "verifikator.kapuas", PASSWORD)
    page.goto("/unggah/registri/")
    page.get_by_label("Jenis registri").select_option("dtsen")
    page.get_by_label("Tanggal edisi").fill("2026-03-01")
    page.get_by_label("Berkas (XLSX atau CSV)").set_input_files(str(extract))
    shoot(page, "registry-01-upload")
    page.get_by_role("button", name="Impor ekstrak").click()
    edition = RegistryEdition.objects.get()
    page.wait_for_url(f"**/registri/{edition.pk}/")
    shoot(page, "registry-02-edition")
    assert (edition.rows_imported, edition.rows_rejected) == (2, 1)
    assert "di luar wilayah edisi" in page.content()

    page.goto("/kepesertaan/verifikasi/")
    page.get_by_label("Desil paling tinggi").fill("4")
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url("**max_decile=4**")
    shoot(page, "registry-03-queue-decile")
    table = page.locator("table").first
    assert "Ani Rendah" in table.inner_text() and "Budi Tinggi" not in table.inner_text()

    page.get_by_label("Desil paling tinggi").fill("")
    page.get_by_label("Urutkan").select_option("-decile")
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url("**sort=-decile**")
    names = page.locator("tbody tr td a").all_inner_texts()
    assert names.index("Budi Tinggi") < names.index("Ani Rendah")
    assert page.errors == []

    page.goto("/duplikat/")
    shoot(page, "dedup-01-queue")
    section = page.locator(f"#pasangan-{merged.pk}")
    section.get_by_label("Data A").check()
    section.get_by_role("button", name="Gabungkan").click()
    page.wait_for_url("**/duplikat/")
    shoot(page, "dedup-02-merged")
    assert not Worker.objects.filter(pk=merged.worker_b_id).exists()

    page.locator(f"#pasangan-{distinct.pk}").get_by_role("button", name="Orang berbeda").click()
    page.wait_for_url("**/duplikat/")
    shoot(page, "dedup-03-distinct")
    assert DuplicatePair.objects.get(pk=distinct.pk).status == PairStatus.DISTINCT
    assert "Tidak ada pasangan yang menunggu keputusan" in page.content()
    assert page.errors == []
