from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import Sponsor
from lindung.core.models import RuleRow, TimeStampedModel
from lindung.core.months import month_add


class Segment(models.TextChoices):
    BPU = "BPU", _("BPU (bukan penerima upah): iuran nominal per penghasilan")
    PU = "PU", _("PU (penerima upah): persentase penghasilan tetap")


class FundingSource(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD_PROVINSI = "apbd_provinsi", _("APBD provinsi")
    APBD_KABUPATEN = "apbd_kabupaten", _("APBD kabupaten/kota")
    APBDES = "apbdes", _("APBDes")
    DBH_SAWIT = "dbh_sawit", _("DBH sawit")
    DBH_DR = "dbh_dr", _("DBH-DR")
    CSR = "csr", _("CSR perusahaan")
    ASN = "asn", _("Sponsor ASN")
    DONOR = "donor", _("Donatur perorangan")


class ApbdesSubSource(models.TextChoices):
    """Where APBDes money comes from. Dana Desa is deliberately absent: SE Dirjen PDP Kemendes 4/PRI.00/I/2024."""

    ADD = "add", _("Alokasi Dana Desa (ADD)")
    PADES = "pades", _("Pendapatan asli desa")
    OTHER = "lain", _("Lainnya")


# The policy row of Dana Desa. It is never a FundingSource: its row exists to refuse it with the reason.
DANA_DESA = "dana_desa"


class FundingSourcePolicy(RuleRow):
    """What a funding source may pay for and what a programme funded by it must state, as dated rows.

    One row per source (``FundingSource`` values, plus ``dana_desa``, which is refused). ``allowed`` False
    refuses the source with ``refusal``; ``needs_legal_basis``: public money needs the regulation naming the
    scheme; ``owner_level``: only a region of that level may own the programme (APBDes: the desa);
    ``sponsor_kind``/``sponsor_required``: the kind of sponsor the source means. Programmes are checked
    against the row in force in their first contribution month.
    """

    class OwnerLevel(models.IntegerChoices):
        PROVINSI = 1, _("provinsi")
        KABUPATEN = 2, _("kabupaten/kota")
        DESA = 4, _("desa")

    source = models.CharField(
        _("sumber dana"), max_length=16, choices=[*FundingSource.choices, (DANA_DESA, _("Dana Desa"))]
    )
    label = models.CharField(_("nama sumber dana"), max_length=60)
    allowed = models.BooleanField(_("boleh membiayai iuran"), default=True)
    refusal = models.CharField(_("alasan penolakan"), max_length=500, blank=True)
    needs_legal_basis = models.BooleanField(_("wajib dasar hukum program"), default=False)
    needs_apbdes_sub_source = models.BooleanField(_("wajib menyebut asal dana APBDes"), default=False)
    owner_level = models.PositiveSmallIntegerField(
        _("tingkat wilayah pemilik"),
        null=True,
        blank=True,
        choices=OwnerLevel.choices,
        help_text=_("Kosong = provinsi, kabupaten/kota atau desa"),
    )
    sponsor_kind = models.CharField(
        _("jenis sponsor"), max_length=5, blank=True, choices=Sponsor.Kind.choices
    )
    sponsor_required = models.BooleanField(_("wajib menyebut sponsor"), default=False)
    allowed_categories = models.JSONField(
        _("kategori pekerja yang boleh dibiayai"),
        default=list,
        blank=True,
        help_text=_("Nilai people.Category; kosong = semua kategori"),
    )
    refuses_protected_workers = models.BooleanField(
        _("menolak pekerja yang sudah terlindungi"),
        default=False,
        help_text=_(
            "Pekerja penerima upah (PU) atau dengan KPJ dari luar Lindung ditolak, bukan hanya diperingatkan"
        ),
    )
    discount_caution = models.CharField(
        _("peringatan potongan iuran"),
        max_length=500,
        blank=True,
        help_text=_(
            "Dicetak di samping setiap angka yang dihitung dengan potongan, bila tafsirannya belum pasti"
        ),
    )

    rule_key = ("source",)

    class Meta:
        verbose_name = _("kebijakan sumber dana")
        verbose_name_plural = _("kebijakan sumber dana")
        ordering = ["source", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["source", "valid_from"], name="funding_policy_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(allowed=True) | ~models.Q(refusal=""), name="funding_policy_refusal_given"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="funding_policy_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.valid_from})"


class Programme(TimeStampedModel):
    """A funding scheme: who pays for whom, for which months, under which regulation."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    owner_region = models.ForeignKey(
        "regions.Region", verbose_name=_("pemilik"), on_delete=models.PROTECT, related_name="+"
    )
    coverage_region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah cakupan"), on_delete=models.PROTECT, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    start_month = models.DateField(_("bulan mulai"), help_text=_("Tanggal 1 bulan pertama iuran"))
    months = models.PositiveSmallIntegerField(_("jumlah bulan"), default=12)
    segment = models.CharField(_("segmen"), max_length=3, choices=Segment.choices, default=Segment.BPU)
    declared_income = models.PositiveBigIntegerField(
        _("penghasilan yang dilaporkan"), default=1_000_000, help_text=_("Rupiah per bulan, untuk BPU")
    )
    include_jht = models.BooleanField(_("termasuk JHT"), default=False)
    include_jp = models.BooleanField(_("termasuk JP (PU)"), default=False)
    funding_source = models.CharField(_("sumber dana"), max_length=16, choices=FundingSource.choices)
    apbdes_sub_source = models.CharField(
        _("sumber APBDes"), max_length=5, choices=ApbdesSubSource.choices, blank=True
    )
    sponsor = models.ForeignKey(
        "accounts.Sponsor",
        verbose_name=_("sponsor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    legal_basis_type = models.CharField(_("jenis dasar hukum"), max_length=40, blank=True)
    legal_basis_number = models.CharField(_("nomor"), max_length=40, blank=True)
    legal_basis_year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    legal_basis_title = models.CharField(_("judul"), max_length=255, blank=True)
    quota_per_village = models.PositiveIntegerField(_("kuota per desa"), null=True, blank=True)
    total_quota = models.PositiveIntegerField(_("kuota total"), null=True, blank=True)
    budget_ceiling = models.PositiveBigIntegerField(_("pagu anggaran"), null=True, blank=True)
    eligible_categories = models.JSONField(
        _("kategori yang berhak"), default=list, blank=True, help_text=_("Kosong = semua kategori")
    )
    age_min = models.PositiveSmallIntegerField(_("umur minimal"), default=18)
    age_max = models.PositiveSmallIntegerField(_("umur maksimal"), default=65)
    is_active = models.BooleanField(_("aktif"), default=True)
    # An umbrella scheme: the kabupaten's Perbup makes every village pay from its own APBDes, one budget line
    # per village (``VillageBudgetLine``); the programme itself is owned by the kabupaten.
    umbrella = models.BooleanField(_("skema payung APBDes"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-fiscal_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=12), name="programme_months_1_12"
            ),
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")), name="programme_age_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"

    @property
    def end_month(self) -> dt.date:
        """First day of the last covered contribution month."""
        return month_add(self.start_month, self.months - 1)

    def covered_months(self) -> list[dt.date]:
        return [month_add(self.start_month, i) for i in range(self.months)]

    @property
    def legal_basis_list(self) -> list[str]:
        """Every regulation the programme cites, in its order (read once, or from ``prefetch_related``).

        A programme written without the list (straight through the ORM) cites its single columns instead.
        """
        if self.pk is None:
            return []
        # Read once per instance: checks cite the basis once per person they look at.
        prefetch_related_objects([self], "legal_bases")
        cited = [basis.citation for basis in self.legal_bases.all()]
        if cited:
            return cited
        single = legal_basis_citation(
            self.legal_basis_type, "", self.legal_basis_number, self.legal_basis_year, self.legal_basis_title
        )
        return [single] if single else []

    @property
    def legal_basis(self) -> str:
        """All the legal bases as one text, ``; ``-separated: what letters, bills and findings cite."""
        return "; ".join(self.legal_basis_list)


def legal_basis_citation(kind: str, issuer: str, number: str, year: int | None, title: str) -> str:
    """``Perbup Bengkayang 23/2024 tentang …``; a number that holds slashes reads ``Nomor … Tahun …``."""
    text = " ".join(p for p in (kind, issuer) if p)
    if number and "/" in number:
        text += f" Nomor {number}" + (f" Tahun {year}" if year else "")
    elif number:
        text += f" {number}" + (f"/{year}" if year else "")
    elif year:
        text += f" Tahun {year}"
    if title:
        text += f" tentang {title}"
    return text.strip()


class LegalBasisKind(models.TextChoices):
    """The kinds of regulation a scheme cites, from the national law down to a circular or a decree."""

    UU = "UU", _("Undang-Undang")
    PP = "PP", _("Peraturan Pemerintah")
    PERPRES = "Perpres", _("Peraturan Presiden")
    INPRES = "Inpres", _("Instruksi Presiden")
    PERMEN = "Permen", _("Peraturan Menteri")
    PERMENDAGRI = "Permendagri", _("Peraturan Menteri Dalam Negeri")
    PMK = "PMK", _("Peraturan Menteri Keuangan")
    PERDA = "Perda", _("Peraturan Daerah")
    PERGUB = "Pergub", _("Peraturan Gubernur")
    INGUB = "Ingub", _("Instruksi Gubernur")
    PERBUP = "Perbup", _("Peraturan Bupati")
    PERWALI = "Perwali", _("Peraturan Wali Kota")
    PERDES = "Perdes", _("Peraturan Desa")
    PERKADES = "Perkades", _("Peraturan Kepala Desa")
    SE = "SE", _("Surat Edaran")
    KEPUTUSAN = "Keputusan", _("Keputusan (SK)")
    OTHER = "Lainnya", _("Lainnya")


class ProgrammeLegalBasis(models.Model):
    """One regulation a programme cites; a programme cites several, in ``position`` order."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="legal_bases")
    position = models.PositiveSmallIntegerField(_("urutan"))
    kind = models.CharField(_("jenis"), max_length=12, choices=LegalBasisKind.choices)
    issuer = models.CharField(
        _("penerbit"), max_length=80, blank=True, help_text=_("Mis. Bengkayang, Kalbar, Mendagri")
    )
    number = models.CharField(_("nomor"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    title = models.CharField(_("judul"), max_length=255, blank=True)
    issued_on = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("dasar hukum program")
        verbose_name_plural = _("dasar hukum program")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="programme_legal_basis_position")
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        kind = "" if self.kind == LegalBasisKind.OTHER else self.kind
        return legal_basis_citation(kind, self.issuer, self.number, self.year, self.title)


class VillageQuota(models.Model):
    """A village whose quota differs from the programme's default ``quota_per_village``."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="village_quotas")
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    quota = models.PositiveIntegerField(_("kuota"))

    class Meta:
        verbose_name = _("kuota desa")
        verbose_name_plural = _("kuota desa")
        constraints = [models.UniqueConstraint(fields=["programme", "village"], name="village_quota_unique")]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.village_id}: {self.quota}"


class BudgetLineKind(models.TextChoices):
    """How an umbrella scheme's money reaches a village's APBDes."""

    APBDES = "apbdes", _("APBDes desa sendiri (ADD atau PAD)")
    # The Bengkayang pattern: the kabupaten's APBD money is transferred into each village's APBDes.
    APBD_TRANSFER = "apbd_transfer", _("Transfer APBD kabupaten ke APBDes")


class VillageBudgetLine(models.Model):
    """One village's line in an umbrella APBDes scheme: its amount, APBDes approval, sub-source and quota.

    The line's quota is also the village's ``VillageQuota`` (written together by
    ``programmes.umbrella.umbrella_lines_set``), so places and plans read one number.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_lines")
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(
        _("jenis anggaran"), max_length=13, choices=BudgetLineKind.choices, default=BudgetLineKind.APBDES
    )
    amount = models.PositiveBigIntegerField(_("jumlah anggaran"))
    perdes_number = models.CharField(_("nomor Perdes APBDes"), max_length=60)
    perdes_date = models.DateField(_("tanggal Perdes APBDes"))
    sub_source = models.CharField(
        _("asal dana APBDes"), max_length=5, choices=ApbdesSubSource.choices, blank=True
    )
    quota = models.PositiveIntegerField(_("kuota"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("anggaran desa skema payung")
        verbose_name_plural = _("anggaran desa skema payung")
        ordering = ["programme", "village"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "village"], name="village_budget_line_unique"),
            models.CheckConstraint(
                condition=~models.Q(kind="apbdes", sub_source=""),
                name="village_budget_line_apbdes_sub_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.village_id}: {self.amount}"
