"""Offline proposals and corrections: a village operator proposes two people with no signal, into a
programme whose last place is taken on the server meanwhile.

1. The operator signs in; the offline page (with the operator's people and the open programmes) is kept.
2. Offline: registers Ahmad and proposes him; corrects Siti's address (already registered) and proposes her.
   The counter says "4 perubahan menunggu dikirim".
3. Meanwhile someone else proposes a third person on the server: one place of two is left.
4. Online: Ahmad's registration is sent, then his proposal (the last place); Siti's correction is sent; her
   proposal is a conflict explained as "Kuota penuh", and stays on the phone to send again or delete.
Screenshots go to artifacts/screenshots/offline-proposals-*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment
from lindung.enrolment.services import enrolment_propose
from lindung.people.models import Worker
from tests.accounts.builders import PASSWORD, make_user
from tests.people.builders import PULAU_MAMBULAU, make_nik, make_worker
from tests.programmes.builders import current_programme

from .conftest import sign_in

pytestmark = [pytest.mark.browser]
BIRTH = dt.date(1985, 8, 17)
KEPT = "async () => !!(await caches.match('/luring/', {ignoreVary: true}))"


def test_two_proposals_offline_one_sent_one_conflict_quota_full(seeded, new_page, shoot):
    programme = current_programme(quota_per_village=2, name="Program Nelayan Desa")
    siti = make_worker(nik=make_nik(birth=BIRTH, gender="P", serial=31), full_name="Siti Rahmah", gender_="P")
    user = make_user(Role.OPERATOR_DESA, PULAU_MAMBULAU, username="operator-usulan")
    page = new_page(360, 740)
    sign_in(page, user.username, PASSWORD)
    page.goto("/luring/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(KEPT)

    page.context.set_offline(True)
    page.reload()
    page.get_by_role("heading", name="Kerja luring").wait_for()

    # A person registered offline, proposed with the same form.
    ahmad_nik = make_nik(birth=BIRTH, serial=32)
    page.get_by_label("NIK").fill(ahmad_nik)
    page.get_by_label("Nama lengkap").fill("Ahmad Fauzi")
    page.get_by_label("Tanggal lahir").fill(BIRTH.isoformat())
    page.get_by_label("Jenis kelamin").select_option("L")
    page.get_by_label("Pekerjaan utama").fill("Nelayan")
    page.get_by_label("Kategori").select_option("nelayan")
    page.get_by_label("Usulkan ke program").select_option(programme.code)
    page.get_by_role("button", name="Simpan di perangkat").click()
    page.locator("#offline-outbox li[data-kind='enrolment.propose']", has_text="Ahmad Fauzi").wait_for()

    # A person already registered, kept on the page: corrected and proposed.
    page.get_by_label("Cari pekerja").fill("rahmah")
    page.locator("#offline-workers li", has_text="Siti Rahmah").get_by_role("button").click()
    assert page.get_by_label("NIK").input_value() == siti.nik
    assert page.get_by_label("NIK").get_attribute("readonly") is not None
    page.get_by_label("Alamat").fill("Jl. Pelabuhan 7")
    page.get_by_label("Usulkan ke program").select_option(programme.code)
    page.get_by_role("button", name="Simpan di perangkat").click()
    page.locator("#offline-outbox li[data-kind='enrolment.propose']", has_text="Siti Rahmah").wait_for()

    counter = page.locator("#outbox-counter")
    assert counter.inner_text() == "4 perubahan menunggu dikirim"
    shoot(page, "offline-proposals-1-waiting")
    assert not Enrolment.objects.filter(programme=programme).exists()

    # Meanwhile, on the server, someone proposes a third person: one place of two is left.
    other = make_worker(nik=make_nik(birth=BIRTH, serial=33), full_name="Yohanes Dami")
    enrolment_propose(actor=None, worker=other, programme=programme)

    page.context.set_offline(False)
    page.locator("#offline-summary").get_by_text("3 terkirim · 1 perlu diperbaiki").wait_for()
    shoot(page, "offline-proposals-2-sent")
    ahmad = Worker.objects.get(nik=ahmad_nik)
    assert set(Enrolment.objects.filter(programme=programme).values_list("worker_id", flat=True)) == {
        other.pk,
        ahmad.pk,
    }
    siti.refresh_from_db()
    assert siti.address == "Jl. Pelabuhan 7"
    conflict = page.locator("#offline-outbox li.conflict")
    assert conflict.count() == 1
    assert "Siti Rahmah" in conflict.inner_text()
    assert "Kuota penuh" in conflict.inner_text()
    assert page.locator("#offline-outbox li.sent[data-kind='enrolment.propose']").count() == 1
    assert counter.inner_text() == "1 perlu diperbaiki"
    # Nothing is lost: the refused proposal is still on the phone after a reload, to send again or delete.
    page.reload()
    kept = page.locator("#offline-outbox li.conflict", has_text="Siti Rahmah")
    kept.wait_for()
    assert kept.get_by_role("button", name="Kirim lagi").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert [e for e in page.errors if "409 (Conflict)" not in e] == []
