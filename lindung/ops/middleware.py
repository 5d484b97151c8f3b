"""Open ``routers.replica_reads()`` around the requests monev answers from the read replica."""

from __future__ import annotations

from django.core.exceptions import MiddlewareNotUsed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import resolve

from .routers import replica_configured, replica_reads

REPLICA_NAMESPACES = frozenset({"monev"})  # dashboard, public page, report downloads
REPLICA_PATH_PREFIXES = ("/api/monev/",)


def serves_from_replica(request: HttpRequest) -> bool:
    if request.method not in {"GET", "HEAD"}:
        return False
    if request.path_info.startswith(REPLICA_PATH_PREFIXES):
        return True
    try:
        return resolve(request.path_info).namespace in REPLICA_NAMESPACES
    except Http404:
        return False


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not serves_from_replica(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)
