"""Verification queue forms: filters (no personal data, so GET) and the bulk decision (POST)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Status

QUEUE_STATUSES = [
    (Status.PROPOSED, _("Menunggu verifikasi (diusulkan)")),
    (Status.VERIFIED, _("Sudah diverifikasi, belum dikirim")),
    (Status.REJECTED, _("Ditolak")),
]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=QUEUE_STATUSES, required=False)
    programme = forms.TypedChoiceField(label=_("Program"), required=False, coerce=int, empty_value=None)
    region = forms.ChoiceField(label=_("Wilayah"), required=False)
    findings = forms.ChoiceField(
        label=_("Temuan"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("with", _("Ada catatan untuk diperiksa")),
            ("without", _("Tanpa catatan")),
        ],
    )

    # The social registry (registry app): the decile of each person's latest match, and the programme's rule.
    max_decile = forms.IntegerField(label=_("Desil paling tinggi"), required=False, min_value=1, max_value=10)
    decile_rule = forms.ChoiceField(
        label=_("Batas desil program"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("meets", _("Memenuhi batas desil program")),
            ("fails", _("Di atas batas desil atau tidak ada di registri")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[
            ("", _("Tanggal usulan")),
            ("decile", _("Desil terendah dulu")),
            ("-decile", _("Desil tertinggi dulu")),
        ],
    )

    def __init__(self, *args, programmes, region_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("Semua program"))] + [(p.pk, str(p)) for p in programmes]
        if region_choices:
            self.fields["region"].choices = region_choices
        else:
            del self.fields["region"]


class DecisionForm(forms.Form):
    """Approve or reject the ticked people. The ids are checked against the user's scope in the view."""

    ACTIONS = [("verify", _("Setujui")), ("reject", _("Tolak"))]

    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(label=_("Alasan penolakan / catatan"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Alasan penolakan wajib diisi; operator desa membacanya untuk memperbaiki data.")
            )
        return data
