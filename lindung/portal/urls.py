from django.urls import path

from lindung.accounts import views as account_views

from . import offline, views

urlpatterns = [
    path("", views.home, name="home"),
    # Sign-in lives here, without a namespace, because settings.LOGIN_URL names it "login".
    path("masuk/", account_views.SignInView.as_view(), name="login"),
    path("keluar/", account_views.SignOutView.as_view(), name="logout"),
    path("audit/", views.audit_list, name="audit"),
    path("tentang/", views.about, name="about"),
    path("istilah/", views.glossary, name="glossary"),
    path("healthz", views.healthz, name="healthz"),
]

# --- Offline (issue 16): the service worker at the root so its scope covers every page; the manifest. ---
urlpatterns += [
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("luring/", offline.offline_page, name="offline_page"),
    path("luring/token/", offline.offline_token, name="offline_token"),
]
