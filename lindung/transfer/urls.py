from django.urls import path

from . import claims_exchange_views, registry_import_views, statement_views, views

app_name = "transfer"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("templat.xlsx", views.template_download, name="template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kolom/", views.mapping, name="mapping"),
    path("<int:pk>/progres/", views.progress, name="progress"),
    path("<int:pk>/hasil.xlsx", views.result_workbook, name="result"),
    path("bpjs/", views.insurer, name="insurer"),
    path("bpjs/kirim/", views.insurer_export, name="insurer_export"),
    path("bpjs/<int:pk>/berkas.xlsx", views.insurer_export_download, name="insurer_download"),
    path("bpjs/<int:pk>/balasan.xlsx", views.insurer_reply_template, name="insurer_reply_template"),
    # --- payment statements (rincian iuran) ---
    path("rincian-iuran/", statement_views.statement_list, name="statements"),
    path("rincian-iuran/<int:pk>/", statement_views.statement_detail, name="statement_detail"),
    path(
        "rincian-iuran/<int:pk>/selesaikan/", statement_views.statement_lines_decide, name="statement_resolve"
    ),
    path(
        "rincian-iuran/<int:pk>/baris/<int:line_pk>/",
        statement_views.statement_line_decide,
        name="statement_line_resolve",
    ),
    # --- claims: the insurer exchange (submission list out, decisions in) ---
    path("klaim/", claims_exchange_views.claims_exchange, name="claims_exchange"),
    path("klaim/pengajuan.xlsx", claims_exchange_views.claims_export_download, name="claims_export"),
    path("klaim/<int:pk>/", claims_exchange_views.claims_decisions, name="claims_decisions"),
    # --- social-registry extracts (DTSEN, DTKS, P3KE): the upload; the editions are pages of the registry app ---
    path("registri/", registry_import_views.registry_upload, name="registry_upload"),
    # --- end of social-registry extracts ---
]
