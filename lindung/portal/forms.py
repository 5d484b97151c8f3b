"""Filters for the audit trail page. Nothing here is personal data, so the filters travel in the URL."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# The actions Lindung records, with the words an auditor reads. Unknown actions still show, by their code.
ACTION_LABELS: dict[str, str] = {
    "worker.view": _("melihat data pekerja"),
    "worker.create": _("mendaftarkan pekerja"),
    "worker.update": _("mengubah data pekerja"),
    "access.denied": _("akses ditolak (di luar wilayah)"),
    "enrolment.propose": _("mengusulkan"),
    "enrolment.repropose": _("mengusulkan ulang"),
    "enrolment.verify": _("memverifikasi"),
    "enrolment.reject": _("menolak"),
    "enrolment.submit": _("mengirim ke BPJS"),
    "enrolment.activate": _("mengaktifkan (KPJ terbit)"),
    "enrolment.lapse": _("menonaktifkan"),
    "enrolment.reactivate": _("mengaktifkan kembali"),
    "enrolment.end": _("mengakhiri kepesertaan"),
    "account.create": _("membuat akun"),
    "account.update": _("mengubah akun"),
    "account.password_set": _("mengatur ulang kata sandi"),
}


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

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua tindakan"))] + [
            (a, f"{ACTION_LABELS.get(a, a)} ({a})") for a in actions
        ]
