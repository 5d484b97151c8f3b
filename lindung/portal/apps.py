from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the page layer: home (what each role should do now), navigation, the audit trail."""

    name = "lindung.portal"
    label = "portal"
    verbose_name = _("Beranda")
