"""Seed the 2024 national UCJ target, 50,24 %, beside the 2025-2029 rows of 0003 (DOMAIN.md §5).

2024 is the last year of the RPJMN 2020-2024. The figure is the one the Kalimantan Barat provincial monev of
25 October 2024 measured the province's 35,35 % against (InfoPublik, 26 Oct 2024): a secondary source, named
in ``source`` so that every page showing the target shows where it comes from.
"""

from decimal import Decimal

from django.db import migrations

TARGET_2024 = (
    2024,
    Decimal("50.24"),
    "RPJMN 2020-2024 (target 2024), sebagaimana dikutip monev Provinsi Kalimantan Barat 25 Oktober 2024",
    "Sumber sekunder: InfoPublik, 26 Oktober 2024",
)


def seed(apps, schema_editor):
    CoverageTarget = apps.get_model("regions", "CoverageTarget")
    year, percent, source, note = TARGET_2024
    CoverageTarget.objects.get_or_create(
        region=None, year=year, defaults={"percent": percent, "source": source, "note": note}
    )


def unseed(apps, schema_editor):
    CoverageTarget = apps.get_model("regions", "CoverageTarget")
    year, percent, source, _note = TARGET_2024
    CoverageTarget.objects.filter(region=None, year=year, percent=percent, source=source).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0005_insurer_participant_count")]

    operations = [migrations.RunPython(seed, unseed)]
