"""Bills: list, issue, show (a village sees its own lines), adjust, pay, download as XLSX and PDF.

Thin: every rule is in ``billing.services.bills`` / ``bills_pay``, every read in ``billing.selectors.bills``.
A bill outside the reader's region answers 404, a role without the capability 403.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.core.months import month_parse
from lindung.programmes.selectors import programmes_visible_to

from ..models import Bill
from ..selectors.bills import (
    bill_lines_page,
    bill_payments,
    bill_summary,
    bill_villages,
    bill_visible,
    bills_visible_to,
)
from ..services import BillRefused, amount_parse, bill_adjust, bill_export, bill_issue, bill_pay

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _bill_or_404(request, pk: int) -> Bill:
    bill = bill_visible(request.user, pk)
    if bill is None:
        raise Http404
    return bill


def _refused(exc: AccessRefused):
    if exc.outside_scope:
        raise Http404 from exc
    raise PermissionDenied(exc.message) from exc


@capability_required("bill.view")
def bill_list(request: HttpRequest) -> HttpResponse:
    bills = bills_visible_to(request.user)
    programme = request.GET.get("programme", "").strip()
    month = request.GET.get("month", "").strip()
    if programme:
        bills = bills.filter(programme__code=programme)
    if month:
        try:
            bills = bills.filter(month=month_parse(month))
        except ValueError as exc:
            messages.error(request, str(exc))
    page = Paginator(bills.order_by("-month", "number"), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "programme": programme,
        "month": month,
        "programmes": programmes_visible_to(request.user).order_by("code"),
        "can_issue": request.scope.can("bill.issue"),
    }
    return render(request, "billing/bill_list.html", context)


@require_POST
@capability_required("bill.issue")
def bill_issue_view(request: HttpRequest) -> HttpResponse:
    # A programme outside the admin's region does not exist for them: 404, as in the API.
    code = request.POST.get("programme", "")
    programme = programmes_visible_to(request.user).filter(code=code).first()
    if programme is None:
        if code:
            raise Http404
        messages.error(request, _("Pilih program."))
        return redirect("billing:bill_list")
    try:
        month = month_parse(request.POST.get("month", ""))
        bill, created = bill_issue(actor=request.user, programme=programme, month=month)
    except AccessRefused as exc:
        _refused(exc)
    except (BillRefused, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect("billing:bill_list")
    if created:
        messages.success(request, _("Tagihan %(number)s diterbitkan.") % {"number": bill.number})
    else:
        messages.info(
            request, _("Tagihan %(number)s sudah terbit; tidak ada yang diubah.") % {"number": bill.number}
        )
    return redirect("billing:bill_detail", pk=bill.pk)


@capability_required("bill.view")
def bill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    village = request.GET.get("village", "").strip()
    page, rows = bill_lines_page(request.user, bill, village=village, page=request.GET.get("page") or 1)
    context = {
        "bill": bill,
        "summary": bill_summary(request.user, bill, village=village),
        "page": page,
        "rows": rows,
        "village": village,
        "villages": bill_villages(request.user, bill),
        "payments": bill_payments(bill),
        "can_adjust": request.scope.can("bill.issue")
        and request.scope.covers(bill.programme.owner_region_id),
        "can_pay": request.scope.can("payment.record")
        and request.scope.covers(bill.programme.owner_region_id),
    }
    template = "billing/bill_lines.html" if request.headers.get("HX-Request") else "billing/bill_detail.html"
    return render(request, template, context)


@require_POST
@capability_required("bill.issue")
def bill_adjust_view(request: HttpRequest, pk: int) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    try:
        enrolment_id = int(request.POST.get("enrolment", "") or 0)
        amount = amount_parse(request.POST.get("amount", ""), field=_("Jumlah koreksi"), signed=True)
        bill_adjust(
            actor=request.user,
            bill=bill,
            enrolment_id=enrolment_id,
            amount=amount,
            reason=request.POST.get("reason", ""),
        )
    except AccessRefused as exc:
        _refused(exc)
    except (BillRefused, ValueError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Baris koreksi ditambahkan."))
    return redirect("billing:bill_detail", pk=bill.pk)


@require_POST
@capability_required("payment.record")
def bill_pay_view(request: HttpRequest, pk: int) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    try:
        amount = amount_parse(request.POST.get("amount", ""), field=_("Jumlah dibayar"))
        paid_on = _date(request.POST.get("paid_on", ""))
        payment = bill_pay(
            actor=request.user,
            bill=bill,
            amount=amount,
            paid_on=paid_on,
            reference=request.POST.get("reference", ""),
        )
    except AccessRefused as exc:
        _refused(exc)
    except BillRefused as exc:
        messages.error(request, str(exc))
    else:
        level = messages.SUCCESS if payment.status == "applied" else messages.WARNING
        messages.add_message(request, level, payment.message)
    return redirect("billing:bill_detail", pk=bill.pk)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BillRefused(
            _('Tanggal bayar "%(text)s" tidak sah; tulis TTTT-BB-HH.') % {"text": text}
        ) from None


@capability_required("bill.view")
def bill_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        content = bill_export(actor=request.user, bill=bill, fmt=fmt)
    except AccessRefused as exc:
        _refused(exc)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = bill.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
