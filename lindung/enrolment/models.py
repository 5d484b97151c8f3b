from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import TimeStampedModel


class Status(models.TextChoices):
    PROPOSED = "proposed", _("diusulkan")
    VERIFIED = "verified", _("terverifikasi")
    REJECTED = "rejected", _("ditolak")
    SUBMITTED = "submitted", _("dikirim ke BPJS")
    ACTIVE = "active", _("aktif")
    NON_ACTIVE = "non_active", _("non-aktif")
    ENDED = "ended", _("berakhir")


class EndReason(models.TextChoices):
    DEATH = "death", _("meninggal dunia")
    MOVED = "moved", _("pindah domisili")
    WAGE_EARNER = "wage_earner", _("menjadi penerima upah")
    AGE_LIMIT = "age_limit", _("batas umur")
    PROGRAMME_OVER = "programme_over", _("program berakhir")
    WITHDRAWN = "withdrawn", _("mengundurkan diri / dibatalkan")


class Enrolment(TimeStampedModel):
    """Where one worker stands in one programme. Status changes only through enrolment.services."""

    # No foreign key has an index of its own where another index leads with it: enrolment_unique with the
    # worker, (programme, status) with the programme, (village, status) with the village (which also serves
    # the region ranges of subtree_q). A status change writes every index of the row (the daily job moves
    # 600,000 rows at national size), so an index another one already covers only costs.
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, related_name="enrolments", db_index=False
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="enrolments", db_index=False
    )
    # Copied from the worker at proposal time so that region-scoped counts need no join.
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+", db_index=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    kpj = models.CharField(_("nomor KPJ"), max_length=11, blank=True)
    start_date = models.DateField(_("mulai aktif"), null=True, blank=True)
    end_date = models.DateField(_("berakhir"), null=True, blank=True)
    end_reason = models.CharField(_("alasan berakhir"), max_length=16, choices=EndReason.choices, blank=True)
    reason = models.CharField(_("alasan terakhir"), max_length=255, blank=True)
    status_changed_at = models.DateTimeField(_("status berubah"), auto_now_add=True)
    # Indexed only where set (enrolment_proposed_by): imports and jobs propose as Lindung itself.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("kepesertaan")
        verbose_name_plural = _("kepesertaan")
        constraints = [
            models.UniqueConstraint(fields=["worker", "programme"], name="enrolment_unique"),
            models.CheckConstraint(
                condition=models.Q(kpj="") | models.Q(kpj__regex=r"^[0-9]{11}$"),
                name="enrolment_kpj_11_digits",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["village", "status"]),
            # Statements and claims decisions from the insurer name members by KPJ.
            models.Index(fields=["kpj"], condition=~models.Q(kpj=""), name="enrolment_kpj_idx"),
            models.Index(
                fields=["proposed_by"],
                condition=models.Q(proposed_by__isnull=False),
                name="enrolment_proposed_by",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id}@{self.programme_id}: {self.status}"


class EnrolmentEvent(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=150, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat kepesertaan")
        verbose_name_plural = _("riwayat kepesertaan")
        ordering = ["at", "id"]
        # Monev counts the month's lapses and reactivations by status and time.
        indexes = [models.Index(fields=["to_status", "at"], name="enrolment_event_status_at")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.from_status} → {self.to_status}"
