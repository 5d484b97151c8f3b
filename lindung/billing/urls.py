from django.urls import path  # noqa: F401  (the sections below add their routes)

from .views import arrears, bills  # noqa: F401

app_name = "billing"

urlpatterns = [
    # --- bills ---
    # --- arrears ---
]
