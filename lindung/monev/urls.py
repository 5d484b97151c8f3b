from django.urls import path

from . import views, views_ucj
from .reports import views as report_views

app_name = "monev"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("publik/", views.public, name="public"),
    path("laporan.pdf", views.report_pdf, name="report_pdf"),
    path("laporan.xlsx", views.report_xlsx, name="report_xlsx"),
    path("laporan/", report_views.report_job_request, name="report_job_request"),
    path("laporan/<int:pk>/", report_views.report_job, name="report_job"),
    path("laporan/<int:pk>/progres/", report_views.report_job_progress, name="report_job_progress"),
    path("laporan/<int:pk>/unduh.pdf", report_views.report_job_download, name="report_job_download"),
    path("perbarui/", views.refresh, name="refresh"),
    path("ucj/", views_ucj.ucj, name="ucj"),
    path("ucj/impor/", views_ucj.ucj_import, name="ucj_import"),
    path("ucj/pekerja-rentan/", views_ucj.vulnerable_count, name="vulnerable_count"),
]
