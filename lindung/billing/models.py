from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """A contribution paid for one enrolment and one contribution month (first day of the month)."""

    enrolment = models.ForeignKey("enrolment.Enrolment", on_delete=models.PROTECT, related_name="payments")
    month = models.DateField(_("bulan iuran"))
    amount = models.PositiveIntegerField(_("jumlah"))
    paid_on = models.DateField(_("tanggal bayar"))
    reference = models.CharField(_("referensi"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("pembayaran iuran")
        verbose_name_plural = _("pembayaran iuran")
        constraints = [models.UniqueConstraint(fields=["enrolment", "month"], name="payment_unique_month")]
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.month:%Y-%m}: {self.amount}"
