"""Findings on a person's data and on proposing them: the NIK, the person, the programme's rules and places."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

from .kinds import FindingKind, Severity

_NIK_BASIS = "Struktur NIK: PP KK CC DDMMYY SSSS (Dukcapil; DOMAIN.md §8)"
_FORMULA_BASIS = "Teks berawalan =, +, -, @ dijalankan spreadsheet sebagai rumus (OWASP: CSV injection)"


REGISTRY: list[FindingKind] = [
    FindingKind("nik_required", Severity.ERROR, "nik", _("NIK wajib diisi."), _NIK_BASIS),
    FindingKind(
        "nik_lost_digits",
        Severity.ERROR,
        "nik",
        _(
            'NIK "{value}" tersimpan sebagai angka di spreadsheet sehingga digitnya hilang (spreadsheet hanya '
            "menyimpan 15 digit). Ketik ulang NIK sebagai teks, misalnya diawali tanda petik ('). "
            "Lindung tidak menebak digit yang hilang."
        ),
        "Spreadsheet menyimpan angka dengan presisi 15 digit; NIK 16 digit",
    ),
    FindingKind(
        "nik_not_digits",
        Severity.ERROR,
        "nik",
        _('NIK hanya boleh berisi angka; ditemukan "{chars}".'),
        _NIK_BASIS,
    ),
    FindingKind(
        "nik_length",
        Severity.ERROR,
        "nik",
        _("NIK harus 16 digit; yang diisi {length} digit."),
        _NIK_BASIS,
    ),
    FindingKind(
        "nik_region_unknown",
        Severity.ERROR,
        "nik",
        _("Kode wilayah di awal NIK ({code}) tidak ada dalam data wilayah Kemendagri."),
        "Enam digit pertama NIK = kode provinsi, kabupaten/kota, kecamatan (Kepmendagri kode wilayah)",
    ),
    FindingKind(
        "nik_birth_date_invalid",
        Severity.ERROR,
        "nik",
        _(
            "Digit tanggal lahir di NIK ({ddmmyy}) bukan tanggal yang ada. Tanggal 01–31 untuk laki-laki, "
            "41–71 untuk perempuan (tanggal + 40)."
        ),
        _NIK_BASIS,
    ),
    FindingKind(
        "nik_serial_zero",
        Severity.ERROR,
        "nik",
        _("Nomor urut NIK (4 digit terakhir) tidak boleh 0000."),
        _NIK_BASIS,
    ),
    FindingKind(
        "birth_date_mismatch",
        Severity.WARNING,
        "birth_date",
        _(
            "Tanggal lahir {given} tidak sama dengan tanggal lahir menurut NIK ({from_nik}). "
            "Periksa mana yang salah ketik."
        ),
        _NIK_BASIS,
    ),
    FindingKind(
        "gender_mismatch",
        Severity.WARNING,
        "gender",
        _(
            "Jenis kelamin {given} tidak sama dengan jenis kelamin menurut NIK ({from_nik}). "
            "Periksa mana yang salah ketik."
        ),
        "Tanggal lahir perempuan di NIK ditambah 40 (Dukcapil)",
    ),
    FindingKind(
        "birth_date_required",
        Severity.ERROR,
        "birth_date",
        _("Tanggal lahir wajib diisi dan tidak dapat dibaca dari NIK."),
        "Batas umur peserta",
    ),
    FindingKind(
        "gender_required",
        Severity.ERROR,
        "gender",
        _("Jenis kelamin wajib diisi (L atau P) dan tidak dapat dibaca dari NIK."),
        "Formulir pendaftaran BPU",
    ),
    FindingKind(
        "domicile_outside_nik_regency",
        Severity.WARNING,
        "village",
        _(
            "Desa domisili ({village}) berada di luar kabupaten/kota penerbit NIK ({nik_regency}). "
            "Wajar bila pindah domisili; mohon dicek."
        ),
        "Kode wilayah NIK = tempat pertama kali terdaftar, bukan domisili",
    ),
    FindingKind("village_required", Severity.ERROR, "village", _("Desa/kelurahan domisili wajib diisi."), ""),
    FindingKind(
        "village_unknown",
        Severity.ERROR,
        "village",
        _(
            'Kode desa/kelurahan domisili "{code}" tidak ditemukan, atau bukan kode desa/kelurahan '
            "(format 62.03.17.2002)."
        ),
        "Kode wilayah Kemendagri tingkat desa/kelurahan",
    ),
    FindingKind(
        "kk_malformed",
        Severity.ERROR,
        "kk_number",
        _('Nomor KK harus 16 digit angka; yang diisi "{value}".'),
        "Nomor KK: kode wilayah 6 digit + tanggal 6 digit + nomor urut 4 digit",
    ),
    FindingKind(
        "kpj_malformed",
        Severity.ERROR,
        "kpj",
        _('Nomor KPJ harus 11 digit angka; yang diisi "{value}".'),
        "Nomor kepesertaan BPJS Ketenagakerjaan (KPJ) 11 digit",
    ),
    FindingKind(
        "phone_invalid",
        Severity.WARNING,
        "phone",
        _('Nomor HP "{value}" tidak dikenali sebagai nomor Indonesia.'),
        "Penomoran telepon Indonesia",
    ),
    FindingKind("name_required", Severity.ERROR, "full_name", _("Nama lengkap wajib diisi."), ""),
    FindingKind("occupation_required", Severity.ERROR, "occupation_1", _("Jenis pekerjaan wajib diisi."), ""),
    FindingKind(
        "occupation_too_many",
        Severity.ERROR,
        "occupation_2",
        _("Paling banyak 2 jenis pekerjaan; yang diisi {count}."),
        "PP 44/2015 Pasal 11 ayat (2)",
    ),
    FindingKind(
        "category_unknown",
        Severity.ERROR,
        "category",
        _('Kategori "{value}" tidak dikenal.'),
        "Daftar kategori pekerja ekosistem desa",
    ),
    FindingKind(
        "age_below_min",
        Severity.ERROR,
        "birth_date",
        _("Umur {age} tahun pada {on} di bawah batas minimal {limit} tahun."),
        "{basis}",
    ),
    FindingKind(
        "age_above_max",
        Severity.ERROR,
        "birth_date",
        _("Umur {age} tahun pada {on} melewati batas maksimal {limit} tahun."),
        "{basis}",
    ),
    FindingKind(
        "already_has_kpj",
        Severity.WARNING,
        "kpj",
        _("Sudah memiliki nomor KPJ {value}; pastikan belum terdaftar aktif sebelum didanai."),
        "Pekerja yang sudah terlindungi tidak didanai ganda",
    ),
    # Programme eligibility (lindung.enrolment.eligibility). Errors refuse the proposal.
    FindingKind(
        "programme_inactive",
        Severity.ERROR,
        "programme",
        _("Program {programme} tidak menerima usulan: {why}."),
        "Masa program ({basis})",
    ),
    FindingKind(
        "already_in_programme",
        Severity.ERROR,
        "programme",
        _("Sudah tercatat di program {programme} dengan status {status}."),
        "Satu orang satu kepesertaan per program",
    ),
    FindingKind(
        "outside_coverage",
        Severity.ERROR,
        "village",
        _("Desa domisili {village} berada di luar wilayah cakupan program {programme} ({coverage})."),
        "Wilayah cakupan program ({basis})",
    ),
    FindingKind(
        "category_not_eligible",
        Severity.ERROR,
        "category",
        _('Kategori "{category}" bukan sasaran program {programme}; yang berhak: {allowed}.'),
        "Sasaran program ({basis})",
    ),
    FindingKind(
        "category_not_for_source",
        Severity.ERROR,
        "category",
        _(
            'Kategori "{category}" tidak boleh dibiayai dari {source} (program {programme}); yang boleh: {allowed}.'
        ),
        "{basis}",
    ),
    FindingKind(
        "protected_not_for_source",
        Severity.ERROR,
        "{field}",
        _(
            "Sudah terlindungi BPJS Ketenagakerjaan ({why}); {source} (program {programme}) hanya untuk pekerja "
            "yang belum terlindungi perusahaan."
        ),
        "{basis}",
    ),
    FindingKind(
        "wage_earner_in_bpu",
        Severity.ERROR,
        "wage_status",
        _("Berstatus penerima upah (PU); program {programme} hanya untuk pekerja bukan penerima upah (BPU)."),
        "PP 44/2015 Pasal 5 ayat (3) jo. PP 49/2023 (segmen BPU); ⚠ kepesertaan PU+BPU sekaligus belum "
        "dikonfirmasi, program daerah mengecualikan pekerja penerima upah",
    ),
    FindingKind(
        "fixed_income_required",
        Severity.ERROR,
        "fixed_income",
        _(
            "Program {programme} (PU) menghitung iuran dari penghasilan tetap; penghasilan tetap (siltap) "
            "belum diisi."
        ),
        "Iuran PU = persen × penghasilan tetap (DOMAIN.md §11)",
    ),
    FindingKind(
        "double_funding",
        Severity.ERROR,
        "programme",
        _(
            'Sudah {status} di program "{other}" ({other_code}, {other_period}) yang bulannya bertumpuk '
            "dengan program {programme} ({period}). Satu bulan iuran tidak boleh dibiayai dua program."
        ),
        "Larangan pendanaan ganda (satu bulan iuran dibayar satu kali)",
    ),
    FindingKind(
        "village_quota_full",
        Severity.ERROR,
        "village",
        _("Kuota desa {village} di program {programme} sudah penuh: {used} dari {quota} orang."),
        "Kuota per desa ({basis})",
    ),
    FindingKind(
        "total_quota_full",
        Severity.ERROR,
        "programme",
        _("Kuota total program {programme} sudah penuh: {used} dari {quota} orang."),
        "Kuota program ({basis})",
    ),
    FindingKind(
        "value_too_long",
        Severity.ERROR,
        "{field}",
        _("{label} terlalu panjang: {length} karakter, paling banyak {limit}."),
        "Batas panjang kolom registri Lindung",
    ),
    FindingKind(
        "name_formula_like",
        Severity.WARNING,
        "full_name",
        _("Nama lengkap diawali tanda rumus spreadsheet (=, +, -, @); periksa apakah isinya benar."),
        _FORMULA_BASIS,
    ),
    FindingKind(
        "address_formula_like",
        Severity.WARNING,
        "address",
        _("Alamat diawali tanda rumus spreadsheet (=, +, -, @); periksa apakah isinya benar."),
        _FORMULA_BASIS,
    ),
    FindingKind(
        "text_control_chars",
        Severity.ERROR,
        "{field}",
        _("{label} memuat karakter tak terlihat (kode kendali); ketik ulang isinya."),
        "Data registri hanya berisi teks yang dapat dibaca",
    ),
    FindingKind(
        "email_refused",
        Severity.ERROR,
        "email",
        _('Alamat email "{value}" tidak sah (contoh yang benar: nama@contoh.id).'),
        "Format alamat email (RFC 5322)",
    ),
    FindingKind(
        "rt_rw_invalid",
        Severity.ERROR,
        "{field}",
        _('{label} "{value}" harus angka 1 sampai 3 digit, misalnya 002.'),
        "Nomor RT/RW menurut Permendagri 18/2018",
    ),
    FindingKind(
        "choice_invalid",
        Severity.ERROR,
        "{field}",
        _('{label} "{value}" tidak dikenal; pilih salah satu: {choices}.'),
        "Pilihan isian registri Lindung",
    ),
    FindingKind(
        "number_out_of_range",
        Severity.ERROR,
        "{field}",
        _("{label} {value} di luar rentang yang diterima ({low} sampai {high})."),
        "Batas isian registri Lindung",
    ),
    FindingKind(
        "nik_registered_here",
        Severity.ERROR,
        "nik",
        _("NIK ini sudah terdaftar di wilayah Anda. Buka data pekerja itu untuk mengubahnya."),
        "Satu orang satu data (NIK unik)",
    ),
    FindingKind(
        "nik_registered_elsewhere",
        Severity.ERROR,
        "nik",
        _("NIK ini sudah terdaftar di luar wilayah Anda; verifikator dinas Anda dapat menyelesaikannya."),
        "Satu orang satu data (NIK unik); data di luar wilayah tidak ditampilkan (UU 27/2022)",
    ),
    FindingKind(
        "worker_out_of_scope",
        Severity.ERROR,
        "village",
        _("Pekerja ini berada di luar wilayah akun Anda; usulan hanya untuk pekerja di wilayah Anda."),
        "Pembatasan akses per wilayah (UU 27/2022 tentang Pelindungan Data Pribadi)",
    ),
    FindingKind(
        "budget_ceiling_exceeded",
        Severity.ERROR,
        "programme",
        _(
            "Pagu program {programme} {ceiling} terlampaui: iuran yang sudah terikat {committed} ditambah "
            "{cost} untuk orang ini menjadi {after}."
        ),
        "Pagu anggaran program ({basis})",
    ),
]
