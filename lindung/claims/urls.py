from django.urls import path

from .views import casefile, pages

app_name = "claims"

urlpatterns = [
    path("", pages.claim_list, name="list"),
    path("lapor/", pages.claim_report_view, name="report"),
    path("<int:pk>/", pages.claim_detail, name="detail"),
    path("<int:pk>/ahli-waris/", casefile.claim_heir_view, name="heir"),
    path("<int:pk>/dokumen/<slug:code>/", casefile.claim_document_view, name="document"),
    path("<int:pk>/status/", casefile.claim_status_view, name="status"),
    path("<int:pk>/surat.pdf", casefile.claim_letter, name="letter"),
]
