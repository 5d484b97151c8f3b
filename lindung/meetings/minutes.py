"""The minutes of a meeting as one PDF: the notulen (attendance, figures discussed, recommendations adopted,
follow-up of the previous ones) and the berita acara with the chair's signature block.

The minutes are an Indonesian document whoever downloads them; downloading one is on the audit trail.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from lindung.core.audit import AuditAction
from lindung.core.pdf import pdf_from_html
from lindung.core.services import audit_record

from .models import Meeting
from .selectors import frozen_rows, meeting_recommendations, previous_outcomes


def minutes_html(meeting: Meeting) -> str:
    with translation.override("id"):
        return render_to_string(
            "meetings/minutes_pdf.html",
            {
                "meeting": meeting,
                "figures": meeting.figures,
                "frozen": frozen_rows(meeting),
                "attendance": list(meeting.attendance.select_related("region")),
                "recommendations": meeting_recommendations(meeting),
                "outcomes": previous_outcomes(meeting),
                "generated_at": timezone.localtime(),
            },
        )


def minutes_pdf(meeting: Meeting, *, actor) -> bytes:
    """The minutes PDF; the caller has already checked the actor may read the meeting."""
    pdf = pdf_from_html(minutes_html(meeting))
    audit_record(
        actor=actor,
        action=AuditAction.MINUTES_DOWNLOAD,
        object_type="meeting",
        object_id=meeting.pk,
        region_code=meeting.region_id,
        summary=f"Notulen rapat monev #{meeting.pk} ({meeting.held_on:%d-%m-%Y}) diunduh",
    )
    return pdf


def minutes_filename(meeting: Meeting) -> str:
    return f"notulen-rapat-{meeting.region_id}-{meeting.held_on:%Y-%m-%d}.pdf"
