"""Assigning named workers to a sponsor for a period, ending a sponsorship, and the daily end of due ones."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.accounts.models import Sponsor
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record, audit_record_many
from lindung.people.models import Worker
from lindung.people.selectors import nik_for_display
from lindung.programmes.models import Programme
from lindung.regions.codes import within

from ..models import Sponsorship, SponsorshipNoticeRule
from .common import SponsorshipRefused, period_parse
from .sponsors import sponsor_region


def overlapping(workers, start: dt.date, end: dt.date) -> QuerySet[Sponsorship]:
    """Sponsorships of ``workers`` that pay for any day of ``start``..``end`` (an ended one up to its end)."""
    return Sponsorship.objects.filter(worker__in=workers, start_date__lte=end).filter(
        Q(ended_on__isnull=True, end_date__gte=start) | Q(ended_on__gte=start)
    )


def niks_parse(text: str | Sequence[str]) -> list[str]:
    """NIKs as typed: one per line (or separated by commas or spaces), dots and spaces inside dropped."""
    items = re.split(r"[\n,;]+", text) if isinstance(text, str) else list(text)
    return [re.sub(r"[\s.\-]", "", str(item)) for item in items if str(item).strip()]


def _workers(actor, niks: list[str]) -> list[Worker]:
    """The workers the NIKs name, in order; a malformed, unknown or repeated NIK is refused naming its line."""
    errors = {}
    seen: set[str] = set()
    for line, nik in enumerate(niks, start=1):
        if not re.fullmatch(r"\d{16}", nik):
            errors[f"niks.{line}"] = f'Baris {line}: "{nik}" bukan NIK 16 digit.'
        elif nik in seen:
            errors[f"niks.{line}"] = f"Baris {line}: NIK {nik_for_display(actor, nik)} tertulis dua kali."
        seen.add(nik)
    if not niks:
        errors["niks"] = "Tuliskan NIK pekerja yang disponsori, satu per baris."
    found = {w.nik: w for w in Worker.objects.filter(nik__in=seen)}
    for line, nik in enumerate(niks, start=1):
        if f"niks.{line}" not in errors and nik not in found:
            errors[f"niks.{line}"] = (
                f"Baris {line}: NIK {nik_for_display(actor, nik)} tidak ada di daftar pekerja."
            )
    if errors:
        raise SponsorshipRefused(errors)
    return [found[nik] for nik in niks]


def _programme_errors(programme: Programme | None, workers: list[Worker], start, end) -> dict[str, str]:
    if programme is None:
        return {}
    errors = {}
    outside = [w.full_name for w in workers if not within(w.village_id, programme.coverage_region_id)]
    if outside:
        errors["programme"] = f"Di luar wilayah program {programme.code}: {', '.join(outside)}."
    return errors


def _overlap_errors(actor, workers: list[Worker], start: dt.date, end: dt.date) -> dict[str, str]:
    clashes = overlapping(workers, start, end).select_related("sponsor", "worker").order_by("worker_id", "pk")
    return {
        f"worker.{s.worker_id}": (
            f"{s.worker.full_name} (NIK {nik_for_display(actor, s.worker.nik)}) sudah disponsori "
            f"{s.sponsor.name} {s.start_date:%d-%m-%Y} s.d. {s.last_day:%d-%m-%Y}; "
            "seorang pekerja tidak boleh punya dua sponsor pada hari yang sama."
        )
        for s in clashes
    }


@dataclass(frozen=True)
class Assignment:
    sponsorships: list[Sponsorship]

    @property
    def count(self) -> int:
        return len(self.sponsorships)


def sponsorship_assign(
    *,
    actor,
    sponsor: Sponsor,
    niks: str | Sequence[str],
    start_date,
    end_date,
    programme: Programme | None = None,
) -> Assignment:
    """Sponsor the named workers for a period (SPONSORSHIP_CREATE, one event per person).

    Steps: the role and the sponsor's region; the NIKs to workers (each named when refused); every worker
    inside the actor's region; the period; no worker already sponsored on any of its days. All or none.
    """
    scope = access_require(
        actor,
        "sponsorship.manage",
        region_code=sponsor_region(sponsor),
        object_type="sponsor",
        object_id=sponsor.pk,
        what="menetapkan pekerja bagi sponsor",
    )
    workers = _workers(actor, niks_parse(niks))
    for worker in workers:
        if not scope.covers(worker.village_id):
            access_require(
                actor,
                "sponsorship.manage",
                region_code=worker.village_id,
                object_type="worker",
                object_id=worker.pk,
                what="menetapkan sponsor bagi pekerja",
            )
    start, end = period_parse(start_date, end_date)
    if errors := _programme_errors(programme, workers, start, end):
        raise SponsorshipRefused(errors)
    with transaction.atomic():
        # Lock the people, so two offices assigning the same person at once cannot both pass the check.
        list(Worker.objects.select_for_update().filter(pk__in=[w.pk for w in workers]).values_list("pk"))
        if errors := _overlap_errors(actor, workers, start, end):
            raise SponsorshipRefused(errors)
        user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        made = Sponsorship.objects.bulk_create(
            [
                Sponsorship(
                    sponsor=sponsor,
                    worker=w,
                    programme=programme,
                    start_date=start,
                    end_date=end,
                    created_by=user,
                )
                for w in workers
            ]
        )
        if made and made[0].pk is None:  # backends that do not return ids from a bulk insert
            made = list(Sponsorship.objects.filter(sponsor=sponsor, worker__in=workers, start_date=start))
        audit_record_many(
            actor=actor,
            action=AuditAction.SPONSORSHIP_CREATE,
            object_type="sponsorship",
            rows=[(s.pk, w.village_id) for s, w in zip(made, workers, strict=True)],
            summary=f"{sponsor.name} mensponsori {len(made)} pekerja {start:%d-%m-%Y} s.d. {end:%d-%m-%Y}",
        )
    return Assignment(sponsorships=made)


def sponsorship_end(*, actor, sponsorship: Sponsorship, on=None, reason: str = "") -> Sponsorship:
    """End a sponsorship early, on ``on`` (default today): the last day the sponsor pays for (SPONSORSHIP_END)."""
    region = Worker.objects.filter(pk=sponsorship.worker_id).values_list("village_id", flat=True).get()
    access_require(
        actor,
        "sponsorship.manage",
        region_code=region,
        object_type="sponsorship",
        object_id=sponsorship.pk,
        what="mengakhiri sponsor pekerja",
    )
    reason = " ".join(str(reason or "").split())[:255]
    last = on or timezone.localdate()
    if not isinstance(last, dt.date):
        last = period_parse(sponsorship.start_date, last, fields=("start_date", "on"))[1]
    errors = {}
    if sponsorship.ended_on:
        errors["on"] = f"Sponsor ini sudah berakhir pada {sponsorship.ended_on:%d-%m-%Y}."
    elif last < sponsorship.start_date:
        errors["on"] = f"Tanggal {last:%d-%m-%Y} sebelum sponsor mulai ({sponsorship.start_date:%d-%m-%Y})."
    elif last > sponsorship.end_date:
        errors["on"] = (
            f"Tanggal {last:%d-%m-%Y} sesudah akhir masa sponsor ({sponsorship.end_date:%d-%m-%Y})."
        )
    if not reason:
        errors["reason"] = "Alasan mengakhiri sponsor wajib diisi."
    if errors:
        raise SponsorshipRefused(errors)
    with transaction.atomic():
        changed = Sponsorship.objects.filter(pk=sponsorship.pk, ended_on__isnull=True).update(
            ended_on=last, end_reason=reason, updated_at=timezone.now()
        )
        if not changed:
            raise SponsorshipRefused({"on": "Sponsor ini sudah diakhiri oleh orang lain."})
        sponsorship.ended_on, sponsorship.end_reason = last, reason
        audit_record(
            actor=actor,
            action=AuditAction.SPONSORSHIP_END,
            object_type="sponsorship",
            object_id=sponsorship.pk,
            region_code=region,
            summary=f"Sponsor pekerja #{sponsorship.worker_id} diakhiri {last:%d-%m-%Y}: {reason}"[:255],
        )
    return sponsorship


@dataclass(frozen=True)
class CloseReport:
    ended: int
    as_of: dt.date
    basis: str

    @property
    def summary(self) -> str:
        return f"{self.ended} sponsor pekerja berakhir per {self.as_of:%d-%m-%Y} ({self.basis})"


def sponsorships_close_due(*, actor=None, as_of: dt.date | None = None) -> CloseReport:
    """End, set-based, every sponsorship whose end date has passed (the daily job; SPONSORSHIP_END per person).

    The sponsor paid up to its agreed end date and no further: the sponsorship ends on that date. The event
    cites the notice rule in force, whose warnings went out before.
    """
    as_of = as_of or timezone.localdate()
    access_require(
        actor, "sponsorship.manage", object_type="sponsorship", what="mengakhiri sponsor yang lewat"
    )
    rule = SponsorshipNoticeRule.objects.in_force(as_of).first()
    basis = rule.legal_basis if rule else "tanggal akhir masa sponsor yang disepakati"
    due = Sponsorship.objects.filter(ended_on__isnull=True, end_date__lt=as_of)
    with transaction.atomic():
        rows = list(due.select_for_update().values_list("pk", "worker__village_id"))
        due.filter(pk__in=[pk for pk, _ in rows]).update(
            ended_on=F("end_date"),
            end_reason=f"Masa sponsor berakhir ({basis})"[:255],
            updated_at=timezone.now(),
        )
        audit_record_many(
            actor=actor,
            action=AuditAction.SPONSORSHIP_END,
            object_type="sponsorship",
            rows=rows,
            summary=f"Masa sponsor berakhir; dasar: {basis}",
        )
    return CloseReport(ended=len(rows), as_of=as_of, basis=basis)
