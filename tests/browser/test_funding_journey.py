"""The umbrella APBDes scheme and the regency's funding picture, in a browser, on a 360 px phone:

1. the kabupaten admin enters two villages' APBDes lines (one with Dana Desa first: refused with the reason);
2. sees how many of Kapuas's villages have not budgeted yet;
3. opens the funding picture and finds the regency's total of people planned.

Screenshots go to artifacts/screenshots/funding-*.png.
"""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from tests.accounts.builders import PASSWORD, make_user
from tests.programmes.builders import make_programme
from tests.programmes.umbrella_builders import make_umbrella

from .conftest import sign_in

pytestmark = [pytest.mark.browser]


def test_the_admin_budgets_villages_and_sees_the_picture(seeded, new_page, shoot):
    umbrella = make_umbrella(code="kps-payung")
    make_programme(code="kps-apbd", quota_per_village=None, total_quota=10_000)
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin.kapuas")
    page = new_page(360, 780)
    sign_in(page, "admin.kapuas", PASSWORD)

    page.goto(f"/program/{umbrella.pk}/payung/")
    field = page.get_by_label("Anggaran APBDes per desa")
    field.fill("62.03.17.2002; 20.160.000; 3/2025; 2025-12-20; dana desa; 100")
    page.get_by_role("button", name="Simpan anggaran desa").click()
    page.get_by_text("4/PRI.00/I/2024").first.wait_for()
    shoot(page, "funding-dana-desa-refused")

    page.get_by_label("Anggaran APBDes per desa").fill(
        "62.03.17.2002; 20.160.000; 3/2025; 2025-12-20; add; 100\n62.03.17.2003; 20.160.000; 4/2025; 2025-12-21; pades; 100"
    )
    page.get_by_role("button", name="Simpan anggaran desa").click()
    page.get_by_text("2 dari 214 desa sudah menganggarkan").wait_for()
    page.get_by_text("Belum menganggarkan (212 desa)").wait_for()
    shoot(page, "funding-umbrella")

    page.goto("/pendanaan/?wilayah=62.03&tahun=2026")
    page.get_by_text("Direncanakan 10.200 orang").wait_for()
    shoot(page, "funding-picture")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide on a 360 px phone"
    assert page.errors == []
