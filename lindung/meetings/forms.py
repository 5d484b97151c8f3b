"""HTML input into the services' arguments: dates, months, the attendance lists, a recommendation. The rules
stay in ``services``; a date that is no date is refused here, naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from lindung.core.months import month_parse

from .models import Institution
from .services import Attendee, MeetingRefused, RecommendationInput

# The agencies a meeting page offers as checkboxes; camat and village heads are lists of region codes.
AGENCIES = [i for i in Institution if i not in (Institution.CAMAT, Institution.KEPALA_DESA)]


def parse_day(text: str | None, field: str, label: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise MeetingRefused(
            {field: _('%(label)s: "%(text)s" bukan tanggal TTTT-BB-HH.') % {"label": label, "text": text}}
        ) from None


def parse_month(text: str | None, field: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return month_parse(text)
    except ValueError as exc:
        raise MeetingRefused({field: str(exc)}) from None


def _lines(text: str) -> list[tuple[str, str]]:
    """``kode; nama`` per line (the name is optional)."""
    out = []
    for line in (text or "").splitlines():
        code, _sep, name = line.partition(";")
        if code.strip():
            out.append((code.strip(), name.strip()))
    return out


def attendance_from(post) -> list[Attendee]:
    """The ticked agencies (with an optional name each), then camats and village heads, one per line."""
    people = [
        Attendee(str(a.value), name=(post.get(f"name_{a.value}") or "").strip())
        for a in AGENCIES
        if post.get(f"present_{a.value}")
    ]
    people += [Attendee(Institution.CAMAT.value, code, name) for code, name in _lines(post.get("camat", ""))]
    people += [
        Attendee(Institution.KEPALA_DESA.value, code, name)
        for code, name in _lines(post.get("kepala_desa", ""))
    ]
    return people


def meeting_from(post) -> dict[str, Any]:
    """The arguments of ``meeting_record`` but the actor."""
    return {
        "region_code": (post.get("region") or "").strip(),
        "held_on": parse_day(post.get("held_on"), "held_on", _("Tanggal rapat")),
        "place": post.get("place") or "",
        "period": parse_month(post.get("period"), "period"),
        "attendance": attendance_from(post),
        "chair_name": post.get("chair_name") or "",
        "chair_title": post.get("chair_title") or "",
        "notes": post.get("notes") or "",
    }


def recommendation_from(post, proposal: dict[str, Any] | None) -> RecommendationInput:
    """A proposal from the report with what the meeting changed in it (due date, responsible party), or a
    recommendation written by hand."""
    base = proposal or {}
    villages = (
        [c for c, _name in _lines(post.get("villages", ""))]
        if "villages" in post
        else base.get("villages", [])
    )
    kecamatan = (post.get("kecamatan") or "").strip()
    target_region = (post.get("target_region") or "").strip()
    if not target_region and villages == base.get("villages", []) and not kecamatan:
        # The proposal's own target region, while its responsible party is left as proposed.
        target_region = base.get("target_region", "")
    return RecommendationInput(
        title=post.get("title") or base.get("title", ""),
        text=post.get("text") if "text" in post else base.get("text", ""),
        rule=base.get("rule", ""),
        due_on=parse_day(post.get("due_on"), "due_on", _("Tenggat")),
        agency=post.get("agency") if "agency" in post else base.get("agency", ""),
        kecamatan=kecamatan,
        villages=villages,
        target_kind=post.get("target_kind") if "target_kind" in post else base.get("target_kind", ""),
        target_percent=post.get("target_percent") or base.get("target_percent"),
        target_region=target_region,
    )
