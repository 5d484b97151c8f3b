"""Seed the probable-duplicate thresholds, measured on the synthetic registry of bench/dedup_bench.py."""

import datetime as dt

from django.db import migrations

SOURCE = (
    "Ambang Lindung, diukur dengan bench/dedup_bench.py (1.000.000 orang, 50.000 data ganda sintetis): "
    "presisi dan recall ≥ Splink"
)
THRESHOLDS = [
    ("same_birth_date_village", 75),
    ("same_birth_date", 88),
    ("swapped_birth_date_village", 80),
    ("swapped_birth_date", 92),
    ("same_name_kecamatan", 100),
]
VALID_FROM = dt.date(2015, 7, 1)


def seed(apps, schema_editor):
    DuplicateThreshold = apps.get_model("dedup", "DuplicateThreshold")
    DuplicateThreshold.objects.bulk_create(
        [
            DuplicateThreshold(basis=basis, min_score=score, valid_from=VALID_FROM, legal_basis=SOURCE)
            for basis, score in THRESHOLDS
        ]
    )


def unseed(apps, schema_editor):
    DuplicateThreshold = apps.get_model("dedup", "DuplicateThreshold")
    DuplicateThreshold.objects.filter(valid_from=VALID_FROM, legal_basis=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("dedup", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
