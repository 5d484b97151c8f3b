"""Status changes that follow from payments: activation, lapse and reactivation.

They sit in billing, above enrolment, because their rules read payments: a membership starts on the day
the first contribution is paid (PP 44/2015 Art 11(4)); more than N consecutive unpaid due months make it
non-active and paying the arrears makes it active again (Art 39(2), 42(2); N is the payment rule row's).
Every path (pages, API, the insurer's reply, the daily job) comes here; the lifecycle table itself is
``enrolment.services.enrolments_transition``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.contributions.selectors import RuleBook
from lindung.core.months import month_label, month_of
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import (
    TransitionRefused,
    TransitionReport,
    decision_prepare,
    enrolment_transition,
    enrolments_decide,
    enrolments_move_selected,
    enrolments_transition,
)

from ..models import Payment
from ..selectors import enrolment_arrears, lapse_due_groups, reactivation_due_by_programme


def first_payment_dates(ids: Iterable[int]) -> dict[int, dt.date]:
    """The date each enrolment's first contribution was paid, for those that have one."""
    rows = (
        Payment.objects.filter(enrolment_id__in=list(ids))
        .values("enrolment_id")
        .annotate(first=Min("paid_on"))
        .order_by()
    )
    return {r["enrolment_id"]: r["first"] for r in rows}


def enrolments_activate(
    *,
    actor,
    ids: Iterable[int],
    per_id: Mapping[int, Mapping[str, Any]] | None = None,
    today: dt.date | None = None,
    reason: str = "",
    kpj: str | None = None,
    start_date: dt.date | None = None,
) -> TransitionReport:
    """The insurer issued KPJs: activate, starting on the date given or else on the first payment's date."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    values: dict[int, dict[str, Any]] = {i: dict(v) for i, v in (per_id or {}).items()}
    if start_date is None:
        missing = [i for i in ids if not values.get(i, {}).get("start_date")]
        for eid, first in first_payment_dates(missing).items():
            values.setdefault(eid, {})["start_date"] = first
    shared = {k: v for k, v in {"kpj": kpj, "start_date": start_date}.items() if v is not None}
    return enrolments_transition(
        actor=actor,
        ids=ids,
        to_status=Status.ACTIVE,
        per_id=values,
        today=today,
        reason=reason or "KPJ terbit",
        **shared,
    )


def enrolment_activate(
    *, actor, enrolment: Enrolment, kpj: str, start_date: dt.date | None = None, today: dt.date | None = None
) -> Enrolment:
    """Activate one membership (KPJ issued). ``start_date`` defaults to the first contribution's payment date."""
    report = enrolments_activate(actor=actor, ids=[enrolment.pk], kpj=kpj, start_date=start_date, today=today)
    if report.refused:
        raise TransitionRefused(report.refused[enrolment.pk])
    enrolment.refresh_from_db()
    return enrolment


def _lapse_refusal(enrolment: Enrolment, as_of: dt.date, rules: RuleBook) -> str | None:
    arrears = enrolment_arrears(enrolment, as_of=as_of, rules=rules)
    if enrolment.status == Status.ACTIVE and not arrears.lapses:
        return (
            f"Kepesertaan #{enrolment.pk}: tunggakan berturut-turut {arrears.streak} bulan per "
            f"{as_of:%d-%m-%Y}; menjadi non-aktif hanya setelah lebih dari {arrears.lapse_after} bulan "
            f"({arrears.basis})."
        )
    return None


def _reactivation_refusal(enrolment: Enrolment, as_of: dt.date, rules: RuleBook) -> str | None:
    if enrolment.status != Status.NON_ACTIVE:
        return None
    arrears = enrolment_arrears(enrolment, as_of=as_of, rules=rules)
    rule = rules.payment_rule(enrolment.programme.segment, month_of(as_of))
    if len(arrears.unpaid) <= rule.reactivate_when_unpaid_at_most:
        return None
    months = ", ".join(month_label(m) for m in arrears.unpaid)
    return (
        f"Kepesertaan #{enrolment.pk} belum dapat diaktifkan kembali: tunggakan bulan {months} belum dibayar "
        f"per {as_of:%d-%m-%Y}; aktif kembali bila tunggakan tersisa paling banyak "
        f"{rule.reactivate_when_unpaid_at_most} bulan ({rule.legal_basis})."
    )


def _lapse_reason(rule, as_of: dt.date) -> str:
    return (
        f"Menunggak lebih dari {rule.lapse_after_unpaid_months} bulan berturut-turut per "
        f"{as_of:%d-%m-%Y}: hak JKK/JKM gugur ({rule.legal_basis})"
    )


def _reactivation_reason(rule, as_of: dt.date) -> str:
    return (
        f"Tunggakan dibayar: tersisa paling banyak {rule.reactivate_when_unpaid_at_most} bulan per "
        f"{as_of:%d-%m-%Y} ({rule.legal_basis})"
    )


def enrolment_lapse(*, actor, enrolment: Enrolment, as_of: dt.date | None = None) -> Enrolment:
    """Make an active membership non-active; refused unless its unpaid run is longer than the rule allows."""
    as_of = as_of or timezone.localdate()
    rules = RuleBook.load()
    refusal = _lapse_refusal(enrolment, as_of, rules)
    if refusal:
        raise TransitionRefused(refusal)
    arrears = enrolment_arrears(enrolment, as_of=as_of, rules=rules)
    return enrolment_transition(
        actor=actor,
        enrolment=enrolment,
        to_status=Status.NON_ACTIVE,
        reason=f"{arrears.reason} ({arrears.basis})",
        today=as_of,
    )


def _move_by_programme(
    *, actor, found, to_status: str, as_of: dt.date, rules: RuleBook, reason
) -> TransitionReport:
    """Move what each programme's query selects, in SQL, with the reason its rule row gives: programmes whose
    rule row is the same move together."""
    by_reason: dict[str, list] = defaultdict(list)
    for prog, selected in found:
        by_reason[reason(rules.payment_rule(prog.segment, month_of(as_of)), as_of)].append(selected)
    report = TransitionReport(to_status=to_status)
    for text, parts in by_reason.items():
        report.moved += enrolments_move_selected(
            actor=actor, selected=parts, to_status=to_status, reason=text, today=as_of
        )
    report.moved.sort()
    return report


@transaction.atomic
def enrolments_lapse(*, actor, as_of: dt.date | None = None, programme=None) -> TransitionReport:
    """Make every active membership whose unpaid run is longer than the payment rule allows non-active."""
    as_of = as_of or timezone.localdate()
    rules = RuleBook.load()
    found = lapse_due_groups(as_of=as_of, programme=programme, rules=rules)
    return _move_by_programme(
        actor=actor, found=found, to_status=Status.NON_ACTIVE, as_of=as_of, rules=rules, reason=_lapse_reason
    )


@transaction.atomic
def enrolments_reactivate(*, actor, as_of: dt.date | None = None, programme=None) -> TransitionReport:
    """Make every non-active membership whose unpaid due months are now within the rule row's
    ``reactivate_when_unpaid_at_most`` active again (payments made by ``as_of`` count)."""
    as_of = as_of or timezone.localdate()
    rules = RuleBook.load()
    found = reactivation_due_by_programme(as_of=as_of, programme=programme, rules=rules)
    return _move_by_programme(
        actor=actor,
        found=found,
        to_status=Status.ACTIVE,
        as_of=as_of,
        rules=rules,
        reason=_reactivation_reason,
    )


@dataclass
class DailyReport:
    """What one run of the daily job moved."""

    as_of: dt.date
    lapsed: list[int] = field(default_factory=list)
    reactivated: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def summary(self) -> str:
        verb = "akan" if self.dry_run else "telah"
        return (
            f"Per {self.as_of:%d-%m-%Y}: {len(self.lapsed)} peserta {verb} dinonaktifkan, "
            f"{len(self.reactivated)} peserta {verb} diaktifkan kembali, {len(self.refused)} ditolak."
        )


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that nothing it wrote stays."""


def billing_daily(*, actor=None, as_of: dt.date | None = None, dry_run: bool = False) -> DailyReport:
    """The daily job: lapse (PP 44/2015 Art 39(2), 42(2)) then reactivate, by the payment rule rows in force.

    ``actor`` None is Lindung's own background job; a user needs ``account.manage`` (the job spans every
    region). ``dry_run`` computes the same moves inside a transaction that is rolled back.
    """
    if actor is not None:
        access_require(actor, "account.manage", object_type="billing_daily", what="billing_daily")
    as_of = as_of or timezone.localdate()
    report = DailyReport(as_of=as_of, dry_run=dry_run)
    try:
        with transaction.atomic():
            lapsed = enrolments_lapse(actor=actor, as_of=as_of)
            reactivated = enrolments_reactivate(actor=actor, as_of=as_of)
            report.lapsed, report.reactivated = lapsed.moved, reactivated.moved
            report.refused = lapsed.refused | reactivated.refused
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def enrolment_reactivate(*, actor, enrolment: Enrolment, as_of: dt.date | None = None) -> Enrolment:
    """Back to active once the unpaid due months are within the rule row's ``reactivate_when_unpaid_at_most``."""
    as_of = as_of or timezone.localdate()
    rules = RuleBook.load()
    refusal = _reactivation_refusal(enrolment, as_of, rules)
    if refusal:
        raise TransitionRefused(refusal)
    rule = rules.payment_rule(enrolment.programme.segment, month_of(as_of))
    return enrolment_transition(
        actor=actor,
        enrolment=enrolment,
        to_status=Status.ACTIVE,
        reason=_reactivation_reason(rule, as_of),
        today=as_of,
    )


def enrolments_change_status(
    *,
    actor,
    ids: Iterable[int],
    to_status: str,
    reason: str = "",
    today: dt.date | None = None,
    **fields: Any,
) -> TransitionReport:
    """Any lifecycle step for many enrolments, by a user: capability and region first, then the rules.

    Active and non-active follow the payments: an activation starts on the first payment's date, a lapse is
    refused while the unpaid run is within the rule, a reactivation while more due months are unpaid than the
    rule row's ``reactivate_when_unpaid_at_most``. Every other
    step is ``enrolment.services.enrolments_decide``.
    """
    if to_status not in (Status.ACTIVE, Status.NON_ACTIVE):
        return enrolments_decide(actor=actor, ids=ids, to_status=to_status, reason=reason, **fields)
    allowed, refused = decision_prepare(actor=actor, ids=ids, to_status=to_status)
    as_of = today or timezone.localdate()
    rules = RuleBook.load()
    check = _lapse_refusal if to_status == Status.NON_ACTIVE else _reactivation_refusal
    movable: list[int] = []
    for enrolment in Enrolment.objects.filter(id__in=allowed).select_related("programme"):
        problem = check(enrolment, as_of, rules)
        if problem:
            refused[enrolment.pk] = problem
        else:
            movable.append(enrolment.pk)
    if to_status == Status.ACTIVE:
        report = enrolments_activate(
            actor=actor,
            ids=movable,
            today=as_of,
            reason=reason,
            kpj=fields.get("kpj"),
            start_date=fields.get("start_date"),
        )
    else:
        report = enrolments_transition(
            actor=actor, ids=movable, to_status=to_status, reason=reason, today=as_of, **fields
        )
    report.refused = refused | report.refused
    return report
