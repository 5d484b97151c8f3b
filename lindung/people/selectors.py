"""Reads on the registry that views, the API and reports share."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from lindung.accounts.selectors import scope_of
from lindung.core.fields import within_region
from lindung.core.services import audit_record

from .models import Worker


def workers_in_region(code: str | None) -> QuerySet[Worker]:
    return Worker.objects.filter(within_region("village_id", code))


def workers_visible_to(user) -> QuerySet[Worker]:
    """The workers a user may see: their region's subtree; a sponsor only the people it funds."""
    scope = scope_of(user)
    qs = Worker.objects.filter(scope.q("village_id"))
    if scope.is_sponsor:
        qs = qs.filter(enrolments__programme__sponsor_id=scope.sponsor_id).distinct()
    return qs


def worker_for(user, pk: int, *, action: str = "worker.view") -> Worker:
    """One worker the user may see, or 404. A miss on a worker that exists elsewhere is logged as an attempt."""
    worker = workers_visible_to(user).select_related("village").filter(pk=pk).first()
    if worker is None:
        other = Worker.objects.filter(pk=pk).values_list("village_id", flat=True).first()
        if other is not None:
            audit_record(
                actor=user,
                action="access.denied",
                object_type="worker",
                object_id=pk,
                region_code=other,
                summary=f"Akses ditolak ke pekerja di luar wilayah ({action})",
            )
        raise Http404("Pekerja tidak ditemukan")
    return worker


def nik_for_display(user, nik: str) -> str:
    """The NIK as this user may see it: whole for roles whose work needs it, ``6203********0001`` otherwise."""
    return nik if scope_of(user).sees_full_nik else mask_nik(nik)


def mask_nik(nik: str) -> str:
    """``6203********0001``: the partial mask lokal-id's Samaran uses for NIKs."""
    from lokal import partial_mask

    return partial_mask("NIK", nik)
