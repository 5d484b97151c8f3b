"""Reads behind renewal into the next budget year and the province hand-over. No access checks here:
``services.renewal`` and ``services.handover`` check the actor, then call these.

Renewal re-checks the source programme's active members against the target with the proposal checks
(``eligibility.eligibility_many``: age on the target's first month, categories, coverage area, double
funding, village and total quota, budget ceiling), in a fixed number of queries whatever the head count.
The hand-over lists, per village, what each member pays on their own once the programme's months are over.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from lindung.contributions.calculator import QuoteCache, programme_income
from lindung.contributions.selectors import RuleBook
from lindung.core.months import month_add, month_label, month_of
from lindung.people.findings import Finding
from lindung.people.selectors import nik_for_display
from lindung.programmes.models import Programme
from lindung.regions.models import Region

from .eligibility import eligibility_many
from .models import EndReason, Enrolment, Status
from .selectors import programme_quota_usage
from .transitions import OCCUPYING

# The funding source written on a self-paid quote: not an APBN/APBD source, so PP 50/2025 reaches it.
SELF_PAID = "mandiri"
# Where a self-paying member pays (PP 44/2015 Art 24: directly, through a wadah or a group).
PAYMENT_CHANNELS = (
    "Bayar dengan NIK di kanal pembayaran mitra BPJS Ketenagakerjaan: kantor cabang, bank, kantor pos, "
    "gerai ritel, aplikasi JMO, atau melalui wadah/kelompok (PP 44/2015 Pasal 24)."
)
# Members a hand-over (or the daily close) ends: covered until the programme's last month.
HANDED_OVER = (Status.ACTIVE, Status.NON_ACTIVE)


@dataclass
class DroppedMember:
    enrolment_id: int
    worker_id: int
    name: str
    findings: list[Finding]

    @property
    def reasons(self) -> str:
        return "; ".join(f.message for f in self.findings if f.blocks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "enrolment_id": self.enrolment_id,
            "worker_id": self.worker_id,
            "name": self.name,
            "reasons": [f.to_dict() for f in self.findings if f.blocks],
        }


@dataclass
class VillageRenewal:
    """One village of the source programme: who is carried over, who is dropped and why, places left."""

    code: str
    name: str
    carried: list[int] = field(default_factory=list)  # worker ids
    dropped: list[DroppedMember] = field(default_factory=list)
    already: int = 0  # members already in the target (an earlier confirm, or proposed there directly)
    places_left: int | None = None  # in the target after the carry-over; None = no village quota

    def to_dict(self) -> dict[str, Any]:
        return {
            "village": self.code,
            "village_name": self.name,
            "carried": len(self.carried),
            "already_in_target": self.already,
            "dropped": [d.to_dict() for d in self.dropped],
            "places_left": self.places_left,
        }


@dataclass
class RenewalPreview:
    source: Programme
    target: Programme
    villages: list[VillageRenewal]
    source_enrolment: dict[int, tuple[int, str]]  # worker id → (source enrolment id, KPJ)
    village_of: dict[int, str]  # worker id → village the target enrolment takes (where they live now)
    total_left: int | None = None
    budget_left: int | None = None

    @property
    def carried_ids(self) -> list[int]:
        return [w for v in self.villages for w in v.carried]

    @property
    def dropped_count(self) -> int:
        return sum(len(v.dropped) for v in self.villages)

    @property
    def already_count(self) -> int:
        return sum(v.already for v in self.villages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.code,
            "target": self.target.code,
            "carried": len(self.carried_ids),
            "dropped": self.dropped_count,
            "already_in_target": self.already_count,
            "total_places_left": self.total_left,
            "budget_left": self.budget_left,
            "villages": [v.to_dict() for v in self.villages],
        }


def renewal_candidates(source: Programme) -> QuerySet[Enrolment]:
    """The source programme's active members, the people a renewal tries to carry over."""
    return Enrolment.objects.filter(programme=source, status=Status.ACTIVE)


def renewal_plan(source: Programme, target: Programme, *, today: dt.date) -> RenewalPreview:
    """Who of the source's active members the target takes, per village, in the order they were enrolled.

    Steps: one read of the candidates (with the worker's current village and name); one read of who is in
    the target already (they are skipped, so a second confirm changes nothing); ``eligibility_many`` for the
    rest, which hands out the target's places in order; one GROUP BY for the places left.
    """
    rows = list(
        renewal_candidates(source)
        .order_by("village_id", "id")
        .values_list("id", "worker_id", "kpj", "worker__village_id", "worker__full_name")
    )
    in_target = set(
        Enrolment.objects.filter(
            programme=target, worker_id__in=renewal_candidates(source).values("worker_id")
        ).values_list("worker_id", flat=True)
    )
    todo = [r[1] for r in rows if r[1] not in in_target]
    findings = eligibility_many(target, todo, today=today) if todo else {}
    villages: dict[str, VillageRenewal] = {}
    for eid, wid, _kpj, village, name in rows:
        line = villages.setdefault(village, VillageRenewal(code=village, name=""))
        if wid in in_target:
            line.already += 1
        elif any(f.blocks for f in findings[wid]):
            line.dropped.append(DroppedMember(eid, wid, name, [f for f in findings[wid] if f.blocks]))
        else:
            line.carried.append(wid)
    preview = RenewalPreview(
        source=source,
        target=target,
        villages=[villages[c] for c in sorted(villages)],
        source_enrolment={r[1]: (r[0], r[2]) for r in rows},
        village_of={r[1]: r[3] for r in rows},
    )
    _places_left(preview)
    return preview


def _places_left(preview: RenewalPreview) -> None:
    target = preview.target
    codes = [v.code for v in preview.villages]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    usage = programme_quota_usage(target, villages=codes)
    carried = Counter(preview.village_of[w] for w in preview.carried_ids)
    for line in preview.villages:
        line.name = names.get(line.code, "")
        quota = usage.quota_for(line.code)
        if quota is not None:
            line.places_left = max(quota - usage.used_by_village.get(line.code, 0) - carried[line.code], 0)
    if target.total_quota is not None:
        preview.total_left = max(target.total_quota - usage.total_used - len(preview.carried_ids), 0)


def renewed_elsewhere(programme: Programme) -> Exists:
    """The member holds a place in a later programme (a renewal took them over, or they were proposed)."""
    return Exists(
        Enrolment.objects.filter(
            worker_id=OuterRef("worker_id"),
            status__in=OCCUPYING,
            programme__start_month__gt=programme.start_month,
        ).exclude(programme_id=programme.pk)
    )


def handover_members(programme: Programme) -> QuerySet[Enrolment]:
    """Members a hand-over ends (active or non-active, not taken over by a later programme)."""
    return (
        Enrolment.objects.filter(programme=programme, status__in=HANDED_OVER)
        .annotate(renewed=renewed_elsewhere(programme))
        .filter(renewed=False)
    )


def handover_notice_rows(programme: Programme) -> QuerySet[Enrolment]:
    """Members on the notice list: still to be handed over, or already ended because the programme is over."""
    handed = Q(status__in=HANDED_OVER) | Q(status=Status.ENDED, end_reason=EndReason.PROGRAMME_OVER)
    return (
        Enrolment.objects.filter(programme=programme)
        .filter(handed)
        .annotate(renewed=renewed_elsewhere(programme))
        .filter(renewed=False)
    )


@dataclass
class Notice:
    enrolment_id: int
    name: str
    nik: str  # as the reader may see it (masked unless the role sees full NIKs)
    kpj: str
    monthly: int  # what the member pays each month on their own, after any discount
    status: str


@dataclass
class VillageNotice:
    code: str
    name: str
    notices: list[Notice] = field(default_factory=list)


@dataclass
class HandoverNotices:
    """The notice lists of one programme: per village, each member with what they pay from which month."""

    programme: Programme
    first_month: dt.date  # the first month members pay themselves
    due_rule: str  # "paling lambat tanggal 15 ...", from the payment rule row in force
    channels: str
    villages: list[VillageNotice]
    pending: int  # members still to be ended by the hand-over

    @property
    def first_month_label(self) -> str:
        return month_label(self.first_month)

    @property
    def count(self) -> int:
        return sum(len(v.notices) for v in self.villages)

    @property
    def enrolment_ids(self) -> list[int]:
        return [n.enrolment_id for v in self.villages for n in v.notices]

    def village(self, code: str) -> VillageNotice | None:
        return next((v for v in self.villages if v.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme.code,
            "first_self_paid_month": self.first_month.isoformat()[:7],
            "due_rule": self.due_rule,
            "channels": self.channels,
            "members": self.count,
            "pending": self.pending,
            "villages": [
                {
                    "village": v.code,
                    "village_name": v.name,
                    "members": [n.__dict__ for n in v.notices],
                }
                for v in self.villages
            ],
        }


def due_rule_text(segment: str, month: dt.date, rules: RuleBook) -> str:
    """The deadline in words from the payment rule row (BPU: by the 15th of the month itself)."""
    rule = rules.payment_rule(segment, month)
    when = "bulan iuran itu sendiri" if rule.due_month_offset == 0 else "bulan berikutnya"
    text = f"Iuran dibayar setiap bulan paling lambat tanggal {rule.due_day} {when}"
    if rule.next_working_day:
        text += "; bila jatuh pada hari libur, hari kerja berikutnya"
    return f"{text} ({rule.legal_basis})."


def handover_notices(programme: Programme, *, reader) -> HandoverNotices:
    """The per-village notice lists (two queries and one quote per income and category)."""
    first = month_add(programme.end_month, 1)
    rules = RuleBook.load()
    quotes = QuoteCache(programme, rules=rules, funding_source=SELF_PAID)
    rows = handover_notice_rows(programme).order_by("village_id", "worker__full_name", "id")
    by_village: dict[str, list[Notice]] = defaultdict(list)
    for eid, village, name, nik, kpj, category, fixed_income, status in rows.values_list(
        "id",
        "village_id",
        "worker__full_name",
        "worker__nik",
        "kpj",
        "worker__category",
        "worker__fixed_income",
        "status",
    ):
        income = programme_income(programme, fixed_income=fixed_income)
        monthly = quotes.quote(first, income, category).total if income else 0
        by_village[village].append(
            Notice(eid, name, nik_for_display(reader, nik), kpj, monthly, str(Status(status).label))
        )
    names = dict(Region.objects.filter(code__in=list(by_village)).values_list("code", "name"))
    return HandoverNotices(
        programme=programme,
        first_month=first,
        due_rule=due_rule_text(programme.segment, first, rules),
        channels=PAYMENT_CHANNELS,
        villages=[VillageNotice(c, names.get(c, ""), by_village[c]) for c in sorted(by_village)],
        pending=handover_members(programme).count(),
    )


def programme_months_over(programme: Programme, today: dt.date) -> bool:
    return month_of(today) > programme.end_month


def renewal_targets(source: Programme, programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """Programmes of ``programmes`` a renewal from ``source`` may go to: active, starting later."""
    return programmes.filter(is_active=True, start_month__gt=source.start_month).exclude(pk=source.pk)


__all__ = [
    "PAYMENT_CHANNELS",
    "SELF_PAID",
    "HANDED_OVER",
    "DroppedMember",
    "HandoverNotices",
    "Notice",
    "RenewalPreview",
    "VillageNotice",
    "VillageRenewal",
    "due_rule_text",
    "handover_members",
    "handover_notice_rows",
    "handover_notices",
    "programme_months_over",
    "renewal_candidates",
    "renewal_plan",
    "renewal_targets",
    "renewed_elsewhere",
]
