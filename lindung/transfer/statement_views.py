"""Payment statements: the list with the upload form, one statement by outcome, and resolving its lines.

Thin: reading the file is ``transfer.statements``, every rule is in ``billing.services.statements*``, every
read in ``billing.selectors.statements``. A statement outside the reader's region answers 404; an act the
role may not do is refused (and audited) by the service and answers 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.access import AccessRefused, access_require
from lindung.accounts.decorators import capability_required
from lindung.billing.models import Outcome, Statement
from lindung.billing.selectors.statements import (
    statement_counts,
    statement_for,
    statement_lines,
    statements_visible_to,
)
from lindung.billing.services import (
    ResolveRefused,
    StatementRefused,
    statement_line_resolve,
    statement_lines_resolve,
)
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.programmes.selectors import programmes_visible_to

from .reading import ImportRefused
from .statements import statement_upload_file


def _refused(exc: AccessRefused):
    if exc.outside_scope:
        raise Http404 from exc
    raise PermissionDenied(exc.message) from exc


def _statement_or_404(request, pk: int) -> Statement:
    statement = statement_for(request.user, pk)
    if statement is None:
        raise Http404
    return statement


@capability_required("bill.view")
def statement_list(request: HttpRequest) -> HttpResponse:
    """GET: the statements the reader may see and the upload form; POST: import a file."""
    if request.method == "POST":
        return _upload(request)
    return _list_page(request)


def _list_page(request, status: int = 200) -> HttpResponse:
    page = Paginator(statements_visible_to(request.user), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "programmes": programmes_visible_to(request.user).order_by("-fiscal_year", "code"),
        "kinds": Statement.Kind.choices,
    }
    return render(request, "transfer/statement_list.html", context, status=status)


def _upload(request) -> HttpResponse:
    # The capability first (403, audited), then the programme: one outside the region does not exist (404),
    # as in the API; only then is a missing file a form error.
    try:
        access_require(
            request.user, "payment.record", object_type="statement", what="mengimpor rincian pembayaran"
        )
    except AccessRefused as exc:
        _refused(exc)
    code = request.POST.get("programme", "").strip()
    programme = programmes_visible_to(request.user).filter(code=code).first()
    if code and programme is None:
        raise Http404
    upload = request.FILES.get("file")
    if programme is None or upload is None:
        messages.error(request, _("Pilih program dan berkas rincian."))
        return _list_page(request, status=400)
    try:
        statement, created = statement_upload_file(
            actor=request.user,
            programme=programme,
            kind=request.POST.get("kind", ""),
            source=upload,
            original_name=upload.name or "rincian",
        )
    except AccessRefused as exc:
        _refused(exc)
    except (ImportRefused, StatementRefused) as exc:
        messages.error(request, str(exc))
        return _list_page(request, status=400)
    if not created:
        messages.info(request, _("Berkas ini sudah pernah diimpor untuk program ini; tidak ada yang diubah."))
    return redirect("transfer:statement_detail", pk=statement.pk)


@capability_required("bill.view")
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = _statement_or_404(request, pk)
    outcome = request.GET.get("outcome", "")
    lines = statement_lines(request.user, statement, outcome=outcome)
    page = Paginator(lines, 50).get_page(request.GET.get("page"))
    # Reads of personal data are events: one naming the statement and the lines shown.
    audit_record(
        actor=request.user,
        action=AuditAction.STATEMENT_VIEW,
        object_type="statement",
        object_id=statement.pk,
        region_code=statement.programme.owner_region_id,
        summary=f"Rincian #{statement.pk}: {len(page.object_list)} baris ditampilkan",
        detail={"lines": [line.pk for line in page.object_list], "outcome": outcome},
    )
    context = {
        "statement": statement,
        "counts": statement_counts(statement),
        "outcome": outcome,
        "outcome_label": dict(Outcome.choices).get(outcome, ""),
        "page": page,
    }
    return render(request, "transfer/statement_detail.html", context)


@require_POST
@capability_required("bill.view")
def statement_line_decide(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    """Accept or dismiss one line; htmx gets the line's row back, a plain form the page."""
    statement = _statement_or_404(request, pk)
    if not statement_lines(request.user, statement).filter(pk=line_pk).exists():
        raise Http404
    error = ""
    try:
        statement_line_resolve(
            actor=request.user,
            line_id=line_pk,
            action=request.POST.get("action", ""),
            note=request.POST.get("note", ""),
        )
    except AccessRefused as exc:
        _refused(exc)
    except ResolveRefused as exc:
        error = str(exc)
    if request.headers.get("HX-Request"):
        line = statement_lines(request.user, statement).get(pk=line_pk)
        return render(
            request, "transfer/statement_line.html", {"line": line, "error": error, "statement": statement}
        )
    if error:
        messages.error(request, error)
    return redirect("transfer:statement_detail", pk=statement.pk)


@require_POST
@capability_required("bill.view")
def statement_lines_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or dismiss the lines ticked on the page, at once."""
    statement = _statement_or_404(request, pk)
    ids = [int(i) for i in request.POST.getlist("line") if i.isdigit()][:1000]
    visible = list(statement_lines(request.user, statement).filter(pk__in=ids).values_list("pk", flat=True))
    try:
        report = statement_lines_resolve(
            actor=request.user,
            line_ids=visible,
            action=request.POST.get("action", ""),
            note=request.POST.get("note", ""),
        )
    except AccessRefused as exc:
        _refused(exc)
    except ResolveRefused as exc:
        messages.error(request, str(exc))
        return redirect("transfer:statement_detail", pk=statement.pk)
    messages.success(request, _("%(n)d baris diselesaikan.") % {"n": len(report.resolved)})
    for _pk, reason in report.refused[:20]:
        messages.error(request, reason)
    return redirect("transfer:statement_detail", pk=statement.pk)
