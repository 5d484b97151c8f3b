# The Sponsor model moves from programmes to accounts, so an account can name its sponsor without accounts
# importing programmes. Only Django's state moves: the table keeps its name (programmes_sponsor).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("programmes", "0002_programme_programme_months_1_12_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Sponsor",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="dibuat")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="diubah")),
                        ("name", models.CharField(max_length=150, verbose_name="nama")),
                        (
                            "kind",
                            models.CharField(
                                choices=[("csr", "Perusahaan (CSR)"), ("asn", "ASN"), ("donor", "Donatur perorangan")],
                                max_length=5,
                                verbose_name="jenis",
                            ),
                        ),
                        ("nip", models.CharField(blank=True, max_length=18, verbose_name="NIP")),
                        ("position", models.CharField(blank=True, max_length=120, verbose_name="jabatan")),
                        ("institution", models.CharField(blank=True, max_length=150, verbose_name="instansi / OPD")),
                        ("contact", models.CharField(blank=True, max_length=150, verbose_name="kontak")),
                    ],
                    options={
                        "verbose_name": "sponsor",
                        "verbose_name_plural": "sponsor",
                        "db_table": "programmes_sponsor",
                        "ordering": ["name"],
                    },
                ),
                migrations.AlterField(
                    model_name="account",
                    name="sponsor",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="accounts",
                        to="accounts.sponsor",
                        verbose_name="sponsor",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
