"""The glossary: each word a village office may not know, explained once, in Indonesian and in English.

The text is kept here in both languages (not in the .po catalogue) because it is content that is read as a
whole page, and both versions must exist together. ``{% term "ucj" %}`` (lindung_ui) links a word on any
page to its entry and carries the short explanation for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Term:
    key: str
    word: str
    short_id: str
    short_en: str
    text_id: str
    text_en: str

    @property
    def short(self) -> str:
        return self.short_en if _english() else self.short_id

    @property
    def text(self) -> str:
        return self.text_en if _english() else self.text_id


def _english() -> bool:
    return (get_language() or "id").startswith("en")


TERMS: tuple[Term, ...] = (
    Term(
        "ucj",
        "UCJ",
        "Universal Coverage Jamsostek: bagian pekerja yang sudah terlindungi",
        "Universal Coverage Jamsostek: the share of workers already covered",
        "UCJ (Universal Coverage Jamsostek) adalah persen pekerja di suatu wilayah yang sudah menjadi peserta "
        "aktif BPJS Ketenagakerjaan. Makin tinggi angkanya, makin banyak pekerja yang terlindungi.",
        "UCJ (Universal Coverage Jamsostek) is the percentage of workers in an area who are active members of "
        "BPJS Ketenagakerjaan. The higher it is, the more workers are protected.",
    ),
    Term(
        "bpu_pu",
        "BPU / PU",
        "BPU: pekerja bukan penerima upah; PU: pekerja penerima upah",
        "BPU: workers without a wage; PU: wage earners",
        "BPU (Bukan Penerima Upah) adalah pekerja mandiri tanpa majikan, misalnya petani, nelayan atau "
        "pedagang. PU (Penerima Upah) adalah pekerja yang digaji oleh pemberi kerja, termasuk perangkat desa "
        "yang menerima siltap.",
        "BPU (Bukan Penerima Upah) are self-employed workers without an employer, such as farmers, fishers or "
        "traders. PU (Penerima Upah) are workers paid a wage by an employer, village officials paid a siltap "
        "included.",
    ),
    Term(
        "kpj",
        "KPJ",
        "Nomor kepesertaan BPJS Ketenagakerjaan (11 angka)",
        "The BPJS Ketenagakerjaan membership number (11 digits)",
        "KPJ (Kartu Peserta Jamsostek) adalah nomor kepesertaan 11 angka yang diberikan BPJS "
        "Ketenagakerjaan setelah pekerja didaftarkan. Nomor ini dipakai untuk membayar iuran dan mengajukan "
        "klaim.",
        "KPJ (Kartu Peserta Jamsostek) is the 11-digit membership number BPJS Ketenagakerjaan gives a worker "
        "once registered. It is used to pay contributions and to make a claim.",
    ),
    Term(
        "jkk_jkm",
        "JKK / JKM",
        "Jaminan Kecelakaan Kerja dan Jaminan Kematian",
        "Work accident cover and death cover",
        "JKK (Jaminan Kecelakaan Kerja) membayar pengobatan dan santunan bila pekerja celaka saat bekerja. "
        "JKM (Jaminan Kematian) membayar santunan kepada keluarga bila pekerja meninggal. Program ini membayar "
        "iuran keduanya.",
        "JKK (Jaminan Kecelakaan Kerja) pays treatment and benefits when a worker has an accident at work. "
        "JKM (Jaminan Kematian) pays the family when the worker dies. The programme pays the contributions "
        "for both.",
    ),
    Term(
        "pagu",
        "Pagu / Komitmen / Realisasi",
        "Pagu: anggaran disediakan; Komitmen: sudah dijanjikan; Realisasi: sudah dibayar",
        "Pagu: budget set aside; Komitmen: promised; Realisasi: actually paid",
        "Pagu adalah jumlah anggaran yang disediakan untuk program. Komitmen adalah bagian pagu yang sudah "
        "dijanjikan untuk iuran pekerja yang terdaftar. Realisasi adalah yang sudah benar-benar dibayar ke "
        "BPJS Ketenagakerjaan.",
        "Pagu is the budget set aside for the programme. Komitmen is the part already promised to the "
        "contributions of registered workers. Realisasi is what has actually been paid to BPJS "
        "Ketenagakerjaan.",
    ),
    Term(
        "menempati_kuota",
        "Menempati kuota",
        "Pekerja yang sudah memakai satu tempat dari kuota program",
        "Workers who already take one of the programme's places",
        "Menempati kuota berarti pekerja itu sudah memakai satu tempat dari jumlah tempat program di desa "
        "Anda, walaupun iurannya belum tentu sudah dibayar.",
        "Taking a place in the quota means the worker already uses one of the programme's places in your "
        "village, even if the contribution may not have been paid yet.",
    ),
    Term(
        "siltap",
        "Siltap",
        "Penghasilan tetap kepala desa dan perangkat desa",
        "The fixed income of the village head and officials",
        "Siltap (penghasilan tetap) adalah gaji bulanan kepala desa dan perangkat desa yang dibayar dari "
        "APBDes. Penerima siltap biasanya didaftarkan sebagai PU.",
        "Siltap (penghasilan tetap) is the monthly pay of the village head and officials, paid from the "
        "village budget (APBDes). People paid a siltap are usually registered as PU.",
    ),
    Term(
        "desil_dtsen",
        "Desil DTSEN",
        "Peringkat kesejahteraan keluarga 1-10 dalam data sosial ekonomi nasional",
        "A household's welfare rank from 1 to 10 in the national socio-economic data",
        "DTSEN (Data Tunggal Sosial dan Ekonomi Nasional) membagi keluarga ke dalam sepuluh desil. Desil 1 "
        "adalah 10% keluarga termiskin; makin kecil desilnya, makin berhak keluarga itu dibantu.",
        "DTSEN (Data Tunggal Sosial dan Ekonomi Nasional) ranks households into ten deciles. Decile 1 is the "
        "poorest 10%; the lower the decile, the stronger the household's claim to help.",
    ),
    Term(
        "p3ke",
        "P3KE",
        "Data keluarga miskin ekstrem untuk penghapusan kemiskinan ekstrem",
        "The register of households in extreme poverty",
        "P3KE (Pensasaran Percepatan Penghapusan Kemiskinan Ekstrem) adalah daftar keluarga miskin ekstrem "
        "dari pemerintah. Pekerja dari keluarga ini didahulukan.",
        "P3KE (Pensasaran Percepatan Penghapusan Kemiskinan Ekstrem) is the government's list of households in "
        "extreme poverty. Workers from these households come first.",
    ),
    Term(
        "tabel_panas",
        "Tabel panas",
        "Tabel yang mewarnai wilayah menurut angkanya",
        "A table that colours each area by its figure",
        "Tabel panas adalah tabel wilayah yang diberi warna: makin gelap warnanya, makin tinggi angkanya. "
        "Dengan begitu wilayah yang tertinggal mudah terlihat.",
        "A heat table is a table of areas coloured by their figures: the darker the colour, the higher the "
        "figure, so areas that lag behind stand out.",
    ),
    Term(
        "isian_lindung",
        "Isian Lindung",
        "Kolom Lindung yang diisi dari kolom berkas Anda",
        "The Lindung field that a column of your file fills",
        "Isian Lindung adalah kolom di Lindung (misalnya NIK atau nama) yang akan diisi dari kolom berkas "
        "Excel Anda. Pilih untuk setiap kolom berkas, isian Lindung mana yang cocok.",
        "A Lindung field is a field in Lindung (such as NIK or name) that a column of your Excel file fills. "
        "For each column of your file, choose the Lindung field that matches it.",
    ),
)

TERMS_BY_KEY = {t.key: t for t in TERMS}
