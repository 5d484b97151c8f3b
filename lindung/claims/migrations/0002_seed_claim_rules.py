"""The benefit, scholarship and deadline rows, and the document checklists, from DOMAIN.md sections 3 and 4.

Each row carries the source DOMAIN.md gives for it. Rows are history (ADR 0002): a change is a new row with
a later ``valid_from``, never an edit of these.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

FROM = dt.date(2019, 12, 2)  # PP 82/2019 promulgated
PP82 = "PP 82/2019 Pasal 34 dan Lampiran"
PP82_JKK = "PP 82/2019 Lampiran (JKK); Permenaker 5/2021"
PP82_SCHOLARSHIP = "PP 82/2019 Pasal 34 ayat (1) huruf d"

BENEFITS = [
    ("jkm_lump_sum", 20_000_000, None, PP82),
    ("jkm_periodic", 12_000_000, None, PP82),
    ("jkm_funeral", 10_000_000, None, PP82),
    # 60 % × 80 × upah, at least the JKM death benefit (the floor is the JKM rows' sum, claims.benefits).
    ("jkk_death", None, Decimal("48"), PP82_JKK),
    ("jkk_funeral", 10_000_000, None, PP82_JKK),
    ("jkk_periodic", 12_000_000, None, PP82_JKK),
    # 70 % × 80 × upah.
    ("jkk_total_disability", None, Decimal("56"), PP82_JKK),
]

SCHOLARSHIP = [
    ("tk", 1_500_000, 2, 1),
    ("sd", 1_500_000, 6, 2),
    ("smp", 2_000_000, 3, 3),
    ("sma", 3_000_000, 3, 4),
    ("s1", 12_000_000, 5, 5),
]

LIMITS = [
    ("jkk_lapse_years", 5, "PP 82/2019 Pasal 26", ""),
    ("jkm_pay_working_days", 3, "PP 44/2015 Pasal 40 ayat (3)", ""),
    ("accident_report_hours", 48, "PP 44/2015 Pasal 44 (laporan tahap I dan II, 2×24 jam)", ""),
    (
        "documents_follow_up_days",
        14,
        "Kebijakan kantor program (bukan regulasi)",
        "⚠ Batas kerja Lindung untuk menindaklanjuti dokumen; ubah dengan baris baru.",
    ),
    ("scholarship_max_children", 2, PP82_SCHOLARSHIP, ""),
    ("scholarship_jkm_min_years", 3, PP82_SCHOLARSHIP, ""),
    ("stmb_full_months", 12, "PP 82/2019 Lampiran (STMB); suarakarya, umsu", ""),
    ("stmb_full_percent", 100, "PP 82/2019 Lampiran (STMB); suarakarya, umsu", ""),
    ("stmb_after_percent", 50, "PP 82/2019 Lampiran (STMB); suarakarya, umsu", ""),
]

FORM = "Formulir klaim BPJS Ketenagakerjaan"
# (code, label, benefit, kind, only_when, required, order)
DOCUMENTS = [
    ("ktp", "KTP peserta", "", "", "", True, 10),
    ("kk", "Kartu Keluarga (KK)", "", "", "", True, 20),
    ("kartu-bpjs", "Kartu peserta BPJS Ketenagakerjaan (KPJ)", "", "", "", False, 30),
    ("akta-kematian", "Akta kematian / surat keterangan kematian", "", "death", "", True, 40),
    ("ket-ahli-waris", "Surat keterangan ahli waris", "", "death", "", True, 50),
    ("ktp-ahli-waris", "KTP ahli waris", "", "death", "", True, 60),
    ("buku-tabungan", "Buku tabungan ahli waris / peserta", "", "", "", True, 70),
    ("laporan-polisi", "Laporan polisi (kecelakaan lalu lintas)", "", "", "traffic", True, 80),
    ("laporan-kecelakaan", "Laporan kecelakaan tahap I dan II (form BPJS 3 dan 3a)", "jkk", "", "", True, 90),
    ("ket-dokter", "Surat keterangan dokter / laporan medis", "jkk", "", "", True, 100),
    ("kronologi", "Kronologi kejadian dari desa atau pemberi kerja", "jkk", "", "", True, 110),
    ("ket-pak", "Surat keterangan dokter penasihat (penyakit akibat kerja)", "jkk", "disease", "", True, 120),
    ("form-jkm", "Formulir klaim JKM (form BPJS 4)", "jkm", "", "", True, 130),
    ("akta-lahir-anak", "Akta kelahiran anak (beasiswa)", "", "death", "", False, 140),
]


def seed(apps, schema_editor):
    BenefitRule = apps.get_model("claims", "BenefitRule")
    ScholarshipRate = apps.get_model("claims", "ScholarshipRate")
    ClaimLimit = apps.get_model("claims", "ClaimLimit")
    DocumentRequirement = apps.get_model("claims", "DocumentRequirement")
    BenefitRule.objects.bulk_create(
        BenefitRule(code=c, amount=a, income_multiple=m, legal_basis=b, valid_from=FROM) for c, a, m, b in BENEFITS
    )
    ScholarshipRate.objects.bulk_create(
        ScholarshipRate(level=lv, per_year=p, max_years=y, order=o, legal_basis=PP82_SCHOLARSHIP, valid_from=FROM)
        for lv, p, y, o in SCHOLARSHIP
    )
    ClaimLimit.objects.bulk_create(
        ClaimLimit(code=c, value=v, legal_basis=b, note=n, valid_from=FROM) for c, v, b, n in LIMITS
    )
    DocumentRequirement.objects.bulk_create(
        DocumentRequirement(
            code=c, label=lbl, benefit=b, kind=k, only_when=w, required=r, order=o, basis=FORM
        )
        for c, lbl, b, k, w, r, o in DOCUMENTS
    )


def unseed(apps, schema_editor):
    for name in ("BenefitRule", "ScholarshipRate", "ClaimLimit", "DocumentRequirement"):
        apps.get_model("claims", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
