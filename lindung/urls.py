from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from lindung.api.main import api

admin.site.site_header = _("Lindung: administrasi")
admin.site.site_title = "Lindung"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("lindung.accounts.urls")),
    path("wilayah/", include("lindung.regions.urls")),
    path("pekerja/", include("lindung.people.urls")),
    path("program/", include("lindung.programmes.urls")),
    path("kepesertaan/", include("lindung.enrolment.urls")),
    path("unggah/", include("lindung.transfer.urls")),
    path("monev/", include("lindung.monev.urls")),
    path("", include("lindung.core.urls")),
]
