from django.urls import path

from . import umbrella_views, views

app_name = "programmes"
urlpatterns = [
    path("baru/", views.programme_create, name="create"),
    path("rencana/", views.plan_preview, name="plan_preview"),
    path("<int:pk>/ubah/", views.programme_edit, name="edit"),
    path("<int:pk>/payung/", umbrella_views.umbrella_page, name="umbrella"),
]
