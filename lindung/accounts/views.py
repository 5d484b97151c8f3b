"""Sign-in, sign-out, own password, and the superadmin's account pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.regions.models import Region

from .access import AccessRefused
from .decorators import capability_required
from .forms import AccountCreateForm, AccountEditForm, LanguageForm, PasswordSetForm, SignInForm
from .language import SESSION_LANGUAGE
from .lockout import cool_off_minutes
from .models import Account
from .selectors import accounts_visible_to, scope_of
from .services import (
    account_create,
    account_set_language,
    account_set_password,
    account_unlock,
    account_update,
)


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class OwnPasswordView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, _("Kata sandi Anda sudah diganti."))
        return super().form_valid(form)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this (``AXES_LOCKOUT_CALLABLE``) once a (username, address) pair has failed too often."""
    minutes = cool_off_minutes(request)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes, "form": SignInForm(request)},
        status=429,
    )


def _region_error(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _check_region_in_scope(request, form) -> bool:
    code = (form.cleaned_data.get("region") or "").strip()
    if not scope_of(request.user).covers(code):
        form.add_error("region", _("Wilayah ini di luar wilayah Anda."))
        return False
    return True


@capability_required("account.manage")
def user_list(request: HttpRequest) -> HttpResponse:
    accounts = accounts_visible_to(request.user)
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


@capability_required("account.manage")
def user_create(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_region_in_scope(request, form):
        d = form.cleaned_data
        try:
            user = account_create(
                actor=request.user,
                username=d["username"],
                password=d["password"],
                role=d["role"],
                region_code=d["region"],
                institution=d["institution"],
                sponsor_id=d["sponsor"].pk if d["sponsor"] else None,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                _region_error(form, exc)
            else:
                form.add_error("password", exc)
        else:
            messages.success(request, _("Akun %(name)s dibuat.") % {"name": user.username})
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


def _account_or_404(request, pk: int):
    account = accounts_visible_to(request.user).filter(user_id=pk).first()
    if account is None:
        raise Http404
    return account


@capability_required("account.manage")
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)
    initial = {
        "role": account.role,
        "region": account.region_id or "",
        "institution": account.institution,
        "sponsor": account.sponsor_id,
        "is_active": account.user.is_active,
    }
    form = AccountEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _check_region_in_scope(request, form):
        d = form.cleaned_data
        try:
            changed = account_update(
                actor=request.user,
                account=account,
                role=d["role"],
                region_code=d["region"],
                institution=d["institution"],
                is_active=d["is_active"],
                sponsor_id=d["sponsor"].pk if d["sponsor"] else None,
            )
        except ValidationError as exc:
            _region_error(form, exc)
        else:
            if changed:
                messages.success(request, _("Akun %(name)s diperbarui.") % {"name": account.user.username})
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "account": account, "creating": False})


@capability_required("account.manage")
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)
    form = PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_set_password(
                actor=request.user, user=account.user, password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            form.add_error("password1", exc)
        else:
            messages.success(
                request,
                _("Kata sandi baru untuk %(name)s sudah disimpan. Serahkan langsung kepada pemilik akun.")
                % {"name": account.user.username},
            )
            return redirect("accounts:users")
    return render(request, "accounts/user_password.html", {"form": form, "account": account})


@require_POST
@login_required
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    """The service checks the role and region, so a refused unlock is on the record (403, or 404 outside)."""
    account = Account.objects.select_related("user").filter(user_id=pk).first()
    if account is None:
        raise Http404
    try:
        account_unlock(actor=request.user, account=account)
    except AccessRefused as exc:
        if exc.outside_scope:
            raise Http404 from exc
        raise
    messages.success(request, _("Kunci masuk %(name)s sudah dibuka.") % {"name": account.user.username})
    return redirect("accounts:users")


@login_required
def region_name(request: HttpRequest) -> HttpResponse:
    """htmx helper for the account form: the name of the region code being typed."""
    code = (request.GET.get("region") or "").strip()
    region = Region.objects.filter(code=code).first() if code else None
    return render(request, "accounts/_region_name.html", {"region": region, "code": code})


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Choose the pages' language: kept in the session, and on the account when signed in."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bahasa yang dipilih tidak tersedia."))
        return redirect("home")
    language = form.cleaned_data["language"]
    request.session[SESSION_LANGUAGE] = language
    if request.user.is_authenticated:
        account_set_language(actor=request.user, language=language)
    target = form.cleaned_data["next"]
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    response = redirect(target if safe and target else "home")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
