"""HTML input for the upload pages. Rules stay in the services; these only read what was typed."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lindung.accounts.selectors import scope_of
from lindung.regions.codes import is_village

from .selectors import active_programmes_for


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )
    village = forms.CharField(
        label=_("Kode desa"),
        required=False,
        help_text=_("Untuk baris tanpa kolom Kode Desa, mis. 62.03.17.2002. Operator desa: desa Anda."),
    )
    programme = forms.ChoiceField(label=_("Usulkan ke program"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("xlsx, xls, ods atau csv; paling besar %(mb)s MB.") % {
            "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        }
        self.fields["programme"].choices = [("", gettext("— hanya daftarkan pekerja —"))] + [
            (p.code, f"{p.name} ({p.code})") for p in active_programmes_for(user)
        ]
        region = scope_of(user).region_code
        if is_village(region):
            self.fields["village"].initial = region


class ReplyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas balasan BPJS"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )
    programme = forms.ChoiceField(label=_("Program"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [
            (p.code, f"{p.name} ({p.code})") for p in active_programmes_for(user)
        ]
