from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sandi/", views.OwnPasswordView.as_view(), name="password_change"),
    path("pengguna/", views.user_list, name="users"),
    path("pengguna/baru/", views.user_create, name="user_create"),
    path("pengguna/<int:pk>/", views.user_edit, name="user_edit"),
    path("pengguna/<int:pk>/sandi/", views.user_password, name="user_password"),
    path("pengguna/<int:pk>/buka-kunci/", views.user_unlock, name="user_unlock"),
    path("bahasa/", views.language_set, name="language"),
    path("wilayah-nama/", views.region_name, name="region_name"),
]
