"""Reads on the registry that views, the API and reports share."""

from __future__ import annotations

from django.db.models import QuerySet

from lindung.core.fields import within_region

from .models import Worker


def workers_in_region(code: str | None) -> QuerySet[Worker]:
    return Worker.objects.filter(within_region("village_id", code))


def mask_nik(nik: str) -> str:
    """``6203********0001``: the partial mask lokal-id's Samaran uses for NIKs."""
    from lokal import partial_mask

    return partial_mask("NIK", nik)
