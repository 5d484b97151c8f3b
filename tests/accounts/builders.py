"""Users with a role and a region, for tests."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from lindung.accounts.models import Account

PASSWORD = "uji-kata-sandi-2026"


def make_user(role: str, region: str | None = None, *, username: str | None = None, sponsor=None):
    User = get_user_model()
    user = User.objects.create_user(username=username or f"{role}-{region or 'nasional'}", password=PASSWORD)
    Account.objects.create(user=user, role=role, region_id=region, sponsor=sponsor)
    return user
