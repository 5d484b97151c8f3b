"""Letter downloads: one view, the letter named in the URL; the rules are in ``letters.documents``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from lindung.accounts.access import AccessRefused
from lindung.programmes.selectors import programme_visible

from .documents import LETTERS, LetterRefused, letter_pdf


@login_required
def letter_download(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    programme = programme_visible(request.user, pk)
    if programme is None or slug not in LETTERS:
        raise Http404
    region = (request.GET.get("wilayah") or "").strip() or None
    try:
        pdf, name = letter_pdf(actor=request.user, programme=programme, slug=slug, region_code=region)
    except AccessRefused as exc:
        if exc.outside_scope:
            raise Http404 from exc
        raise PermissionDenied(str(exc)) from exc
    except LetterRefused as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
