"""Issue 16's part of the permission matrix (tests/test_permission_matrix.py; see tests/matrix_parts.py).

The glossary is public; the language choice is open to everyone (it changes only the chooser's own account).
The reply template for the insurer follows the registration file it belongs to. A PDF report made in the
background belongs to its region: own in Pulau Mambulau (62.03.17.2002), foreign in Bengkayang.
"""

from __future__ import annotations

from lindung.core.models import Job
from lindung.monev.reports.jobs import JOB_KIND, report_dir

ROWS = """
| GET /istilah/                                        | 200   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /akun/bahasa/                                   | 302   | 302 | 302  | 302 | 302 | 302  | 302  | 302  | 302 | 302 |
| GET /unggah/bpjs/{own_export}/balasan.xlsx           | login | 403 | 403  | 403 | 200 | 200  | 403  | 403  | 403 | 200 |
| GET /unggah/bpjs/{foreign_export}/balasan.xlsx       | login | 403 | 403  | 403 | 404 | 404  | 403  | 403  | 403 | 200 |
| POST /monev/laporan/ (own)                           | login | 302 | 302  | 302 | 302 | 302  | 302  | 302  | 302 | 302 |
| POST /monev/laporan/ (foreign)                       | login | 404 | 404  | 404 | 404 | 404  | 404  | 302  | 404 | 302 |
| GET /monev/laporan/{own_report}/                     | login | 200 | 200  | 200 | 200 | 200  | 200  | 404  | 200 | 200 |
| GET /monev/laporan/{foreign_report}/                 | login | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /monev/laporan/{own_report}/progres/             | login | 204 | 204  | 204 | 204 | 204  | 204  | 404  | 204 | 204 |
| GET /monev/laporan/{foreign_report}/progres/         | login | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 204 |
| GET /monev/laporan/{own_report}/unduh.pdf            | login | 200 | 200  | 200 | 200 | 200  | 200  | 404  | 200 | 200 |
| GET /monev/laporan/{foreign_report}/unduh.pdf        | login | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
"""


def _report(code: str) -> int:
    name = f"matrix-{code}.pdf"
    (report_dir() / name).write_bytes(b"%PDF-1.4\n%matrix\n")
    job = Job.objects.create(
        kind=JOB_KIND,
        status=Job.Status.DONE,
        progress_done=100,
        progress_total=100,
        message="Selesai",
        params={"code": code, "period": "2026-03", "language": "id", "key": f"matrix-{code}"},
        result={"file": name},
    )
    return job.pk


def world(base: dict, tmp_path) -> dict:
    return {"own_report": _report("62.03.17.2002"), "foreign_report": _report("61.07.04.2003")}


def request(client, method, path, rest, note, w):
    if method == "POST" and path == "/akun/bahasa/":
        return client.post(path, {"language": "en", "next": "/"})
    if method == "POST" and path == "/monev/laporan/":
        region = "62.03.17.2002" if note == "own" else "61.07.04.2003"
        return client.post(path, {"wilayah": region})
    return None
