"""The money: monthly bills (tagihan), payments, the insurer's statements reconciled against them, credits.

Bills and their lines are frozen once issued: a correction is a new adjustment line with its reason, never an
edit. A payment covers one enrolment's contribution month and says when it was paid (``paid_on``): what was
known on a day is what had been paid by that day, so a late payment never rewrites a past lapse.
See docs/billing.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Bill(models.Model):
    """One programme's bill for one contribution month: who is covered that month and what each owes."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="bills")
    month = models.DateField(_("bulan iuran"))
    number = models.CharField(_("nomor tagihan"), max_length=60, unique=True)
    due_date = models.DateField(_("jatuh tempo"))
    # The rule rows the amounts came from (rates, discount, payment rule), as the bill states them.
    legal_basis = models.CharField(_("dasar hukum"), max_length=500, blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tagihan iuran")
        verbose_name_plural = _("tagihan iuran")
        ordering = ["-month", "programme_id"]
        constraints = [models.UniqueConstraint(fields=["programme", "month"], name="bill_one_per_month")]

    def __str__(self) -> str:
        return self.number


class BillLine(models.Model):
    """What one member owes on one bill. ``charge`` lines are written when the bill is issued; ``adjustment``
    lines (a correction, with its reason) and ``credit`` lines (an overpayment carried forward, negative) are
    added later. No line is ever changed or deleted."""

    class Kind(models.TextChoices):
        CHARGE = "charge", _("iuran")
        ADJUSTMENT = "adjustment", _("koreksi")
        CREDIT = "credit", _("kredit kelebihan bayar")

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="lines")
    enrolment = models.ForeignKey("enrolment.Enrolment", on_delete=models.PROTECT, related_name="bill_lines")
    # Copied from the enrolment so that a village's share of a bill needs no join.
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("bulan iuran"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.CHARGE)
    # Signed: an adjustment may lower what is owed, a credit always does.
    amount = models.BigIntegerField(_("jumlah"))
    # Before any discount (PP 50/2025): what the month would cost at the full rate.
    gross = models.BigIntegerField(_("jumlah sebelum potongan"), default=0)
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("baris tagihan")
        verbose_name_plural = _("baris tagihan")
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "enrolment"], condition=models.Q(kind="charge"), name="bill_line_one_charge"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="charge") | models.Q(amount__gte=0),
                name="bill_line_charge_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="charge") | ~models.Q(reason=""),
                name="bill_line_correction_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "month"]), models.Index(fields=["bill", "village"])]

    def __str__(self) -> str:
        return f"{self.bill_id}/{self.enrolment_id} {self.kind}: {self.amount}"


class Payment(models.Model):
    """A contribution paid for one enrolment and one contribution month (first day of the month)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("dicatat satu per satu")
        BILL = "bill", _("pembayaran tagihan")
        STATEMENT = "statement", _("rincian pembayaran")
        DEMO = "demo", _("data contoh")

    # No index of its own: payment_unique_month (enrolment, month) leads with it. Every payment a statement
    # applies writes each index once, and at national size (24 M payments) this one was 289 MB.
    enrolment = models.ForeignKey(
        "enrolment.Enrolment", on_delete=models.PROTECT, related_name="payments", db_index=False
    )
    month = models.DateField(_("bulan iuran"))
    amount = models.PositiveIntegerField(_("jumlah"))
    paid_on = models.DateField(_("tanggal bayar"))
    reference = models.CharField(_("referensi"), max_length=60, blank=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # A statement line that matched its bill is stored only as this payment, with the statement and the
    # line's row in the file (``StatementRow`` reads it back as a line): a million-line statement writes
    # each matched line once, not once as a line and again as a payment.
    # No database constraint: its check would lock the one statement row once per payment, and at a million
    # lines that was 6 of 28 seconds (billing bench). The id is written only by ``statement_import``, in the
    # transaction that creates the statement; statements are never deleted (no service does, the admin is
    # read-only), and PROTECT still refuses a delete through the ORM.
    statement = models.ForeignKey(
        "Statement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
        db_index=False,
        db_constraint=False,
    )
    statement_row = models.PositiveIntegerField(_("baris rincian"), null=True, blank=True)

    class Meta:
        verbose_name = _("pembayaran iuran")
        verbose_name_plural = _("pembayaran iuran")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "month"], name="payment_unique_month"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(statement__isnull=True, statement_row__isnull=True)
                | models.Q(statement__isnull=False, statement_row__isnull=False),
                name="payment_statement_with_row",
            ),
            # Also the index that lists a statement's matched lines in file order.
            models.UniqueConstraint(
                fields=["statement", "statement_row"],
                condition=models.Q(statement__isnull=False),
                name="payment_statement_row",
            ),
        ]
        indexes = [
            models.Index(fields=["month"]),
            # Imports and the daily job record payments as Lindung itself (no user): index only the rest.
            models.Index(
                fields=["recorded_by"],
                condition=models.Q(recorded_by__isnull=False),
                name="payment_recorded_by",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.month:%Y-%m}: {self.amount}"


class BillPayment(models.Model):
    """A transfer that pays a bill as a whole (an SP2D or a bank reference). When it equals what the bill
    still owes, every unpaid line is paid by it (``applied``); otherwise it waits for the insurer's
    statement to say whom it paid (``flagged``), and nobody's month is marked paid by a guess."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("diterapkan ke semua baris")
        FLAGGED = "flagged", _("berbeda dari tagihan: menunggu rekonsiliasi")

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveBigIntegerField(_("jumlah"))
    paid_on = models.DateField(_("tanggal bayar"))
    reference = models.CharField(_("nomor SP2D / referensi bank"), max_length=60)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    message = models.CharField(_("keterangan"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pembayaran tagihan")
        verbose_name_plural = _("pembayaran tagihan")
        constraints = [
            models.UniqueConstraint(fields=["bill", "reference"], name="bill_payment_reference_once"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="bill_payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.bill_id} {self.reference}: {self.amount}"


class Statement(models.Model):
    """An imported list of payments per person and month: the insurer's statement (rincian iuran) or the
    regency's own payment list. Importing the same file for the same programme twice changes nothing."""

    class Kind(models.TextChoices):
        INSURER = "insurer", _("rincian iuran dari BPJS")
        REGENCY = "regency", _("daftar bayar pemerintah daerah")

    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="statements")
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64)
    # Outcome -> number of lines, written once the lines are classified.
    counts = models.JSONField(default=dict, blank=True)
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("rincian pembayaran")
        verbose_name_plural = _("rincian pembayaran")
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind", "sha256"], name="statement_file_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"


class Outcome(models.TextChoices):
    """How a statement line compares with the bills. Only ``matched`` is applied without a person's look."""

    MATCHED = "matched", _("cocok")
    UNDERPAID = "underpaid", _("kurang bayar")
    OVERPAID = "overpaid", _("lebih bayar")
    UNKNOWN_PERSON = "unknown_person", _("peserta tidak dikenal")
    NOT_COVERED = "not_covered", _("tidak ditanggung pada bulan itu")
    PAID_TWICE = "paid_twice", _("dibayar dua kali")
    OTHER_PROGRAMME = "other_programme", _("sudah dibayar program lain")
    INVALID = "invalid", _("baris tidak sah")


class Resolution(models.TextChoices):
    APPLIED = "applied", _("diterapkan otomatis")
    PENDING = "pending", _("menunggu keputusan")
    ACCEPTED = "accepted", _("diterima sebagai pembayaran")
    CREDITED = "credited", _("dikreditkan ke bulan berikutnya")
    DISMISSED = "dismissed", _("ditolak / tidak diterapkan")


class LineFields(models.Model):
    """What one statement line says and what became of it: the kept lines (``StatementLine``) and the view
    that reads every line (``StatementRow``) have the same columns."""

    row_number = models.PositiveIntegerField(_("baris"))
    kpj = models.CharField(_("KPJ"), max_length=20, blank=True)
    nik = models.CharField(_("NIK"), max_length=20, blank=True)
    name = models.CharField(_("nama"), max_length=150, blank=True)
    month = models.DateField(_("bulan iuran"), null=True, blank=True)
    amount = models.BigIntegerField(_("jumlah"), null=True, blank=True)
    paid_on = models.DateField(_("tanggal bayar"), null=True, blank=True)
    reference = models.CharField(_("referensi"), max_length=60, blank=True)
    # What the bill (or, without a bill, the rule rows) says the month costs.
    due = models.BigIntegerField(_("tagihan"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=16, choices=Outcome.choices)
    message = models.CharField(_("keterangan"), max_length=255, blank=True)
    resolution = models.CharField(_("penyelesaian"), max_length=10, choices=Resolution.choices)
    resolution_note = models.CharField(_("catatan penyelesaian"), max_length=255, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.row_number} {self.outcome}"


class StatementLine(LineFields):
    """One line of a statement that did not simply match its bill, kept as it came (row number and raw
    identifiers) with what became of it. A matched line is its payment (``Payment.statement``)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="unmatched_lines")
    enrolment = models.ForeignKey(
        "enrolment.Enrolment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("baris rincian pembayaran")
        verbose_name_plural = _("baris rincian pembayaran")
        ordering = ["statement_id", "row_number"]
        constraints = [models.UniqueConstraint(fields=["statement", "row_number"], name="statement_line_row")]
        indexes = [models.Index(fields=["statement", "outcome"])]


class StatementRow(LineFields):
    """Every line of a statement as one list, in file order: a database view (``billing_statementrow``,
    migration 0004) over the lines kept for a decision (``StatementLine``) and the matched lines, which are
    stored as their payments. Read only.

    A matched line's id is minus its payment's id, so ids stay unique and only kept lines can be resolved.
    It has no KPJ, NIK or name of its own: ``shown_*`` give its member's, since it matched on that KPJ or NIK
    (read with ``select_related("enrolment__worker")``)."""

    id = models.BigIntegerField(primary_key=True)
    statement = models.ForeignKey(
        Statement, on_delete=models.DO_NOTHING, related_name="lines", db_constraint=False
    )
    enrolment = models.ForeignKey(
        "enrolment.Enrolment",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        managed = False
        db_table = "billing_statementrow"
        verbose_name = _("baris rincian pembayaran")
        verbose_name_plural = _("baris rincian pembayaran")
        ordering = ["statement_id", "row_number"]

    def _member(self):
        return self.enrolment if self.outcome == Outcome.MATCHED and self.enrolment is not None else None

    @property
    def shown_kpj(self) -> str:
        member = self._member()
        return member.kpj if member is not None else self.kpj

    @property
    def shown_nik(self) -> str:
        member = self._member()
        return member.worker.nik if member is not None else self.nik

    @property
    def shown_name(self) -> str:
        member = self._member()
        return member.worker.full_name if member is not None else self.name


class Credit(models.Model):
    """An overpayment carried to the next month (PP 50/2025: overpayments are credited to the next month).

    It becomes a negative ``credit`` line on that month's bill: at issue when the bill is not out yet,
    at once when it is. ``line`` is that bill line, empty until then."""

    enrolment = models.ForeignKey("enrolment.Enrolment", on_delete=models.PROTECT, related_name="credits")
    month = models.DateField(_("dikreditkan ke bulan"))
    amount = models.PositiveIntegerField(_("jumlah"))
    reason = models.CharField(_("alasan"), max_length=255)
    statement_line = models.ForeignKey(
        StatementLine, null=True, blank=True, on_delete=models.PROTECT, related_name="credits"
    )
    line = models.OneToOneField(
        BillLine, null=True, blank=True, on_delete=models.PROTECT, related_name="credit"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kredit iuran")
        verbose_name_plural = _("kredit iuran")
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.month:%Y-%m}: {self.amount}"
