"""Who sponsors whom, for how long, and what a company committed and paid (docs/sponsorship.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RuleRow, TimeStampedModel


class SponsorRegistration(TimeStampedModel):
    """The region whose programme office registered (and so manages) a sponsor.

    ``accounts.Sponsor`` has no region; this row gives it one, so that a regency's admin manages its own
    sponsors and not its neighbour's.
    """

    sponsor = models.OneToOneField(
        "accounts.Sponsor", verbose_name=_("sponsor"), on_delete=models.CASCADE, related_name="registration"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah pengelola"), on_delete=models.PROTECT, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("didaftarkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pendaftaran sponsor")
        verbose_name_plural = _("pendaftaran sponsor")

    def __str__(self) -> str:
        return f"{self.sponsor_id} @ {self.region_id}"


class Sponsorship(TimeStampedModel):
    """One sponsor pays for one named worker from ``start_date`` to ``end_date`` (both included).

    ``ended_on`` is set when the sponsorship stops: early by the admin, or by the daily job once
    ``end_date`` has passed. A worker has at most one sponsorship on any day (sponsorship.services).
    """

    sponsor = models.ForeignKey(
        "accounts.Sponsor", verbose_name=_("sponsor"), on_delete=models.PROTECT, related_name="sponsorships"
    )
    worker = models.ForeignKey(
        "people.Worker", verbose_name=_("pekerja"), on_delete=models.PROTECT, related_name="sponsorships"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sponsorships",
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("berakhir"))
    ended_on = models.DateField(_("diakhiri pada"), null=True, blank=True)
    end_reason = models.CharField(_("alasan berakhir"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sponsor pekerja")
        verbose_name_plural = _("sponsor pekerja")
        ordering = ["end_date", "id"]
        indexes = [models.Index(fields=["worker", "start_date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="sponsorship_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sponsor_id} → {self.worker_id} ({self.start_date}–{self.end_date})"

    @property
    def last_day(self):
        """The last day paid for: the end date, or the day it was ended early."""
        return self.ended_on or self.end_date


class CsrCommitment(TimeStampedModel):
    """A company's (or a donor's) promise to pay ``amount`` rupiah for a period, in a region."""

    sponsor = models.ForeignKey(
        "accounts.Sponsor", verbose_name=_("sponsor"), on_delete=models.PROTECT, related_name="commitments"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="csr_commitments",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.PositiveBigIntegerField(_("jumlah komitmen"))
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode sampai"))
    reference = models.CharField(_("nomor perjanjian"), max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("komitmen CSR")
        verbose_name_plural = _("komitmen CSR")
        ordering = ["-period_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="csr_commitment_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sponsor_id}: {self.amount} ({self.period_start}–{self.period_end})"


class CsrPayment(TimeStampedModel):
    """Money received against a commitment."""

    commitment = models.ForeignKey(
        CsrCommitment, verbose_name=_("komitmen"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.PositiveBigIntegerField(_("jumlah"))
    paid_on = models.DateField(_("tanggal bayar"))
    reference = models.CharField(_("referensi bank"), max_length=80, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pembayaran CSR")
        verbose_name_plural = _("pembayaran CSR")
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.amount} ({self.paid_on})"


class SponsorshipNoticeRule(RuleRow):
    """How many days before a sponsorship ends the office is warned (first and second warning).

    A row, not a constant: a regency that wants three months' notice adds a later row.
    """

    first_warning_days = models.PositiveSmallIntegerField(_("peringatan pertama (hari)"))
    second_warning_days = models.PositiveSmallIntegerField(_("peringatan kedua (hari)"))

    class Meta:
        verbose_name = _("aturan peringatan akhir sponsor")
        verbose_name_plural = _("aturan peringatan akhir sponsor")
        constraints = [
            models.UniqueConstraint(fields=["valid_from"], name="sponsorship_notice_rule_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(first_warning_days__gt=models.F("second_warning_days")),
                name="sponsorship_notice_rule_first_before_second",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_warning_days}/{self.second_warning_days} hari sejak {self.valid_from}"
