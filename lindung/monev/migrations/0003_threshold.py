"""The "villages behind" threshold becomes a rule row (MonevThreshold), seeded with the value in use (50 %).

It is a convention of programme management, not a regulation: the seeded row says so in its basis. It starts on
1 July 2015 (PP 44/2015 takes effect), the earliest contribution month Lindung can hold, so every month that can
be built has a row in force.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations, models

SEED = dict(
    key="quota_behind",
    percent=Decimal("50.0"),
    valid_from=dt.date(2015, 7, 1),
    legal_basis="Kesepakatan monev program (ambang setengah kuota)",
    note=(
        "Konvensi pengelolaan program, bukan peraturan: desa yang orang diusulkan s.d. non-aktifnya kurang "
        "dari ambang ini dibanding kuota desanya disebut tertinggal, didampingi, atau kuotanya dialihkan."
    ),
)


def seed(apps, schema_editor):
    MonevThreshold = apps.get_model("monev", "MonevThreshold")
    if not MonevThreshold.objects.filter(key=SEED["key"], valid_from=SEED["valid_from"]).exists():
        MonevThreshold.objects.create(**SEED)


def unseed(apps, schema_editor):
    apps.get_model("monev", "MonevThreshold").objects.filter(
        key=SEED["key"], valid_from=SEED["valid_from"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monev", "0002_rollup_village_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonevThreshold",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("valid_from", models.DateField(verbose_name="berlaku mulai")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="berlaku sampai")),
                ("legal_basis", models.CharField(max_length=255, verbose_name="dasar hukum")),
                ("note", models.CharField(blank=True, max_length=255, verbose_name="catatan")),
                (
                    "key",
                    models.CharField(
                        choices=[("quota_behind", "ambang kuota terisi desa")], max_length=32, verbose_name="ambang"
                    ),
                ),
                ("percent", models.DecimalField(decimal_places=1, max_digits=4, verbose_name="persen")),
            ],
            options={
                "verbose_name": "ambang monev",
                "verbose_name_plural": "ambang monev",
                "ordering": ["key", "valid_from"],
                "constraints": [
                    models.UniqueConstraint(fields=("key", "valid_from"), name="monev_threshold_unique"),
                    models.CheckConstraint(
                        condition=models.Q(("percent__gt", 0), ("percent__lte", 100)), name="monev_threshold_percent"
                    ),
                ],
            },
        ),
        migrations.AlterField(
            model_name="coveragerollup",
            name="villages_below_half",
            field=models.PositiveIntegerField(default=0, verbose_name="desa di bawah ambang kuota"),
        ),
        migrations.RunPython(seed, unseed),
    ]
