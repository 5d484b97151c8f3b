"""The registry's pages: the editions imported, one edition row by row, and the programmes' decile rules.

Thin: reads are ``registry.selectors``, writes ``registry.services``. An edition outside the reader's region
answers 404. The upload page is the transfer app's (``transfer:registry_upload``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.accounts.selectors import scope_of
from lindung.people.selectors import nik_for_display
from lindung.programmes.selectors import programmes_visible_to

from .forms import DecileRuleForm
from .selectors import decile_rules_of, edition_entries, edition_for, edition_problems, editions_visible_to
from .services import RegistryRefused, decile_rule_add

PAGE_SIZE = 100


@capability_required("registry.view")
def editions(request: HttpRequest) -> HttpResponse:
    page = Paginator(editions_visible_to(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "registry/editions.html", {"page": page})


@capability_required("registry.view")
def edition(request: HttpRequest, pk: int) -> HttpResponse:
    found = edition_for(request.user, pk)
    if found is None:
        raise Http404
    problems = Paginator(edition_problems(found), PAGE_SIZE).get_page(request.GET.get("masalah"))
    try:
        number = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        number = 1
    entries = edition_entries(request.user, found, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    shown = [(e, nik_for_display(request.user, e.nik)) for e in entries]
    context = {
        "edition": found,
        "problems": problems,
        "entries": shown,
        "number": number,
        "has_next": len(entries) == PAGE_SIZE,
    }
    return render(request, "registry/edition.html", context)


@capability_required("registry.view")
def decile_rules(request: HttpRequest) -> HttpResponse:
    programmes = programmes_visible_to(request.user).order_by("-fiscal_year", "code")
    form = DecileRuleForm(request.POST or None, programmes=programmes)
    if request.method == "POST":
        if not scope_of(request.user).can("programme.manage"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            programme = programmes.filter(pk=data.pop("programme")).first()
            if programme is None:
                raise Http404
            try:
                rule = decile_rule_add(actor=request.user, programme=programme, **data)
            except AccessRefused as exc:
                if exc.outside_scope:
                    raise Http404 from exc
                raise PermissionDenied(exc.message) from exc
            except RegistryRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Batas desil %(code)s: desil ≤ %(n)s mulai %(date)s.")
                    % {"code": programme.code, "n": rule.max_decile, "date": f"{rule.valid_from:%d-%m-%Y}"},
                )
                return redirect("registry:decile_rules")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "rules": decile_rules_of(programmes)}
    return render(request, "registry/decile_rules.html", context, status=status)
