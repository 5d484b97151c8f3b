"""Importing an edition, matching workers, the vulnerable-worker counts and the decile rules."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.regions.models import VulnerableWorkerCount
from lindung.registry.models import DecileRule, RegistryEntry, WorkerRegistryMatch
from lindung.registry.selectors import decile_rule_in_force
from lindung.registry.services import RegistryRefused, decile_rule_add
from tests.accounts.builders import make_user
from tests.people.builders import make_worker
from tests.programmes.builders import make_programme
from tests.registry.builders import entry, extract_csv, import_extract

pytestmark = pytest.mark.django_db


def _match(worker) -> WorkerRegistryMatch:
    return WorkerRegistryMatch.objects.get(worker=worker)


def test_a_worker_with_the_same_nik_is_matched_with_its_decile(tmp_path):
    worker = make_worker(serial=1)
    import_extract(tmp_path, extract_csv([entry(1, decile=2)]))
    match = _match(worker)
    assert (match.method, match.score, match.decile) == ("nik", 100, 2)


def test_a_misspelt_name_with_the_same_birth_date_and_village_is_matched_when_the_nik_differs(tmp_path):
    worker = make_worker(serial=2, full_name="Siti Aminah")
    import_extract(tmp_path, extract_csv([entry(9, name="Hj. SITI AMINNAH", decile=1)]))
    match = _match(worker)
    assert match.method == "name" and match.decile == 1
    assert 88 <= match.score < 100


def test_another_name_with_the_same_birth_date_and_village_is_not_matched(tmp_path):
    make_worker(serial=2, full_name="Siti Aminah")
    import_extract(tmp_path, extract_csv([entry(9, name="Rina Marlina")]))
    assert not WorkerRegistryMatch.objects.exists()


def test_a_similar_name_born_on_another_day_is_not_matched(tmp_path):
    make_worker(serial=2, full_name="Siti Aminah")
    import_extract(tmp_path, extract_csv([entry(9, name="Siti Aminah", birth=dt.date(1990, 1, 2))]))
    assert not WorkerRegistryMatch.objects.exists()


def test_the_same_edition_twice_changes_nothing(tmp_path):
    data = extract_csv([entry(1), entry(2)])
    first = import_extract(tmp_path, data)
    events = AuditEvent.objects.count()
    again = import_extract(tmp_path, data)
    assert first.created and not again.created and again.same_file
    assert again.edition.pk == first.edition.pk
    assert RegistryEntry.objects.count() == 2
    assert AuditEvent.objects.count() == events


def test_the_same_edition_from_another_file_changes_nothing_and_says_so(tmp_path):
    import_extract(tmp_path, extract_csv([entry(1)]))
    again = import_extract(tmp_path, extract_csv([entry(1), entry(2)]), name="lain.csv")
    assert not again.created and not again.same_file
    assert RegistryEntry.objects.count() == 1


def test_a_later_edition_is_kept_beside_the_earlier_one(tmp_path):
    worker = make_worker(serial=1)
    import_extract(tmp_path, extract_csv([entry(1, decile=5)]), edition_date=dt.date(2025, 9, 1))
    import_extract(tmp_path, extract_csv([entry(1, decile=3)]))
    assert WorkerRegistryMatch.objects.filter(worker=worker).count() == 2
    from lindung.registry.selectors import worker_registry_match

    assert worker_registry_match(None, worker).decile == 3


def test_a_verifier_of_another_regency_is_refused_and_the_refusal_audited(tmp_path):
    bengkayang = make_user(Role.VERIFIKATOR, "61.07")
    with pytest.raises(AccessRefused):
        import_extract(tmp_path, extract_csv([entry(1)]), actor=bengkayang)
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).count() == 1
    assert not RegistryEntry.objects.exists()


def test_a_village_operator_may_not_import_an_extract(tmp_path):
    operator = make_user(Role.OPERATOR_DESA, "62.03.17.2002")
    with pytest.raises(AccessRefused):
        import_extract(tmp_path, extract_csv([entry(1)]), actor=operator, region="62.03.17.2002")


def test_the_import_is_one_audit_event_naming_the_counts(tmp_path):
    verifier = make_user(Role.VERIFIKATOR, "62.03")
    result = import_extract(tmp_path, extract_csv([entry(1), entry(2, nik="123")]), actor=verifier)
    event = AuditEvent.objects.get(action=AuditAction.REGISTRY_IMPORT)
    assert event.object_id == str(result.edition.pk)
    assert (event.detail["imported"], event.detail["rejected"]) == (1, 1)


def test_a_future_edition_date_is_refused(tmp_path):
    with pytest.raises(RegistryRefused, match="belum tiba"):
        import_extract(tmp_path, extract_csv([entry(1)]), edition_date=dt.date(2100, 1, 1))


def test_vulnerable_counts_are_written_per_region_up_to_the_edition_region(tmp_path):
    rows = [
        entry(1, decile=1),
        entry(2, decile=4),
        entry(3, decile=5),
        entry(4, decile=2, village="62.03.17.2003"),
    ]
    result = import_extract(tmp_path, extract_csv(rows))
    counts = dict(
        VulnerableWorkerCount.objects.filter(source="registry", year=2026).values_list("region_id", "count")
    )
    assert counts == {"62.03": 3, "62.03.17": 3, "62.03.17.2002": 2, "62.03.17.2003": 1}
    note = VulnerableWorkerCount.objects.get(region_id="62.03").source_note
    assert (
        "DTSEN" in note and "01-03-2026" in note and "desil 1-4" in note and f"#{result.edition.pk}" in note
    )


def test_the_decile_limit_of_the_count_is_the_one_given_with_the_edition(tmp_path):
    import_extract(tmp_path, extract_csv([entry(1, decile=1), entry(2, decile=5)]), vulnerable_max_decile=5)
    assert VulnerableWorkerCount.objects.get(region_id="62.03", source="registry").count == 2


def test_an_older_edition_imported_later_does_not_replace_the_counts(tmp_path):
    import_extract(tmp_path, extract_csv([entry(1, decile=1)]))
    import_extract(
        tmp_path, extract_csv([entry(1, decile=1), entry(2, decile=1)]), edition_date=dt.date(2026, 1, 1)
    )
    assert VulnerableWorkerCount.objects.get(region_id="62.03", source="registry").count == 1


def test_an_entered_count_is_left_alone(tmp_path):
    VulnerableWorkerCount.objects.create(
        region_id="62.03", year=2026, count=9000, source="entered", source_note="Disnaker"
    )
    import_extract(tmp_path, extract_csv([entry(1, decile=1)]))
    assert VulnerableWorkerCount.objects.get(region_id="62.03", source="entered").count == 9000


def test_a_decile_rule_is_a_dated_row_with_its_legal_basis():
    admin = make_user(Role.ADMIN_PROGRAM, "62.03")
    programme = make_programme()
    rule = decile_rule_add(
        actor=admin,
        programme=programme,
        max_decile=4,
        valid_from=dt.date(2026, 1, 1),
        legal_basis="Perbup Kapuas No. 12 Tahun 2025",
    )
    later = decile_rule_add(
        actor=admin, programme=programme, max_decile=3, valid_from=dt.date(2026, 7, 1), legal_basis="Perbup 2"
    )
    assert decile_rule_in_force(programme, dt.date(2026, 3, 1)) == rule
    assert decile_rule_in_force(programme, dt.date(2026, 8, 1)) == later
    assert AuditEvent.objects.filter(action=AuditAction.DECILE_RULE_ADD).count() == 2


def test_a_decile_rule_without_legal_basis_is_refused():
    with pytest.raises(RegistryRefused, match="Dasar hukum"):
        decile_rule_add(
            actor=None,
            programme=make_programme(),
            max_decile=4,
            valid_from=dt.date(2026, 1, 1),
            legal_basis=" ",
        )
    assert not DecileRule.objects.exists()


def test_a_decile_above_ten_is_refused():
    with pytest.raises(RegistryRefused, match="1 sampai 10"):
        decile_rule_add(
            actor=None,
            programme=make_programme(),
            max_decile=11,
            valid_from=dt.date(2026, 1, 1),
            legal_basis="x",
        )


def test_a_verifier_may_not_set_a_decile_rule():
    verifier = make_user(Role.VERIFIKATOR, "62.03")
    with pytest.raises(AccessRefused):
        decile_rule_add(
            actor=verifier,
            programme=make_programme(),
            max_decile=4,
            valid_from=dt.date(2026, 1, 1),
            legal_basis="x",
        )
