"""The meetings part of the permission matrix (tests/test_permission_matrix.py; see tests/matrix_parts.py).

A meeting with one recommendation inside Kapuas (62.03) and one in Bengkayang (61.07), recorded through the
services. The admin of the region records and follows up; everyone in scope reads (a village or kecamatan
account reads what was asked of it, not the regency's meeting); the superadmin is national.
"""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from lindung.meetings.services import Attendee, RecommendationInput, meeting_record, recommendation_adopt

ROWS = """
| GET /rapat/                                          | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /rapat/baru/                                     | login | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /rapat/baru/ (own)                              | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /rapat/baru/ (foreign)                          | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| GET /rapat/{own_meeting}/                            | login | 404 | 404  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /rapat/{foreign_meeting}/                        | login | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| POST /rapat/{own_meeting}/rekomendasi/               | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /rapat/{foreign_meeting}/rekomendasi/           | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| GET /rapat/{own_meeting}/notulen.pdf                 | login | 404 | 404  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /rapat/{foreign_meeting}/notulen.pdf             | login | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /rapat/rekomendasi/                              | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /rapat/rekomendasi/{own_recommendation}/tindak-lanjut/ | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /rapat/rekomendasi/{foreign_recommendation}/tindak-lanjut/ | login | 403 | 403 | 403 | 404 | 403 | 403  | 403  | 403 | 302 |
| GET /api/meetings                                    | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /api/meetings (own)                             | 401   | 403 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/meetings (foreign)                         | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 201 |
| GET /api/meetings/recommendations                    | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /api/meetings/recommendations/{own_recommendation}/follow-up | 401 | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| POST /api/meetings/recommendations/{foreign_recommendation}/follow-up | 401 | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| GET /api/meetings/{own_meeting}                      | 401   | 404 | 404  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/meetings/{foreign_meeting}                  | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| POST /api/meetings/{own_meeting}/recommendations     | 401   | 403 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/meetings/{foreign_meeting}/recommendations | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 201 |
| GET /api/meetings/{own_meeting}/minutes              | 401   | 404 | 404  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/meetings/{foreign_meeting}/minutes          | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
"""

OWN = ("62.03", "62.03.17.2002")
FOREIGN = ("61.07", "61.07.04.2003")


def _day() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=3)


def _meeting(region: str, village: str):
    day = _day()
    meeting = meeting_record(
        actor=None,
        region_code=region,
        held_on=day,
        place="Aula",
        period=day.replace(day=1),
        attendance=[Attendee("dpmd"), Attendee("kepala_desa", village)],
    )
    rec = recommendation_adopt(
        actor=None,
        meeting=meeting,
        data=RecommendationInput(
            title="Isi kuota desa", villages=[village], due_on=day + dt.timedelta(days=30)
        ),
    )
    return meeting, rec


def world(base: dict, tmp_path) -> dict:
    own, own_rec = _meeting(*OWN)
    foreign, foreign_rec = _meeting(*FOREIGN)
    return {
        "own_meeting": own.pk,
        "foreign_meeting": foreign.pk,
        "own_recommendation": own_rec.pk,
        "foreign_recommendation": foreign_rec.pk,
    }


def _page_meeting(note: str) -> dict:
    region, village = OWN if note == "own" else FOREIGN
    day = _day()
    return {
        "region": region,
        "held_on": day.isoformat(),
        "place": "Aula",
        "period": f"{day:%Y-%m}",
        "present_dpmd": "1",
        "kepala_desa": village,
    }


def _json(client, path: str, body: dict):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def request(client, method, path, rest, note, w):
    due = (_day() + dt.timedelta(days=30)).isoformat()
    if path == "/rapat/baru/":
        return client.post(path, _page_meeting(note))
    if path.startswith("/rapat/") and path.endswith("/rekomendasi/"):
        return client.post(path, {"title": "Tulis laporan", "agency": "dpmd", "due_on": due})
    if path.startswith("/rapat/rekomendasi/") and path.endswith("/tindak-lanjut/"):
        return client.post(path, {"status": "in_progress"})
    if path == "/api/meetings":
        form = _page_meeting(note)
        body = {k: form[k] for k in ("region", "held_on", "place", "period")}
        body["attendance"] = [
            {"institution": "dpmd"},
            {"institution": "kepala_desa", "region": form["kepala_desa"]},
        ]
        return _json(client, path, body)
    if path.startswith("/api/meetings/recommendations/") and path.endswith("/follow-up"):
        return _json(client, path, {"status": "in_progress"})
    if path.startswith("/api/meetings/") and path.endswith("/recommendations"):
        return _json(client, path, {"title": "Tulis laporan", "agency": "dpmd", "due_on": due})
    return None
