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
    AUDITOR = "auditor", _("Auditor")
    SUPERADMIN = "superadmin", _("Superadmin")


# Roles whose work needs the full NIK (UU PDP: data minimisation). Everyone else sees 6203********0001.
ROLES_SEEING_FULL_NIK = frozenset(
    {Role.OPERATOR_DESA, Role.VERIFIKATOR, Role.ADMIN_PROGRAM, Role.PETUGAS_BPJS, Role.SUPERADMIN}
)


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
        "programmes.Sponsor",
        verbose_name=_("sponsor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    institution = models.CharField(_("instansi"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def region_code(self) -> str:
        return self.region_id or ""

    @property
    def sees_full_nik(self) -> bool:
        return self.role in ROLES_SEEING_FULL_NIK
