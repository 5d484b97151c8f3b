from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LINDUNG_MODELS = [m for m in apps.get_models() if m.__module__.startswith("lindung.")]


@pytest.mark.parametrize("model", LINDUNG_MODELS, ids=lambda m: m._meta.label)
def test_every_model_has_an_admin_page(model, client):
    assert admin.site.is_registered(model), f"{model._meta.label} has no admin"
    client.force_login(get_user_model().objects.create_superuser("root", password="x" * 12))
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    assert client.get(url).status_code == 200


def test_admin_speaks_indonesian(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="x" * 12))
    page = client.get("/admin/").content.decode()
    assert "Lindung: administrasi" in page
    assert "Selamat datang" in page and "Keluar" in page
