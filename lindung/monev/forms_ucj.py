"""The UCJ page's forms: HTML input only; the rules are in the services they feed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class InsurerFiguresForm(forms.Form):
    file = forms.FileField(label=_("Berkas laporan BPJS (xlsx, xls, ods, csv)"))
    edition = forms.CharField(
        label=_("Sumber / edisi laporan"),
        max_length=255,
        help_text=_("Mis. BPJS Ketenagakerjaan Kanwil Kalimantan, Oktober 2024"),
    )
    period = forms.CharField(
        label=_("Bulan laporan (TTTT-BB), bila berkas tidak memuat kolom bulan"), max_length=7, required=False
    )


class VulnerableCountForm(forms.Form):
    region = forms.CharField(label=_("Kode wilayah"), max_length=13)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    count = forms.IntegerField(label=_("Jumlah pekerja rentan"), min_value=1)
    goal_percent = forms.CharField(label=_("Sasaran daerah (%)"), max_length=8, required=False)
    source_note = forms.CharField(
        label=_("Sumber data"), max_length=255, help_text=_("Mis. Pendataan Disnakertrans Kapuas 2026")
    )
