from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from lindung.portal.jobs import recover_all, run_worker


class Command(BaseCommand):
    help = (
        "Pekerjaan latar. 'recover': tandai gagal impor dan pekerjaan yang tertinggal 'berjalan' karena "
        "prosesnya mati (kill -9, server mati), hapus berkas sisanya, catat di jejak audit. 'worker': "
        "jalankan pekerja latar (django-tasks) yang memulihkan dulu saat mulai lalu secara berkala."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["recover", "worker"], help="recover atau worker")
        parser.add_argument(
            "--queue-name", default="default", help="worker: antrean yang dikerjakan (bawaan: default)"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="worker: detik menunggu saat antrean kosong"
        )
        parser.add_argument(
            "--recover-every",
            type=float,
            default=60.0,
            help="worker: setiap berapa detik memeriksa pekerjaan yang terhenti (bawaan: 60)",
        )

    def handle(self, *args, action: str, queue_name: str, interval: float, recover_every: float, **options):
        if action == "recover":
            found = recover_all()
            for line in found:
                self.stdout.write(line)
            self.stdout.write(f"{len(found)} pekerjaan terhenti ditandai gagal.")
            return
        if recover_every <= 0 or interval < 0:
            raise CommandError("--recover-every harus lebih dari 0 dan --interval tidak negatif.")
        run_worker(queue_names=queue_name.split(","), interval=interval, recover_every=recover_every)
