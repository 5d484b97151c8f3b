from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit import AuditAction
from .fields import RegionCodeField


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class RuleRowQuerySet(models.QuerySet):
    def in_force(self, on):
        """Rows in force on ``on`` (``valid_from <= on <= valid_to``, no ``valid_to`` = open), latest first.

        Rows are never edited: a change is a row with a later ``valid_from``, which wins from that date
        (docs/adr/0002). ``.first()`` is therefore the row in force.
        """
        return self.filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on), valid_from__lte=on
        ).order_by("-valid_from", "-pk")


class RuleRow(models.Model):
    """A rule as a dated row with its legal basis (rates, age limits, funding-source policy, thresholds).

    ``rule_key`` names the fields that say which rule a row is about (e.g. the funding source): rows with the
    same key compete, the latest ``valid_from`` wins, and two of them may not start on the same day.
    """

    rule_key: tuple[str, ...] = ()

    valid_from = models.DateField(_("berlaku mulai"))
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=255)
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    objects = RuleRowQuerySet.as_manager()

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One row per act on personal data: who saw or changed what, when (UU PDP 27/2022 Art. 16, 31).

    Rows are only ever inserted. ``region_code`` is the region of the data touched, so auditors can be scoped
    like everybody else.
    """

    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    # Both indexed in Meta: the actor only where there is one (the background jobs write hundreds of
    # thousands of events as Lindung itself), the action without PostgreSQL's second, LIKE-prefix index
    # (an action is always matched whole). Every event writes every index.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    actor_label = models.CharField(_("pelaku (teks)"), max_length=150, blank=True)
    action = models.CharField(_("tindakan"), max_length=64, choices=AuditAction.choices)
    object_type = models.CharField(_("jenis objek"), max_length=64, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    region_code = RegionCodeField(_("wilayah"), blank=True, db_index=True)
    summary = models.CharField(_("ringkasan"), max_length=255, blank=True)
    detail = models.JSONField(_("rincian"), default=dict, blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["action"], name="audit_action"),
            models.Index(fields=["actor"], condition=models.Q(actor__isnull=False), name="audit_actor"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}#{self.object_id}"
        )


class Job(TimeStampedModel):
    """A long piece of work (an import, an export, a report) with progress a page can poll."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("antre")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    kind = models.CharField(_("jenis"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(_("selesai"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("pesan"), max_length=255, blank=True)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    # ``host:pid:start`` of the process running it; with ``updated_at`` (the heartbeat) it tells whether a
    # "running" job was abandoned (lindung.core.jobs).
    owner = models.CharField(_("dijalankan oleh proses"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0


class ScheduledRun(models.Model):
    """One run of a daily job on one day. The unique pair is what lets several workers share a schedule:
    the first to insert the row runs the job, the others see it taken (``core.schedule``)."""

    name = models.CharField(_("pekerjaan"), max_length=60)
    day = models.DateField(_("tanggal"))
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    summary = models.TextField(_("hasil"), blank=True)
    failed = models.BooleanField(_("gagal"), default=False)

    class Meta:
        verbose_name = _("pekerjaan terjadwal")
        verbose_name_plural = _("pekerjaan terjadwal")
        ordering = ["-day", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="scheduled_run_once_a_day")]

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
