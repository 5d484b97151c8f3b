"""``demo_load``: the demo programmes with their people, enrolments and payments, in one transaction."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lindung.billing.models import Payment
from lindung.billing.services import billing_daily
from lindung.demo.users import demo_sponsor
from lindung.enrolment.models import Enrolment, Status
from lindung.people.models import Worker
from lindung.programmes.models import Programme
from lindung.programmes.services import programme_create
from lindung.regions.models import Region

from .claims import demo_claims
from .dedup import demo_duplicates
from .funding import demo_funding
from .meetings import demo_meetings
from .money import check_day
from .people import demo_workers
from .plans import Plan, demo_plans
from .registry import registry_demo
from .run import demo_run
from .sponsorship import demo_sponsorships
from .statement import demo_statement
from .ucj import demo_ucj

SEED = 2026


def _users() -> dict[str, object]:
    return {u.username: u for u in get_user_model().objects.filter(username__contains=".")}


def _villages(plans: list[Plan]) -> dict[str, Region]:
    """The villages the plans place people in; refuses when the region table lacks any of them."""
    codes = [v for p in plans for v in (p.villages or [])] + [v for p in plans for v, _ in p.explicit]
    regions = Region.objects.in_bulk([c for c in codes if c])
    missing = sorted(set(codes) - set(regions))
    if missing:
        raise RuntimeError(
            f"Wilayah belum dimuat ({', '.join(missing)}); jalankan dulu: lindung regions load"
        )
    return regions


def _summary(plans: list[Plan], totals: Counter) -> str:
    statuses = Counter(
        Enrolment.objects.filter(programme__code__in=[p.data["code"] for p in plans]).values_list(
            "status", flat=True
        )
    )
    shown = ", ".join(f"{Status(s).label} {statuses[s]}" for s in Status.values if statuses[s])
    return (
        f"Program demo: {totals['programmes']} program, {totals['workers']} pekerja, "
        f"{sum(statuses.values())} kepesertaan ({shown}), {totals['payments']} pembayaran iuran."
    )


@transaction.atomic
def demo_load(today: dt.date | None = None) -> str:
    """Create the demo programmes with workers, enrolments in every status, a year of bills and payments,
    the daily job's lapses and reactivation, and one insurer statement; one-line summary."""
    today = today or timezone.localdate()
    if Programme.objects.filter(code="bky-1desa100").exists():
        return "Program demo sudah ada; tidak ada perubahan."
    rng = random.Random(SEED)
    users = _users()
    plans = demo_plans(today, demo_sponsor())
    regions = _villages(plans)
    taken = set(Worker.objects.values_list("nik", flat=True))
    serials: Counter = Counter()
    totals: Counter = Counter()
    showcase = None
    for plan in plans:
        programme = programme_create(actor=users.get("admin.kapuas"), data=plan.data)
        workers = Worker.objects.bulk_create(
            demo_workers(rng, plan, regions, serials, taken, today), batch_size=2000
        )
        if workers and workers[0].pk is None:
            workers = list(Worker.objects.filter(nik__in=[w.nik for w in workers]))
        totals["workers"] += len(workers)
        showcase = demo_run(rng, plan, programme, workers, today, users) or showcase
        totals["programmes"] += 1
    # The daily job as it would have run: before the demo month (the early laggards lapse), then on the demo
    # day, after the insurer's statement paid one member's arrears (two lapse on schedule, one comes back).
    billing_daily(actor=None, as_of=check_day(today))
    if showcase is not None:
        demo_statement(showcase, today)
    daily = billing_daily(actor=None, as_of=today)
    claims = demo_claims(today)
    registry_demo(today)
    demo_ucj(today)
    claims += demo_meetings(today)
    claims += demo_sponsorships(today, demo_sponsor())
    claims += demo_funding(today)
    claims += demo_duplicates()
    totals["payments"] = Payment.objects.filter(
        enrolment__programme__code__in=[p.data["code"] for p in plans]
    ).count()
    return (
        _summary(plans, totals)
        + f" Tugas harian {today:%d-%m-%Y}: {len(daily.lapsed)} dinonaktifkan, {len(daily.reactivated)} aktif kembali."
        + claims
    )
