"""Every action the audit trail records: one enum, with the words an auditor reads and whether it changes data.

Monev's staleness check reads only the data-changing actions (``AuditAction.data_changing()``), so a read
such as ``GET /api/enrolments/`` never queues a rebuild. A new action is a new member here, never free text.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # Access
    ACCESS_DENIED = "access.denied", _("akses ditolak")
    # Personal data: reads
    WORKER_VIEW = "worker.view", _("melihat data pekerja")
    WORKER_LIST = "worker.list", _("melihat daftar pekerja")
    ENROLMENT_LIST = "enrolment.list", _("melihat daftar kepesertaan")
    ENROLMENT_QUEUE = "enrolment.queue", _("melihat antrean verifikasi")
    NIK_CHECK = "worker.nik_check", _("memeriksa apakah NIK terdaftar")
    ENROLMENT_ELIGIBILITY = "enrolment.eligibility", _("memeriksa kelayakan")
    IMPORT_VIEW = "import.view", _("melihat hasil impor")
    IMPORT_RESULT_DOWNLOAD = "import.result_download", _("mengunduh hasil impor")
    IMPORT_ROWS_VIEW = "import.rows_view", _("melihat baris hasil impor")
    IMPORT_PREVIEW_VIEW = "import.preview_view", _("melihat contoh baris unggahan")
    IMPORT_TEMPLATE_DOWNLOAD = "import.template_download", _("mengunduh templat impor")
    INSURER_EXPORT_DOWNLOAD = "insurer.export_download", _("mengunduh berkas untuk BPJS")
    MONEV_REPORT_PDF = "monev.report_pdf", _("mengunduh laporan monev (PDF)")
    MONEV_REPORT_XLSX = "monev.report_xlsx", _("mengunduh laporan monev (Excel)")
    # Personal data: writes
    WORKER_CREATE = "worker.create", _("mendaftarkan pekerja")
    WORKER_UPDATE = "worker.update", _("mengubah data pekerja")
    ENROLMENT_PROPOSE = "enrolment.propose", _("mengusulkan")
    ENROLMENT_REPROPOSE = "enrolment.repropose", _("mengusulkan ulang")
    ENROLMENT_VERIFY = "enrolment.verify", _("memverifikasi")
    ENROLMENT_REJECT = "enrolment.reject", _("menolak usulan")
    ENROLMENT_SUBMIT = "enrolment.submit", _("mengirim ke BPJS")
    ENROLMENT_ACTIVATE = "enrolment.activate", _("mengaktifkan (KPJ terbit)")
    ENROLMENT_LAPSE = "enrolment.lapse", _("menonaktifkan karena menunggak")
    ENROLMENT_REACTIVATE = "enrolment.reactivate", _("mengaktifkan kembali")
    ENROLMENT_END = "enrolment.end", _("mengakhiri kepesertaan")
    PAYMENT_RECORD = "payment.record", _("mencatat pembayaran iuran")
    BILL_ISSUE = "bill.issue", _("menerbitkan tagihan iuran")
    BILL_ADJUST = "bill.adjust", _("menambah baris koreksi tagihan")
    BILL_PAY = "bill.pay", _("mencatat pembayaran tagihan")
    BILL_DOWNLOAD = "bill.download", _("mengunduh tagihan")
    ARREARS_VIEW = "arrears.view", _("melihat daftar tunggakan")
    COVERAGE_CHECK = "coverage.check", _("memeriksa status perlindungan pada suatu tanggal")
    STATEMENT_IMPORT = "statement.import", _("mengimpor rincian pembayaran")
    STATEMENT_VIEW = "statement.view", _("melihat rincian pembayaran")
    STATEMENT_RESOLVE = "statement.resolve", _("menyelesaikan selisih rekonsiliasi")
    CREDIT_RECORD = "credit.record", _("mencatat kelebihan bayar sebagai kredit")
    RENEWAL_CONFIRM = "renewal.confirm", _("melanjutkan peserta ke program tahun berikutnya")
    HANDOVER_CONFIRM = "handover.confirm", _("menyerahkan peserta untuk membayar mandiri")
    SCHEDULE_RUN = "schedule.run", _("menjalankan pekerjaan terjadwal")
    # Claims: every read and change (sensitive personal data)
    CLAIM_LIST = "claim.list", _("melihat daftar klaim")
    CLAIM_VIEW = "claim.view", _("melihat berkas klaim")
    CLAIM_REPORT = "claim.report", _("melaporkan kecelakaan atau kematian")
    CLAIM_UPDATE = "claim.update", _("mengubah berkas klaim")
    CLAIM_HEIR = "claim.heir", _("mencatat ahli waris")
    CLAIM_DOCUMENT = "claim.document", _("mencentang dokumen klaim")
    CLAIM_STATUS = "claim.status", _("mengubah status klaim")
    CLAIM_EXPORT = "claim.export", _("membuat daftar pengajuan klaim untuk BPJS")
    CLAIM_DECISION_IMPORT = "claim.decision_import", _("mengimpor keputusan klaim dari BPJS")
    CLAIM_LETTER = "claim.letter", _("mengunduh surat pengantar klaim")
    IMPORT_UPLOAD = "import.upload", _("mengunggah berkas impor")
    IMPORT_RUN = "import.run", _("menjalankan impor")
    INSURER_EXPORT = "insurer.export", _("membuat berkas untuk BPJS")
    INSURER_REPLY = "insurer.reply", _("mencatat jawaban BPJS")
    # Programmes and rules
    PROGRAMME_CREATE = "programme.create", _("membuat program")
    PROGRAMME_UPDATE = "programme.update", _("mengubah program")
    PROGRAMME_QUOTA = "programme.quota", _("mengatur kuota desa")
    SPONSOR_CREATE = "sponsor.create", _("membuat sponsor")
    RATES_LOAD_BRACKETS = "rates.load_brackets", _("memuat golongan penghasilan")
    RULE_ADD = "rule.add", _("menambah baris aturan")
    # Regions and targets
    REGIONS_LOAD = "regions.load", _("memuat data wilayah")
    WORKING_POPULATION_SET = "working_population.set", _("mengisi penduduk bekerja")
    COVERAGE_TARGET_SET = "coverage_target.set", _("mengisi target cakupan")
    # Accounts
    ACCOUNT_CREATE = "account.create", _("membuat akun")
    ACCOUNT_UPDATE = "account.update", _("mengubah akun")
    ACCOUNT_PASSWORD_SET = "account.password_set", _("mengatur ulang kata sandi")
    ACCOUNT_UNLOCK = "account.unlock", _("membuka kunci masuk akun")
    # Monev's own work
    MONEV_REFRESH = "monev.refresh", _("memperbarui rekap monev")
    # Operations: backup and restore of the database and the data folder
    OPS_BACKUP = "ops.backup", _("membuat cadangan")
    OPS_RESTORE = "ops.restore", _("memulihkan dari cadangan")
    # Background work: a job or import left "running" by a process that died, marked failed
    JOB_RECOVER = "job.recover", _("menandai pekerjaan yang terhenti sebagai gagal")
    REPORT_REQUEST = "report.request", _("meminta laporan PDF dibuat")
    # Sponsors and their people
    SPONSOR_UPDATE = "sponsor.update", _("mengubah sponsor")
    SPONSORSHIP_CREATE = "sponsorship.create", _("menetapkan sponsor bagi pekerja")
    SPONSORSHIP_END = "sponsorship.end", _("mengakhiri sponsor pekerja")
    SPONSORSHIP_VIEW = "sponsorship.view", _("melihat pekerja yang disponsori")
    CSR_COMMITMENT_RECORD = "csr_commitment.record", _("mencatat komitmen CSR")
    CSR_PAYMENT_RECORD = "csr_payment.record", _("mencatat pembayaran CSR")
    SPONSOR_CERTIFICATE = "sponsor.certificate", _("mengunduh sertifikat sponsor")
    # Umbrella schemes, funding, letters
    VILLAGE_BUDGET_SET = "village_budget.set", _("mencatat anggaran APBDes desa")
    LETTER_DOWNLOAD = "letter.download", _("mengunduh surat atau lampiran SK")
    # The social registry and duplicates
    REGISTRY_IMPORT = "registry.import", _("mengimpor data registri sosial")
    REGISTRY_VIEW = "registry.view", _("melihat data registri sosial")
    DECILE_RULE_ADD = "decile_rule.add", _("menetapkan batas desil program")
    DUPLICATE_SCAN = "duplicate.scan", _("mencari kemungkinan data ganda")
    DUPLICATE_VIEW = "duplicate.view", _("melihat kemungkinan data ganda")
    DUPLICATE_MERGE = "duplicate.merge", _("menggabungkan data ganda")
    DUPLICATE_DISTINCT = "duplicate.distinct", _("menandai dua orang berbeda")
    # The insurer's own figures and the region's counts
    INSURER_FIGURES_IMPORT = "insurer_figures.import", _("mengimpor angka peserta dari BPJS")
    VULNERABLE_COUNT_SET = "vulnerable_count.set", _("mengisi jumlah pekerja rentan")
    # Monev meetings
    MEETING_RECORD = "meeting.record", _("mencatat rapat monev")
    MEETING_UPDATE = "meeting.update", _("mengubah rapat monev")
    RECOMMENDATION_ADOPT = "recommendation.adopt", _("menetapkan rekomendasi rapat")
    RECOMMENDATION_UPDATE = "recommendation.update", _("mengubah status rekomendasi")
    MINUTES_DOWNLOAD = "minutes.download", _("mengunduh notulen rapat")
    # The account's own settings
    LANGUAGE_SET = "account.language", _("memilih bahasa tampilan")

    @classmethod
    def data_changing(cls) -> frozenset[AuditAction]:
        """Actions after which what monev counts may differ (people, enrolments, payments, programmes)."""
        return _DATA_CHANGING

    @property
    def changes_data(self) -> bool:
        return self in _DATA_CHANGING


_DATA_CHANGING = frozenset(
    {
        AuditAction.WORKER_CREATE,
        AuditAction.WORKER_UPDATE,
        AuditAction.ENROLMENT_PROPOSE,
        AuditAction.ENROLMENT_REPROPOSE,
        AuditAction.ENROLMENT_VERIFY,
        AuditAction.ENROLMENT_REJECT,
        AuditAction.ENROLMENT_SUBMIT,
        AuditAction.ENROLMENT_ACTIVATE,
        AuditAction.ENROLMENT_LAPSE,
        AuditAction.ENROLMENT_REACTIVATE,
        AuditAction.ENROLMENT_END,
        AuditAction.PAYMENT_RECORD,
        AuditAction.BILL_ISSUE,
        AuditAction.BILL_ADJUST,
        AuditAction.BILL_PAY,
        AuditAction.STATEMENT_IMPORT,
        AuditAction.STATEMENT_RESOLVE,
        AuditAction.CREDIT_RECORD,
        AuditAction.RENEWAL_CONFIRM,
        AuditAction.HANDOVER_CONFIRM,
        AuditAction.CLAIM_REPORT,
        AuditAction.CLAIM_UPDATE,
        AuditAction.CLAIM_STATUS,
        AuditAction.CLAIM_DECISION_IMPORT,
        AuditAction.IMPORT_RUN,
        AuditAction.INSURER_REPLY,
        AuditAction.PROGRAMME_CREATE,
        AuditAction.PROGRAMME_UPDATE,
        AuditAction.PROGRAMME_QUOTA,
        AuditAction.RATES_LOAD_BRACKETS,
        AuditAction.RULE_ADD,
        AuditAction.WORKING_POPULATION_SET,
        AuditAction.COVERAGE_TARGET_SET,
        AuditAction.SPONSORSHIP_CREATE,
        AuditAction.SPONSORSHIP_END,
        AuditAction.CSR_COMMITMENT_RECORD,
        AuditAction.CSR_PAYMENT_RECORD,
        AuditAction.VILLAGE_BUDGET_SET,
        AuditAction.REGISTRY_IMPORT,
        AuditAction.DUPLICATE_MERGE,
        AuditAction.INSURER_FIGURES_IMPORT,
        AuditAction.VULNERABLE_COUNT_SET,
    }
)
