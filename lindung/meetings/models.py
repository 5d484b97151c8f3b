"""A monev meeting (who came, which month's figures, frozen) and the recommendations it adopted.

A recommendation's progress towards a measurable target is never stored as typed: it is read from the monev
figures (``selectors.progress``). What is stored is the value at the meeting (``baseline``), and, in the next
meeting's ``follow_up``, the value and status each previous recommendation had then: both are history.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.core.models import TimeStampedModel


class Level(models.TextChoices):
    PROVINSI = "provinsi", _("Rapat provinsi")
    KABUPATEN = "kabupaten", _("Rapat kabupaten/kota")


class Institution(models.TextChoices):
    DPMD = "dpmd", _("DPMD")
    DINSOS = "dinsos", _("Dinas Sosial")
    DISNAKERTRANS = "disnakertrans", _("Disnakertrans")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    BPJS = "bpjs", _("BPJS Ketenagakerjaan cabang")
    BAPPEDA = "bappeda", _("Bappeda")
    CAMAT = "camat", _("Camat")
    KEPALA_DESA = "kepala_desa", _("Kepala desa")
    KABUPATEN = "kabupaten", _("Pemerintah kabupaten/kota")
    OTHER = "lainnya", _("Lainnya")


# Institutions that stand for a region below the meeting's: a camat for a kecamatan, a village head for a desa.
REGION_INSTITUTIONS = {Institution.CAMAT: 3, Institution.KEPALA_DESA: 4}


class TargetKind(models.TextChoices):
    """A share read from the monev figures of the target's region, in percent."""

    COMMITMENT = "commitment", _("Kuota terisi (diusulkan s.d. non-aktif ÷ kuota)")
    COVERAGE = "coverage", _("Peserta aktif ÷ kuota")
    PAID = "paid", _("Iuran dibayar ÷ ditagih")
    UCJ = "ucj", _("UCJ (peserta aktif ÷ penduduk bekerja)")


class Status(models.TextChoices):
    OPEN = "open", _("Terbuka")
    IN_PROGRESS = "in_progress", _("Sedang dikerjakan")
    DONE = "done", _("Selesai")
    DROPPED = "dropped", _("Dibatalkan")


CLOSED = frozenset({Status.DONE, Status.DROPPED})


class Meeting(TimeStampedModel):
    level = models.CharField(_("tingkat"), max_length=12, choices=Level.choices)
    region = models.ForeignKey("regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT)
    held_on = models.DateField(_("tanggal rapat"))
    place = models.CharField(_("tempat"), max_length=200)
    period = models.DateField(_("periode angka yang dibahas"), help_text=_("Hari pertama bulannya."))
    chair_name = models.CharField(_("nama pimpinan rapat"), max_length=150, blank=True)
    chair_title = models.CharField(_("jabatan pimpinan rapat"), max_length=150, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    # The monev figures of the region and period as they were when the meeting was recorded
    # (``Figures.to_dict()``), with the report's proposals: a rebuild of the rollup never changes them.
    figures = models.JSONField(_("angka saat rapat"), default=dict, encoder=DjangoJSONEncoder)
    # The previous meeting's recommendations as they stood at this meeting: status and measured value.
    follow_up = models.JSONField(_("tindak lanjut rapat sebelumnya"), default=list, encoder=DjangoJSONEncoder)
    previous = models.ForeignKey(
        "self", verbose_name=_("rapat sebelumnya"), null=True, blank=True, on_delete=models.PROTECT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region", "held_on"])]
        verbose_name = _("rapat monev")
        verbose_name_plural = _("rapat monev")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.region_id} {self.held_on:%d-%m-%Y}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, related_name="attendance", on_delete=models.CASCADE)
    institution = models.CharField(_("instansi"), max_length=20, choices=Institution.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.PROTECT
    )
    name = models.CharField(_("nama"), max_length=150, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")

    def __str__(self) -> str:
        return f"{self.get_institution_display()} {self.region_id or ''} {self.name}".strip()


class Recommendation(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, related_name="recommendations", on_delete=models.PROTECT)
    # The monev rule it was adopted from (``monev.recommendations``); empty when written by hand.
    rule = models.CharField(_("aturan asal"), max_length=60, blank=True)
    title = models.CharField(_("rekomendasi"), max_length=300)
    text = models.TextField(_("uraian"), blank=True)
    # The responsible party: an agency, a kecamatan, or villages (``villages``). Exactly one kind is set.
    agency = models.CharField(
        _("instansi penanggung jawab"), max_length=20, choices=Institution.choices, blank=True
    )
    kecamatan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kecamatan penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_kind = models.CharField(_("jenis target"), max_length=12, choices=TargetKind.choices, blank=True)
    target_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah target"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_percent = models.DecimalField(
        _("target (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # The target's figure in the meeting's period, read once when adopted.
    baseline = models.DecimalField(
        _("angka saat rapat (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField(_("tenggat"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("alasan / catatan status"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        verbose_name = _("rekomendasi rapat")
        verbose_name_plural = _("rekomendasi rapat")

    def __str__(self) -> str:
        return self.title

    def overdue_on(self, day: dt.date) -> bool:
        """Past its due date and neither done nor dropped."""
        return self.status not in CLOSED and self.due_on < day

    @property
    def overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


class RecommendationVillage(models.Model):
    """A village a recommendation is addressed to."""

    recommendation = models.ForeignKey(Recommendation, related_name="villages", on_delete=models.CASCADE)
    region = models.ForeignKey("regions.Region", verbose_name=_("desa"), on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "region"], name="meetings_recommendation_village"
            )
        ]
        verbose_name = _("desa penanggung jawab")
        verbose_name_plural = _("desa penanggung jawab")
