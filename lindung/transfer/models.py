from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.fields import RegionCodeField
from lindung.core.models import TimeStampedModel


class ImportBatch(TimeStampedModel):
    """One uploaded file and what became of every row in it.

    The counts always add up: ``accepted + flagged + rejected + skipped == rows_total``. The row-by-row
    outcome is kept beside the upload (``rows_name``) and turned into the result workbook on request.
    """

    class Kind(models.TextChoices):
        WORKERS = "workers", _("data pekerja")
        INSURER_REPLY = "insurer_reply", _("balasan BPJS Ketenagakerjaan")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("menunggu konfirmasi kolom")
        QUEUED = "queued", _("antre")
        RUNNING = "running", _("diproses")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")
        REFUSED = "refused", _("ditolak")

    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.WORKERS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    stored_name = models.CharField(_("berkas tersimpan"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0)
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64, blank=True)
    file_format = models.CharField(_("format"), max_length=4, blank=True)
    sheet_name = models.CharField(_("lembar"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("baris judul kolom"), null=True, blank=True)
    separator = models.CharField(_("pemisah CSV"), max_length=2, blank=True)
    encoding = models.CharField(_("pengodean CSV"), max_length=10, blank=True)
    headers = models.JSONField(_("judul kolom"), default=list, blank=True)
    mapping = models.JSONField(
        _("pemetaan kolom"), default=dict, blank=True, help_text=_("indeks kolom → nama isian")
    )
    village = models.ForeignKey(
        "regions.Region",
        verbose_name=_("desa bawaan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The region whose officers may see this upload: the village, else the uploader's own region.
    region_code = RegionCodeField(_("wilayah"), blank=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job = models.ForeignKey(
        "core.Job", verbose_name=_("pekerjaan latar"), null=True, blank=True, on_delete=models.SET_NULL
    )
    rows_total = models.PositiveIntegerField(_("baris data"), default=0)
    accepted = models.PositiveIntegerField(_("diterima"), default=0)
    flagged = models.PositiveIntegerField(_("diterima dengan catatan"), default=0)
    rejected = models.PositiveIntegerField(_("ditolak"), default=0)
    skipped = models.PositiveIntegerField(_("dilewati"), default=0)
    inserted = models.PositiveIntegerField(_("baru"), default=0)
    updated = models.PositiveIntegerField(_("diperbarui"), default=0)
    unchanged = models.PositiveIntegerField(_("tidak berubah"), default=0)
    enrolled = models.PositiveIntegerField(_("diusulkan ke program"), default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    problems = models.JSONField(
        _("contoh baris bermasalah"), default=list, blank=True, help_text=_("paling banyak 500 baris pertama")
    )
    rows_name = models.CharField(_("hasil per baris"), max_length=255, blank=True)
    result_name = models.CharField(_("buku kerja hasil"), max_length=255, blank=True)
    # ``host:pid:start`` of the process running the import; with ``updated_at`` (its heartbeat) it tells
    # whether a "running" batch was abandoned by a killed process (lindung.core.jobs, transfer.recovery).
    owner = models.CharField(_("dijalankan oleh proses"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    seconds = models.FloatField(_("lama (detik)"), null=True, blank=True)

    COUNT_FIELDS = (
        "rows_total",
        "accepted",
        "flagged",
        "rejected",
        "skipped",
        "inserted",
        "updated",
        "unchanged",
        "enrolled",
    )

    @property
    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.COUNT_FIELDS}

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = _("impor berkas")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done")
                | models.Q(
                    rows_total=models.F("accepted")
                    + models.F("flagged")
                    + models.F("rejected")
                    + models.F("skipped")
                ),
                name="import_batch_counts_add_up",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.original_name} ({self.get_status_display()})"

    @property
    def data_rows(self) -> int:
        """Rows that are people: every row read except the skipped blank, totals, header and signature rows."""
        return self.rows_total - self.skipped

    @property
    def imported(self) -> int:
        return self.accepted + self.flagged

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.REFUSED}


class ColumnMapping(TimeStampedModel):
    """The header → field choices one uploader confirmed, so their next file maps itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis"), max_length=16, choices=ImportBatch.Kind.choices)
    headers = models.JSONField(_("judul kolom → isian"), default=dict)

    class Meta:
        verbose_name = _("pemetaan kolom tersimpan")
        verbose_name_plural = _("pemetaan kolom tersimpan")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="column_mapping_one_per_user")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {len(self.headers)} kolom"


class InsurerExport(TimeStampedModel):
    """One collective registration workbook sent to the insurer's branch."""

    programme = models.ForeignKey(
        "programmes.Programme", verbose_name=_("program"), on_delete=models.PROTECT, related_name="+"
    )
    region_code = RegionCodeField(_("wilayah"), blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolments = models.PositiveIntegerField(_("jumlah peserta"), default=0)
    file_name = models.CharField(_("berkas"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("berkas pendaftaran kolektif")
        verbose_name_plural = _("berkas pendaftaran kolektif")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.enrolments} peserta ({self.created_at:%Y-%m-%d})"


class ClaimDecisionBatch(TimeStampedModel):
    """One decision file from the insurer (paid or refused per claim) and what became of each of its lines.

    The same file imported again in the same region returns this batch and changes nothing (``sha256``).
    The counts always add up: ``decided + flagged + refused + unmatched == rows_total``.
    """

    original_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64)
    region_code = RegionCodeField(_("wilayah"), blank=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rows_total = models.PositiveIntegerField(_("baris data"), default=0)
    decided = models.PositiveIntegerField(_("diputuskan"), default=0)
    flagged = models.PositiveIntegerField(_("diputuskan, jumlah berbeda"), default=0)
    refused = models.PositiveIntegerField(_("ditolak"), default=0)
    unmatched = models.PositiveIntegerField(_("tidak cocok dengan kasus terbuka"), default=0)

    class Meta:
        verbose_name = _("berkas keputusan klaim")
        verbose_name_plural = _("berkas keputusan klaim")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "sha256"], name="claim_decision_file_once"),
            models.CheckConstraint(
                condition=models.Q(
                    rows_total=models.F("decided")
                    + models.F("flagged")
                    + models.F("refused")
                    + models.F("unmatched")
                ),
                name="claim_decision_counts_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.original_name}"


class ClaimDecisionLine(models.Model):
    """One line of a decision file, kept as it came, with its outcome and the reason (row and column)."""

    class Outcome(models.TextChoices):
        DECIDED = "decided", _("diputuskan")
        FLAGGED = "flagged", _("diputuskan, jumlah berbeda dari perhitungan")
        REFUSED = "refused", _("ditolak")
        UNMATCHED = "unmatched", _("tidak cocok dengan kasus terbuka")

    batch = models.ForeignKey(ClaimDecisionBatch, on_delete=models.CASCADE, related_name="lines")
    row_number = models.PositiveIntegerField(_("baris"))
    claim_ref = models.CharField(_("no klaim"), max_length=40, blank=True)
    kpj = models.CharField(_("KPJ"), max_length=20, blank=True)
    nik = models.CharField(_("NIK"), max_length=20, blank=True)
    kind = models.CharField(_("jenis"), max_length=60, blank=True)
    decision = models.CharField(_("keputusan"), max_length=60, blank=True)
    amount = models.BigIntegerField(_("jumlah"), null=True, blank=True)
    decided_on = models.DateField(_("tanggal"), null=True, blank=True)
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices)
    message = models.CharField(_("keterangan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("baris keputusan klaim")
        verbose_name_plural = _("baris keputusan klaim")
        ordering = ["batch_id", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="claim_decision_line_row")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number} {self.outcome}"
