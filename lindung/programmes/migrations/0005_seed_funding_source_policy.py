"""Seed the funding-source policy: one row per source, with the regulation (or the honest lack of one).

``valid_from`` of the permitted sources is the start of Lindung's rule tables (PP 44/2015, 1 July 2015), not
the date of each source's own regulation, which was not checked; Dana Desa is refused from the date of the
circular that forbids it.
"""

import datetime as dt

from django.db import migrations

PP44 = dt.date(2015, 7, 1)
SINCE_PP44 = (
    "Berlaku sejak awal tabel aturan Lindung (PP 44/2015); tanggal terbit dasar hukumnya belum diperiksa."
)
APBD_BASIS = (
    "Inpres 2/2021 (kepala daerah mengalokasikan APBD); Permendagri 15/2023 Lampiran huruf E: iuran BPJS-TK "
    "pekerja rentan kewenangan Pemda, dibebankan pada APBD (sumber sekunder: SE Kemendes)"
)
SPONSOR_BASIS = (
    "Tidak ada ketentuan khusus: dana bukan pemerintah; iuran BPU boleh dibayar melalui wadah atau kelompok "
    "(PP 44/2015 Pasal 24)"
)

POLICIES = [
    dict(
        source="apbn",
        label="APBN",
        needs_legal_basis=True,
        legal_basis="Inpres 2/2021: pendanaan dari APBN, APBD dan sumber lain (sumber sekunder: sumut.antaranews)",
    ),
    dict(source="apbd_provinsi", label="APBD provinsi", needs_legal_basis=True, legal_basis=APBD_BASIS),
    dict(
        source="apbd_kabupaten", label="APBD kabupaten/kota", needs_legal_basis=True, legal_basis=APBD_BASIS
    ),
    dict(
        source="apbdes",
        label="APBDes",
        needs_legal_basis=True,
        needs_apbdes_sub_source=True,
        owner_level=4,
        legal_basis="APBDes dari ADD atau pendapatan asli desa, bukan Dana Desa (SE Dirjen PDP Kemendes "
        "4/PRI.00/I/2024); iuran perangkat desa dari APBDes (Permendagri 18/2018)",
        note="Dimiliki desa dan ditetapkan dengan Perdes/Perkades; asal dana disebut agar terlihat bukan Dana "
        "Desa. " + SINCE_PP44,
    ),
    dict(
        source="dbh_sawit",
        label="DBH sawit",
        needs_legal_basis=True,
        legal_basis="PP 38/2023 dan PMK 91/2023: paling banyak 20% DBH Sawit untuk kegiatan lain, termasuk "
        "perlindungan sosial pekerja perkebunan (sumber sekunder: elaeis; lampung.antaranews)",
    ),
    dict(
        source="dbh_dr",
        label="DBH-DR",
        needs_legal_basis=True,
        legal_basis="PMK 55/2024 Pasal 4 ayat (1) huruf c: pekerja kehutanan dan petani (sumber sekunder: "
        "balanganews)",
    ),
    dict(
        source="csr",
        label="CSR",
        sponsor_kind="csr",
        sponsor_required=True,
        legal_basis=SPONSOR_BASIS,
        note="Contoh: GN Lingkaran sejak 2016, SERTAKAN 2025–26. Sponsor dapat berhenti di tengah program. "
        + SINCE_PP44,
    ),
    dict(
        source="asn",
        label="sponsor ASN",
        sponsor_kind="asn",
        legal_basis=SPONSOR_BASIS,
        note="Gerakan ASN Peduli Pekerja Rentan (Kendal, Klaten); Perwali Semarang 26/2025; Ingub Sumbar 5/2021.",
    ),
    dict(
        source="donor",
        label="donatur perorangan",
        sponsor_kind="donor",
        legal_basis=SPONSOR_BASIS,
        note="GN Lingkaran: donasi perorangan paling sedikit Rp16.800 per bulan. " + SINCE_PP44,
    ),
    dict(
        source="dana_desa",
        label="Dana Desa",
        allowed=False,
        refusal="Dana Desa tidak dapat digunakan untuk membayar iuran BPJS Ketenagakerjaan kepala desa, "
        "perangkat desa, maupun pekerja rentan dan miskin (SE Dirjen PDP Kemendes Nomor 4/PRI.00/I/2024 "
        "tanggal 5 Januari 2024). Gunakan APBDes dari Alokasi Dana Desa (ADD) atau pendapatan asli desa.",
        valid_from=dt.date(2024, 1, 5),
        legal_basis="SE Dirjen PDP Kemendes Nomor 4/PRI.00/I/2024 tanggal 5 Januari 2024",
        note="Sebelumnya sebagian daerah memakai Dana Desa (Ketapang 2023); Lindung tidak pernah mencatatnya "
        "sebagai sumber dana.",
    ),
]


def seed(apps, schema_editor):
    Policy = apps.get_model("programmes", "FundingSourcePolicy")
    Policy.objects.bulk_create(
        [Policy(**({"valid_from": PP44, "note": SINCE_PP44} | row)) for row in POLICIES]
    )


def unseed(apps, schema_editor):
    Policy = apps.get_model("programmes", "FundingSourcePolicy")
    for row in POLICIES:
        Policy.objects.filter(source=row["source"], valid_from=row.get("valid_from", PP44)).delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_funding_source_policy")]

    operations = [migrations.RunPython(seed, unseed)]
