"""Bills as an actor may see them: by programme region, and only the lines in the actor's region.

A village operator sees the bills with lines in their village, and only those lines; a sponsor sees none.
Summaries and line pages aggregate in SQL, so the number of queries does not grow with the lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum

from lindung.accounts.selectors import scope_for_actor
from lindung.people.selectors import nik_for_display
from lindung.programmes.selectors import programmes_visible_to

from ..models import Bill, BillLine, BillPayment, Payment


def bills_visible_to(actor) -> QuerySet[Bill]:
    """Bills of programmes the actor sees, covering their region or with lines in it."""
    scope = scope_for_actor(actor)
    if not scope.can("bill.view") or scope.is_sponsor:
        return Bill.objects.none()
    qs = Bill.objects.select_related("programme", "programme__coverage_region")
    if not scope.region_code:
        return qs
    in_scope = BillLine.objects.filter(scope.q("village_id"), bill=OuterRef("pk"))
    return qs.filter(programme__in=programmes_visible_to(actor)).filter(
        scope.q("programme__coverage_region_id") | Q(Exists(in_scope))
    )


def bill_visible(actor, pk: int) -> Bill | None:
    return bills_visible_to(actor).filter(pk=pk).first()


def bill_by_number(actor, number: str) -> Bill | None:
    return bills_visible_to(actor).filter(number=number).first()


def bill_lines_visible(actor, bill: Bill, *, village: str = "") -> QuerySet[BillLine]:
    """The bill's lines in the actor's region (and in ``village`` when given)."""
    scope = scope_for_actor(actor)
    if not scope.can("bill.view") or scope.is_sponsor:
        return BillLine.objects.none()
    qs = BillLine.objects.filter(bill=bill).filter(scope.q("village_id"))
    if village:
        qs = qs.filter(village_id=village)
    return qs


@dataclass(frozen=True)
class BillSummary:
    charged: int
    adjustments: int
    credits: int
    net: int
    paid: int
    outstanding: int
    people: int

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def bill_summary(actor, bill: Bill, *, village: str = "") -> BillSummary:
    """Charged, adjustments, credits, net, paid and outstanding over the lines the actor may see (2 queries)."""
    lines = bill_lines_visible(actor, bill, village=village)
    charge, adjustment, credit = BillLine.Kind.CHARGE, BillLine.Kind.ADJUSTMENT, BillLine.Kind.CREDIT
    sums = lines.aggregate(
        charged=Sum("amount", filter=Q(kind=charge), default=0),
        adjustments=Sum("amount", filter=Q(kind=adjustment), default=0),
        credits=Sum("amount", filter=Q(kind=credit), default=0),
        people=Count("id", filter=Q(kind=charge)),
    )
    charged_ids = lines.filter(kind=charge).values("enrolment_id")
    paid = (
        Payment.objects.filter(month=bill.month, enrolment_id__in=charged_ids).aggregate(
            s=Sum("amount", default=0)
        )["s"]
        or 0
    )
    net = sums["charged"] + sums["adjustments"] + sums["credits"]
    return BillSummary(
        charged=sums["charged"],
        adjustments=sums["adjustments"],
        credits=sums["credits"],
        net=net,
        paid=paid,
        outstanding=net - paid,
        people=sums["people"],
    )


@dataclass(frozen=True)
class BillLineRow:
    id: int
    enrolment_id: int
    kind: str
    name: str
    nik: str
    kpj: str
    village_code: str
    village: str
    amount: int
    gross: int
    reason: str
    paid_on: dt.date | None
    late: bool

    @property
    def kind_label(self) -> str:
        """The kind as users read it ("iuran", "koreksi", "kredit kelebihan bayar"), never the code word."""
        return str(BillLine.Kind(self.kind).label)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


LINE_FIELDS = (
    "id",
    "enrolment_id",
    "kind",
    "amount",
    "gross",
    "reason",
    "village_id",
    "village_name",
    "worker_name",
    "worker_nik",
    "kpj",
    "paid_on",
)


def bill_line_values(actor, bill: Bill, *, village: str = "") -> QuerySet:
    """The visible lines with the person, village and the month's payment date, as one SELECT."""
    paid_on = Payment.objects.filter(enrolment_id=OuterRef("enrolment_id"), month=bill.month).values(
        "paid_on"
    )
    return (
        bill_lines_visible(actor, bill, village=village)
        .annotate(
            village_name=F("village__name"),
            worker_name=F("enrolment__worker__full_name"),
            worker_nik=F("enrolment__worker__nik"),
            kpj=F("enrolment__kpj"),
            paid_on=Subquery(paid_on[:1]),
        )
        .order_by("village_id", "enrolment__worker__full_name", "id")
        .values(*LINE_FIELDS)
    )


def line_rows(actor, bill: Bill, values) -> list[BillLineRow]:
    return [
        BillLineRow(
            id=v["id"],
            enrolment_id=v["enrolment_id"],
            kind=v["kind"],
            name=v["worker_name"],
            nik=nik_for_display(actor, v["worker_nik"]),
            kpj=v["kpj"],
            village_code=v["village_id"],
            village=v["village_name"],
            amount=v["amount"],
            gross=v["gross"],
            reason=v["reason"],
            paid_on=v["paid_on"],
            late=bool(v["paid_on"] and v["paid_on"] > bill.due_date),
        )
        for v in values
    ]


def bill_lines_page(
    actor, bill: Bill, *, village: str = "", page: int = 1, per_page: int = 50
) -> tuple[Page, list[BillLineRow]]:
    """One page of visible lines (a COUNT and one SELECT, whatever the number of lines)."""
    paginator = Paginator(bill_line_values(actor, bill, village=village), per_page)
    current = paginator.get_page(page)
    return current, line_rows(actor, bill, current.object_list)


def bill_villages(actor, bill: Bill) -> list[tuple[str, str]]:
    """(code, name) of the villages with visible lines, for the village filter."""
    rows = (
        bill_lines_visible(actor, bill)
        .values_list("village_id", "village__name")
        .distinct()
        .order_by("village_id")
    )
    return list(rows)


def bill_payments(bill: Bill) -> QuerySet[BillPayment]:
    return BillPayment.objects.filter(bill=bill).select_related("recorded_by").order_by("-recorded_at")
