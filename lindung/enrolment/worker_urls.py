# The worker pages keep their "people" URL names (/pekerja/...): they are the registry as users know it.
from django.urls import path

from .views import workers as views

app_name = "people"
urlpatterns = [
    path("", views.worker_list, name="list"),
    path("baru/", views.worker_create, name="create"),
    path("periksa-nik/", views.nik_check, name="nik_check"),
    path("<int:pk>/", views.worker_detail, name="detail"),
    path("<int:pk>/ubah/", views.worker_edit, name="edit"),
    path("<int:pk>/usulkan/", views.worker_propose, name="propose"),
]
