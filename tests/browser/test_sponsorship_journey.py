"""A civil servant sponsors three named workers, in a browser (issue 15, item 6):

1. the programme admin registers an ASN sponsor (NIP, OPD) and assigns three workers for six months that
   end within 60 days, and sees the end warning naming them;
2. the sponsor signs in and sees only those three, NIK masked, and not a fourth worker of the same village.

Screenshots go to artifacts/screenshots/sponsorship-*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lindung.accounts.models import Role, Sponsor
from tests.accounts.builders import PASSWORD, make_user
from tests.sponsorship.builders import ensure_notice_rule, kapuas_worker

from .conftest import sign_in

pytestmark = [pytest.mark.browser]


def test_admin_assigns_three_workers_and_only_they_show_to_the_sponsor(seeded, new_page, shoot):
    ensure_notice_rule()
    today = timezone.localdate()
    start = today - dt.timedelta(days=130)
    end = start + dt.timedelta(days=181)  # six months, ending 51 days from today
    names = ["Ani Lestari", "Bambang Riyadi", "Citra Dewi"]
    workers = [kapuas_worker(name) for name in names]
    fourth = kapuas_worker("Dedi Kurniawan")
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin.kapuas")

    # 1. The admin registers the sponsor and assigns the three workers.
    admin = new_page()
    sign_in(admin, "admin.kapuas", PASSWORD)
    admin.goto("/sponsor/")
    admin.get_by_role("link", name="Daftarkan sponsor").click()
    admin.get_by_label("Jenis sponsor").select_option("asn")
    admin.get_by_label("Nama sponsor").fill("Rina Wati, S.Sos")
    admin.get_by_label("NIP (khusus ASN, 18 digit)").fill("198501012010012001")
    admin.get_by_label("Jabatan").fill("Analis Kebijakan")
    admin.get_by_label("OPD / instansi / perusahaan").fill("Dinas Sosial Kabupaten Kapuas")
    shoot(admin, "sponsorship-01-register")
    admin.get_by_role("button", name="Simpan sponsor").click()
    admin.get_by_text("Sponsor Rina Wati, S.Sos terdaftar.").wait_for()
    sponsor = Sponsor.objects.get(name="Rina Wati, S.Sos")
    admin.get_by_label("NIK pekerja (satu per baris)").fill("\n".join(w.nik for w in workers))
    admin.get_by_label("Mulai", exact=True).fill(start.isoformat())
    admin.get_by_label("Berakhir", exact=True).fill(end.isoformat())
    admin.get_by_role("button", name="Tetapkan", exact=True).click()
    admin.get_by_text("3 pekerja ditetapkan untuk sponsor ini.").wait_for()
    warning = admin.locator("#sponsor-ending")
    warning.get_by_text("Rina Wati, S.Sos berakhir").wait_for()
    for name in names:
        assert name in warning.inner_text()
    assert "51 hari lagi" in warning.inner_text()
    shoot(admin, "sponsorship-02-assigned-with-warning")
    admin.goto("/sponsor/")
    assert "Bambang Riyadi" in admin.locator("#sponsor-ending").inner_text()
    assert admin.errors == []

    # 2. The sponsor signs in (on a phone) and sees only its three people.
    make_user(Role.SPONSOR, "62.03", username="rina.asn", sponsor=sponsor)
    own = new_page(360, 780)
    sign_in(own, "rina.asn", PASSWORD)
    own.goto("/sponsor/")
    own.wait_for_url(f"**/sponsor/{sponsor.pk}/")
    table = own.locator("#sponsored-people")
    rows = table.locator("tbody tr")
    assert rows.count() == 3
    text = table.inner_text()
    for name, worker in zip(names, workers, strict=True):
        assert name in text and worker.nik not in text
    assert fourth.full_name not in own.content()
    own.goto("/monev/")
    own.wait_for_url(f"**/sponsor/{sponsor.pk}/monev/")
    assert own.locator("#monev-people tbody tr").count() == 3
    shoot(own, "sponsorship-03-sponsor-sees-its-three")
    assert own.errors == []
