"""Seed the NIK evidence: a NIK a digit or two apart lowers the name floor, a NIK further apart keeps a pair in
another village out unless the name is rare. Measured with bench/dedup_bench.py (1,000,000 people)."""

import datetime as dt

from django.db import migrations

SOURCE = (
    "Ambang Lindung, diukur dengan bench/dedup_bench.py (1.000.000 orang, 50.000 data ganda sintetis, NIK "
    "salah ketik atau NIK kedua): presisi dan recall dibandingkan Splink"
)
# basis, min score, most NIK digits apart, rare name (at most this many people)
THRESHOLDS = [
    ("nik_near", 60, 2, None),
    ("same_birth_date", 88, 2, 3),
    ("swapped_birth_date", 92, 2, 3),
    ("same_name_kecamatan", 100, 2, None),
]
VALID_FROM = dt.date(2026, 1, 1)


def seed(apps, schema_editor):
    DuplicateThreshold = apps.get_model("dedup", "DuplicateThreshold")
    DuplicateThreshold.objects.bulk_create(
        [
            DuplicateThreshold(
                basis=basis,
                min_score=score,
                max_nik_digits=digits,
                rare_name_people=rare,
                valid_from=VALID_FROM,
                legal_basis=SOURCE,
            )
            for basis, score, digits, rare in THRESHOLDS
        ]
    )


def unseed(apps, schema_editor):
    DuplicateThreshold = apps.get_model("dedup", "DuplicateThreshold")
    DuplicateThreshold.objects.filter(valid_from=VALID_FROM, legal_basis=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("dedup", "0003_nik_evidence")]

    operations = [migrations.RunPython(seed, unseed)]
