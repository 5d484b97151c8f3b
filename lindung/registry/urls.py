from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.editions, name="editions"),
    path("<int:pk>/", views.edition, name="edition"),
    path("desil/", views.decile_rules, name="decile_rules"),
]
