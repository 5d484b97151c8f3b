from __future__ import annotations

from django.core.management.base import BaseCommand

from lindung.demo.programmes import demo_load
from lindung.demo.users import DEMO_LOGINS, DEMO_PASSWORD, demo_users_load


class Command(BaseCommand):
    help = "Data demo sintetis: akun per peran, program, dan pekerja. Aman dijalankan ulang."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Buat atau segarkan data demo.")
        sub.add_parser("logins", help="Tampilkan akun demo per peran.")

    def handle(self, *args, action: str, **options):
        if action == "load":
            created = demo_users_load()
            self.stdout.write(f"Akun demo: {created} baru, {len(DEMO_LOGINS)} total.")
            self.stdout.write(demo_load())
        else:
            self.stdout.write(f"Akun demo (kata sandi semua: {DEMO_PASSWORD}):")
            for login in DEMO_LOGINS:
                self.stdout.write(
                    f"  {login.username:<22} {login.role:<14} {login.region or 'nasional':<14} {login.institution}"
                )
