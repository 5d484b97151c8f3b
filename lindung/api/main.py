"""The JSON API. Routers live per domain in ``api/routers``; each calls services and selectors only."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from lindung.accounts.access import AccessRefused
from lindung.enrolment.services import EnrolmentRefused

from .routers import enrolment, monev, people, programmes, regions, transfer

api = NinjaAPI(
    title="Lindung API",
    version="1",
    description="Data pekerja rentan, program, kepesertaan dan monev. Masuk dengan sesi web (cookie + CSRF).",
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/regions", regions.router)
api.add_router("/people", people.router)
api.add_router("/programmes", programmes.router)
api.add_router("/enrolments", enrolment.router)
api.add_router("/transfer", transfer.router)
api.add_router("/monev", monev.router)


@api.exception_handler(AccessRefused)
def access_refused(request, exc: AccessRefused):
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(EnrolmentRefused)
def enrolment_refused(request, exc: EnrolmentRefused):
    return api.create_response(request, {"detail": str(exc)}, status=400)
