"""Seed the registry's default age limits: Lindung's convention, since no national rule exists (DOMAIN.md §2)."""

import datetime as dt

from django.db import migrations

AGE_LIMITS = [
    dict(
        valid_from=dt.date(2015, 7, 1),
        age_min=18,
        age_max=65,
        legal_basis="Batas umur bawaan Lindung 18–65 tahun (⚠ belum ada ketentuan nasional; diatur per program)",
        note="Konvensi Lindung, bukan peraturan. Berlaku sejak awal tabel aturan (PP 44/2015, 1 Juli 2015). "
        "Pembanding: skema ASN Kota Semarang membatasi umur 64 tahun 11 bulan (beritajateng).",
    ),
]


def seed(apps, schema_editor):
    AgeLimit = apps.get_model("people", "AgeLimit")
    AgeLimit.objects.bulk_create([AgeLimit(**row) for row in AGE_LIMITS])


def unseed(apps, schema_editor):
    AgeLimit = apps.get_model("people", "AgeLimit")
    for row in AGE_LIMITS:
        AgeLimit.objects.filter(valid_from=row["valid_from"], legal_basis=row["legal_basis"]).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0003_age_limit")]

    operations = [migrations.RunPython(seed, unseed)]
