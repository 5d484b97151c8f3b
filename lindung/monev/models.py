"""Monev's tables. The rollup and its build state are derived: rebuilt from enrolments, workers, programmes and
payments by ``monev.services.monev_refresh``, they may be emptied at any time (docs/adr/0004). The thresholds
are rule rows that monev's own rules compare against.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.contributions.models import RuleRow
from lindung.core.fields import RegionCodeField

# Region code lengths per level: provinsi "62", kabupaten "62.03", kecamatan "62.03.17", desa "62.03.17.2002".
# Only for SQL: the build rolls a level up with SUBSTR(region_code, 1, n), since Kemendagri codes are fixed
# width (2.2.2.4). Python code reads levels and ancestors through ``regions.codes``.
PREFIX_LENGTH = {0: 0, 1: 2, 2: 5, 3: 8, 4: 13}

STATUS_COLUMNS = ("proposed", "verified", "rejected", "submitted", "active", "non_active", "ended")
MEASURE_COLUMNS = (
    *STATUS_COLUMNS,
    "committed",
    "realised",
    "at_risk",
    "billed",
    "paid",
    "lapsed",
    "reactivated",
    "lapse_due",
    "quota",
    "villages",
    "villages_below_half",
)


class Dimension(models.TextChoices):
    TOTAL = "total", _("jumlah")
    PROGRAMME = "programme", _("program")
    CATEGORY = "category", _("kategori")
    GENDER = "gender", _("jenis kelamin")
    AGE = "age", _("kelompok umur")
    FUNDING = "funding", _("sumber dana")


class CoverageRollup(models.Model):
    """Counts and money for one region, one month and one value of one dimension, at every level.

    A row is the sum over the enrolments of the month's programmes in the region's subtree (``region_code``
    "" = Indonesia), for one ``key`` of ``dimension`` ("" for the total row). Status columns count
    enrolments by their status at refresh time. Quota, village counts and the commitment ratio are only
    filled on ``total`` and ``programme`` rows.
    """

    period = models.DateField(_("periode"))
    region_code = RegionCodeField(_("wilayah"), blank=True)
    level = models.PositiveSmallIntegerField(_("tingkat"))
    dimension = models.CharField(_("dimensi"), max_length=10, choices=Dimension.choices)
    key = models.CharField(_("nilai"), max_length=40, blank=True)
    proposed = models.PositiveIntegerField(default=0)
    verified = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0)
    non_active = models.PositiveIntegerField(default=0)
    ended = models.PositiveIntegerField(default=0)
    committed = models.BigIntegerField(_("komitmen iuran (Rp)"), default=0)
    realised = models.BigIntegerField(_("realisasi iuran (Rp)"), default=0)
    at_risk = models.PositiveIntegerField(_("menunggak 2-3 bulan"), default=0)
    # The month's money: what its bills charge (every line: charges, corrections, credits) and what was paid
    # for the month by the period's as-of day (``paid_on``), so a later payment never rewrites a past month.
    billed = models.BigIntegerField(_("ditagih bulan ini (Rp)"), default=0)
    paid = models.BigIntegerField(_("dibayar untuk bulan ini (Rp)"), default=0)
    # Enrolments moved in the month by the lifecycle (EnrolmentEvent): to non-active, and back to active.
    lapsed = models.PositiveIntegerField(_("menjadi non-aktif bulan ini"), default=0)
    reactivated = models.PositiveIntegerField(_("aktif kembali bulan ini"), default=0)
    # Still active, but past the payment rule's limit: the daily job will make them non-active. Counted
    # apart so that they are neither "at risk" nor fine.
    lapse_due = models.PositiveIntegerField(_("menunggu dinonaktifkan"), default=0)
    quota = models.PositiveIntegerField(_("kuota"), default=0)
    villages = models.PositiveIntegerField(_("desa berkuota"), default=0)
    # Villages whose quota is filled below the threshold in force for the month (MonevThreshold.QUOTA_BEHIND).
    villages_below_half = models.PositiveIntegerField(_("desa di bawah ambang kuota"), default=0)
    # Occupied places per thousand quota places, kept as a column so "the lowest villages" is an index scan.
    commitment_permille = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("rekap monev")
        verbose_name_plural = _("rekap monev")
        # Level before region code: "every row of level L under X" (deleting and rolling up a subtree, the
        # children of a region) is then one range of this index, and so is "the rows of region X".
        constraints = [
            models.UniqueConstraint(
                fields=["period", "level", "region_code", "dimension", "key"], name="coverage_rollup_unique"
            )
        ]
        # Partial indexes: the village lists (lowest commitment, arrears) and the trend only read total rows, so
        # the breakdown rows, most of the table, are left out of them. The village index serves those lists
        # under a province or kabupaten: in the unique index a range of region codes also walks every
        # breakdown row of every village in it (14 ms for a province of 1,000 villages instead of 2).
        indexes = [
            models.Index(
                fields=["period", "region_code"],
                name="rollup_village_idx",
                condition=models.Q(dimension="total", level=4),
            ),
            models.Index(
                fields=["period", "level", "commitment_permille", "region_code"],
                name="rollup_commitment_idx",
                condition=models.Q(dimension="total", level=4),
            ),
            models.Index(
                fields=["period", "level", "at_risk"],
                name="rollup_at_risk_idx",
                condition=models.Q(dimension="total", level=4, at_risk__gt=0),
            ),
            models.Index(
                fields=["region_code", "period"],
                name="rollup_trend_idx",
                condition=models.Q(dimension="total"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.region_code or 'ID'} {self.dimension}={self.key}"


class RollupState(models.Model):
    """When a month's rollup was built, and how far into the audit trail it has caught up."""

    period = models.DateField(_("periode"), primary_key=True)
    refreshed_at = models.DateTimeField(_("diperbarui"))
    # The highest AuditEvent id already reflected; newer data-changing events mark villages stale.
    audit_mark = models.BigIntegerField(default=0)
    full_refreshed_at = models.DateTimeField(_("pembaruan penuh terakhir"))
    seconds = models.FloatField(_("lama pembaruan terakhir (detik)"), default=0)
    rows = models.PositiveIntegerField(_("baris"), default=0)
    queued_at = models.DateTimeField(_("dijadwalkan ulang"), null=True, blank=True)

    class Meta:
        verbose_name = _("status rekap monev")
        verbose_name_plural = _("status rekap monev")
        ordering = ["-period"]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} @ {self.refreshed_at:%Y-%m-%d %H:%M}"


class MonevThreshold(RuleRow):
    """A number one of monev's rules compares against, as a dated row: code reads the row in force for the month.

    ``quota_behind``: a village is behind when the people holding its quota places (proposed to non-active)
    are fewer than ``percent`` % of its quota. It is a convention of programme management, not a regulation,
    and its ``legal_basis`` says so. A month's rollup counts villages with the row in force for that month
    when it is built, so a new row shows in the months it covers from their next build.
    """

    class Key(models.TextChoices):
        QUOTA_BEHIND = "quota_behind", _("ambang kuota terisi desa")

    key = models.CharField(_("ambang"), max_length=32, choices=Key.choices)
    # One decimal: the build compares in permille, so a threshold is exact there (50,0 % = 500 ‰).
    percent = models.DecimalField(_("persen"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("ambang monev")
        verbose_name_plural = _("ambang monev")
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="monev_threshold_unique"),
            models.CheckConstraint(
                condition=models.Q(percent__gt=0, percent__lte=100), name="monev_threshold_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.percent} % ({self.valid_from})"


class RegionBoundary(models.Model):
    """A region's outline, for the coverage map: loaded from a GeoJSON keyed by Kemendagri code by
    ``lindung monev load-boundaries``, and replaced whole when that code is loaded again.

    ``polygons`` is a list of polygons, each a list of rings of [longitude, latitude] pairs (GeoJSON's
    MultiPolygon coordinates), rounded to four decimals (about 11 m), which is finer than a map on a phone.
    """

    region = models.OneToOneField(
        "regions.Region",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="boundary",
        verbose_name=_("wilayah"),
    )
    polygons = models.JSONField(_("garis batas"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    source = models.CharField(_("sumber"), max_length=200)
    loaded_at = models.DateTimeField(_("dimuat"))

    class Meta:
        verbose_name = _("batas wilayah")
        verbose_name_plural = _("batas wilayah")
        ordering = ["region"]

    def __str__(self) -> str:
        return str(self.region_id)
