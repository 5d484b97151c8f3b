"""The end-of-sponsorship warning row: 60 and 30 days before a sponsorship ends (issue 15, item 6).

Donors may fund only a few months (DOMAIN.md §6, CSR), so the office is warned twice before the people
lose their sponsor. A different notice is a later row, never an edit of this one (ADR 0002).
"""

import datetime as dt

from django.db import migrations

FROM = dt.date(2024, 1, 1)
SOURCE = "Kebijakan program Lindung: peringatan 60 dan 30 hari sebelum masa sponsor berakhir"


def seed(apps, schema_editor):
    Rule = apps.get_model("sponsorship", "SponsorshipNoticeRule")
    Rule.objects.get_or_create(
        valid_from=FROM,
        defaults={"first_warning_days": 60, "second_warning_days": 30, "legal_basis": SOURCE},
    )


def unseed(apps, schema_editor):
    apps.get_model("sponsorship", "SponsorshipNoticeRule").objects.filter(valid_from=FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("sponsorship", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
