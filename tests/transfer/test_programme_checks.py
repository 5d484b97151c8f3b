"""Importing with a programme: the vectorised checks say what ``eligibility_many`` says, and proposals are made
set-based, once."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.enrolment.eligibility import eligibility_many
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from lindung.people.models import Worker
from lindung.transfer.models import ImportBatch
from lindung.transfer.services import batch_outcome
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU, make_nik, make_worker
from tests.programmes.builders import make_programme

from .builders import HEADER, csv_bytes, letters, run, sheet_rows

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
SEI_LUNUK = "62.03.17.2003"
MURUNG_KERAMAT = "62.03.01.1006"
COLUMNS = [*HEADER, "KODE DESA", "STATUS UPAH", "KPJ"]
PROGRAMME_CODES = {
    "programme_inactive",
    "outside_coverage",
    "category_not_eligible",
    "wage_earner_in_bpu",
    "fixed_income_required",
    "double_funding",
    "village_quota_full",
    "total_quota_full",
    "budget_ceiling_exceeded",
    "age_below_min",
    "age_above_max",
    "already_has_kpj",
}


def row(
    serial: int, *, village=PULAU_MAMBULAU, category="Nelayan", wage="BPU", kpj="", birth=dt.date(1985, 8, 17)
):
    return [
        str(serial),
        make_nik(birth=birth, serial=serial),
        f"{letters(serial)} Santoso",
        birth.strftime("%d-%m-%Y"),
        "L",
        "Nelayan",
        category,
        "0812 3456 7890",
        village,
        wage,
        kpj,
    ]


def file_rows() -> list[list[str]]:
    return [
        row(1),
        row(2, category="Ketua RT"),
        row(3),  # third in Pulau Mambulau: over the quota of 2
        row(4, village=SEI_LUNUK),
        row(5, village=MURUNG_KERAMAT),
        row(6, category="Pedagang kecil"),
        row(7, wage="PU"),
        row(
            8, birth=dt.date(1962, 6, 1)
        ),  # 63 in January 2026: over the programme's 60, under the registry's 65
        row(9, village=SEI_LUNUK, kpj="12345678901"),
        row(10, village=SEI_LUNUK),  # already funded by another programme for the same months
    ]


def rows_csv(rows) -> bytes:
    data = sheet_rows(rows)
    data[3] = COLUMNS
    return csv_bytes(data)


@pytest.fixture
def programme():
    return make_programme(
        coverage_region="62.03.17",
        quota_per_village=2,
        eligible_categories=["nelayan", "rt_rw"],
        age_max=60,
    )


def test_programme_findings_match_eligibility_many_row_for_row(tmp_path, programme):
    other = make_programme(coverage_region="62.03", quota_per_village=None)
    make_enrolment(
        programme=other, worker=make_worker(serial=10, full_name="Kiki Santoso", village_code=SEI_LUNUK)
    )
    data = rows_csv(file_rows())
    registered = run(tmp_path, "daftar.csv", data, village="", today=TODAY)
    assert registered.rejected == 0, registered.problems

    niks = [r[1] for r in file_rows()]
    ids = dict(Worker.objects.filter(nik__in=niks).values_list("nik", "id"))
    expected = eligibility_many(programme, [ids[n] for n in niks], today=TODAY)

    batch = run(tmp_path, "daftar.csv", data, village="", programme_code=programme.code, today=TODAY)
    got = {p["row"]: {r["message"] for r in p["reasons"]} for p in batch.problems}
    for line, nik in enumerate(niks, start=5):
        want = {f.message for f in expected[ids[nik]] if f.code in PROGRAMME_CODES}
        assert {m for m in got.get(line, set()) if m in want or not _registry_message(m)} == want, (line, nik)
    assert {line for line, (state, _) in _states(batch).items() if state == "rejected"} == {
        7,
        9,
        10,
        11,
        12,
        14,
    }


def _registry_message(message: str) -> bool:
    return message.startswith(("Nama dan tanggal lahir sama",))


def _states(batch):
    return {r: (s, why) for r, s, why in batch_outcome(batch).iter_rows()}


def test_programme_import_proposes_the_eligible_once(tmp_path, programme):
    data = rows_csv(file_rows()[:4])
    batch = run(tmp_path, "daftar.csv", data, village="", programme_code=programme.code, today=TODAY)
    assert (batch.accepted, batch.rejected, batch.enrolled) == (3, 1, 3)
    enrolments = Enrolment.objects.filter(programme=programme)
    assert set(enrolments.values_list("status", flat=True)) == {Status.PROPOSED}
    assert set(enrolments.values_list("village_id", flat=True)) == {PULAU_MAMBULAU, SEI_LUNUK}
    events = EnrolmentEvent.objects.filter(enrolment__programme=programme)
    assert events.count() == 3 and set(events.values_list("to_status", flat=True)) == {Status.PROPOSED}
    assert "Kuota desa 62.03.17.2002 di program" in _states(batch)[7][1]

    again = run(tmp_path, "daftar.csv", data, village="", programme_code=programme.code, today=TODAY)
    assert (again.enrolled, again.unchanged) == (0, 3)
    assert enrolments.count() == 3 and events.count() == 3


def test_without_a_programme_only_workers_are_registered_with_default_age_limits(tmp_path, programme):
    batch = run(
        tmp_path, "daftar.csv", rows_csv([row(8, birth=dt.date(1955, 1, 1))]), village="", today=TODAY
    )
    assert batch.rejected == 1
    assert "melewati batas maksimal 65 tahun" in _states(batch)[5][1]
    assert not Enrolment.objects.exists()


def test_a_closed_programme_refuses_every_row(tmp_path):
    closed = make_programme(coverage_region="62.03.17", is_active=False)
    batch = run(
        tmp_path, "daftar.csv", rows_csv([row(1)]), village="", programme_code=closed.code, today=TODAY
    )
    assert batch.rejected == 1 and "tidak menerima usulan: program tidak aktif" in _states(batch)[5][1]
    assert batch.status == ImportBatch.Status.DONE and not Enrolment.objects.exists()


def test_a_dbh_sawit_import_refuses_what_eligibility_refuses_row_for_row(tmp_path):
    """The import is a front door too: the funding source's rules (DBH sawit: plantation workers not yet
    protected) refuse the same rows with the same messages as a proposal one at a time."""
    sawit = make_programme(funding_source="dbh_sawit", quota_per_village=None, total_quota=500)
    rows = [
        row(1, category="Nelayan"),
        row(2, category="Petani / pekebun sawit"),
        row(3, category="Buruh tani / harian lepas", kpj="12345678901"),
        row(4, category="Petani / pekebun sawit", wage="PU"),
    ]
    data = rows_csv(rows)
    registered = run(tmp_path, "daftar.csv", data, village="", today=TODAY)
    assert registered.rejected == 0, registered.problems
    niks = [r[1] for r in rows]
    ids = dict(Worker.objects.filter(nik__in=niks).values_list("nik", "id"))
    expected = eligibility_many(sawit, [ids[n] for n in niks], today=TODAY)

    batch = run(tmp_path, "daftar.csv", data, village="", programme_code=sawit.code, today=TODAY)
    got = {p["row"]: {r["message"] for r in p["reasons"]} for p in batch.problems}
    source_codes = {"category_not_for_source", "protected_not_for_source"}
    for line, nik in enumerate(niks, start=5):
        want = {f.message for f in expected[ids[nik]] if f.code in source_codes}
        assert {
            m
            for m in got.get(line, set())
            if m.startswith("Sudah terlindungi") or "tidak boleh dibiayai dari" in m
        } == want, line
    assert {line for line, (state, _) in _states(batch).items() if state == "rejected"} == {5, 7, 8}
