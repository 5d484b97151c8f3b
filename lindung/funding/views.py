"""The funding picture page: a thin translation of the query string into ``funding_picture``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required

from .selectors import PictureRefused, funding_picture


def _year(text: str) -> int:
    return int(text) if text.strip().isdigit() else timezone.localdate().year


@capability_required("monev.view")
def picture(request: HttpRequest) -> HttpResponse:
    scope = request.scope
    region = (request.GET.get("wilayah") or "").strip() or scope.region_code or ""
    year = _year(request.GET.get("tahun") or "")
    context: dict = {"region_code": region, "year": year, "picture": None, "error": ""}
    if region:
        try:
            context["picture"] = funding_picture(actor=request.user, region_code=region, year=year)
        except AccessRefused as exc:
            if exc.outside_scope:
                raise Http404 from exc
            raise PermissionDenied(str(exc)) from exc
        except PictureRefused as exc:
            context["error"] = str(exc)
    template = "funding/_picture.html" if request.headers.get("HX-Request") else "funding/picture.html"
    return render(request, template, context)
