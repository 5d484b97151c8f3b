"""A monev meeting and its follow-up, in a browser (issue 18, "Done means"):

1. the kabupaten admin records a meeting for March;
2. adopts 3 of the proposed recommendations and assigns them (one to a village);
3. the village operator sees it on the home page;
4. the figures change;
5. the April meeting's report shows the March recommendations with their progress.

Screenshots of every step go to artifacts/screenshots/meetings-*.png.
"""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.meetings.models import Meeting, Recommendation
from tests.accounts.builders import PASSWORD, make_user
from tests.meetings.builders import APRIL, KAPUAS, NEIGHBOUR, build, fill_neighbour, march_world

from .conftest import sign_in

pytestmark = [pytest.mark.browser]


def _record(page, *, held_on: str, period: str) -> Meeting:
    page.goto("/rapat/baru/")
    page.get_by_label("Kode wilayah (provinsi atau kabupaten/kota)").fill(KAPUAS)
    page.get_by_label("Tanggal rapat").fill(held_on)
    page.get_by_label("Tempat").fill("Aula DPMD Kuala Kapuas")
    page.get_by_label("Periode angka yang dibahas (TTTT-BB)").fill(period)
    page.get_by_label("DPMD", exact=True).check()
    page.get_by_label("Nama wakil DPMD").fill("Ir. Budi Santoso")
    page.get_by_label("BPJS Ketenagakerjaan cabang", exact=True).check()
    page.locator("#m-camat").fill("62.03.17; Camat Bataguh")
    page.locator("#m-kades").fill(f"{NEIGHBOUR}; Yohanes")
    page.get_by_label("Nama pimpinan rapat").fill("Drs. H. Sukarno")
    page.get_by_role("button", name="Catat rapat").click()
    page.wait_for_url("**/rapat/*/")
    return Meeting.objects.order_by("-id").first()


def _adopt(page, key: str, due: str, *, agency: str | None = None, villages: str | None = None) -> None:
    card = page.locator(f"#proposal-{key}")
    card.get_by_text("Tetapkan usulan ini").click()
    card.get_by_label("Tenggat").fill(due)
    if agency is not None:
        card.get_by_label("Instansi penanggung jawab").select_option(agency)
    if villages is not None:
        card.get_by_label("atau kode desa penanggung jawab, satu per baris").fill(villages)
    card.get_by_role("button", name="Tetapkan", exact=True).click()
    page.get_by_text("Rekomendasi ditetapkan").wait_for()


def test_a_march_meeting_is_followed_up_in_april(seeded, new_page, shoot):
    world = march_world()
    make_user(Role.ADMIN_PROGRAM, KAPUAS, username="admin.kapuas")
    make_user(Role.OPERATOR_DESA, NEIGHBOUR, username="operator.seilunuk")

    # 1. The kabupaten admin records the March meeting.
    admin = new_page()
    sign_in(admin, "admin.kapuas", PASSWORD)
    march = _record(admin, held_on="2026-03-25", period="2026-03")
    assert march.figures["people"]["occupying"] == 9
    shoot(admin, "meetings-01-march-recorded")

    # 2. Three proposals adopted: the rule for the whole regency (DPMD), Sei Lunuk's own target, and a
    # village proposal handed to the kecamatan's other village as well as Sei Lunuk.
    proposals = march.figures["proposals"]
    neighbour = next(p["key"] for p in proposals if p["villages"] == [NEIGHBOUR])
    other = next(p for p in proposals if p["villages"] and p["villages"] != [NEIGHBOUR])
    _adopt(admin, proposals[0]["key"], "2026-04-30")
    _adopt(admin, neighbour, "2026-04-30")
    _adopt(admin, other["key"], "2026-03-31", agency="", villages=other["villages"][0])
    recs = list(Recommendation.objects.filter(meeting=march).order_by("id"))
    assert len(recs) == 3
    assert [v.region_id for v in recs[1].villages.all()] == [NEIGHBOUR]
    assert recs[0].agency == "dpmd"
    shoot(admin, "meetings-02-adopted")
    assert admin.errors == []

    # 3. The village operator sees what was asked of Sei Lunuk on the home page, on a phone.
    operator = new_page(390, 844)
    sign_in(operator, "operator.seilunuk", PASSWORD)
    block = operator.locator("#home-recommendations")
    block.get_by_text("Desa Sei Lunuk mengisi 100 % kuotanya").wait_for()
    assert "20,00 %" in block.inner_text()
    assert other["title"] not in block.inner_text()
    shoot(operator, "meetings-03-village-home")
    assert operator.errors == []

    # 4. The figures change: three more people proposed in Sei Lunuk, April built.
    fill_neighbour(world.kapuas, 3)
    build(APRIL)

    # 5. The April meeting's report opens with the March recommendations and their progress.
    april = _record(admin, held_on="2026-04-28", period="2026-04")
    assert april.previous == march
    outcomes = admin.locator("#outcomes")
    outcomes.get_by_text("Desa Sei Lunuk mengisi 100 % kuotanya").wait_for()
    row = outcomes.locator("tr", has_text="Desa Sei Lunuk mengisi 100 % kuotanya")
    assert "20,00 %" in row.inner_text() and "50,00 %" in row.inner_text()
    late = outcomes.locator("tr", has_text=other["title"])
    assert "Lewat tenggat" in late.inner_text()
    shoot(admin, "meetings-04-april-report")
    assert admin.errors == []
