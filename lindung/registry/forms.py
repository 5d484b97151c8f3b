"""Registry page forms: HTML input only; the rules are in ``registry.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DecileRuleForm(forms.Form):
    programme = forms.TypedChoiceField(label=_("Program"), coerce=int)
    max_decile = forms.IntegerField(label=_("Desil paling tinggi"), min_value=1, max_value=10, initial=4)
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    legal_basis = forms.CharField(
        label=_("Dasar hukum"), max_length=255, help_text=_("Mis. Perbup Kapuas No. 12 Tahun 2025 Pasal 5")
    )
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(p.pk, f"{p.name} ({p.code})") for p in programmes]
