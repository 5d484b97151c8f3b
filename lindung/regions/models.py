from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lindung.core.fields import RegionCodeField


class Region(models.Model):
    """A Kemendagri region: provinsi (level 1) → kabupaten/kota (2) → kecamatan/distrik (3) → desa/kelurahan (4).

    Keyed by the dotted code; descendants are a prefix range on the primary key (``regions.codes.subtree_q``).
    A code that disappears in a newer data edition is kept with ``retired_at`` set, so that workers and
    programmes that point at it keep their history.
    """

    class Type(models.TextChoices):
        PROVINSI = "provinsi", _("provinsi")
        KABUPATEN = "kabupaten", _("kabupaten")
        KOTA = "kota", _("kota")
        KECAMATAN = "kecamatan", _("kecamatan")
        DISTRIK = "distrik", _("distrik")
        KELURAHAN = "kelurahan", _("kelurahan")
        DESA = "desa", _("desa")
        DESA_ADAT = "desa_adat", _("desa adat")

    code = RegionCodeField(_("kode"), primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), db_index=True)
    type = models.CharField(_("jenis"), max_length=10, choices=Type.choices)
    parent_code = RegionCodeField(_("kode induk"), blank=True, db_index=True)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    edition = models.CharField(_("edisi data"), max_length=60, blank=True)
    retired_at = models.DateTimeField(_("tidak berlaku sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_village(self) -> bool:
        return self.level == 4


class WorkingPopulation(models.Model):
    """The working population of a region in a year: the UCJ denominator (DOMAIN.md §5).

    Entered from BPS Sakernas (usually the August round), one row per region and year, with the source
    written down. No region means the whole country. The formal / informal / construction split is
    optional; when all three are given they add up to ``count`` (the Kalbar figure of 1.819.430 is
    800.904 + 864.518 + 154.008).
    """

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    count = models.PositiveBigIntegerField(_("jumlah penduduk bekerja"))
    formal = models.PositiveBigIntegerField(_("pekerja formal"), null=True, blank=True)
    informal = models.PositiveBigIntegerField(_("pekerja informal"), null=True, blank=True)
    construction = models.PositiveBigIntegerField(_("pekerja jasa konstruksi"), null=True, blank=True)
    source = models.CharField(
        _("sumber data"), max_length=255, help_text=_("Mis. BPS, Sakernas Agustus 2024")
    )
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("penduduk bekerja")
        verbose_name_plural = _("penduduk bekerja")
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="working_population_region_year",
                condition=Q(region__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["year"], name="working_population_national_year", condition=Q(region__isnull=True)
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="working_population_positive"),
            models.CheckConstraint(
                condition=Q(formal__isnull=True)
                | Q(informal__isnull=True)
                | Q(construction__isnull=True)
                | Q(count=F("formal") + F("informal") + F("construction")),
                name="working_population_parts_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id or 'Indonesia'} {self.year}: {self.count}"


class CoverageTarget(models.Model):
    """The UCJ target for a year, nationally (no region) or for one region that sets its own.

    Defaults come from the RPJMN 2025-2029 and RKP 2026 (seeded by migration 0003); every row cites its basis.
    """

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    percent = models.DecimalField(_("target UCJ (%)"), max_digits=5, decimal_places=2)
    source = models.CharField(_("dasar / sumber"), max_length=255)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("target UCJ")
        verbose_name_plural = _("target UCJ")
        ordering = ["year", "region_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="coverage_target_region_year",
                condition=Q(region__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["year"], name="coverage_target_national_year", condition=Q(region__isnull=True)
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="coverage_target_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id or 'Indonesia'} {self.year}: {self.percent} %"


class VulnerableWorkerCount(models.Model):
    """How many vulnerable workers (pekerja rentan) a region has in a year: a regency's own goal is a share of it
    (Kapuas aims at 90 % of its pekerja rentan), tracked next to UCJ.

    Either entered by the region's office from its own data, or counted from a social-registry extract
    (``source = registry``, the edition named in ``source_note``). One row per region, year and source; the
    monev reads the registry's count where there is one and the entered one otherwise.
    """

    class Source(models.TextChoices):
        ENTERED = "entered", _("dimasukkan")
        REGISTRY = "registry", _("registri sosial")

    region = models.ForeignKey(Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    count = models.PositiveBigIntegerField(_("jumlah pekerja rentan"))
    source = models.CharField(_("asal angka"), max_length=10, choices=Source.choices)
    source_note = models.CharField(
        _("sumber data"), max_length=255, help_text=_("Mis. DTSEN edisi Maret 2026, desil 1-4")
    )
    goal_percent = models.DecimalField(
        _("sasaran daerah (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("jumlah pekerja rentan")
        verbose_name_plural = _("jumlah pekerja rentan")
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "source"], name="vulnerable_count_region_year_source"
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="vulnerable_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.count} ({self.source})"


class InsurerParticipantCount(models.Model):
    """The insurer's own count of active participants in a region for a month: UCJ's numerator (DOMAIN.md §5).

    BPJS Ketenagakerjaan reports active participants of every segment per region and month to the regional
    government; only it knows them (a programme's own enrolments are a part, never the whole). The working
    population is kept when the report gives it (the denominator the report itself used). One row per region
    and month: a newer edition of the report replaces the figures, naming its file and edition.
    """

    region = models.ForeignKey(Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("bulan"), help_text=_("Tanggal 1 bulan laporan"))
    pu = models.PositiveBigIntegerField(_("peserta aktif PU"))
    bpu = models.PositiveBigIntegerField(_("peserta aktif BPU"))
    jakon = models.PositiveBigIntegerField(_("peserta aktif jasa konstruksi"))
    working_population = models.PositiveBigIntegerField(
        _("penduduk bekerja menurut laporan"), null=True, blank=True
    )
    edition = models.CharField(
        _("sumber / edisi laporan"),
        max_length=255,
        help_text=_("Mis. BPJS Ketenagakerjaan Kanwil, Oktober 2024"),
    )
    file_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("sidik berkas (SHA-256)"), max_length=64, blank=True)
    row_number = models.PositiveIntegerField(_("baris berkas"), null=True, blank=True)
    imported_at = models.DateTimeField(_("diimpor"), auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diimpor oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("jumlah peserta menurut BPJS")
        verbose_name_plural = _("jumlah peserta menurut BPJS")
        ordering = ["-period", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "period"], name="insurer_count_region_period"),
            models.CheckConstraint(
                condition=Q(working_population__isnull=True) | Q(working_population__gt=0),
                name="insurer_count_population_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.period:%Y-%m}: {self.active}"

    @property
    def active(self) -> int:
        return self.pu + self.bpu + self.jakon
