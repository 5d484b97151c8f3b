from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RuleRow, TimeStampedModel

from . import engine


class Basis(models.TextChoices):
    """What two records share besides a similar name (``dedup.engine``)."""

    SAME_DATE_VILLAGE = engine.SAME_DATE_VILLAGE, _("tanggal lahir dan desa sama")
    SAME_DATE = engine.SAME_DATE, _("tanggal lahir sama, desa lain")
    SWAPPED_DATE_VILLAGE = engine.SWAPPED_DATE_VILLAGE, _("tanggal dan bulan lahir tertukar, desa sama")
    SWAPPED_DATE = engine.SWAPPED_DATE, _("tanggal dan bulan lahir tertukar, desa lain")
    SAME_NAME_KECAMATAN = engine.SAME_NAME_KECAMATAN, _("nama sama, desa dan tahun lahir sama")
    NIK_NEAR = engine.NIK_NEAR, _("NIK hanya beda satu atau dua digit")


class DuplicateThreshold(RuleRow):
    """The lowest name score (0–100, RapidFuzz Indel similarity) that makes a pair a probable duplicate.

    One row per basis in force; a change is a new row with a later ``valid_from`` (the source of the
    threshold, e.g. a measurement on a registry, goes in ``legal_basis``).
    """

    rule_key = ("basis",)

    basis = models.CharField(_("dasar"), max_length=32, choices=Basis.choices)
    min_score = models.PositiveSmallIntegerField(_("skor nama minimal"))
    max_nik_digits = models.PositiveSmallIntegerField(
        _("digit NIK berbeda paling banyak"),
        null=True,
        blank=True,
        help_text=_("Bila kedua NIK diketahui. Kosong: berapa pun."),
    )
    rare_name_people = models.PositiveSmallIntegerField(
        _("nama langka: dipakai paling banyak (orang)"),
        null=True,
        blank=True,
        help_text=_(
            "Nama yang dipakai paling banyak sekian orang tidak memerlukan syarat NIK. Kosong: tidak."
        ),
    )

    class Meta:
        verbose_name = _("ambang data ganda")
        verbose_name_plural = _("ambang data ganda")
        ordering = ["basis", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["basis", "valid_from"], name="duplicate_threshold_one_per_day"),
            models.CheckConstraint(condition=models.Q(min_score__lte=100), name="duplicate_threshold_le_100"),
        ]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} ≥ {self.min_score} ({self.valid_from})"


class PairStatus(models.TextChoices):
    PENDING = "pending", _("menunggu keputusan")
    DISTINCT = "distinct", _("orang berbeda")


class DuplicatePair(TimeStampedModel):
    """Two people who may be one. ``worker_a`` has the lower id; a pair marked distinct never comes back."""

    worker_a = models.ForeignKey(
        "people.Worker", verbose_name=_("pekerja A"), on_delete=models.CASCADE, related_name="+"
    )
    worker_b = models.ForeignKey(
        "people.Worker", verbose_name=_("pekerja B"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("skor nama"))
    basis = models.CharField(_("dasar"), max_length=32, choices=Basis.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PairStatus.choices, default=PairStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    class Meta:
        verbose_name = _("kemungkinan data ganda")
        verbose_name_plural = _("kemungkinan data ganda")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["worker_a", "worker_b"], name="duplicate_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(worker_a__lt=models.F("worker_b")), name="duplicate_pair_ordered"
            ),
        ]
        indexes = [
            models.Index(fields=["worker_b"], name="duplicate_pair_b_idx"),
            models.Index(fields=["status", "-score"], name="duplicate_pair_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.worker_a_id} ~ {self.worker_b_id} ({self.score}, {self.status})"


class DuplicateMerge(models.Model):
    """One merge: who was kept, what the removed record was, and how many rows moved over, per table."""

    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    kept = models.ForeignKey(
        "people.Worker",
        verbose_name=_("data yang dipertahankan"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_worker_id = models.PositiveBigIntegerField(_("id data yang dihapus"))
    removed_nik = models.CharField(_("NIK data yang dihapus"), max_length=16)
    removed_name = models.CharField(_("nama data yang dihapus"), max_length=150)
    removed_record = models.JSONField(_("isi data yang dihapus"), default=dict)
    moved = models.JSONField(_("baris yang dipindahkan"), default=dict)
    score = models.PositiveSmallIntegerField(_("skor nama"))
    basis = models.CharField(_("dasar"), max_length=32, choices=Basis.choices)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("digabungkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("penggabungan data ganda")
        verbose_name_plural = _("penggabungan data ganda")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.removed_worker_id} → {self.kept_id} ({self.at:%Y-%m-%d})"
