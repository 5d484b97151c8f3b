"""One demo login per role, each scoped to a region of the demo programmes. Synthetic accounts only."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from lindung.accounts.models import Account, Role, Sponsor
from lindung.accounts.services import sponsor_create

# Shared by every demo login and printed by `lindung demo logins`: this is a demo, not a secret.
DEMO_PASSWORD = "lindung-demo-2026"  # noqa: S105


# The CSR company of the demo programmes: it funds the CSR programme and speaks through the sponsor login.
DEMO_SPONSOR = "PT Sawit Kapuas Lestari (contoh)"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    region: str | None
    institution: str


DEMO_LOGINS = [
    DemoLogin("superadmin", Role.SUPERADMIN, None, "Tim Lindung"),
    DemoLogin("operator.mambulau", Role.OPERATOR_DESA, "62.03.17.2002", "Pemerintah Desa Pulau Mambulau"),
    DemoLogin("pendamping.bataguh", Role.PENDAMPING, "62.03.17", "Kecamatan Bataguh"),
    DemoLogin("verifikator.kapuas", Role.VERIFIKATOR, "62.03", "DPMD Kabupaten Kapuas"),
    DemoLogin("admin.kapuas", Role.ADMIN_PROGRAM, "62.03", "Disnakertrans Kabupaten Kapuas"),
    DemoLogin("bpjs.kapuas", Role.PETUGAS_BPJS, "62.03", "BPJS Ketenagakerjaan Cabang Kuala Kapuas"),
    DemoLogin("bendahara.kapuas", Role.BENDAHARA, "62.03", "BPKAD Kabupaten Kapuas"),
    DemoLogin("auditor.kapuas", Role.AUDITOR, "62.03", "Inspektorat Kabupaten Kapuas"),
    DemoLogin("sponsor.sawit", Role.SPONSOR, "62.03", DEMO_SPONSOR),
    DemoLogin("operator.bengkayang", Role.OPERATOR_DESA, "61.07.04.2003", "Pemerintah Desa"),
    DemoLogin("admin.bengkayang", Role.ADMIN_PROGRAM, "61.07", "Dinas Sosial Kabupaten Bengkayang"),
    DemoLogin("admin.kalbar", Role.ADMIN_PROGRAM, "61", "Disnakertrans Provinsi Kalimantan Barat"),
]


@transaction.atomic
def demo_users_load() -> int:
    """Create or refresh the demo logins; returns how many were created."""
    User = get_user_model()
    created = 0
    for login in DEMO_LOGINS:
        user, was_created = User.objects.get_or_create(username=login.username)
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = login.role == Role.SUPERADMIN
            user.is_superuser = login.role == Role.SUPERADMIN
            user.save()
            created += 1
        Account.objects.update_or_create(
            user=user,
            defaults={
                "role": login.role,
                "region_id": login.region,
                "institution": login.institution,
                "sponsor": demo_sponsor() if login.role == Role.SPONSOR else None,
            },
        )
    return created


def demo_sponsor() -> Sponsor:
    """The demo CSR sponsor, created once; a sponsor login sees only the people this company funds."""
    return Sponsor.objects.filter(name=DEMO_SPONSOR).first() or sponsor_create(
        actor=None, data={"name": DEMO_SPONSOR, "kind": "csr", "institution": "Program CSR perkebunan"}
    )
