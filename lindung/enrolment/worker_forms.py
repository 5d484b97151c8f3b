"""Worker forms: HTML input only. The rules are in ``people.services`` (validation, checks) and enrolment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.people.models import Category, Gender, PovertyEvidence, WageStatus
from lindung.regions.forms import region_filter_choices, village_choices

from .models import Status


class WorkerFilterForm(forms.Form):
    """The worker list filters. The search text is only ever sent by POST, so a NIK never lands in a URL."""

    q = forms.CharField(
        label=_("Cari NIK, KPJ atau nama"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "inputmode": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status kepesertaan"), required=False, choices=[("", _("Semua status")), *Status.choices]
    )
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Semua kategori")), *Category.choices]
    )
    programme = forms.TypedChoiceField(label=_("Program"), required=False, coerce=int, empty_value=None)
    region = forms.ChoiceField(label=_("Wilayah"), required=False)
    needs_review = forms.BooleanField(label=_("Hanya yang perlu diperiksa"), required=False)

    def __init__(self, *args, programmes, region_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("Semua program"))] + [(p.pk, str(p)) for p in programmes]
        choices = region_filter_choices(region_code)
        if choices:
            self.fields["region"].choices = choices
        else:
            del self.fields["region"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class WorkerForm(forms.Form):
    """Register or correct one person. The NIK cannot change on an existing person (it is the natural key)."""

    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        help_text=_("16 digit sesuai KTP/KK. Tanggal lahir, jenis kelamin dan wilayah dibaca dari NIK."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=80, required=False)
    birth_date = forms.DateField(
        label=_("Tanggal lahir"),
        required=False,
        widget=DateInput,
        help_text=_("Kosongkan untuk memakai tanggal dari NIK."),
    )
    gender = forms.ChoiceField(
        label=_("Jenis kelamin"),
        required=False,
        choices=[("", _("Sesuai NIK")), *Gender.choices],
    )
    village_code = forms.CharField(label=_("Desa/kelurahan domisili"), max_length=13)
    address = forms.CharField(label=_("Alamat"), max_length=255, required=False)
    rt = forms.CharField(label=_("RT"), max_length=3, required=False)
    rw = forms.CharField(label=_("RW"), max_length=3, required=False)
    kk_number = forms.CharField(label=_("Nomor KK"), max_length=24, required=False)
    phone = forms.CharField(
        label=_("Nomor HP"), max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = forms.EmailField(label=_("Email"), required=False)
    occupation_1 = forms.CharField(label=_("Pekerjaan utama"), max_length=80)
    occupation_2 = forms.CharField(
        label=_("Pekerjaan kedua"),
        max_length=80,
        required=False,
        help_text=_("Paling banyak 2 jenis pekerjaan."),
    )
    category = forms.ChoiceField(label=_("Kategori"), choices=[("", _("Pilih kategori")), *Category.choices])
    wage_status = forms.ChoiceField(
        label=_("Status upah"), choices=WageStatus.choices, initial=WageStatus.BPU
    )
    fixed_income = forms.IntegerField(
        label=_("Penghasilan tetap (Rp per bulan)"),
        required=False,
        min_value=0,
        help_text=_("Untuk penerima upah (PU), misalnya siltap perangkat desa."),
    )
    kpj = forms.CharField(label=_("Nomor KPJ (bila sudah ada)"), max_length=20, required=False)
    poverty_evidence = forms.ChoiceField(
        label=_("Bukti kemiskinan"), required=False, choices=PovertyEvidence.choices
    )
    dtsen_decile = forms.IntegerField(label=_("Desil DTKS/DTSEN"), required=False, min_value=1, max_value=10)
    poverty_note = forms.CharField(label=_("Catatan kemiskinan"), max_length=255, required=False)
    programme = forms.TypedChoiceField(
        label=_("Usulkan ke program"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Opsional. Usulan diperiksa verifikator dinas."),
    )

    def __init__(self, *args, region_code: str, programmes=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        villages = village_choices(region_code)
        if villages is not None:
            self.fields["village_code"] = forms.ChoiceField(
                label=_("Desa/kelurahan domisili"), choices=villages
            )
            if len(villages) == 1:
                self.fields["village_code"].initial = villages[0][0]
        else:
            self.fields["village_code"].help_text = _(
                "Kode Kemendagri desa/kelurahan, misalnya 62.03.17.2002."
            )
        if editing:
            self.fields["nik"].disabled = True
            self.fields["nik"].help_text = _(
                "NIK tidak dapat diubah. NIK salah? Daftarkan dengan NIK yang benar."
            )
        programmes = list(programmes)
        if programmes:
            self.fields["programme"].choices = [("", _("Tidak sekarang"))] + [
                (p.pk, str(p)) for p in programmes
            ]
        else:
            del self.fields["programme"]
        nik_check_attrs = {"aria-describedby": "id_nik_helptext nik-check"}
        self.fields["nik"].widget.attrs.update(nik_check_attrs)

    def service_data(self) -> dict:
        """The cleaned values in the shape ``people.services.worker_register`` takes."""
        d = dict(self.cleaned_data)
        d.pop("programme", None)
        d["gender"] = d.get("gender") or ""
        return d


class ProposeForm(forms.Form):
    programme = forms.TypedChoiceField(label=_("Program"), coerce=int)
    reason = forms.CharField(label=_("Catatan usulan"), max_length=255, required=False)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(p.pk, str(p)) for p in programmes]
