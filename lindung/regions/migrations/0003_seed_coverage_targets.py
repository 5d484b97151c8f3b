"""Seed the national UCJ targets (DOMAIN.md §5). Editable afterwards in the admin; every row cites its basis.

- 2025 and 2029 are the RPJMN 2025-2029 figures, 2026 is the RKP 2026 figure, 2045 the RPJPN 2025-2045 one.
- 2027 and 2028 are NOT official: they are a straight line from RKP 2026 (34,99 %) to RPJMN 2029 (43,92 %),
  i.e. 34,99 + k × (43,92 − 34,99) / 3, rounded half-up to two decimals, so that every year until 2029 has a
  target to measure the gap against. Replace them when the RKP 2027 / 2028 are published.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

RPJMN = "RPJMN 2025-2029: cakupan kepesertaan jaminan sosial ketenagakerjaan (UCJ)"
RKP_2026 = "RKP 2026"
INTERPOLATED = "Interpolasi linear RKP 2026 → RPJMN 2029 (bukan angka resmi)"


def _interpolated(k: int) -> Decimal:
    start, end = Decimal("34.99"), Decimal("43.92")
    return (start + (end - start) * k / 3).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


TARGETS = [
    (2025, Decimal("32.15"), RPJMN, "Sumber sekunder: Kemendagri (ayonusa; kabaran)"),
    (2026, Decimal("34.99"), RKP_2026, "Sumber sekunder: Kemendagri (ayonusa; kabaran)"),
    (2027, _interpolated(1), INTERPOLATED, "Ganti dengan angka RKP 2027 bila sudah terbit"),
    (2028, _interpolated(2), INTERPOLATED, "Ganti dengan angka RKP 2028 bila sudah terbit"),
    (2029, Decimal("43.92"), RPJMN, "Sumber sekunder: Kemendagri (ayonusa; kabaran)"),
    (2045, Decimal("99.50"), "RPJPN 2025-2045", "Sumber sekunder: Kemendagri (ayonusa; kabaran)"),
]


def seed(apps, schema_editor):
    CoverageTarget = apps.get_model("regions", "CoverageTarget")
    for year, percent, source, note in TARGETS:
        CoverageTarget.objects.get_or_create(
            region=None, year=year, defaults={"percent": percent, "source": source, "note": note}
        )


def unseed(apps, schema_editor):
    CoverageTarget = apps.get_model("regions", "CoverageTarget")
    for year, percent, source, _note in TARGETS:
        CoverageTarget.objects.filter(region=None, year=year, percent=percent, source=source).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_working_population_coverage_target")]

    operations = [migrations.RunPython(seed, unseed)]
