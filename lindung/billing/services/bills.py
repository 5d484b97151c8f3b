"""Bills (tagihan): issued once per programme and month, frozen, corrected only by new lines, paid as a whole.

Lines are written set-based, a fixed number of statements per bill whatever the number of sectors or incomes:
one ``INSERT … SELECT`` over the covered enrolments when every member pays the same, else one GROUP BY of the
(income, category) groups and one ``INSERT … SELECT`` joined to their prices. Prices come from the rule rows
of the bill's own month (``contributions.calculator``), so a month before the PP 50/2025 discount is billed
at the full rate and a discounted month at the discounted one.
"""

from __future__ import annotations

import datetime as dt

import lokal
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.contributions.calculator import BPU, PU, ContributionError, QuoteCache, enrolment_groups
from lindung.contributions.selectors import RuleBook, RuleMissing
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah
from lindung.core.months import month_add, month_label, month_of
from lindung.core.services import audit_record
from lindung.enrolment.models import Enrolment, Status
from lindung.people.models import Category
from lindung.programmes.models import Programme

from ..models import Bill, BillLine, Credit, Payment
from ..selectors.arrears import due_date

# Statuses that owe the month: sent to the insurer, active, or non-active (still owing to continue).
OWING = (Status.SUBMITTED, Status.ACTIVE, Status.NON_ACTIVE)


class BillRefused(ValueError):
    """The bill cannot be issued, adjusted or paid as asked; Indonesian message naming the field."""


def amount_parse(text: str, *, field: str, signed: bool = False) -> int:
    """Whole rupiah from what a person typed ("Rp 1.680.000", "16800", "-800" when ``signed``), read by
    lokal-id; anything else is refused naming the field (lokal-id drops a minus sign, so it is read here)."""
    raw = (text or "").strip()
    negative = raw.startswith("-")
    parsed = lokal.parse_rupiah(raw.lstrip("-").strip()) if raw else None
    amount = getattr(parsed, "amount", None)
    if parsed is None or parsed.approximate or amount is None or amount != int(amount):
        raise BillRefused(f'{field}: "{raw}" bukan jumlah rupiah yang sah (contoh: Rp 1.680.000).')
    if negative and not signed:
        raise BillRefused(f'{field}: "{raw}" tidak boleh negatif.')
    return -int(amount) if negative else int(amount)


def bill_number(programme: Programme, month: dt.date) -> str:
    return f"TGH/{programme.code.upper()}/{month:%Y-%m}"


def covered_enrolments(programme: Programme, month: dt.date) -> QuerySet[Enrolment]:
    """Enrolments a month's bill charges: owing statuses, and ended ones still covered on the month's first
    day (a member who died in May is billed for May, not June); never before the first payment's month."""
    last_day = month_add(month, 1) - dt.timedelta(days=1)
    return (
        Enrolment.objects.filter(programme=programme)
        .filter(Q(status__in=OWING) | Q(status=Status.ENDED, end_date__gte=month))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=last_day))
    )


def db_value(model, field: str, value):
    """A Python value as the database stores it in ``model.field`` (dates and instants on SQLite too)."""
    return model._meta.get_field(field).get_db_prep_save(value, connection)


def _insert_charges(cursor, bill: Bill, enrolments: QuerySet[Enrolment], amount: int, gross: int, now) -> int:
    """One INSERT … SELECT of ``charge`` lines for a queryset of enrolments at one amount."""
    sub, params = enrolments.order_by().values_list("id", "village_id").query.sql_with_params()
    return _insert_select(cursor, bill, f"FROM ({sub}) sub", "%s", "%s", [amount, gross], list(params), now)


def _insert_select(
    cursor, bill: Bill, source: str, amount: str, gross: str, prices: list, params: list, now
) -> int:
    table = BillLine._meta.db_table
    cursor.execute(
        f"INSERT INTO {table} (bill_id, enrolment_id, village_id, month, kind, amount, gross, reason, "  # noqa: S608
        f"created_at, created_by_id) SELECT %s, sub.id, sub.village_id, %s, %s, {amount}, {gross}, '', %s, %s "
        f"{source}",
        [
            bill.pk,
            db_value(BillLine, "month", bill.month),
            BillLine.Kind.CHARGE,
            *prices,
            db_value(BillLine, "created_at", now),
            bill.issued_by_id,
            *params,
        ],
    )
    return cursor.rowcount


def _price(quote) -> tuple[int, int]:
    """(amount billed, gross before the discount) of one person-month."""
    return quote.programme_share, quote.programme_share + quote.discount


def _flat_price(
    programme: Programme, month: dt.date, quotes: QuoteCache
) -> tuple[int, int, list[str]] | None:
    """The one price of every member of a BPU programme this month, or None when the sector changes it.

    A BPU amount depends on the person only through the sector (category): when every category (and a row
    outside the list, "") is quoted the same, the bill needs neither the workers nor a GROUP BY. A month
    whose rule rows are missing falls to the grouped path, which refuses only if somebody is billed.
    """
    if programme.segment != BPU:
        return None
    income = programme.declared_income
    if not income:
        return 0, 0, []
    try:
        found = {
            (*_price(q), tuple(q.legal_basis))
            for q in (quotes.quote(month, income, category) for category in [*Category.values, ""])
        }
    except (RuleMissing, ContributionError):
        return None
    if len(found) != 1:
        return None
    amount, gross, bases = found.pop()
    return amount, gross, list(bases)


def _insert_priced(
    cursor, bill: Bill, programme: Programme, covered, quotes: QuoteCache, now
) -> tuple[int, list[str]]:
    """One GROUP BY for the (income, category) groups, then one INSERT … SELECT joined to their prices.

    The prices are a VALUES list (column1 category, column2 income, column3 amount, column4 gross); a member
    without an income (PU without siltap) matches no row and is billed Rp 0, as the group cost shows it.
    """
    rows, labels, bases = [], [], []
    for income, category, _n in enrolment_groups(programme, covered):
        if not income:
            continue
        quote = quotes.quote(bill.month, income, category)
        amount, gross = _price(quote)
        rows.append(f"(%s, {int(income)}, {int(amount)}, {int(gross)})")  # whole numbers; the sector a param
        labels.append(category)
        bases.extend(quote.legal_basis)
    # Named columns: a plain column's name in a derived table differs between SQLite and PostgreSQL.
    named = covered.order_by().annotate(
        line_category=F("worker__category"), line_income=F("worker__fixed_income")
    )
    sub, params = named.values_list(
        "id", "village_id", "line_category", "line_income"
    ).query.sql_with_params()
    on = "price.column1 = sub.line_category"
    if programme.segment == PU:
        on += " AND price.column2 = sub.line_income"
    prices = (
        f"(VALUES {', '.join(rows)}) price"
        if rows
        else "(SELECT '' AS column1, 0 AS column2, 0 AS column3, 0 AS column4) price"
    )
    source = f"FROM ({sub}) sub LEFT JOIN {prices} ON {on}"
    written = _insert_select(
        cursor,
        bill,
        source,
        "COALESCE(price.column3, 0)",
        "COALESCE(price.column4, 0)",
        [],
        [*params, *labels],
        now,
    )
    return written, bases


def _write_lines(bill: Bill, programme: Programme, rules: RuleBook, now) -> tuple[int, list[str]]:
    """Every charge line of a new bill; returns the number of lines and the rule rows' legal bases.

    A fixed number of statements whatever the number of sectors or incomes: one INSERT … SELECT over the
    enrolments alone when everyone pays the same, else one GROUP BY and one INSERT … SELECT joined to prices.
    """
    covered = covered_enrolments(programme, bill.month)
    quotes = QuoteCache(programme, rules=rules)
    flat = _flat_price(programme, bill.month, quotes)
    with connection.cursor() as cursor:
        if flat is None:
            return _insert_priced(cursor, bill, programme, covered, quotes, now)
        amount, gross, bases = flat
        written = _insert_charges(cursor, bill, covered, amount, gross, now)
    return written, bases if written else []


def _post_credits(credits: QuerySet[Credit], bills: dict[tuple[int, dt.date], Bill], actor) -> int:
    """Each credit becomes a negative ``credit`` line on its month's bill, and remembers that line."""
    rows = list(credits.filter(line__isnull=True).select_related("enrolment"))
    pairs = []
    for credit in rows:
        bill = bills.get((credit.enrolment.programme_id, credit.month))
        if bill is not None:
            pairs.append((credit, bill))
    user = actor if getattr(actor, "is_authenticated", False) else None
    lines = BillLine.objects.bulk_create(
        [
            BillLine(
                bill=bill,
                enrolment_id=credit.enrolment_id,
                village_id=credit.enrolment.village_id,
                month=credit.month,
                kind=BillLine.Kind.CREDIT,
                amount=-credit.amount,
                gross=-credit.amount,
                reason=credit.reason[:255] or "Kredit kelebihan bayar",
                created_by=user,
            )
            for credit, bill in pairs
        ],
        batch_size=2000,
    )
    for (credit, _bill), line in zip(pairs, lines, strict=True):
        credit.line = line
    Credit.objects.bulk_update([c for c, _b in pairs], ["line"], batch_size=2000)
    return len(pairs)


def bill_issue(
    *, actor, programme: Programme, month: dt.date, today: dt.date | None = None
) -> tuple[Bill, bool]:
    """Issue a programme's bill for one month (once: issuing again returns the bill and False).

    Steps: check ``bill.issue`` over the owner region; refuse a month outside the programme; write every
    charge line set-based from that month's rule rows; turn the month's pending credits into lines; audit.
    """
    access_require(
        actor,
        "bill.issue",
        region_code=programme.owner_region_id,
        object_type="programme",
        object_id=programme.pk,
        what="menerbitkan tagihan",
    )
    month = month_of(month)
    if not (programme.start_month <= month <= programme.end_month):
        raise BillRefused(
            f"Bulan iuran {month_label(month)} di luar masa program {programme.code} "
            f"({month_label(programme.start_month)} – {month_label(programme.end_month)})."
        )
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        existing = Bill.objects.filter(programme=programme, month=month).first()
        if existing is not None:
            return existing, False
        return _issue(actor, programme, month), True


def _issue(actor, programme: Programme, month: dt.date) -> Bill:
    rules = RuleBook.load()
    now = timezone.now()
    payment_rule = rules.payment_rule(programme.segment, month)
    bill = Bill.objects.create(
        programme=programme,
        month=month,
        number=bill_number(programme, month),
        due_date=due_date(segment=programme.segment, month=month, rules=rules),
        issued_at=now,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    written, bases = _write_lines(bill, programme, rules, now)
    bases.append(payment_rule.legal_basis)
    bill.legal_basis = "; ".join(dict.fromkeys(b for b in bases if b))[:500]
    bill.save(update_fields=["legal_basis"])
    credits = _post_credits(
        Credit.objects.filter(month=month, enrolment__programme=programme),
        {(programme.pk, month): bill},
        actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.BILL_ISSUE,
        object_type="bill",
        object_id=bill.pk,
        region_code=programme.coverage_region_id,
        summary=f"Tagihan {bill.number} diterbitkan: {written} peserta, jatuh tempo {bill.due_date:%d-%m-%Y}",
        detail={"lines": written, "credits": credits, "legal_basis": bill.legal_basis},
    )
    return bill


def credits_post(*, credit_ids) -> int:
    """Credits whose month's bill is already issued become credit lines now; returns how many did."""
    with transaction.atomic():
        credits = Credit.objects.filter(pk__in=list(credit_ids), line__isnull=True)
        keys = set(credits.values_list("enrolment__programme_id", "month"))
        if not keys:
            return 0
        q = Q(pk__in=[])
        for programme_id, month in keys:
            q |= Q(programme_id=programme_id, month=month)
        bills = {(b.programme_id, b.month): b for b in Bill.objects.filter(q)}
        return _post_credits(credits, bills, None)


def bill_adjust(*, actor, bill: Bill, enrolment_id: int, amount: int, reason: str) -> BillLine:
    """Add a signed correction line with its reason; the enrolment must already be charged on the bill."""
    access_require(
        actor,
        "bill.issue",
        region_code=bill.programme.owner_region_id,
        object_type="bill",
        object_id=bill.pk,
        what="koreksi tagihan",
    )
    reason = (reason or "").strip()
    if not isinstance(amount, int) or amount == 0:
        raise BillRefused("Jumlah koreksi wajib diisi dan tidak boleh Rp 0 (negatif untuk mengurangi).")
    if not reason:
        raise BillRefused("Alasan koreksi wajib diisi.")
    charge = BillLine.objects.filter(bill=bill, enrolment_id=enrolment_id, kind=BillLine.Kind.CHARGE).first()
    if charge is None:
        raise BillRefused(f"Kepesertaan #{enrolment_id} tidak ada di tagihan {bill.number}.")
    with transaction.atomic():
        line = BillLine.objects.create(
            bill=bill,
            enrolment_id=enrolment_id,
            village_id=charge.village_id,
            month=bill.month,
            kind=BillLine.Kind.ADJUSTMENT,
            amount=amount,
            gross=amount,
            reason=reason[:255],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action=AuditAction.BILL_ADJUST,
            object_type="bill",
            object_id=bill.pk,
            region_code=charge.village_id,
            summary=f"Koreksi {rupiah(amount)} untuk kepesertaan #{enrolment_id} pada {bill.number}: {reason}",
            detail={"line": line.pk, "enrolment": enrolment_id, "amount": amount, "reason": reason},
        )
    return line


def bill_outstanding(bill: Bill) -> int:
    """Net of every line minus what is already paid for the bill's enrolment-months."""
    net = BillLine.objects.filter(bill=bill).aggregate(s=Sum("amount"))["s"] or 0
    charged = BillLine.objects.filter(bill=bill, kind=BillLine.Kind.CHARGE).values("enrolment_id")
    paid = (
        Payment.objects.filter(month=bill.month, enrolment_id__in=charged).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    return net - paid
