from django.urls import path

from . import views

app_name = "monev"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("publik/", views.public, name="public"),
    path("laporan.pdf", views.report_pdf, name="report_pdf"),
    path("laporan.xlsx", views.report_xlsx, name="report_xlsx"),
    path("perbarui/", views.refresh, name="refresh"),
]
