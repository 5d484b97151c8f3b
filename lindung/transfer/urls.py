from django.urls import path

from . import views

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
]
