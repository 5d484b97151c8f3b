"""Contribution rules as rows. Each row has an effective period and cites its legal basis; code reads the
row in force for a month and never branches on a year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RuleRow

# RuleRow moved to core (people and programmes keep rule rows too); monev still imports it from here.
__all__ = ["Component", "ContributionRate", "Discount", "IncomeBracket", "PaymentRule", "RuleRow"]


class Component(models.TextChoices):
    JKK = "JKK", _("Jaminan Kecelakaan Kerja")
    JKM = "JKM", _("Jaminan Kematian")
    JHT = "JHT", _("Jaminan Hari Tua")
    JP = "JP", _("Jaminan Pensiun")


class IncomeBracket(RuleRow):
    """PP 44/2015 Lampiran II: the BPU JKK amount for a declared monthly income bracket."""

    income_from = models.PositiveBigIntegerField(_("penghasilan dari"))
    income_to = models.PositiveBigIntegerField(_("penghasilan sampai"), null=True, blank=True)
    jkk_amount = models.PositiveIntegerField(_("iuran JKK"))

    rule_key = ("income_from",)

    class Meta:
        verbose_name = _("golongan penghasilan BPU")
        verbose_name_plural = _("golongan penghasilan BPU")
        ordering = ["valid_from", "income_from"]

    def __str__(self) -> str:
        return f"{self.income_from}–{self.income_to or '…'}: JKK {self.jkk_amount}"


class ContributionRate(RuleRow):
    """One component's rate for a segment: a flat amount, a percentage, or "by bracket" (BPU JKK)."""

    class Kind(models.TextChoices):
        FLAT = "flat", _("nominal tetap")
        PERCENT = "percent", _("persen penghasilan")
        BRACKET = "bracket", _("per golongan penghasilan")

    segment = models.CharField(_("segmen"), max_length=3)
    component = models.CharField(_("program"), max_length=3, choices=Component.choices)
    kind = models.CharField(_("bentuk"), max_length=8, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("nominal"), null=True, blank=True)
    percent = models.DecimalField(_("persen"), max_digits=6, decimal_places=3, null=True, blank=True)
    employer_percent = models.DecimalField(
        _("persen pemberi kerja"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    worker_percent = models.DecimalField(
        _("persen pekerja"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    optional = models.BooleanField(_("pilihan"), default=False)

    rule_key = ("segment", "component")

    class Meta:
        verbose_name = _("tarif iuran")
        verbose_name_plural = _("tarif iuran")
        ordering = ["segment", "component", "valid_from"]

    def __str__(self) -> str:
        return f"{self.segment} {self.component} {self.kind} ({self.valid_from})"


class Discount(RuleRow):
    """A contribution discount by regulation, e.g. PP 50/2025: 50 % off BPU JKK and JKM.

    ``valid_from``/``valid_to`` are contribution months (first days). ``sector`` narrows it to transport
    workers or to everyone else; ``excluded_funding_sources`` lists the funding sources it does not reach.
    """

    class Sector(models.TextChoices):
        ALL = "all", _("semua")
        TRANSPORT = "transport", _("transportasi")
        NON_TRANSPORT = "non_transport", _("selain transportasi")

    name = models.CharField(_("nama"), max_length=120)
    segment = models.CharField(_("segmen"), max_length=3, default="BPU")
    percent = models.DecimalField(_("persen potongan"), max_digits=6, decimal_places=3)
    components = models.JSONField(_("program yang dipotong"), default=list)
    sector = models.CharField(_("sektor"), max_length=14, choices=Sector.choices, default=Sector.ALL)
    excluded_funding_sources = models.JSONField(_("sumber dana yang dikecualikan"), default=list, blank=True)
    # The worker categories that make up the transport sector (PP 50/2025 Art 4: platform and non-platform
    # drivers, couriers). Kept on the row so that a later regulation can name other categories.
    sector_categories = models.JSONField(_("kategori pekerja sektor ini"), default=list, blank=True)

    rule_key = ("name",)

    class Meta:
        verbose_name = _("potongan iuran")
        verbose_name_plural = _("potongan iuran")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name


class PaymentRule(RuleRow):
    """When a month's contribution is due and when unpaid months make a membership non-active.

    BPU pay by the 15th of the contribution month itself, PU employers by the 15th of the following month
    (``due_month_offset``); a deadline on a holiday moves to the next working day (PP 44/2015 Art 24).
    More than ``lapse_after_unpaid_months`` consecutive unpaid months end the JKK/JKM rights (Art 39(2), 42(2)).
    """

    segment = models.CharField(_("segmen"), max_length=3)
    due_day = models.PositiveSmallIntegerField(_("tanggal jatuh tempo"))
    due_month_offset = models.PositiveSmallIntegerField(
        _("bulan jatuh tempo"), default=0, help_text=_("0 = bulan iuran itu sendiri, 1 = bulan berikutnya")
    )
    next_working_day = models.BooleanField(_("mundur ke hari kerja berikutnya bila libur"), default=True)
    # No default: the limit is the regulation's (PP 44/2015 Art 39(2)), so every row states it.
    lapse_after_unpaid_months = models.PositiveSmallIntegerField(
        _("non-aktif setelah menunggak lebih dari (bulan)")
    )
    # A non-active membership becomes active again once its unpaid due months are at most this many: 0 means
    # every arrear paid (continuing by paying, perisaiblora). The daily job reads it from the row in force.
    reactivate_when_unpaid_at_most = models.PositiveSmallIntegerField(
        _("aktif kembali bila tunggakan tersisa paling banyak (bulan)"),
        default=0,
        help_text=_("0 = semua tunggakan sudah dibayar"),
    )

    rule_key = ("segment",)

    class Meta:
        verbose_name = _("aturan pembayaran")
        verbose_name_plural = _("aturan pembayaran")
        ordering = ["segment", "valid_from"]

    def __str__(self) -> str:
        return f"{self.segment} jatuh tempo tgl {self.due_day} (+{self.due_month_offset} bln) ({self.valid_from})"
