from django.urls import path

from lindung.accounts import views as account_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    # Sign-in lives here, without a namespace, because settings.LOGIN_URL names it "login".
    path("masuk/", account_views.SignInView.as_view(), name="login"),
    path("keluar/", account_views.SignOutView.as_view(), name="logout"),
    path("audit/", views.audit_list, name="audit"),
    path("tentang/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
]
