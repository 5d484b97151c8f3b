from __future__ import annotations

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lindung.ops.services import backup_create


class Command(BaseCommand):
    help = (
        "Cadangkan Lindung ke satu berkas .tar (atau .tar.gz): salinan basis data yang konsisten (API backup "
        "SQLite, atau pg_dump --format=custom), semua berkas unggahan dan hasil di folder data, dan "
        "manifest.json berisi jumlah baris per tabel dan sha256 setiap anggota. Jadwal: docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas cadangan yang ditulis, mis. lindung-2026-11-22.tar")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if path.exists():
            raise CommandError(f"{path} sudah ada; cadangan tidak menimpa berkas.")
        try:
            report = backup_create(actor=None, path=path)
        except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            raise CommandError(f"Pencadangan gagal: {exc} {detail.decode(errors='replace')}".strip()) from exc
        self.stdout.write(report.summary)
