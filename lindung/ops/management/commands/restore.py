from __future__ import annotations

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lindung.ops.services import BackupUnreadable, RestoreRefused, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan Lindung dari berkas cadangan `lindung backup` ke basis data KOSONG (baru dibuat atau baru "
        "dimigrasi) dan folder data baru: memeriksa sha256 setiap anggota, memuat basis data dan berkas, lalu "
        "mencocokkan jumlah baris setiap tabel dan sha256 setiap berkas dengan manifest sebelum selesai."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas cadangan (.tar atau .tar.gz)")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path} tidak ditemukan.")
        try:
            report = backup_restore(actor=None, path=path)
        except (BackupUnreadable, RestoreRefused) as exc:
            raise CommandError(str(exc)) from exc
        except subprocess.CalledProcessError as exc:
            raise CommandError(f"Pemulihan gagal: {(exc.stderr or b'').decode(errors='replace')}") from exc
        self.stdout.write(f"Selesai, cocok dengan manifest. {report.summary}")
