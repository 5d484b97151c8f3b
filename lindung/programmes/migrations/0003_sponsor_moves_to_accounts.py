# State only: Sponsor now lives in accounts (accounts 0002); the table and its rows stay where they are.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_programme_programme_months_1_12_and_more"),
        ("accounts", "0002_sponsor_moves_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="programme",
                    name="sponsor",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="programmes",
                        to="accounts.sponsor",
                        verbose_name="sponsor",
                    ),
                ),
                migrations.DeleteModel(name="Sponsor"),
            ],
            database_operations=[],
        ),
    ]
