"""Programme, quota and planner forms: HTML input validation only. The rules are in ``services.py``
(``programme_validate``), and the sums in ``planner.py``."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import Sponsor
from lindung.people.checks import registry_age_limit
from lindung.people.models import Category

from .models import DANA_DESA, ApbdesSubSource, FundingSource, Segment
from .planner import MAX_PEOPLE, MAX_RUPIAH

# Dana Desa is offered on purpose: choosing it gets the refusal and its legal basis from
# programme_validate, which teaches more than an option that silently is not there.
DANA_DESA_CHOICE = (DANA_DESA, _("Dana Desa (tidak diperbolehkan)"))


class MonthInput(forms.TextInput):
    input_type = "month"


class ProgrammeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode program"),
        max_length=40,
        help_text=_("Huruf kecil, angka, tanda hubung: bky-1desa100-2026"),
    )
    name = forms.CharField(label=_("Nama program"), max_length=200)
    owner_region = forms.CharField(
        label=_("Kode wilayah pemilik"), max_length=13, help_text=_("Provinsi, kabupaten/kota atau desa")
    )
    coverage_region = forms.CharField(label=_("Kode wilayah cakupan"), max_length=13)
    fiscal_year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    start_month = forms.CharField(
        label=_("Bulan mulai"), max_length=10, widget=MonthInput, help_text=_("TTTT-BB, misalnya 2026-01")
    )
    months = forms.IntegerField(label=_("Jumlah bulan"), min_value=1, max_value=12, initial=12)
    segment = forms.ChoiceField(label=_("Segmen"), choices=Segment.choices, initial=Segment.BPU)
    declared_income = forms.IntegerField(
        label=_("Penghasilan yang dilaporkan (Rp/bulan)"),
        min_value=0,
        max_value=MAX_RUPIAH,
        initial=1_000_000,
        required=False,
    )
    include_jht = forms.BooleanField(label=_("Termasuk JHT"), required=False)
    include_jp = forms.BooleanField(label=_("Termasuk JP (hanya PU)"), required=False)
    funding_source = forms.ChoiceField(
        label=_("Sumber dana"),
        choices=[("", _("Pilih sumber dana")), *FundingSource.choices, DANA_DESA_CHOICE],
    )
    apbdes_sub_source = forms.ChoiceField(
        label=_("Asal dana APBDes"),
        required=False,
        choices=[("", _("Bukan APBDes")), *ApbdesSubSource.choices, DANA_DESA_CHOICE],
    )
    sponsor = forms.ModelChoiceField(label=_("Sponsor"), required=False, queryset=Sponsor.objects.all())
    legal_bases = forms.CharField(
        label=_("Dasar hukum"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            "Satu peraturan per baris, berurutan: Perbup Bengkayang 23/2024 tentang Program Perlindungan "
            "1 Desa 100 Pekerja Rentan; Inpres 2/2021; Inpres 4/2022. Tanggal boleh ditambah: "
            "Pergub Kalbar 4/2023 tanggal 2023-03-01."
        ),
    )
    quota_per_village = forms.IntegerField(
        label=_("Kuota bawaan per desa"),
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        help_text=_("Kosong = tanpa batas per desa"),
    )
    total_quota = forms.IntegerField(
        label=_("Kuota total"), min_value=0, max_value=MAX_PEOPLE, required=False
    )
    budget_ceiling = forms.IntegerField(
        label=_("Pagu anggaran (Rp)"), min_value=0, max_value=MAX_RUPIAH, required=False
    )
    eligible_categories = forms.MultipleChoiceField(
        label=_("Kategori sasaran"),
        required=False,
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosong = semua kategori"),
    )
    # Initial values: the registry's age limits in force today (people.AgeLimit), set in __init__.
    age_min = forms.IntegerField(label=_("Umur minimal"), min_value=0, max_value=100)
    age_max = forms.IntegerField(label=_("Umur maksimal"), min_value=0, max_value=100)
    is_active = forms.BooleanField(label=_("Menerima usulan"), required=False, initial=True)
    umbrella = forms.BooleanField(
        label=_("Skema payung APBDes"),
        required=False,
        help_text=_("Dimiliki kabupaten/kota; setiap desa menganggarkan dari APBDes-nya sendiri"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = registry_age_limit(timezone.localdate())
        if limits is not None:
            self.fields["age_min"].initial = limits.age_min
            self.fields["age_max"].initial = limits.age_max

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        d["sponsor"] = d["sponsor"].pk if d.get("sponsor") else None
        d["start_month"] = (d.get("start_month") or "").strip()
        d["apbdes_sub_source"] = d.get("apbdes_sub_source") or ""
        d["eligible_categories"] = list(d.get("eligible_categories") or [])
        if d.get("declared_income") is None:
            d.pop("declared_income")
        return d


_QUOTA_LINE = re.compile(r"^\s*([0-9.]+)\s*[=:;,\t ]\s*([0-9]*)\s*$")


class QuotaForm(forms.Form):
    """Village overrides as lines of ``kode desa = kuota``; an empty quota returns a village to the default."""

    lines = forms.CharField(
        label=_("Kuota desa yang berbeda dari bawaan"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            "Satu desa per baris: 62.03.17.2002 = 120. Kosongkan angkanya (62.03.17.2002 =) untuk kembali ke kuota bawaan."
        ),
    )

    def clean_lines(self) -> dict[str, int | None]:
        quotas: dict[str, int | None] = {}
        errors = []
        for n, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            m = _QUOTA_LINE.match(line)
            if not m:
                errors.append(
                    _('Baris %(n)s "%(line)s" tidak terbaca; tulis kode desa = kuota.')
                    % {"n": n, "line": line.strip()}
                )
                continue
            quotas[m.group(1)] = int(m.group(2)) if m.group(2) else None
        if errors:
            raise forms.ValidationError(errors)
        if not quotas:
            raise forms.ValidationError(_("Isi paling sedikit satu baris."))
        return quotas


class PlanForm(forms.Form):
    """What-if for the planner beside a programme: other quota, months, area or income."""

    region = forms.CharField(label=_("Wilayah (kode)"), max_length=13, required=False)
    per_village = forms.IntegerField(
        label=_("Orang per desa"), min_value=0, max_value=MAX_PEOPLE, required=False
    )
    months = forms.IntegerField(label=_("Jumlah bulan"), min_value=1, max_value=12, required=False)
    income = forms.IntegerField(
        label=_("Penghasilan (Rp/bulan)"), min_value=0, max_value=MAX_RUPIAH, required=False
    )

    def plan_arguments(self) -> dict:
        """The keyword arguments of ``planner.programme_plan`` this what-if asks for (none when invalid)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "region_code": (d.get("region") or "").strip() or None,
            "per_village": d.get("per_village"),
            "months": d.get("months"),
            "income": d.get("income"),
        }


class UmbrellaLinesForm(forms.Form):
    """Villages' APBDes lines, one per row: ``kode desa; jumlah; nomor Perdes; tanggal; asal; kuota[; jenis]``."""

    lines = forms.CharField(
        label=_("Anggaran APBDes per desa"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            "Satu desa per baris: kode desa; jumlah (Rp); nomor Perdes APBDes; tanggal Perdes (TTTT-BB-HH); "
            "asal dana (add, pades, lain); kuota; jenis (apbdes, atau transfer bila dana APBD kabupaten ditransfer "
            "ke APBDes; boleh kosong). Contoh: "
            "62.03.17.2002; 20160000; 5/2026; 2025-12-20; add; 100"
        ),
    )

    def clean_lines(self) -> list[dict]:
        keys = ("village", "amount", "perdes_number", "perdes_date", "sub_source", "quota", "kind")
        rows = []
        for number, text in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not text.strip():
                continue
            parts = [p.strip() for p in text.split(";")]
            if not 6 <= len(parts) <= 7:
                raise forms.ValidationError(
                    _("Baris %(n)s: harus 6 atau 7 kolom dipisah titik koma, ada %(k)s.")
                    % {"n": number, "k": len(parts)}
                )
            row = {k: v for k, v in zip(keys, parts, strict=False) if v or k != "kind"}
            if (
                row.get("kind", "").lower() == "transfer"
            ):  # the word an office types for the Bengkayang pattern
                row["kind"] = "apbd_transfer"
            rows.append(row)
        return rows
