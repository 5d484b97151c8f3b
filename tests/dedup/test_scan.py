"""The scan stores new probable pairs, is audited, respects regions, and never brings back a distinct pair."""

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.dedup.models import DuplicatePair, DuplicateThreshold, PairStatus
from lindung.dedup.selectors import thresholds_in_force
from lindung.dedup.services import duplicate_distinct, duplicates_scan
from tests.accounts.builders import make_user
from tests.dedup.builders import make_pair, twin_workers

pytestmark = pytest.mark.django_db


def test_scan_stores_the_pair_and_audits_it(seeded):
    a, b = twin_workers()
    result = duplicates_scan(actor=None, region_code="")
    assert (result.found, result.new) == (1, 1)
    pair = DuplicatePair.objects.get()
    assert (pair.worker_a_id, pair.worker_b_id, pair.status) == (a.pk, b.pk, PairStatus.PENDING)
    assert AuditEvent.objects.filter(action="duplicate.scan").count() == 1


def test_scanning_again_adds_nothing(seeded):
    make_pair()
    assert duplicates_scan(actor=None, region_code="").new == 0
    assert DuplicatePair.objects.count() == 1


def test_a_pair_marked_distinct_never_comes_back(seeded):
    pair = make_pair()
    duplicate_distinct(actor=None, pair=pair)
    assert duplicates_scan(actor=None, region_code="").new == 0
    assert DuplicatePair.objects.get().status == PairStatus.DISTINCT


def test_thresholds_are_rows_in_force(seeded):
    assert thresholds_in_force().of("same_birth_date_village") == 75
    DuplicateThreshold.objects.create(
        basis="same_birth_date_village", min_score=99, valid_from="2020-01-01", legal_basis="uji"
    )
    assert thresholds_in_force().of("same_birth_date_village") == 99
    # The twins' NIKs differ only in the serial's last digit: their basis is the near NIK's, a row too.
    DuplicateThreshold.objects.create(
        basis="nik_near", min_score=99, max_nik_digits=2, valid_from="2026-06-01", legal_basis="uji"
    )
    assert thresholds_in_force().of("nik_near") == 99
    twin_workers()
    assert duplicates_scan(actor=None, region_code="").found == 0


def test_a_verifier_scans_only_its_region(seeded):
    verifier = make_user(Role.VERIFIKATOR, "62.03")
    with pytest.raises(AccessRefused):
        duplicates_scan(actor=verifier, region_code="61.07")
    twin_workers()
    assert duplicates_scan(actor=verifier).new == 1


def test_an_operator_may_not_scan(seeded):
    with pytest.raises(AccessRefused):
        duplicates_scan(actor=make_user(Role.OPERATOR_DESA, "62.03.17.2002"))
    assert AuditEvent.objects.filter(action="access.denied").exists()
