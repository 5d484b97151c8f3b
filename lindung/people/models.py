from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RuleRow, TimeStampedModel


class Category(models.TextChoices):
    """Who the worker is in the village ecosystem (DOMAIN.md §7)."""

    KEPALA_DESA = "kepala_desa", _("Kepala desa")
    PERANGKAT_DESA = "perangkat_desa", _("Perangkat desa")
    BPD = "bpd", _("Anggota BPD")
    LKD = "lkd", _("Pengurus LKD")
    RT_RW = "rt_rw", _("Ketua RT/RW")
    KADER_LINMAS = "kader_linmas", _("Kader posyandu / linmas")
    KEAGAMAAN = "keagamaan", _("Guru ngaji / marbot / pekerja sosial keagamaan")
    TOKOH_ADAT = "tokoh_adat", _("Tokoh adat (damang, mantir)")
    PENDAMPING_DESA = "pendamping_desa", _("Pendamping desa")
    TENAGA_KONTRAK = "tenaga_kontrak", _("Tenaga kontrak")
    PROYEK_PEMERINTAH = "proyek_pemerintah", _("Pekerja proyek pemerintah")
    PETANI_SAWIT = "petani_sawit", _("Petani / pekebun sawit")
    NELAYAN = "nelayan", _("Nelayan")
    BURUH_HARIAN = "buruh_harian", _("Buruh tani / harian lepas")
    PEDAGANG_KECIL = "pedagang_kecil", _("Pedagang kecil")
    TRANSPORTASI = "transportasi", _("Pengemudi / ojek / kurir")
    INFORMAL_LAIN = "informal_lain", _("Pekerja informal lainnya")


class WageStatus(models.TextChoices):
    BPU = "BPU", _("Bukan Penerima Upah (BPU)")
    PU = "PU", _("Penerima Upah (PU)")


class Gender(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class PovertyEvidence(models.TextChoices):
    NONE = "", _("Belum ada")
    DTKS = "dtks", _("DTKS")
    DTSEN = "dtsen", _("DTSEN (desil)")
    P3KE = "p3ke", _("P3KE")
    VERIFIER_NOTE = "catatan", _("Catatan verifikator")


class Worker(TimeStampedModel):
    """One person in the registry. The NIK is the natural key; everything else may be corrected later."""

    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    kk_number = models.CharField(_("nomor KK"), max_length=16, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    name_normalized = models.CharField(_("nama ternormalisasi"), max_length=150, editable=False)
    birth_place = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    village = models.ForeignKey(
        "regions.Region",
        verbose_name=_("desa/kelurahan domisili"),
        on_delete=models.PROTECT,
        related_name="workers",
        limit_choices_to={"level": 4},
        db_index=False,  # the (village, category) index below answers every village lookup
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True, help_text=_("Disimpan sebagai +62…"))
    email = models.EmailField(_("email"), blank=True)
    occupation_1 = models.CharField(_("pekerjaan 1"), max_length=80)
    occupation_2 = models.CharField(_("pekerjaan 2"), max_length=80, blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    wage_status = models.CharField(
        _("status upah"), max_length=3, choices=WageStatus.choices, default=WageStatus.BPU
    )
    fixed_income = models.PositiveBigIntegerField(
        _("penghasilan tetap (siltap)"),
        null=True,
        blank=True,
        help_text=_("Rupiah per bulan; untuk peserta PU"),
    )
    poverty_evidence = models.CharField(
        _("bukti kemiskinan"), max_length=8, choices=PovertyEvidence.choices, blank=True
    )
    dtsen_decile = models.PositiveSmallIntegerField(_("desil DTKS/DTSEN"), null=True, blank=True)
    poverty_note = models.CharField(_("catatan kemiskinan"), max_length=255, blank=True)
    kpj = models.CharField(_("nomor KPJ BPJS Ketenagakerjaan"), max_length=11, blank=True)
    findings = models.JSONField(_("temuan"), default=list, blank=True)
    needs_review = models.BooleanField(_("perlu diperiksa verifikator"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diusulkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pekerja")
        verbose_name_plural = _("pekerja")
        ordering = ["full_name"]
        # Every index is rebuilt after a bulk import and updated on every save, so each one earns its place.
        # Declared here rather than with db_index=True, so PostgreSQL gets no *_like pattern index: names
        # and NIKs are searched with "contains", which no B-tree answers anyway.
        indexes = [
            models.Index(fields=["village", "category"]),
            models.Index(fields=["name_normalized"], name="worker_name_normalized_idx"),
            # Only the few people waiting for a verifier, by village (the queue and the home page counts).
            models.Index(fields=["village"], condition=models.Q(needs_review=True), name="worker_review_idx"),
            # The insurer's statements and decisions name people by KPJ: matched by index, not by a scan.
            models.Index(fields=["kpj"], condition=~models.Q(kpj=""), name="worker_kpj_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nik__regex=r"^[0-9]{16}$"), name="worker_nik_16_digits"
            ),
            models.CheckConstraint(
                condition=models.Q(kpj="") | models.Q(kpj__regex=r"^[0-9]{11}$"), name="worker_kpj_11_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nik[:4]}********{self.nik[-4:]})"


class AgeLimit(RuleRow):
    """The registry's age limits, inclusive, for a person registered without a programme.

    There is no national age rule for BPU (DOMAIN.md §2): programmes set their own (``Programme.age_min``),
    and this row is the registry's default and a new programme's starting values. An empty limit means none.
    A change is a new row with a later ``valid_from`` (``people`` checks read the row in force on the day the
    age is computed).
    """

    age_min = models.PositiveSmallIntegerField(_("umur minimal"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("umur maksimal"), null=True, blank=True)

    class Meta:
        verbose_name = _("batas umur registri")
        verbose_name_plural = _("batas umur registri")
        ordering = ["valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["valid_from"], name="age_limit_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True)
                | models.Q(age_min__lte=models.F("age_max")),
                name="age_limit_min_le_max",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="age_limit_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.age_min if self.age_min is not None else '…'}–{self.age_max or '…'} ({self.valid_from})"
        )
