from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Lindung: backup and restore of the database and the data folder, and the read replica."""

    name = "lindung.ops"
    label = "ops"
    verbose_name = _("Operasi")
