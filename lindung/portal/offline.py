"""Working without a connection: the web manifest, the service worker and the village operator's offline page.

The service worker is served from the site root (``/sw.js``) rather than from /static/, because a worker only
controls the pages under the folder it was served from. Its code lives in static/js/offline-sw.js; this
module puts in front of it the few values it needs (where static files are, which pages to keep). Nothing
here writes: work done offline is sent later to the same JSON API the pages use (/api/people/ and
/api/enrolments/propose), so every server check runs when it arrives (docs/offline.md).
"""

from __future__ import annotations

import json

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lindung.accounts.decorators import capability_required
from lindung.accounts.selectors import scope_of
from lindung.core.audit import AuditAction
from lindung.core.months import month_of
from lindung.people.models import Category, Gender, WageStatus
from lindung.people.selectors import nik_for_display, workers_visible_to
from lindung.people.services import workers_shown
from lindung.programmes.selectors import programmes_visible_to
from lindung.regions.forms import village_choices

SERVICE_WORKER_SOURCE = "js/offline-sw.js"
# Static files the app shell needs, kept on install so a page from the cache still looks like Lindung.
SHELL_FILES = (
    "css/lindung.css",
    "css/offline.css",
    "css/phone.css",
    "img/favicon.svg",
    "img/icon-192.png",
    "vendor/htmx.min.js",
    "vendor/idb.umd.js",
    "js/lindung.js",
    "js/offline.js",
    "js/region-picker.js",
    "js/offline-form.js",
)
# Pages kept for the signed-in operator: home, the offline page and their own list of workers. Each is
# fetched again (network first) whenever there is a connection, and cleared on sign-out.
KEPT_PAGES = ("home", "offline_page", "people:list")


def kept_pages() -> list[str]:
    return [reverse(name) for name in KEPT_PAGES]


@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, with its settings on the first line. No sign-in: it holds no personal data."""
    path = finders.find(SERVICE_WORKER_SOURCE)
    if not path:
        raise Http404
    with open(path, encoding="utf-8") as source:
        code = source.read()
    config = {
        "static": static(""),
        "shell": [static(name) for name in SHELL_FILES],
        "pages": kept_pages(),
        "never": ["/api/", "/admin/", reverse("logout"), reverse("login"), "/sw.js"],
    }
    body = f"self.LINDUNG = {json.dumps(config)};\n{code}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


def manifest(request: HttpRequest) -> JsonResponse:
    """The web manifest that makes Lindung installable on a phone's home screen."""
    data = {
        "name": "Lindung",
        "short_name": "Lindung",
        "description": _("Perlindungan jaminan sosial ketenagakerjaan bagi pekerja rentan desa."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@never_cache
@capability_required("worker.edit")
def offline_token(request: HttpRequest) -> JsonResponse:
    """A fresh CSRF token just before the outbox sends: a page kept offline may hold a stale one."""
    return JsonResponse({"csrf": get_token(request), "user": request.user.get_username()})


# The fields of a worker the offline form edits; a correction sends them all (PUT), the others unchanged.
EDITED_FIELDS = (
    "full_name", "birth_place", "gender", "address", "rt", "rw", "kk_number", "phone", "email",
    "occupation_1", "occupation_2", "category", "wage_status", "fixed_income", "kpj",
)  # fmt: skip
# At most this many of the operator's people are kept on the phone to correct or propose offline.
KEPT_WORKERS = 500


def _open_programmes(user) -> list[dict]:
    """Programmes taking proposals in the user's region now; eligibility is decided when the proposal arrives."""
    this_month = month_of(timezone.localdate())
    qs = programmes_visible_to(user).filter(is_active=True).order_by("-fiscal_year", "name")
    return [{"code": p.code, "name": str(p)} for p in qs if p.end_month >= this_month]


def kept_workers(user) -> list[dict]:
    """The operator's own people, newest first, as the offline form needs them (audited as a list shown)."""
    rows = list(workers_visible_to(user).order_by("-id")[:KEPT_WORKERS])
    workers_shown(
        actor=user, worker_ids=[w.pk for w in rows], action=AuditAction.WORKER_LIST, channel="kerja luring"
    )
    out = []
    for w in rows:
        item = {f: getattr(w, f) for f in EDITED_FIELDS}
        item |= {
            "id": w.pk,
            "nik": nik_for_display(user, w.nik),
            "birth_date": w.birth_date.isoformat() if w.birth_date else None,
            "village_code": w.village_id,
        }
        out.append({k: ("" if v is None and k != "fixed_income" else v) for k, v in item.items()})
    return out


@capability_required("worker.edit")
def offline_page(request: HttpRequest) -> HttpResponse:
    """Register, correct and propose people while offline; the work waiting on this device, sent or not."""
    scope = scope_of(request.user)
    villages = village_choices(scope.region_code)
    can_propose = scope.can("enrolment.propose")
    return render(
        request,
        "portal/offline.html",
        {
            "villages": villages,
            "categories": Category.choices,
            "genders": Gender.choices,
            "wage_statuses": WageStatus.choices,
            "api_people": "/api/people/",
            "api_propose": "/api/enrolments/propose",
            "token_url": reverse("offline_token"),
            "programmes": _open_programmes(request.user) if can_propose else [],
            "kept_workers": kept_workers(request.user),
        },
    )
