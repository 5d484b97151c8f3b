"""The JSON API. Routers live per domain in ``api/routers``; each calls services and selectors only.

Every answer is JSON, a refusal included: the handlers below turn each exception into ``ErrorOut`` or
``UnprocessableOut`` (``api.schemas``), an unknown URL under ``/api/`` into a JSON 404, and an unexpected
error into a logged JSON 500. The documentation pages and the schema are for signed-in users only.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import django_auth

from lindung.accounts.access import AccessRefused
from lindung.enrolment.services import EnrolmentRefused

from .routers import (
    bills,
    claims,
    coverage,
    dedup,
    enrolment,
    funding,
    meetings,
    monev,
    payments,
    people,
    programmes,
    regions,
    registry,
    renewal,
    sponsorship,
    transfer,
)
from .schemas import field_error

logger = logging.getLogger(__name__)


class JsonObjectParser(Parser):
    """Every JSON body of this API is an object: ``true`` or ``[]`` is refused (400), not read as empty."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the body is not a JSON object")
        return data


api = NinjaAPI(
    parser=JsonObjectParser(),
    title="Lindung API",
    version="1",
    description=(
        "Data pekerja rentan, program, kepesertaan dan monev. Masuk dengan sesi web (cookie + CSRF).\n\n"
        'Setiap penolakan berupa JSON `{"detail": "..."}`; 422 (isian tidak sesuai dokumen ini, atau '
        "data yang diblokir pemeriksaan) menambahkan `errors` (lokasi, isian, jenis, pesan) dan `findings`."
    ),
    auth=django_auth,
    urls_namespace="api",
    docs_decorator=login_required,
)
api.add_router("/regions", regions.router)
api.add_router("/people", people.router)
api.add_router("/programmes", programmes.router)
api.add_router("/enrolments", enrolment.router)
api.add_router("/transfer", transfer.router)
api.add_router("/monev", monev.router)
api.add_router("/bills", bills.router)
api.add_router("/claims", claims.router)
api.add_router("/payments", payments.router)
api.add_router("/coverage", coverage.router)
api.add_router("/renewal", renewal.router)
api.add_router("/registry", registry.router)
api.add_router("/duplicates", dedup.router)
api.add_router("/sponsorships", sponsorship.router)
api.add_router("/funding", funding.router)
api.add_router("/meetings", meetings.router)

# Last, so that it only answers what no router does: an unknown address under /api/ gets JSON, not a page.
unknown = Router(auth=None)


@unknown.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], "/{path:rest}", include_in_schema=False
)
def unknown_address(request, rest: str):
    raise Http404("Alamat API tidak ditemukan.")


api.add_router("", unknown)


@api.exception_handler(AccessRefused)
def access_refused(request, exc: AccessRefused):
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(EnrolmentRefused)
def enrolment_refused(request, exc: EnrolmentRefused):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    errors = [field_error(e) for e in exc.errors]
    fields = ", ".join(dict.fromkeys(e["field"] or e["location"] for e in errors))
    detail = f"Isian tidak sah: {fields}." if fields else "Isian tidak sah."
    return api.create_response(request, {"detail": detail, "errors": errors, "findings": []}, status=422)


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc: AuthenticationError):
    return api.create_response(request, {"detail": "Masuk dulu untuk memakai API ini."}, status=401)


# ninja's own English refusals, in the language of the rest of the API.
HTTP_ERRORS = {
    "CSRF check Failed": "Token CSRF tidak ada atau tidak cocok; kirim header X-CSRFToken.",
    "Cannot parse request body": "Badan permintaan harus objek JSON.",
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(
        request, {"detail": HTTP_ERRORS.get(exc.message, exc.message)}, status=exc.status_code
    )


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    detail = str(exc) if exc.args and isinstance(exc.args[0], str) else "Tidak ditemukan."
    return api.create_response(request, {"detail": detail}, status=404)


def unreadable_body(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
    # A multipart body without a boundary, a body cut short, or one past DATA_UPLOAD_MAX_MEMORY_SIZE.
    return api.create_response(
        request, {"detail": "Badan permintaan tidak terbaca; periksa Content-Type dan isinya."}, status=400
    )


for _unreadable in (MultiPartParserError, UnreadablePostError, SuspiciousOperation):
    api.add_exception_handler(_unreadable, unreadable_body)


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    # Logged with its traceback for the operator; the client learns nothing about the code.
    logger.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request,
        {"detail": "Terjadi kesalahan di server; kesalahan ini sudah dicatat. Coba lagi nanti."},
        status=500,
    )
