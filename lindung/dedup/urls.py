from django.urls import path

from . import views

app_name = "dedup"

urlpatterns = [
    path("", views.pair_list, name="list"),
    path("pindai/", views.scan_view, name="scan"),
    path("<int:pk>/gabung/", views.merge_view, name="merge"),
    path("<int:pk>/berbeda/", views.distinct_view, name="distinct"),
]
