"""The money objects of the permission matrix (tests/test_permission_matrix.py) and their request bodies.

Bills, statements, arrears and coverage, renewal and hand-over, and claims: each object exists once inside
Kapuas (62.03, the operator's village 62.03.17.2002) and once in Bengkayang (61.07, village 61.07.04.2003),
made through the services, so that a 302/201 in the table means the write was really allowed.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lindung.billing.services import bill_issue
from lindung.claims.services import claim_document_tick, claim_heir_add, claim_report
from lindung.enrolment.models import Status
from lindung.transfer.claims_exchange import claims_decisions_import
from tests.billing.statement_builders import import_lines, line
from tests.enrolment.builders import make_enrolment
from tests.people.builders import make_worker
from tests.programmes.builders import make_programme
from tests.transfer.builders import csv_bytes, write

OWN_VILLAGE = "62.03.17.2002"
FOREIGN_VILLAGE = "61.07.04.2003"
# The people of the matrix's world (tests/test_permission_matrix.py) the report rows name.
OWN_WORKER_NIK = "6203171708850001"
FOREIGN_WORKER_NIK = "6107041708850001"
DECISION_HEADER = [
    "No Klaim",
    "NIK",
    "KPJ",
    "Jenis Kejadian",
    "Keputusan",
    "Jumlah Dibayar",
    "Tanggal Keputusan",
]


def _member(programme, *, serial: int, foreign: bool, name: str):
    """An active member (January–May paid), so that June on is billed and in arrears."""
    if foreign:
        worker = make_worker(nik=f"610704170885{serial:04d}", full_name=name, village_code=FOREIGN_VILLAGE)
    else:
        worker = make_worker(serial=serial, full_name=name)
    return make_enrolment(Status.ACTIVE, programme=programme, worker=worker, paid_months=5)


def _statement(programme, member, year: int):
    """A statement with one line the office must decide on (paid Rp 1 for June: underpaid)."""
    statement, _ = import_lines(
        programme, [line(member, month=f"{year}-06", amount="1", paid_on=f"12-06-{year}")]
    )
    pending = statement.lines.get()
    assert pending.outcome != "matched", pending.outcome
    return statement, pending


def _claim(member, year: int):
    result = claim_report(
        actor=None,
        kind="death",
        event_date=dt.date(year, 5, 19),
        worker=member.worker,
        place="Sungai Kapuas",
        account="Jatuh dari perahu saat mencari ikan",
    )
    claim = result.claim
    # The case file complete, so that "documents complete" is a status the office may set (a 302/200 in the
    # table then means the change was made), and un-ticking the KTP is a change too.
    claim_heir_add(actor=None, claim=claim, full_name="Siti Aminah", relationship="spouse")
    for code in claim.documents.filter(required=True).values_list("code", flat=True):
        claim_document_tick(actor=None, claim=claim, code=code)
    return claim


def _decisions(claim, year: int) -> bytes:
    """The insurer's decision file naming ``claim`` (still open: the line is kept as unmatched or refused)."""
    row = [str(claim.pk), claim.nik, "", "Kematian", "dibayar", "42.000.000", f"03-06-{year}"]
    return csv_bytes([DECISION_HEADER, row])


def _decision_batch(officer, claim, year: int, tmp_path):
    path = write(tmp_path, f"keputusan-{claim.pk}.csv", _decisions(claim, year))
    batch, _ = claims_decisions_import(actor=officer, path=path)
    return batch


def money_world(*, own_programme, foreign_programme, sponsor, year: int, officers: tuple, tmp_path) -> dict:
    """Bills, statements, a member in arrears, renewal pairs, hand-overs and claims, on both sides.

    The money lives in last year's programmes, over by now: every month billed, paid or reported is in the
    past whenever the suite runs (a payment or an event dated after today is refused). They are also the
    renewal sources (into this year's programmes of the world) and the programmes handed over.
    """
    last = year - 1
    own_money = make_programme(
        code="kapuas-lalu",
        fiscal_year=last,
        start_month=f"{last}-01",
        funding_source="csr",
        sponsor=sponsor.pk,
    )
    foreign_money = make_programme(
        code="bengkayang-lalu",
        owner_region="61.07",
        coverage_region="61.07",
        fiscal_year=last,
        start_month=f"{last}-01",
    )
    own_member = _member(own_money, serial=70, foreign=False, name="Ani Lestari")
    foreign_member = _member(foreign_money, serial=70, foreign=True, name="Maria")
    june = dt.date(last, 6, 1)
    own_bill, _ = bill_issue(actor=None, programme=own_money, month=june)
    foreign_bill, _ = bill_issue(actor=None, programme=foreign_money, month=june)
    own_statement, own_line = _statement(own_money, own_member, last)
    foreign_statement, foreign_line = _statement(foreign_money, foreign_member, last)
    # Claims on members of their own (a death ends the membership it is reported on).
    own_claim = _claim(_member(own_money, serial=72, foreign=False, name="Yusuf"), last)
    foreign_claim = _claim(_member(foreign_money, serial=72, foreign=True, name="Agus"), last)
    # The insurer's decision files, one imported by the Kapuas officer and one by the Bengkayang officer.
    own_decisions = _decision_batch(officers[0], own_claim, last, tmp_path)
    foreign_decisions = _decision_batch(officers[1], foreign_claim, last, tmp_path)
    return {
        "money_year": last,
        "own_money": own_money.pk,
        "own_money_code": own_money.code,
        "foreign_money": foreign_money.pk,
        "foreign_money_code": foreign_money.code,
        "own_member": own_member.pk,
        "foreign_member": foreign_member.pk,
        "own_kpj": own_member.kpj,
        "own_member_nik": own_member.worker.nik,
        "foreign_member_nik": foreign_member.worker.nik,
        "own_bill": own_bill.pk,
        "foreign_bill": foreign_bill.pk,
        "own_statement": own_statement.pk,
        "foreign_statement": foreign_statement.pk,
        "own_line": own_line.pk,
        "foreign_line": foreign_line.pk,
        "own_claim": own_claim.pk,
        "foreign_claim": foreign_claim.pk,
        "own_decisions": own_decisions.pk,
        "foreign_decisions": foreign_decisions.pk,
        "decision_file": _decisions(own_claim, last),
    }


def _statement_file(w: dict) -> SimpleUploadedFile:
    year = w["money_year"]
    text = f"No KPJ;Bulan Iuran;Jumlah;Tanggal Bayar;No SP2D\n{w['own_kpj']};{year}-07;16.800;10-07-{year};SP2D-77\n"
    return SimpleUploadedFile("rincian.csv", text.encode(), content_type="text/csv")


def _own(rest: str, note: str) -> bool:
    return "{own_" in rest or note.startswith("own")


def money_request(client: Client, method: str, path: str, rest: str, note: str, w: dict):
    """The request of a money row (the smallest valid body), or None when the row is not a money row."""
    own = _own(rest, note)
    year = w["money_year"]
    code = w["own_money_code"] if own else w["foreign_money_code"]
    member = w["own_member"] if own else w["foreign_member"]
    line_id = w["own_line"] if own else w["foreign_line"]

    def post_json(body: dict):
        return client.post(path, data=json.dumps(body), content_type="application/json")

    form = {
        "/iuran/tagihan/terbitkan/": lambda: {"programme": code, "month": f"{year}-07"},
        "/koreksi/": lambda: {"enrolment": member, "amount": "-1.000", "reason": "Uji matriks"},
        "/bayar/": lambda: {"amount": "16.800", "paid_on": f"{year}-06-10", "reference": "SP2D-9"},
        "/selesaikan/": lambda: {"line": [line_id], "action": "accept", "note": "Uji matriks"},
        "/ahli-waris/": lambda: {"full_name": "Siti", "relationship": "spouse"},
        "/dokumen/ktp/": lambda: {"ticked": "0"},
        "/status/": lambda: {"status": "documents_complete"},
        "/konfirmasi/": dict,
    }
    for ending, body in form.items():
        if path.endswith(ending):
            return client.post(path, body())
    if "/rincian-iuran/" in path and "/baris/" in path:
        return client.post(path, {"action": "accept", "note": "Uji matriks"})
    if path.endswith("/lanjutkan/"):
        return client.post(path, {"target": w["own_programme"] if own else w["foreign_programme"]})
    if path in {"/unggah/rincian-iuran/", "/api/payments/statements"}:
        return client.post(path, {"file": _statement_file(w), "programme": code, "kind": "insurer"})
    if path in {"/iuran/perlindungan/", "/api/coverage"}:
        # Posted, never in the URL (ADR 0007): a NIK must not land in logs or browser history.
        nik = w["own_member_nik"] if own else w["foreign_member_nik"]
        if path.startswith("/api/"):
            return post_json({"nik": nik, "date": f"{year}-05-01"})
        return client.post(path, {"nik": nik, "tanggal": f"{year}-05-01"})
    if path in {"/unggah/klaim/", "/api/claims/decisions"}:
        upload = SimpleUploadedFile("keputusan-baru.csv", w["decision_file"] + b"\n", content_type="text/csv")
        return client.post(path, {"file": upload})
    if path in {"/klaim/lapor/", "/api/claims"}:
        body = {
            "kind": "death",
            "event_date": f"{year}-05-19",
            "place": "Rumah",
            "account": "Sakit",
            "nik": OWN_WORKER_NIK if own else FOREIGN_WORKER_NIK,
        }
        return post_json(body) if path.startswith("/api/") else client.post(path, body)
    bodies = {
        "/api/bills/": lambda: {"programme": code, "month": f"{year}-07"},
        "/adjustments": lambda: {"enrolment": member, "amount": -1000, "reason": "Uji matriks"},
        "/payments": lambda: {"amount": 16800, "paid_on": f"{year}-06-10", "reference": "SP2D-9"},
        "/api/payments/": lambda: {"enrolment": member, "month": f"{year}-07", "paid_on": f"{year}-07-10"},
        "/resolve": lambda: {"action": "accept", "note": "Uji matriks"},
        "/heirs": lambda: {"full_name": "Siti", "relationship": "spouse"},
        "/documents/ktp": lambda: {"ticked": False},
        "/status": lambda: {"status": "documents_complete"},
    }
    for ending, body in bodies.items():
        if path.endswith(ending):
            return post_json(body())
    if path.startswith("/api/renewal/"):
        return post_json({})
    return None
