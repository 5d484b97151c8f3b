from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from lindung.core.commands import output_path_check, user_named
from lindung.transfer.models import ImportBatch
from lindung.transfer.reading import sniff_format
from lindung.transfer.reads import import_result_read
from lindung.transfer.selectors import rows_page
from lindung.transfer.services import ImportRefused, TransferDenied, import_file

SHEET_IGNORED = "PERINGATAN: --sheet diabaikan: berkas CSV tidak memiliki lembar."


class Command(BaseCommand):
    help = (
        "Impor daftar pekerja dari .xlsx, .xls, .ods atau .csv. Setiap baris berakhir diterima, diterima dengan "
        "catatan, ditolak (dengan alasan) atau dilewati; semua atau tidak sama sekali. Tanpa --programme hanya "
        "mendaftarkan pekerja (batas umur bawaan); dengan --programme sekaligus mengusulkan mereka ke program."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .xlsx, .xls, .ods atau .csv")
        parser.add_argument(
            "--village", default="", help="Kode desa untuk baris tanpa kolom Kode Desa, mis. 62.03.17.2002"
        )
        parser.add_argument(
            "--programme", default="", help="Kode program: usulkan pekerja yang lolos ke program ini"
        )
        parser.add_argument(
            "--sheet", default=None, help="Nama lembar (bawaan: lembar pertama yang berjudul kolom)"
        )
        parser.add_argument(
            "--user", default="", help="Jalankan sebagai pengguna ini (wilayah dan jejak audit)"
        )
        parser.add_argument(
            "--result", default="", help="Tulis buku kerja hasil (baris asli + status + alasan) ke sini"
        )
        parser.add_argument("--json", action="store_true", help="Keluaran JSON (tanpa bilah kemajuan)")

    def handle(
        self,
        *args,
        file: str,
        village: str,
        programme: str,
        sheet,
        user: str,
        result: str,
        json: bool,
        **options,
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {file}")
        actor = user_named(user)
        if result:
            # Said before anything is imported: a --result that cannot be written would fail after the commit.
            output_path_check(Path(result), option="--result", not_done="impor belum dijalankan")
        if sheet and _is_csv(path):
            self.stderr.write(SHEET_IGNORED)
        bar = progress_bar(sys.stderr) if not json and sys.stderr.isatty() else None
        try:
            batch = import_file(
                actor=actor,
                path=path,
                village_code=village,
                programme_code=programme,
                sheet=sheet,
                progress=advance(bar) if bar else None,
            )
        except (ImportRefused, TransferDenied) as exc:
            raise CommandError(str(exc)) from None
        except Exception as exc:
            # The batch is marked failed and nothing was written; say so instead of a traceback.
            raise CommandError(
                f"Impor gagal dan dibatalkan seluruhnya; data tidak berubah ({type(exc).__name__}: {exc})."
            ) from exc
        finally:
            if bar:
                bar.close()
        if result and batch.status == ImportBatch.Status.DONE:
            workbook = import_result_read(actor=actor, batch=batch, channel="cli")
            Path(result).write_bytes(workbook.read_bytes())
        if json:
            self.stdout.write(_json(_report(batch)))
        else:
            self._print(batch, result)
        if batch.status != ImportBatch.Status.DONE:
            raise SystemExit(1)

    def _print(self, batch: ImportBatch, result: str) -> None:
        if batch.status != ImportBatch.Status.DONE:
            self.stderr.write(f"DITOLAK: {batch.message}")
            return
        self.stdout.write(batch.message)
        self.stdout.write(f"Baris judul kolom: {batch.header_row} · waktu: {batch.seconds:.1f} detik")
        _, problems = rows_page(batch, limit=1_000_000)
        for row in problems:
            if row["state"] == "accepted":
                continue
            label = {"rejected": "DITOLAK", "flagged": "CATATAN", "skipped": "DILEWATI"}[row["state"]]
            self.stdout.write(f"- Baris {row['row']} {label}: {row['reason']}")
        if result:
            self.stdout.write(f"Buku kerja hasil: {result}")


def _is_csv(path: Path) -> bool:
    try:
        return sniff_format(path) == "csv"
    except ImportRefused:
        return False  # the import itself says why


def _report(batch: ImportBatch) -> dict:
    total, rows = rows_page(batch, limit=1_000_000) if batch.status == ImportBatch.Status.DONE else (0, [])
    return {
        "batch": batch.pk,
        "status": batch.status,
        "message": batch.message,
        "header_row": batch.header_row,
        "seconds": batch.seconds,
        "counts": batch.counts,
        "rows": [r for r in rows if r["state"] != "accepted"],
    }


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def progress_bar(stream) -> tqdm:
    """A one-line bar on the terminal: `` 45 % |█████████████░░░| Memeriksa data``."""
    # An import reports a handful of steps, so every one is drawn (tqdm's default skips those within 0.1 s).
    return tqdm(total=100, file=stream, mininterval=0, bar_format="{percentage:3.0f} % |{bar:30}| {desc}")


def advance(bar: tqdm):
    """The import's progress callback (a fraction and the step's name) moving ``bar``."""

    def progress(fraction: float, text: str) -> None:
        bar.set_description_str(text, refresh=False)
        bar.update(round(min(max(fraction, 0.0), 1.0) * 100) - bar.n)

    return progress
