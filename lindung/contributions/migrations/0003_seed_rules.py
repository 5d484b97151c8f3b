"""Seed the contribution rules in force, each with its effective months and legal basis (docs/rates.md).

Months are first days; ``valid_to`` is the last contribution month the row covers (inclusive).
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

D = dt.date
PP44 = D(2015, 7, 1)  # PP 44/2015 takes effect 1 July 2015.
APBD_EXCLUDED = ["apbn", "apbd_provinsi", "apbd_kabupaten", "dbh_sawit", "dbh_dr"]

BRACKETS = [
    dict(
        valid_from=PP44,
        income_from=1_000_000,
        income_to=1_000_000,
        jkk_amount=10_000,
        legal_basis="PP 44/2015 Pasal 20 ayat (2), Lampiran II",
        note="Golongan terendah (1% dari penghasilan). Golongan antara dimuat dengan `lindung rates load-brackets`.",
    ),
    dict(
        valid_from=PP44,
        income_from=20_700_000,
        income_to=20_700_000,
        jkk_amount=207_000,
        legal_basis="PP 44/2015 Pasal 20 ayat (2), Lampiran II",
        note="Golongan tertinggi (1% dari penghasilan).",
    ),
]

RATES = [
    dict(
        segment="BPU",
        component="JKK",
        kind="bracket",
        valid_from=PP44,
        legal_basis="PP 44/2015 Pasal 20 ayat (1)-(2), Lampiran II",
        note="Nominal per golongan penghasilan yang dilaporkan peserta.",
    ),
    dict(
        segment="BPU",
        component="JKM",
        kind="flat",
        amount=6_800,
        valid_from=PP44,
        legal_basis="PP 44/2015 Pasal 20 ayat (3)",
    ),
    dict(
        segment="BPU",
        component="JHT",
        kind="percent",
        percent=Decimal("2.000"),
        optional=True,
        valid_from=PP44,
        legal_basis="JHT BPU 2% dari penghasilan yang dilaporkan (sumber sekunder: star.grid.id; suara.com)",
    ),
    dict(
        segment="PU",
        component="JKK",
        kind="percent",
        percent=Decimal("0.240"),
        employer_percent=Decimal("0.240"),
        valid_from=PP44,
        legal_basis="PP 44/2015, kelompok risiko sangat rendah; Permendagri 18/2018 (dikutip BPJS Cabang Cikarang)",
        note="Perangkat desa sebagai PU, dibayar pemerintah desa dari APBDes (ADD).",
    ),
    dict(
        segment="PU",
        component="JKM",
        kind="percent",
        percent=Decimal("0.300"),
        employer_percent=Decimal("0.300"),
        valid_from=PP44,
        legal_basis="PP 44/2015; Permendagri 18/2018 (dikutip BPJS Cabang Cikarang)",
    ),
    dict(
        segment="PU",
        component="JHT",
        kind="percent",
        percent=Decimal("5.700"),
        employer_percent=Decimal("3.700"),
        worker_percent=Decimal("2.000"),
        optional=True,
        valid_from=PP44,
        legal_basis="PP 46/2015 (JHT PU 5,7%: 3,7% pemberi kerja, 2% pekerja)",
    ),
    dict(
        segment="PU",
        component="JP",
        kind="percent",
        percent=Decimal("3.000"),
        employer_percent=Decimal("2.000"),
        worker_percent=Decimal("1.000"),
        optional=True,
        valid_from=PP44,
        legal_basis="PP 45/2015 (JP 3%: 2% pemberi kerja, 1% pekerja)",
        note="Batas atas upah JP belum dimodelkan.",
    ),
]

DISCOUNTS = [
    dict(
        name="PP 49/2020: keringanan 99% JKK dan JKM",
        segment="BPU",
        percent=Decimal("99.000"),
        components=["JKK", "JKM"],
        sector="all",
        sector_categories=[],
        excluded_funding_sources=[],
        valid_from=D(2020, 8, 1),
        valid_to=D(2021, 1, 1),
        legal_basis="PP 49/2020 (sumber sekunder: headlines.id; voi.id; kliping)",
        note="Historis, masa pandemi COVID-19. Iuran JKM BPU menjadi Rp68.",
    ),
    dict(
        name="PP 50/2025: diskon 50% JKK dan JKM (selain sektor transportasi)",
        segment="BPU",
        percent=Decimal("50.000"),
        components=["JKK", "JKM"],
        sector="non_transport",
        sector_categories=["transportasi"],
        excluded_funding_sources=APBD_EXCLUDED,
        valid_from=D(2026, 4, 1),
        valid_to=D(2026, 12, 1),
        legal_basis="PP 50/2025 Pasal 3-7",
        note="Tidak berlaku bila iuran dibayar melalui APBN/APBD (Pasal 3 ayat 5). DBH masuk APBD. "
        "APBDes, CSR, ASN dan donatur tidak disebut: tafsiran, konfirmasi ke BPJS.",
    ),
    dict(
        name="PP 50/2025: diskon 50% JKK dan JKM (sektor transportasi)",
        segment="BPU",
        percent=Decimal("50.000"),
        components=["JKK", "JKM"],
        sector="transport",
        sector_categories=["transportasi"],
        excluded_funding_sources=APBD_EXCLUDED,
        valid_from=D(2026, 1, 1),
        valid_to=D(2027, 3, 1),
        legal_basis="PP 50/2025 Pasal 3-7",
        note="Pengemudi platform dan non-platform, kurir. Pengecualian APBN/APBD sama dengan baris lain.",
    ),
]

PAYMENT_RULES = [
    dict(
        segment="BPU",
        due_day=15,
        due_month_offset=0,
        next_working_day=True,
        lapse_after_unpaid_months=3,
        valid_from=PP44,
        legal_basis="PP 44/2015 Pasal 24; Pasal 39 ayat (2), Pasal 42 ayat (2)",
        note="Paling lambat tanggal 15 bulan iuran itu; libur → hari kerja berikutnya. Tanpa denda.",
    ),
    dict(
        segment="BPU",
        due_day=30,
        due_month_offset=0,
        next_working_day=True,
        lapse_after_unpaid_months=3,
        valid_from=D(2020, 8, 1),
        valid_to=D(2021, 1, 1),
        legal_basis="PP 49/2020 (sumber sekunder: headlines.id; voi.id)",
        note="Batas pembayaran diundur ke tanggal 30 selama keringanan.",
    ),
    dict(
        segment="PU",
        due_day=15,
        due_month_offset=1,
        next_working_day=True,
        lapse_after_unpaid_months=3,
        valid_from=PP44,
        legal_basis="PP 44/2015 (PU: tanggal 15 bulan berikutnya)",
        note="⚠ Batas 3 bulan tunggakan disamakan dengan BPU; belum dikonfirmasi untuk PU.",
    ),
]

TABLES = [
    ("IncomeBracket", BRACKETS),
    ("ContributionRate", RATES),
    ("Discount", DISCOUNTS),
    ("PaymentRule", PAYMENT_RULES),
]


def seed(apps, schema_editor):
    for model_name, rows in TABLES:
        model = apps.get_model("contributions", model_name)
        model.objects.bulk_create([model(**row) for row in rows])


def unseed(apps, schema_editor):
    for model_name, rows in TABLES:
        model = apps.get_model("contributions", model_name)
        for row in rows:
            model.objects.filter(valid_from=row["valid_from"], legal_basis=row["legal_basis"]).delete()


class Migration(migrations.Migration):
    dependencies = [("contributions", "0002_paymentrule_discount_sector_categories")]

    operations = [migrations.RunPython(seed, unseed)]
