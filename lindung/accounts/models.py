from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import TimeStampedModel


class Role(models.TextChoices):
    OPERATOR_DESA = "operator_desa", _("Operator desa")
    PENDAMPING = "pendamping", _("Pendamping / kecamatan")
    VERIFIKATOR = "verifikator", _("Verifikator dinas")
    ADMIN_PROGRAM = "admin_program", _("Admin program")
    PETUGAS_BPJS = "petugas_bpjs", _("Petugas BPJS")
    SPONSOR = "sponsor", _("Sponsor")
    # The programme's treasurer (bendahara pengeluaran): records what was paid and reconciles it with the
    # insurer. A role of its own so that whoever issues a bill does not also mark it paid (docs/billing.md).
    BENDAHARA = "bendahara", _("Bendahara program")
    AUDITOR = "auditor", _("Auditor")
    SUPERADMIN = "superadmin", _("Superadmin")


# Roles whose work needs the full NIK (UU PDP: data minimisation). Everyone else sees 6203********0001.
ROLES_SEEING_FULL_NIK = frozenset(
    {Role.OPERATOR_DESA, Role.VERIFIKATOR, Role.ADMIN_PROGRAM, Role.PETUGAS_BPJS, Role.SUPERADMIN}
)


class Sponsor(TimeStampedModel):
    """Who pays for named workers outside the public budgets: a company's CSR, a civil servant, a donor.

    It sits below programmes so that an account can name the sponsor it speaks for.
    """

    class Kind(models.TextChoices):
        CSR = "csr", _("Perusahaan (CSR)")
        ASN = "asn", _("ASN")
        DONOR = "donor", _("Donatur perorangan")

    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    position = models.CharField(_("jabatan"), max_length=120, blank=True)
    institution = models.CharField(_("instansi / OPD"), max_length=150, blank=True)
    contact = models.CharField(_("kontak"), max_length=150, blank=True)

    class Meta:
        # The table keeps the name it was created with in the programmes app (migration accounts 0002).
        db_table = "programmes_sponsor"
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsor")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Account(TimeStampedModel):
    """A user's role and the one region whose subtree it may see. No region means the whole country."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="account"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sponsor = models.ForeignKey(
        Sponsor,
        verbose_name=_("sponsor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    institution = models.CharField(_("instansi"), max_length=150, blank=True)
    # The language the user chose for the pages; blank until they choose, which means Indonesian. The
    # browser's Accept-Language never decides it (docs/language.md).
    language = models.CharField(
        _("bahasa tampilan"), max_length=5, choices=settings.LANGUAGES, blank=True, default=""
    )

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        constraints = [
            # A sponsor's account sees the people its sponsor funds; without a sponsor it would see nobody's
            # data legitimately, so the database refuses it whichever path saves it (the admin included).
            models.CheckConstraint(
                condition=~models.Q(role="sponsor") | models.Q(sponsor__isnull=False),
                name="account_sponsor_role_names_a_sponsor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def region_code(self) -> str:
        return self.region_id or ""

    @property
    def sees_full_nik(self) -> bool:
        return self.role in ROLES_SEEING_FULL_NIK
