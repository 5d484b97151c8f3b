"""The social-registry extract upload form: HTML input only; the rules are in ``registry.services``."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.registry.models import RegistryKind


class RegistryUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis registri"), choices=RegistryKind.choices)
    edition_date = forms.DateField(
        label=_("Tanggal edisi"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    region = forms.ChoiceField(label=_("Wilayah ekstrak"))
    vulnerable_max_decile = forms.IntegerField(
        label=_("Pekerja rentan: desil paling tinggi"),
        min_value=1,
        max_value=10,
        initial=4,
        help_text=_("Untuk jumlah pekerja rentan per wilayah, mis. 4 = desil 1 sampai 4."),
    )
    file = forms.FileField(
        label=_("Berkas (XLSX atau CSV)"),
        help_text=_("Kolom wajib: NIK, Nama, Desil. Juga dibaca: No KK, Alamat, Kode Desa, Tanggal Lahir."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods,.xls"}),
    )

    def __init__(self, *args, region_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices
