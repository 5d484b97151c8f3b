"""The pages in a real browser: the live NIK check, the verification queue, and a 360-px phone."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import PASSWORD, make_user
from tests.enrolment.builders import make_enrolment, new_worker
from tests.people.builders import make_nik
from tests.programmes.builders import current_programme

from .conftest import sign_in

pytestmark = [pytest.mark.browser]


def test_operator_registers_with_the_live_nik_check_and_the_verifier_approves(seeded, new_page, shoot):
    programme = current_programme()
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="operator")
    make_user(Role.VERIFIKATOR, "62.03", username="verifikator")
    waiting = [make_enrolment(programme=programme) for _ in range(2)]

    page = new_page()
    sign_in(page, "operator", PASSWORD)
    page.get_by_role("link", name="Daftarkan pekerja").first.click()
    nik = make_nik(birth=dt.date(1990, 8, 17), gender="P", serial=321)
    page.get_by_label("NIK").press_sequentially(nik, delay=20)
    check = page.locator("#nik-check")
    check.get_by_text("17 Agustus 1990").wait_for()
    assert "Perempuan" in check.inner_text() and "Bataguh" in check.inner_text()
    shoot(page, "web-01-nik-check")
    page.get_by_label("Nama lengkap").fill("Siti Rahmah")
    page.get_by_label("Pekerjaan utama").fill("Penyadap karet")
    page.get_by_label("Kategori").select_option("buruh_harian")
    page.get_by_label("Usulkan ke program").select_option(str(programme.pk))
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("heading", name="Siti Rahmah").wait_for()
    assert "diusulkan ke" in page.locator(".messages").inner_text()
    shoot(page, "web-02-registered")

    # Searching by NIK updates the results in place, and the NIK never reaches the address bar.
    page.get_by_role("navigation").get_by_role("link", name="Pekerja").click()
    page.get_by_label("Cari NIK, KPJ atau nama").press_sequentially(nik, delay=10)
    page.locator("#worker-results").get_by_text("1 pekerja").wait_for()
    assert page.locator("#worker-results").get_by_role("link", name="Siti Rahmah").is_visible()
    assert nik not in page.url
    assert page.errors == []

    verifier = new_page()
    sign_in(verifier, "verifikator", PASSWORD)
    verifier.get_by_role("navigation").get_by_role("link", name="Verifikasi").click()
    verifier.get_by_label("Pilih semua di halaman ini").check()
    shoot(verifier, "web-03-queue")
    verifier.get_by_role("button", name="Setujui yang dipilih").click()
    verifier.get_by_text("3 orang disetujui.").wait_for()
    assert verifier.errors == []
    statuses = set(Enrolment.objects.filter(programme=programme).values_list("status", flat=True))
    assert statuses == {Status.VERIFIED} and len(waiting) == 2


PHONE_PAGES = {
    Role.OPERATOR_DESA: [
        "/",
        "/pekerja/",
        "/pekerja/{worker}/",
        "/pekerja/baru/",
        "/program/{programme}/",
        "/unggah/",
    ],
    Role.VERIFIKATOR: ["/", "/kepesertaan/verifikasi/", "/program/"],
    Role.ADMIN_PROGRAM: ["/", "/program/{programme}/", "/program/baru/", "/unggah/bpjs/", "/monev/"],
    Role.AUDITOR: ["/", "/audit/"],
}


def test_main_pages_fit_a_360_px_phone(seeded, new_page, shoot):
    programme = current_programme()
    enrolment = make_enrolment(
        programme=programme, worker=new_worker(full_name="Hj. Siti Aminah binti Abdullah")
    )
    regions_of = {Role.OPERATOR_DESA: "62.03.17.2002"}
    for role, paths in PHONE_PAGES.items():
        username = f"hp-{role}"
        make_user(role, regions_of.get(role, "62.03"), username=username)
        page = new_page(360, 740)
        sign_in(page, username, PASSWORD)
        for path in paths:
            url = path.format(worker=enrolment.worker_id, programme=programme.pk)
            page.goto(url)
            # Wide tables scroll inside their own box; the page itself never scrolls sideways.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{role} {url} is {overflow}px wider than the screen"
            name = url.strip("/").replace("/", "-") or "beranda"
            shoot(page, f"phone-{role}-{name}")
        assert page.errors == [], f"{role}: {page.errors}"
