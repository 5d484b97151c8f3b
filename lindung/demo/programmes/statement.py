"""The demo's insurer statement (rincian iuran BPJS): a synthetic CSV written into the data folder and imported
with ``statement_import``, holding one line or more of every outcome the reconciliation knows.

The matched lines are the showcase member's arrears, paid on the demo day: importing them records the
payments, and the daily job run for that day reactivates the member.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
from django.conf import settings

from lindung.billing.models import BillLine, Payment, Statement
from lindung.billing.selectors import last_due_month
from lindung.billing.services import statement_import
from lindung.core.money import rupiah
from lindung.core.months import month_add, month_of
from lindung.enrolment.models import Enrolment, Status
from lindung.regions.codes import subtree_q

from .money import Showcase

COLUMNS = ("kpj", "nik", "name", "month", "amount_text", "paid_on_text", "reference")


def _due(enrolment_id: int, month: dt.date) -> int:
    line = BillLine.objects.filter(enrolment_id=enrolment_id, month=month, kind=BillLine.Kind.CHARGE).first()
    return line.amount if line else 16_800


def _line(enrolment: Enrolment, month: dt.date, amount: str | int, paid_on: dt.date, ref: str) -> dict:
    worker = enrolment.worker
    return {
        "kpj": enrolment.kpj,
        "nik": worker.nik,
        "name": worker.full_name,
        "month": f"{month:%Y-%m}",
        "amount_text": rupiah(amount) if isinstance(amount, int) else amount,
        "paid_on_text": f"{paid_on:%d-%m-%Y}",
        "reference": ref,
    }


def statement_rows(showcase: Showcase, today: dt.date) -> list[dict]:
    """Every outcome: matched, underpaid, overpaid, unknown person, not covered (proposed; after death),
    paid twice, paid by another programme, and a line whose amount cannot be read."""
    programme = showcase.programme
    people = Enrolment.objects.select_related("worker").in_bulk(
        [showcase.reactivated, *showcase.laggards[:2], showcase.payers[0], showcase.dead]
    )
    last = min(last_due_month(segment=programme.segment, as_of=today), programme.end_month)
    ref = f"BPJS/{today:%Y%m%d}"
    back = people[showcase.reactivated]
    rows = [_line(back, m, _due(back.pk, m), today, ref) for m in showcase.arrears_months]
    under, over = people[showcase.laggards[0]], people[showcase.laggards[1]]
    rows.append(_line(under, last, _due(under.pk, last) - 6_800, today, ref))
    rows.append(_line(over, last, _due(over.pk, last) + 16_800, today, ref))
    rows.append(
        {"kpj": "99999999999", "nik": "6203170101909999", "name": "Tidak Dikenal", "month": f"{last:%Y-%m}"}
        | {"amount_text": "Rp 16.800", "paid_on_text": f"{today:%d-%m-%Y}", "reference": ref}
    )
    proposed = (
        Enrolment.objects.select_related("worker")
        .filter(programme=programme, status=Status.PROPOSED)
        .order_by("id")[:1]
        .get()
    )
    rows.append(_line(proposed, last, 16_800, today, ref))
    dead = people[showcase.dead]
    died = month_of(dead.end_date or today)
    rows.append(_line(dead, month_add(died, 1), _due(dead.pk, died), today, ref))
    payer = people[showcase.payers[0]]
    twice = Payment.objects.filter(enrolment=payer).order_by("-month")[:1].get()
    rows.append(_line(payer, twice.month, twice.amount, today, ref))
    other = (
        Payment.objects.select_related("enrolment__worker")
        .exclude(enrolment__programme=programme)
        .filter(subtree_q("enrolment__village_id", programme.coverage_region_id), enrolment__kpj__gt="")
        .order_by("id")[:1]
        .get()
    )
    rows.append(_line(other.enrolment, other.month, other.amount, today, ref))
    rows.append(_line(payer, last, "Rp -16.800", today, ref))
    return rows


def demo_statement(showcase: Showcase, today: dt.date) -> Statement:
    """Write the statement's CSV into the data folder and import it as the insurer's, as Lindung itself."""
    folder = settings.DATA_DIR / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"rincian-bpjs-{showcase.programme.code}-{today:%Y-%m-%d}.csv"
    path = folder / name
    pl.DataFrame(statement_rows(showcase, today), schema=dict.fromkeys(COLUMNS, pl.String)).write_csv(path)
    body = path.read_bytes()
    # Row numbers as a spreadsheet shows them: the header is row 1.
    frame = pl.read_csv(path, infer_schema=False).with_row_index("row_number", offset=2)
    statement, _created = statement_import(
        actor=None,
        programme=showcase.programme,
        kind=Statement.Kind.INSURER,
        frame=frame,
        original_name=name,
        sha256=hashlib.sha256(body).hexdigest(),
        today=today,
    )
    return statement
