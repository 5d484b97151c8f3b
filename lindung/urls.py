from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from lindung.api.main import api
from lindung.enrolment import urls as enrolment_urls
from lindung.programmes import urls as programme_urls

admin.site.site_header = _("Lindung: administrasi")
admin.site.site_title = "Lindung"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("lindung.accounts.urls")),
    path("wilayah/", include("lindung.regions.urls")),
    path("pekerja/", include("lindung.enrolment.worker_urls")),
    # A programme's own pages and the ones that show its places taken (enrolment) share one namespace.
    path(
        "program/",
        include((programme_urls.urlpatterns + enrolment_urls.programme_urlpatterns, "programmes")),
    ),
    path("kepesertaan/", include("lindung.enrolment.urls")),
    path("unggah/", include("lindung.transfer.urls")),
    path("iuran/", include("lindung.billing.urls")),
    path("klaim/", include("lindung.claims.urls")),
    path("monev/", include("lindung.monev.urls")),
    path("registri/", include("lindung.registry.urls")),
    path("duplikat/", include("lindung.dedup.urls")),
    path("sponsor/", include("lindung.sponsorship.urls")),
    path("pendanaan/", include("lindung.funding.urls")),
    path("rapat/", include("lindung.meetings.urls")),
    path("", include("lindung.portal.urls")),
]
