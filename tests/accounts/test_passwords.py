"""The password rules, through the account services the users page calls."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lindung.accounts.models import Role
from lindung.accounts.services import account_create, account_set_password

from .builders import make_user

pytestmark = pytest.mark.django_db


def _create(password: str, username: str = "budi.santoso"):
    root = make_user(Role.SUPERADMIN, username="root")
    return account_create(
        actor=root, username=username, password=password, role=Role.OPERATOR_DESA, region_code="62.03.17.2002"
    )


def _refusal(password: str, username: str = "budi.santoso") -> str:
    with pytest.raises(ValidationError) as exc:
        _create(password, username)
    return " ".join(exc.value.messages)


def test_password_equal_to_the_username_is_refused():
    assert "terlalu mirip" in _refusal("budi.santoso77", username="budi.santoso77").lower()


def test_all_digit_password_is_refused():
    assert "angka" in _refusal("3174059876543").lower()


@pytest.mark.parametrize(
    "password",
    [
        "kapuas2026",
        "Kapuas-2026!",
        "lindungdesa2025",
        "admin.lindung123",
        "BPJS-Jakarta-1945",
        "Indonesia2026",
    ],
)
def test_local_common_words_with_a_year_are_refused(password):
    assert "mudah ditebak" in _refusal(password)


def test_a_regency_name_from_the_region_table_is_refused():
    # Not in the fixed list: it comes from the loaded region tree.
    assert "mudah ditebak" in _refusal("HuluSungaiTengah-2025")


def test_a_strong_passphrase_is_accepted():
    user = _create("kapuas-sungai-kenari-7")
    assert user.check_password("kapuas-sungai-kenari-7")


def test_administrator_set_password_follows_the_same_rules():
    root = make_user(Role.SUPERADMIN, username="root")
    op = make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    with pytest.raises(ValidationError):
        account_set_password(actor=root, user=op, password="rahasia-desa-2026")
    account_set_password(actor=root, user=op, password="tiga-kenari-hijau-lompat")
    op.refresh_from_db()
    assert op.check_password("tiga-kenari-hijau-lompat")
