"""Filters for the audit trail page. Nothing here is personal data, so the filters travel in the URL."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.core.audit import AuditAction


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# The audit trail began long after 2000; the page adds a day to "until", so 9999-12-31 would overflow.
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _within_audit_years(day: dt.date) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(
            _("Tanggal harus antara %(first)s dan %(last)s."),
            params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            code="out_of_range",
        )


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
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=DateInput, validators=[_within_audit_years]
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=DateInput, validators=[_within_audit_years]
    )
    region = forms.CharField(
        label=_("Kode wilayah"), required=False, max_length=13, help_text=_("Misalnya 62.03.17")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua tindakan")), *AuditAction.choices]
