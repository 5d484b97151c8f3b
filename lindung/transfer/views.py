"""Upload, mapping, progress and result pages, the template download and the insurer exchange.

Thin views: each calls one service or selector. Every page is scoped to the user's region through the
selectors; downloads of personal data are audited. Who may upload, map or export is decided (and a refusal
audited) by the services (``transfer.access``); a view only turns their ``TransferDenied`` into a 403, a 404
or a message on the form.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from lindung.accounts.selectors import scope_of
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.people.selectors import nik_for_display
from lindung.programmes.selectors import programme_get

from . import reads, selectors, services
from .access import Target, TransferDenied, authorize
from .columns import columns_for
from .forms import ReplyUploadForm, UploadForm
from .insurer import export_path, insurer_export_create, insurer_export_open
from .insurer.reply_template import reply_template_bytes, reply_template_name
from .models import ImportBatch
from .reading import ImportRefused
from .template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attempt(check) -> None:
    """Run a services' access check; its refusal (already audited) is a 403 here."""
    try:
        check()
    except TransferDenied:
        raise PermissionDenied from None


def acting(capability: str, attempt: AuditAction, *, post: tuple[str, AuditAction] | None = None):
    """Sign-in and ``capability`` required, as ``capability_required``; but a POST without the capability it
    needs (``post``, when the page's form does something else) is an attempted act, so it is refused by the
    services' own check, which audits it, before any form is read."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.scope = scope_of(request.user)
            if request.method == "POST":
                needed, act = post or (capability, attempt)
                target = Target("page", request.path[:64], request.scope.region_code)
                _attempt(lambda: authorize(request.user, needed, attempt=act, target=target))
            if not request.scope.can(capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def signed_in(view):
    """Sign-in required; the capability is checked against the batch's kind by ``_batch``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.scope = scope_of(request.user)
        return view(request, *args, **kwargs)

    return wrapped


def _batch(request, pk: int) -> ImportBatch:
    """A batch in the user's region (404 otherwise) of a kind their role handles (403 otherwise); either
    refusal is audited (``reads.batch_open``)."""
    attempt = AuditAction.IMPORT_UPLOAD if request.method == "POST" else AuditAction.IMPORT_VIEW
    try:
        return reads.batch_open(request.user, pk, attempt=attempt)
    except TransferDenied as exc:
        if exc.outside_scope:
            raise Http404("Unggahan tidak ditemukan") from None
        raise PermissionDenied from None


def _upload(request, form, **fields) -> HttpResponse | None:
    """Hand a valid upload form to ``import_upload``: a redirect, or ``None`` with the refusal on the form."""
    try:
        batch = services.import_upload(
            actor=request.user,
            source=form.cleaned_data["file"],
            original_name=form.cleaned_data["file"].name,
            programme_code=form.cleaned_data["programme"],
            **fields,
        )
    except TransferDenied as exc:
        if not exc.outside_scope:
            raise PermissionDenied from None
        form.add_error(None, str(exc))
    except ImportRefused as exc:
        form.add_error(None, str(exc))
    else:
        if batch.status == ImportBatch.Status.REFUSED:
            messages.error(request, batch.message)
            return redirect("transfer:detail", pk=batch.pk)
        return redirect("transfer:mapping", pk=batch.pk)
    return None


@acting("import.upload", AuditAction.IMPORT_UPLOAD)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    posted = request.method == "POST" and form.is_valid()
    if posted and (response := _upload(request, form, village_code=form.cleaned_data["village"])):
        return response
    batches = selectors.batches_handled_by(request.user)[:20]
    return render(request, "transfer/upload.html", {"form": form, "batches": batches})


def _mapping_rows(request, batch: ImportBatch) -> list[dict]:
    preview = reads.import_preview_read(actor=request.user, batch=batch)
    samples = preview.samples(3)
    mapping = {int(i): f for i, f in batch.mapping.items()}
    rows = []
    for index, header in enumerate(batch.headers):
        values = [r[index] if index < len(r) else "" for r in samples]
        if mapping.get(index) == "nik":
            values = [nik_for_display(request.user, v) if v.strip() else v for v in values]
        rows.append({"index": index, "header": header, "field": mapping.get(index, ""), "samples": values})
    return rows


@signed_in
@require_http_methods(["GET", "POST"])
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if batch.status != ImportBatch.Status.UPLOADED:
        return redirect("transfer:detail", pk=batch.pk)
    fields = list(columns_for(batch.kind).values())
    error = ""
    if request.method == "POST":
        chosen = {i: request.POST.get(f"col{i}", "") for i in range(len(batch.headers))}
        try:
            services.import_mapping_set(
                actor=request.user, batch=batch, mapping=chosen, remember=bool(request.POST.get("remember"))
            )
        except ImportRefused as exc:
            error = str(exc)
        else:
            _attempt(lambda: services.import_enqueue(actor=request.user, batch=batch))
            return redirect("transfer:detail", pk=batch.pk)
    return render(
        request,
        "transfer/mapping.html",
        {"batch": batch, "rows": _mapping_rows(request, batch), "fields": fields, "error": error},
    )


@signed_in
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if batch.status == ImportBatch.Status.DONE and batch.problems:
        audit_record(
            actor=request.user,
            action=AuditAction.IMPORT_VIEW,
            object_type="import_batch",
            object_id=batch.pk,
            region_code=batch.region_code,
            summary=f"Lihat hasil impor {batch.original_name}",
        )
    return render(request, "transfer/detail.html", {"batch": batch, "job": batch.job})


@signed_in
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx-polled progress bar; once the batch is finished it asks the page to reload as the result."""
    batch = _batch(request, pk)
    if batch.finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "transfer/_progress.html", {"batch": batch, "job": batch.job})


@signed_in
def result_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if batch.status != ImportBatch.Status.DONE:
        raise Http404("Hasil belum ada")
    path = reads.import_result_read(actor=request.user, batch=batch)
    name = f"hasil-{batch.pk}-{batch.original_name.rsplit('.', 1)[0]}.xlsx"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type=XLSX)


@signed_in
def template_download(request: HttpRequest) -> HttpResponse:
    """A download is an act: a role without upload rights, or a village outside the region, is refused and
    audited (a 403, or a 404 as if the village were not there)."""
    village = selectors.village_get(request.GET.get("desa") or request.scope.region_code)
    code = village.code if village else request.scope.region_code
    outside = gettext("Desa %(code)s di luar wilayah akun Anda.") % {"code": code}
    try:
        authorize(
            request.user,
            "import.upload",
            attempt=AuditAction.IMPORT_TEMPLATE_DOWNLOAD,
            target=Target("template", code, code),
            outside=outside if village else "",
        )
    except TransferDenied as exc:
        if exc.outside_scope:
            raise Http404("Desa di luar wilayah Anda") from None
        raise PermissionDenied from None
    data = template_workbook(
        village_code=village.code if village else "", village_name=village.name if village else ""
    )
    response = HttpResponse(data, content_type=XLSX)
    suffix = f"-{village.code}" if village else ""
    response["Content-Disposition"] = f'attachment; filename="templat-pekerja{suffix}.xlsx"'
    return response


# --- Insurer exchange ---------------------------------------------------------------------------------


@acting("insurer.export", AuditAction.INSURER_EXPORT, post=("insurer.reply", AuditAction.IMPORT_UPLOAD))
@require_http_methods(["GET", "POST"])
def insurer(request: HttpRequest) -> HttpResponse:
    reply_form = ReplyUploadForm(request.POST or None, request.FILES or None, user=request.user)
    posted = request.method == "POST" and reply_form.is_valid()
    if posted and (response := _upload(request, reply_form, kind=ImportBatch.Kind.INSURER_REPLY)):
        return response
    return render(
        request,
        "transfer/insurer.html",
        {
            "programmes": [
                {"programme": p, "ready": n} for p, n in selectors.programmes_ready_to_send(request.user)
            ],
            "exports": selectors.exports_visible_to(request.user)[:20],
            "replies": selectors.batches_handled_by(request.user, kind=ImportBatch.Kind.INSURER_REPLY)[:20],
            "reply_form": reply_form,
        },
    )


@acting("insurer.export", AuditAction.INSURER_EXPORT)
@require_POST
def insurer_export(request: HttpRequest) -> HttpResponse:
    """Send a programme's verified enrolments; one outside the user's region is a 404 (its refusal audited)."""
    programme = programme_get(request.POST.get("programme", ""))
    if programme is None:
        raise Http404("Program tidak ditemukan")
    try:
        export = insurer_export_create(actor=request.user, programme=programme)
    except TransferDenied as exc:
        if exc.outside_scope:
            raise Http404("Program tidak ditemukan") from None
        raise PermissionDenied from None
    except ValueError as exc:
        messages.warning(request, str(exc))
        return redirect("transfer:insurer")
    messages.success(
        request,
        ngettext(
            "%(n)s peserta %(programme)s dikirim; unduh berkasnya di bawah.",
            "%(n)s peserta %(programme)s dikirim; unduh berkasnya di bawah.",
            export.enrolments,
        )
        % {"n": export.enrolments, "programme": programme.code},
    )
    return redirect("transfer:insurer")


@signed_in
def insurer_reply_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply template for collective registration ``pk``: its people, with the answer columns empty."""
    try:
        export = insurer_export_open(actor=request.user, pk=pk)
    except TransferDenied as exc:
        if exc.outside_scope:
            raise Http404("Berkas tidak ditemukan") from None
        raise PermissionDenied from None
    response = HttpResponse(reply_template_bytes(export), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{reply_template_name(export)}"'
    return response


@signed_in
def insurer_export_download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        export = insurer_export_open(actor=request.user, pk=pk)
    except TransferDenied as exc:
        if exc.outside_scope:
            raise Http404("Berkas tidak ditemukan") from None
        raise PermissionDenied from None
    return FileResponse(
        export_path(export).open("rb"), as_attachment=True, filename=export.file_name, content_type=XLSX
    )
