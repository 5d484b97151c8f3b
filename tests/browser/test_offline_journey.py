"""A village operator registers people with no signal, and the work is sent when the signal returns.

1. The operator signs in; the service worker keeps the offline page on the phone.
2. The phone goes offline; the page still opens (from the service worker's copy).
3. The operator registers three people; the counter says "3 perubahan menunggu dikirim".
4. Meanwhile someone else registers one of those NIKs on the server.
5. The phone comes back online: two are sent through the API's checks, one is a conflict whose reason is
   shown, and it stays on the phone to be fixed or deleted.
Screenshots go to artifacts/screenshots/offline-*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.models import Role
from lindung.people.models import Worker
from tests.accounts.builders import PASSWORD, make_user
from tests.people.builders import PULAU_MAMBULAU, make_nik, make_worker

from .conftest import sign_in

pytestmark = [pytest.mark.browser]
BIRTH = dt.date(1985, 8, 17)
PEOPLE = [("Ahmad Fauzi", 21), ("Siti Rahmah", 22), ("Yohanes Dami", 23)]
KEPT = "async () => !!(await caches.match('/luring/', {ignoreVary: true}))"


def _register(page, name: str, nik: str) -> None:
    page.get_by_label("NIK").fill(nik)
    page.get_by_label("Nama lengkap").fill(name)
    page.get_by_label("Tanggal lahir").fill(BIRTH.isoformat())
    page.get_by_label("Jenis kelamin").select_option("L")
    page.get_by_label("Pekerjaan utama").fill("Nelayan")
    page.get_by_label("Kategori").select_option("nelayan")
    page.get_by_role("button", name="Simpan di perangkat").click()
    page.locator("#offline-outbox li", has_text=name).wait_for()


def test_three_people_registered_offline_two_sent_one_conflict_explained(seeded, new_page, shoot):
    user = make_user(Role.OPERATOR_DESA, PULAU_MAMBULAU, username="operator-luring")
    page = new_page(360, 740)
    sign_in(page, user.username, PASSWORD)
    page.goto("/luring/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(KEPT)

    page.context.set_offline(True)
    page.reload()
    page.get_by_role("heading", name="Kerja luring").wait_for()
    assert "Tidak ada sambungan" in page.locator("#offline-connection").inner_text()

    niks = [make_nik(birth=BIRTH, serial=serial) for _, serial in PEOPLE]
    for (name, _), nik in zip(PEOPLE, niks, strict=True):
        _register(page, name, nik)
    counter = page.locator("#outbox-counter")
    assert counter.inner_text() == "3 perubahan menunggu dikirim"
    shoot(page, "offline-1-waiting")
    assert not Worker.objects.filter(nik__in=niks).exists()

    make_worker(nik=niks[1], full_name="Siti Rahmah")  # someone else, on the server, meanwhile

    page.context.set_offline(False)
    summary = page.locator("#offline-summary")
    summary.get_by_text("2 terkirim · 1 perlu diperbaiki").wait_for()
    shoot(page, "offline-2-sent")
    assert set(Worker.objects.filter(nik__in=[niks[0], niks[2]]).values_list("full_name", flat=True)) == {
        "Ahmad Fauzi",
        "Yohanes Dami",
    }
    conflict = page.locator("#offline-outbox li.conflict")
    assert conflict.count() == 1
    assert "Siti Rahmah" in conflict.inner_text()
    assert "NIK ini sudah terdaftar di wilayah Anda" in conflict.inner_text()
    assert page.locator("#offline-outbox li.sent").count() == 2
    assert counter.inner_text() == "1 perlu diperbaiki"
    # Nothing is lost: the refused record is still on the phone after a reload, ready to fix or delete.
    page.reload()
    page.locator("#offline-outbox li.conflict", has_text="Siti Rahmah").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The browser logs the API's 409 answer as a failed resource; that answer is the conflict shown above.
    assert [e for e in page.errors if "409 (Conflict)" not in e] == []
