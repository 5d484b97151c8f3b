"""Writes on accounts: creating a login with its role and region, changing them, and setting a new password.

There is no email password reset: officials ask their superadmin, who sets a new password here and hands it
over in person. Every change is an audit event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from axes.models import AccessFailureLog
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions.models import Region

from .access import access_require
from .models import Account, Role, Sponsor


def _sync_admin_flags(user, role: str, region: str | None) -> list[str]:
    """Only a national superadmin gets Django's staff/superuser flags: the Django admin is not region-scoped,
    so a regional superadmin (or anyone demoted) must not reach it. Returns the flags changed."""
    admin = role == Role.SUPERADMIN and not region
    changed = [f for f in ("is_staff", "is_superuser") if getattr(user, f) != admin]
    for f in changed:
        setattr(user, f, admin)
    return changed


def _region_or_error(region_code: str | None) -> str | None:
    code = (region_code or "").strip()
    if not code:
        return None
    if not Region.objects.filter(code=code, retired_at__isnull=True).exists():
        raise ValidationError({"region": f'Kode wilayah "{code}" tidak ditemukan.'})
    return code


@transaction.atomic
def account_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    region_code: str | None,
    institution: str = "",
    sponsor_id: int | None = None,
):
    """Create a login with its role and region. The password must pass Django's password validators."""
    User = get_user_model()
    if role not in Role.values:
        raise ValidationError({"role": f'Peran "{role}" tidak dikenal.'})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f'Nama pengguna "{username}" sudah dipakai.'})
    region = _region_or_error(region_code)
    if role == Role.SPONSOR and not sponsor_id:
        raise ValidationError({"sponsor": "Akun sponsor harus dikaitkan dengan sponsor."})
    user = User(username=username)
    validate_password(password, user)
    user.set_password(password)
    _sync_admin_flags(user, role, region)
    user.save()
    Account.objects.create(
        user=user, role=role, region_id=region, institution=institution, sponsor_id=sponsor_id
    )
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT_CREATE,
        object_type="account",
        object_id=user.pk,
        region_code=region or "",
        summary=f"Akun {username} dibuat ({Role(role).label})",
    )
    return user


@transaction.atomic
def account_update(
    *,
    actor,
    account: Account,
    role: str,
    region_code: str | None,
    institution: str,
    is_active: bool,
    sponsor_id: int | None = None,
) -> list[str]:
    """Change an account's role, region, institution or active flag; returns the changed field names."""
    if role not in Role.values:
        raise ValidationError({"role": f'Peran "{role}" tidak dikenal.'})
    region = _region_or_error(region_code)
    if role == Role.SPONSOR and not sponsor_id:
        raise ValidationError({"sponsor": "Akun sponsor harus dikaitkan dengan sponsor."})
    new = {"role": role, "region_id": region, "institution": institution, "sponsor_id": sponsor_id}
    changed = [k for k, v in new.items() if getattr(account, k) != v]
    for k in changed:
        setattr(account, k, new[k])
    if changed:
        account.save(update_fields=[*changed, "updated_at"])
    user = account.user
    flags = _sync_admin_flags(user, role, region)
    if user.is_active != is_active:
        user.is_active = is_active
        flags.append("is_active")
    if flags:
        user.save(update_fields=flags)
        changed.extend(flags)
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.ACCOUNT_UPDATE,
            object_type="account",
            object_id=user.pk,
            region_code=account.region_id or "",
            summary=f"Akun {user.username} diubah: {', '.join(changed)}",
            detail={"fields": changed},
        )
    return changed


@transaction.atomic
def account_set_password(*, actor, user, password: str) -> None:
    """Set a new password chosen by an administrator, and lift any login lockout on that username."""
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    axes_reset(username=user.get_username())
    account = getattr(user, "account", None) if hasattr(user, "account") else None
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT_PASSWORD_SET,
        object_type="account",
        object_id=user.pk,
        region_code=(account.region_id or "") if account else "",
        summary=f"Kata sandi {user.username} diatur ulang oleh administrator",
    )


def account_unlock(*, actor, account: Account) -> int:
    """Lift the sign-in locks on an account from every address, and forget its failures (so the next lock
    starts short again). Returns how many locked (username, address) records were cleared."""
    user = account.user
    access_require(
        actor,
        "account.manage",
        region_code=account.region_id or "",
        object_type="account",
        object_id=user.pk,
        what="membuka kunci masuk",
    )
    with transaction.atomic():
        username = user.get_username()
        cleared = axes_reset(username=username)
        AccessFailureLog.objects.filter(username=username).delete()
        audit_record(
            actor=actor,
            action=AuditAction.ACCOUNT_UNLOCK,
            object_type="account",
            object_id=user.pk,
            region_code=account.region_id or "",
            summary=f"Kunci masuk {username} dibuka oleh administrator",
            detail={"cleared": cleared},
        )
    return cleared


@transaction.atomic
def sponsor_create(*, actor, data: Mapping[str, Any]) -> Sponsor:
    """Register a sponsor (a CSR company, an ASN, an individual donor)."""
    name = " ".join(str(data.get("name", "")).split())
    kind = str(data.get("kind") or "")
    errors = {}
    if not name:
        errors["name"] = "Nama sponsor wajib diisi."
    if kind not in Sponsor.Kind.values:
        errors["kind"] = f'Jenis sponsor "{kind}" tidak dikenal; pilih csr, asn atau donor.'
    if errors:
        raise ValidationError(errors)
    fields = {k: str(data.get(k) or "") for k in ("nip", "position", "institution", "contact")}
    sponsor = Sponsor.objects.create(name=name, kind=kind, **fields)
    audit_record(
        actor=actor,
        action=AuditAction.SPONSOR_CREATE,
        object_type="sponsor",
        object_id=sponsor.pk,
        summary=f"Sponsor baru {sponsor.name}",
    )
    return sponsor


def account_set_language(*, actor, language: str) -> bool:
    """Keep the language the signed-in ``actor`` chose for its pages on its account. Returns whether it changed.

    No capability is checked: every account may choose its own language, and nobody another's.
    """
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": f'Bahasa "{language}" tidak tersedia.'})
    if not getattr(actor, "is_authenticated", False):
        return False
    account = Account.objects.filter(user_id=actor.pk).first()
    if account is None or account.language == language:
        return False
    before = account.language
    account.language = language
    account.save(update_fields=["language", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.LANGUAGE_SET,
        object_type="account",
        object_id=actor.pk,
        region_code=account.region_code,
        summary=f"Bahasa tampilan {actor.get_username()}: {language}",
        detail={"before": before, "after": language},
    )
    return True
