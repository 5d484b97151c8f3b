"""Move each programme's single legal basis into its list, and write the funding-source rules as rows.

The single columns (``legal_basis_type`` "Perbup Bengkayang", number, year, title) become position 0 of the
list: a leading word that names a kind (Perbup, Pergub ...) is the kind, the rest the issuer.

The policy rows are corrected in place, since they say what the regulations they cite said all along:
- DBH sawit pays only plantation and oil-palm workers not yet protected (PP 38/2023, PMK 91/2023: social
  protection for plantation workers not yet enrolled). ``buruh_harian`` is "buruh tani / harian lepas", the
  plantation labourers; fishers and everyone else are refused.
- APBDes, CSR, ASN and donor money are not named in PP 50/2025 Art 3(5)'s exclusion (APBN/APBD): whether the
  discount reaches them is unconfirmed (DOMAIN.md §1 ⚠), so their rows carry a caution printed beside every
  figure computed with the discount. Whether it applies stays on ``contributions.Discount`` (its
  ``excluded_funding_sources``), which the calculator reads.
"""

from django.db import migrations

KINDS = {
    k.lower(): k
    for k in (
        "UU PP Perpres Inpres Permen Permendagri PMK Perda Pergub Ingub Perbup Perwali Perdes Perkades SE "
        "Keputusan"
    ).split()
}
DBH_SAWIT_CATEGORIES = ["petani_sawit", "buruh_harian"]
CAUTION = (
    "⚠ Potongan PP 50/2025 dihitung untuk sumber dana {label}: Pasal 3 ayat (5) hanya mengecualikan iuran yang "
    "dibayar APBN atau APBD, dan {label} tidak disebut. Tafsiran ini belum dikonfirmasi BPJS Ketenagakerjaan; "
    "siapkan anggaran penuh bila BPJS menolak potongan."
)
UNCERTAIN = {"apbdes": "APBDes", "csr": "CSR", "asn": "sponsor ASN", "donor": "donatur perorangan"}


def _split_kind(text: str) -> tuple[str, str]:
    head, _, rest = (text or "").strip().partition(" ")
    if head.lower() in KINDS:
        return KINDS[head.lower()], rest.strip()
    return "Lainnya", (text or "").strip()


def forward(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Basis = apps.get_model("programmes", "ProgrammeLegalBasis")
    rows = []
    for p in Programme.objects.exclude(legal_basis_type="", legal_basis_number="").only(
        "id", "legal_basis_type", "legal_basis_number", "legal_basis_year", "legal_basis_title"
    ):
        kind, issuer = _split_kind(p.legal_basis_type)
        rows.append(
            Basis(
                programme_id=p.id,
                position=0,
                kind=kind,
                issuer=issuer[:80],
                number=p.legal_basis_number[:60],
                year=p.legal_basis_year,
                title=p.legal_basis_title,
            )
        )
    Basis.objects.bulk_create(rows, batch_size=2000)
    seed(apps, schema_editor)


def seed(apps, schema_editor):
    """The funding-source rules on the seeded policy rows (also re-applied by the test suite's reseeding)."""
    Policy = apps.get_model("programmes", "FundingSourcePolicy")
    Policy.objects.filter(source="dbh_sawit").update(
        allowed_categories=DBH_SAWIT_CATEGORIES, refuses_protected_workers=True
    )
    for source, label in UNCERTAIN.items():
        Policy.objects.filter(source=source).update(discount_caution=CAUTION.format(label=label))


def unseed(apps, schema_editor):
    apps.get_model("programmes", "FundingSourcePolicy").objects.update(
        allowed_categories=[], refuses_protected_workers=False, discount_caution=""
    )


def backward(apps, schema_editor):
    apps.get_model("programmes", "ProgrammeLegalBasis").objects.all().delete()
    unseed(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0006_legal_bases_and_source_rules")]

    operations = [migrations.RunPython(forward, backward)]
