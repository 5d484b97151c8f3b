"""Accidents and deaths, their case files, and the rule rows benefits and deadlines are computed from.

A claim changes only through ``claims.services``. The benefit amounts, scholarship rates, deadlines and the
document checklist are rows (``BenefitRule``, ``ScholarshipRate``, ``ClaimLimit``, ``DocumentRequirement``)
seeded from DOMAIN.md section 4 with their sources; code never holds them as constants (ADR 0002).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RuleRow, TimeStampedModel


class ClaimKind(models.TextChoices):
    WORK_ACCIDENT = "work_accident", _("kecelakaan kerja")
    COMMUTING = "commuting", _("kecelakaan dalam perjalanan kerja")
    DISEASE = "disease", _("penyakit akibat kerja")
    DEATH = "death", _("meninggal dunia")


class Benefit(models.TextChoices):
    """Which insurance pays: JKK for accidents, diseases and work-related deaths, JKM for other deaths."""

    JKK = "jkk", _("JKK (Jaminan Kecelakaan Kerja)")
    JKM = "jkm", _("JKM (Jaminan Kematian)")


class ClaimStatus(models.TextChoices):
    REPORTED = "reported", _("dilaporkan")
    DOCUMENTS_COMPLETE = "documents_complete", _("dokumen lengkap")
    SUBMITTED = "submitted", _("diajukan ke BPJS")
    PAID = "paid", _("dibayar")
    REFUSED = "refused", _("ditolak")


OPEN_STATUSES = (ClaimStatus.REPORTED, ClaimStatus.DOCUMENTS_COMPLETE, ClaimStatus.SUBMITTED)


class Relationship(models.TextChoices):
    """How an heir is related to the deceased (spouse first: the usual order of heirs; ⚠ confirm with BPJS)."""

    SPOUSE = "spouse", _("suami/istri")
    CHILD = "child", _("anak")
    PARENT = "parent", _("orang tua")
    GRANDCHILD = "grandchild", _("cucu")
    GRANDPARENT = "grandparent", _("kakek/nenek")
    SIBLING = "sibling", _("saudara kandung")
    IN_LAW = "in_law", _("mertua")
    DESIGNATED = "designated", _("pihak yang ditunjuk dalam wasiat")


class SchoolLevel(models.TextChoices):
    TK = "tk", _("TK")
    SD = "sd", _("SD")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA")
    S1 = "s1", _("S1 / pelatihan")


class Claim(TimeStampedModel):
    """One accident, disease or death of one person, and the case file the heirs' claim is built from."""

    kind = models.CharField(_("jenis kejadian"), max_length=16, choices=ClaimKind.choices)
    benefit = models.CharField(_("jaminan"), max_length=3, choices=Benefit.choices)
    work_related = models.BooleanField(_("karena kecelakaan kerja / penyakit akibat kerja"), default=False)
    traffic = models.BooleanField(_("kecelakaan lalu lintas"), default=False)
    # An accident or disease a doctor has declared a total permanent disability: its JKK benefit is a multiple
    # of the income, and the children's scholarship needs no minimum contribution period (PP 82/2019 Pasal 34).
    total_disability = models.BooleanField(_("cacat total tetap (dinyatakan dokter)"), default=False)
    event_date = models.DateField(_("tanggal kejadian"))
    place = models.CharField(_("tempat kejadian"), max_length=200)
    account = models.TextField(_("kronologi singkat"), max_length=2000)
    # The person: from the registry, or named by the reporter when not in it (the office keeps the record).
    worker = models.ForeignKey(
        "people.Worker",
        verbose_name=_("pekerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
    )
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    village = models.ForeignKey(
        "regions.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.REPORTED
    )
    # Entitlement on the event date, as computed when reported (``claims.entitlement``), with its basis.
    covered = models.BooleanField(_("berhak"), default=False)
    enrolment = models.ForeignKey(
        "enrolment.Enrolment",
        verbose_name=_("kepesertaan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("program yang membayar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entitlement = models.JSONField(_("hak pada tanggal kejadian"), default=list, blank=True)
    outcomes = models.JSONField(_("catatan laporan"), default=list, blank=True)
    declared_income = models.PositiveBigIntegerField(_("penghasilan yang dilaporkan"), null=True, blank=True)
    expected_amount = models.PositiveBigIntegerField(_("perkiraan santunan"), null=True, blank=True)
    benefits = models.JSONField(_("rincian santunan"), default=list, blank=True)
    documents_complete_on = models.DateField(_("dokumen lengkap pada"), null=True, blank=True)
    submitted_on = models.DateField(_("diajukan pada"), null=True, blank=True)
    paid_amount = models.PositiveBigIntegerField(_("jumlah dibayar"), null=True, blank=True)
    paid_on = models.DateField(_("tanggal dibayar"), null=True, blank=True)
    amount_differs = models.BooleanField(_("jumlah dibayar berbeda dari perhitungan"), default=False)
    refused_reason = models.CharField(_("alasan penolakan"), max_length=255, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dilaporkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("klaim")
        verbose_name_plural = _("klaim")
        ordering = ["-event_date", "-id"]
        constraints = [
            # The same death reported twice joins the first case (claims.services.claim_report).
            models.UniqueConstraint(
                fields=["nik"],
                condition=models.Q(kind="death") & ~models.Q(nik=""),
                name="claim_one_death_per_nik",
            ),
            models.CheckConstraint(
                condition=models.Q(nik="") | models.Q(nik__regex=r"^[0-9]{16}$"), name="claim_nik_16_digits"
            ),
        ]
        indexes = [models.Index(fields=["village", "status"]), models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"Klaim #{self.pk} {self.get_kind_display()} {self.event_date}"


class ClaimEvent(models.Model):
    """The case's history: each status change, a second report joining it, a decision."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=150, blank=True)
    from_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    message = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat klaim")
        verbose_name_plural = _("riwayat klaim")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.message}"


class Heir(models.Model):
    """An heir (ahli waris) of a deceased person; the relationship is required."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="heirs")
    full_name = models.CharField(_("nama ahli waris"), max_length=150)
    relationship = models.CharField(_("hubungan"), max_length=12, choices=Relationship.choices)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    school_level = models.CharField(
        _("jenjang sekolah"), max_length=3, choices=SchoolLevel.choices, blank=True
    )
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ahli waris")
        verbose_name_plural = _("ahli waris")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(relationship=""), name="heir_relationship_required"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_relationship_display()})"


class DocumentRequirement(models.Model):
    """One item of the document checklist of a claim type: data, seeded by a migration, not code.

    ``benefit`` and ``kind`` narrow which claims need it (blank: every); ``only_when`` narrows it further to
    traffic accidents or work-related deaths.
    """

    class When(models.TextChoices):
        ALWAYS = "", _("selalu")
        TRAFFIC = "traffic", _("kecelakaan lalu lintas")
        WORK_RELATED = "work_related", _("kematian karena kerja")

    code = models.SlugField(_("kode"), max_length=40)
    label = models.CharField(_("dokumen"), max_length=200)
    benefit = models.CharField(_("jaminan"), max_length=3, choices=Benefit.choices, blank=True)
    kind = models.CharField(_("jenis kejadian"), max_length=16, choices=ClaimKind.choices, blank=True)
    only_when = models.CharField(_("hanya bila"), max_length=12, choices=When.choices, blank=True)
    required = models.BooleanField(_("wajib"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    basis = models.CharField(_("dasar"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("syarat dokumen klaim")
        verbose_name_plural = _("syarat dokumen klaim")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "benefit", "kind", "only_when"], name="document_requirement_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label


class ClaimDocument(models.Model):
    """One checklist item of one claim, ticked with who and when."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="documents")
    code = models.SlugField(_("kode"), max_length=40)
    label = models.CharField(_("dokumen"), max_length=200)
    required = models.BooleanField(_("wajib"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    ticked_at = models.DateTimeField(_("dicentang pada"), null=True, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ticked_by_label = models.CharField(_("dicentang oleh"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("dokumen klaim")
        verbose_name_plural = _("dokumen klaim")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "code"], name="claim_document_unique")]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.label}"


class ReminderKind(models.TextChoices):
    ACCIDENT_REPORT = "accident_report", _("laporan kecelakaan ke BPJS (2×24 jam)")
    DOCUMENTS = "documents", _("dokumen belum lengkap")
    JKM_PAYMENT = "jkm_payment", _("JKM dibayar 3 hari kerja setelah dokumen lengkap")
    JKK_LAPSE = "jkk_lapse", _("hak klaim JKK gugur 5 tahun setelah kejadian")


class Reminder(models.Model):
    """A deadline of a case; ``done_at`` when met, ``overdue_since`` set by the daily job when missed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("pengingat"), max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(_("batas waktu"))
    basis = models.CharField(_("dasar hukum"), max_length=255, blank=True)
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    overdue_since = models.DateField(_("lewat batas sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengingat klaim")
        verbose_name_plural = _("pengingat klaim")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "kind"], name="reminder_one_per_kind")]
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(done_at__isnull=True), name="reminder_open_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.kind} {self.due_on}"


class BenefitRule(RuleRow):
    """A cash benefit: a fixed amount, or a multiple of the declared monthly income (PP 82/2019)."""

    class Code(models.TextChoices):
        JKM_LUMP_SUM = "jkm_lump_sum", _("JKM: santunan sekaligus")
        JKM_PERIODIC = "jkm_periodic", _("JKM: santunan berkala (sekaligus)")
        JKM_FUNERAL = "jkm_funeral", _("JKM: biaya pemakaman")
        JKK_DEATH = "jkk_death", _("JKK: santunan kematian (× penghasilan)")
        JKK_FUNERAL = "jkk_funeral", _("JKK: biaya pemakaman")
        JKK_PERIODIC = "jkk_periodic", _("JKK: santunan berkala (sekaligus)")
        JKK_TOTAL_DISABILITY = "jkk_total_disability", _("JKK: cacat total tetap (× penghasilan)")

    code = models.CharField(_("santunan"), max_length=24, choices=Code.choices)
    amount = models.PositiveBigIntegerField(_("jumlah (Rp)"), null=True, blank=True)
    income_multiple = models.DecimalField(
        _("kali penghasilan"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    rule_key = ("code",)

    class Meta:
        verbose_name = _("aturan santunan")
        verbose_name_plural = _("aturan santunan")
        ordering = ["code", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="benefit_rule_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.amount or self.income_multiple} ({self.valid_from})"


class ScholarshipRate(RuleRow):
    """The scholarship per child per year of one school level, and for how many years at most."""

    level = models.CharField(_("jenjang"), max_length=3, choices=SchoolLevel.choices)
    per_year = models.PositiveBigIntegerField(_("per tahun (Rp)"))
    max_years = models.PositiveSmallIntegerField(_("paling lama (tahun)"))
    order = models.PositiveSmallIntegerField(_("urutan jenjang"))

    rule_key = ("level",)

    class Meta:
        verbose_name = _("tarif beasiswa")
        verbose_name_plural = _("tarif beasiswa")
        ordering = ["order", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["level", "valid_from"], name="scholarship_rate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.per_year} × {self.max_years}"


class ClaimLimit(RuleRow):
    """A number the claim rules use: deadlines, the children limit, the STMB percentages and months."""

    class Code(models.TextChoices):
        JKK_LAPSE_YEARS = "jkk_lapse_years", _("hak klaim JKK gugur setelah (tahun)")
        JKM_PAY_WORKING_DAYS = "jkm_pay_working_days", _("JKM dibayar paling lama (hari kerja)")
        ACCIDENT_REPORT_HOURS = "accident_report_hours", _("laporan kecelakaan paling lama (jam)")
        DOCUMENTS_FOLLOW_UP_DAYS = "documents_follow_up_days", _("dokumen dilengkapi dalam (hari)")
        SCHOLARSHIP_MAX_CHILDREN = "scholarship_max_children", _("beasiswa paling banyak (anak)")
        SCHOLARSHIP_JKM_MIN_YEARS = (
            "scholarship_jkm_min_years",
            _("beasiswa JKM: masa iuran paling sedikit (tahun)"),
        )
        STMB_FULL_MONTHS = "stmb_full_months", _("STMB penuh selama (bulan)")
        STMB_FULL_PERCENT = "stmb_full_percent", _("STMB bulan awal (% penghasilan)")
        STMB_AFTER_PERCENT = "stmb_after_percent", _("STMB sesudahnya (% penghasilan)")

    code = models.CharField(_("batas"), max_length=28, choices=Code.choices)
    value = models.PositiveIntegerField(_("nilai"))

    rule_key = ("code",)

    class Meta:
        verbose_name = _("batas aturan klaim")
        verbose_name_plural = _("batas aturan klaim")
        ordering = ["code", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="claim_limit_unique")]

    def __str__(self) -> str:
        return f"{self.code} = {self.value}"
