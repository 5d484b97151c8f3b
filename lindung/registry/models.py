"""Social-registry extracts (DTSEN, DTKS, P3KE) as an agency receives them, kept edition by edition.

An edition is one extract of one kind, dated, for one region. Its rows are ``RegistryEntry`` (imported, some
flagged) and ``RegistryRowProblem`` (every flag and every refusal, named by row and field), so every input
row is accounted for. ``WorkerRegistryMatch`` links a worker of Lindung to the entry that is the same person.
``DecileRule`` is a programme's "decile ≤ N" requirement, a dated row with its legal basis.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RuleRow, TimeStampedModel


class RegistryKind(models.TextChoices):
    DTSEN = "dtsen", "DTSEN"
    DTKS = "dtks", "DTKS"
    P3KE = "p3ke", "P3KE"


class RegistryEdition(TimeStampedModel):
    """One extract as received: its kind, edition date and region, and the digest of the file read."""

    kind = models.CharField(_("jenis registri"), max_length=8, choices=RegistryKind.choices)
    edition_date = models.DateField(_("tanggal edisi"))
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    file_sha256 = models.CharField(_("sidik berkas (SHA-256)"), max_length=64)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    vulnerable_max_decile = models.PositiveSmallIntegerField(
        _("batas desil pekerja rentan"),
        default=4,
        help_text=_("Orang dengan desil ini atau lebih rendah dihitung sebagai pekerja rentan."),
    )
    rows_total = models.PositiveIntegerField(_("baris dibaca"), default=0)
    rows_imported = models.PositiveIntegerField(_("baris diimpor"), default=0)
    rows_flagged = models.PositiveIntegerField(_("baris ditandai"), default=0)
    rows_rejected = models.PositiveIntegerField(_("baris ditolak"), default=0)
    missing_columns = models.JSONField(_("kolom yang tidak ada"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diimpor oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("edisi registri sosial")
        verbose_name_plural = _("edisi registri sosial")
        ordering = ["-edition_date", "-pk"]
        constraints = [
            # The same edition twice changes nothing: the second import finds this row.
            models.UniqueConstraint(fields=["kind", "edition_date", "region"], name="registry_edition_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.edition_date:%d-%m-%Y} ({self.region_id})"


class RegistryEntry(models.Model):
    """One person of an edition, as the extract gives them."""

    edition = models.ForeignKey(
        RegistryEdition, verbose_name=_("edisi"), on_delete=models.CASCADE, related_name="entries"
    )
    row_number = models.PositiveIntegerField(_("baris"))
    nik = models.CharField(_("NIK"), max_length=16)
    full_name = models.CharField(_("nama"), max_length=150)
    name_normalized = models.CharField(_("nama ternormalisasi"), max_length=150)
    kk_number = models.CharField(_("nomor KK"), max_length=16, blank=True)
    decile = models.PositiveSmallIntegerField(_("desil"), null=True, blank=True)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    village = models.ForeignKey(
        "regions.Region",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The village when given, else the edition's region: what scopes the row.
    region_code = models.CharField(_("wilayah"), max_length=13, db_index=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    flagged = models.BooleanField(_("ditandai"), default=False)

    class Meta:
        verbose_name = _("orang dalam registri sosial")
        verbose_name_plural = _("orang dalam registri sosial")
        ordering = ["edition", "row_number"]
        indexes = [models.Index(fields=["nik"], name="registry_entry_nik_idx")]
        constraints = [
            models.UniqueConstraint(fields=["edition", "nik"], name="registry_entry_nik_once"),
            models.UniqueConstraint(fields=["edition", "row_number"], name="registry_entry_row_once"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} (baris {self.row_number})"


class RegistryRowProblem(models.Model):
    """A flag on an imported row, or the reason a row was refused: named by row and field."""

    class Outcome(models.TextChoices):
        FLAGGED = "flagged", _("ditandai")
        REJECTED = "rejected", _("ditolak")

    edition = models.ForeignKey(
        RegistryEdition, verbose_name=_("edisi"), on_delete=models.CASCADE, related_name="problems"
    )
    row_number = models.PositiveIntegerField(_("baris"))
    outcome = models.CharField(_("hasil"), max_length=8, choices=Outcome.choices)
    field = models.CharField(_("kolom"), max_length=40)
    message = models.CharField(_("alasan"), max_length=255)

    class Meta:
        verbose_name = _("masalah baris registri")
        verbose_name_plural = _("masalah baris registri")
        ordering = ["edition", "row_number", "pk"]

    def __str__(self) -> str:
        return f"baris {self.row_number}: {self.message}"


class WorkerRegistryMatch(models.Model):
    """A worker found in an edition: by NIK, or by name, birth date and village when the NIK differs."""

    class Method(models.TextChoices):
        NIK = "nik", _("NIK sama")
        NAME = "name", _("nama, tanggal lahir dan desa")

    worker = models.ForeignKey(
        "people.Worker", verbose_name=_("pekerja"), on_delete=models.CASCADE, related_name="registry_matches"
    )
    entry = models.ForeignKey(
        RegistryEntry, verbose_name=_("baris registri"), on_delete=models.CASCADE, related_name="matches"
    )
    edition = models.ForeignKey(
        RegistryEdition, verbose_name=_("edisi"), on_delete=models.CASCADE, related_name="matches"
    )
    edition_date = models.DateField(_("tanggal edisi"))
    method = models.CharField(_("cara cocok"), max_length=4, choices=Method.choices)
    score = models.PositiveSmallIntegerField(_("skor kemiripan"), help_text=_("100 untuk NIK yang sama"))
    decile = models.PositiveSmallIntegerField(_("desil"), null=True, blank=True)

    class Meta:
        verbose_name = _("kecocokan registri sosial")
        verbose_name_plural = _("kecocokan registri sosial")
        ordering = ["-edition_date", "-pk"]
        indexes = [models.Index(fields=["worker", "-edition_date"], name="registry_match_latest_idx")]
        constraints = [
            models.UniqueConstraint(fields=["worker", "edition"], name="registry_match_once_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} ↔ {self.entry_id} ({self.method})"


class DecileRule(RuleRow):
    """A programme's requirement that its people are in the social registry at decile ≤ ``max_decile``."""

    rule_key = ("programme",)

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="decile_rules",
    )
    max_decile = models.PositiveSmallIntegerField(_("desil paling tinggi"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("batas desil program")
        verbose_name_plural = _("batas desil program")
        ordering = ["programme", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "valid_from"], name="decile_rule_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(max_decile__gte=1, max_decile__lte=10), name="decile_rule_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: desil ≤ {self.max_decile} ({self.valid_from})"
