"""Sign-in and account forms: input validation only; the rules are in ``services.py``."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Role, Sponsor


class SignInForm(AuthenticationForm):
    """Django's sign-in form: it calls ``authenticate(request, ...)``, which lets django-axes count failures."""

    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
        "inactive": _("Akun ini dinonaktifkan. Hubungi administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})


class AccountForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    region = forms.CharField(
        label=_("Kode wilayah"),
        required=False,
        max_length=13,
        help_text=_(
            "Kode Kemendagri, misalnya 62.03 (kabupaten) atau 62.03.17.2002 (desa). Kosong = nasional."
        ),
    )
    institution = forms.CharField(label=_("Instansi"), required=False, max_length=150)
    sponsor = forms.ModelChoiceField(
        label=_("Sponsor"),
        required=False,
        queryset=Sponsor.objects.all(),
        help_text=_("Hanya untuk peran sponsor: perusahaan atau ASN yang mendanai."),
    )


class AccountCreateForm(AccountForm):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
    password = forms.CharField(
        label=_("Kata sandi awal"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Paling sedikit 10 karakter. Serahkan langsung kepada pemilik akun."),
    )
    field_order = ["username", "password", "role", "region", "institution", "sponsor"]


class AccountEditForm(AccountForm):
    is_active = forms.BooleanField(label=_("Akun aktif"), required=False)


class PasswordSetForm(forms.Form):
    password1 = forms.CharField(
        label=_("Kata sandi baru"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi baru"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        return data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Bahasa"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
