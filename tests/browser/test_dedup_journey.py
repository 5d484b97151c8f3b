"""The verifier's duplicate review in a browser, on a 360 px phone:

1. the queue shows two probable pairs;
2. the verifier merges one pair, keeping the first record;
3. and marks the other pair as two different people.

Screenshots go to artifacts/screenshots/dedup-*.png.
"""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.dedup.models import DuplicatePair, PairStatus
from lindung.people.models import Worker
from tests.accounts.builders import PASSWORD, make_user
from tests.dedup.builders import make_pair

from .conftest import sign_in

pytestmark = [pytest.mark.browser]


def test_the_verifier_merges_one_pair_and_marks_another_distinct(seeded, new_page, shoot):
    merged = make_pair()
    distinct = make_pair(first="Dewi Lestari", second="Dewi Lestary", serial=50)
    make_user(Role.VERIFIKATOR, "62.03", username="verifikator.kapuas")

    page = new_page(360, 800)
    sign_in(page, "verifikator.kapuas", PASSWORD)
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
