from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from lindung.people.checks import read_nik
from lindung.regions.selectors import region_get, region_known_codes, region_path


class Command(BaseCommand):
    help = "Periksa NIK: baca wilayah, tanggal lahir dan jenis kelamin, lalu tampilkan temuan."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Periksa satu NIK (boleh dengan spasi atau titik).")
        check.add_argument("nik", help="NIK 16 digit, mis. 6203174508850001")
        check.add_argument("--json", action="store_true", help="Keluaran JSON.")

    def handle(self, *args, action: str, nik: str, json: bool, **options):
        reading = read_nik(nik, known_regions=region_known_codes)
        district = region_get(reading.district_code) if reading.district_code else None
        path = (
            [{"code": r.code, "name": r.name, "type": r.type} for r in region_path(district)]
            if district
            else []
        )
        result = {
            "input": nik,
            "nik": reading.digits,
            "valid": reading.valid,
            "region_code": reading.district_code,
            "region_path": path,
            "birth_date": reading.birth_date.isoformat() if reading.birth_date else None,
            "gender": reading.gender if reading.birth_date else None,
            "serial": reading.serial,
            "findings": [f.to_dict() for f in reading.findings],
        }
        if json:
            self.stdout.write(_json(result))
        else:
            self._print(result)
        if not reading.valid:
            raise SystemExit(1)

    def _print(self, r: dict) -> None:
        self.stdout.write(f"NIK {r['nik'] or r['input']}: {'SAH' if r['valid'] else 'TIDAK SAH'}")
        if r["region_path"]:
            self.stdout.write("Wilayah penerbit: " + " › ".join(p["name"] for p in r["region_path"]))
        elif r["region_code"]:
            self.stdout.write(f"Wilayah penerbit: {r['region_code']} (tidak dikenal)")
        if r["birth_date"]:
            sex = {"L": "laki-laki", "P": "perempuan"}[r["gender"]]
            self.stdout.write(f"Tanggal lahir: {r['birth_date']}   Jenis kelamin: {sex}")
        for f in r["findings"]:
            label = "GALAT" if f["severity"] == "error" else "PERINGATAN"
            self.stdout.write(f"- {label} [{f['code']}] {f['message']}")
            if f["basis"]:
                self.stdout.write(f"  Dasar: {f['basis']}")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
