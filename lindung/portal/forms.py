"""Filters for the audit trail page. Nothing here is personal data, so the filters travel in the URL."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.core.audit import AuditAction


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Tindakan"), required=False)
    actor = forms.CharField(label=_("Pelaku (nama pengguna)"), required=False, max_length=150)
    object_type = forms.ChoiceField(
        label=_("Jenis objek"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("worker", _("pekerja")),
            ("enrolment", _("kepesertaan")),
            ("programme", _("program")),
            ("account", _("akun")),
            ("import", _("impor")),
        ],
    )
    object_id = forms.CharField(label=_("Nomor objek"), required=False, max_length=64)
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput)
    region = forms.CharField(
        label=_("Kode wilayah"), required=False, max_length=13, help_text=_("Misalnya 62.03.17")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua tindakan")), *AuditAction.choices]
