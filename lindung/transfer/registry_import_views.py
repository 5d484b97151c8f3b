"""The social-registry extract upload page. Thin: reading the file is ``transfer.registry_import``, every
rule is in ``registry.services``; the result is the edition's page in the registry app."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.accounts.selectors import scope_of
from lindung.regions.codes import level
from lindung.regions.models import Region
from lindung.regions.selectors import regions_below
from lindung.registry.services import RegistryRefused

from .reading import ImportRefused
from .registry_import import registry_extract_upload
from .registry_import_forms import RegistryUploadForm


def region_choices(region_code: str) -> list[tuple[str, str]]:
    """The actor's own region and the regencies and kecamatan below it: where an extract may be for."""
    own = Region.objects.filter(code=region_code).first() if region_code else None
    deepest = max(level(region_code) + 1, 2)  # national: provinces and regencies; a regency: its kecamatan
    below = (
        regions_below(region_code or None).filter(level__lte=deepest).order_by("code").only("code", "name")
    )
    rows = [(own.code, f"{own.name} ({own.code})")] if own else []
    return rows + [(r.code, f"{r.name} ({r.code})") for r in below if r.code != region_code]


@capability_required("registry.import")
def registry_upload(request: HttpRequest) -> HttpResponse:
    region_code = scope_of(request.user).region_code
    form = RegistryUploadForm(
        request.POST or None,
        request.FILES or None,
        region_choices=region_choices(region_code),
        initial={"region": region_code},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = registry_extract_upload(
                actor=request.user,
                source=data["file"],
                original_name=data["file"].name,
                kind=data["kind"],
                edition_date=data["edition_date"],
                region_code=data["region"],
                vulnerable_max_decile=data["vulnerable_max_decile"],
            )
        except AccessRefused as exc:
            if exc.outside_scope:
                raise Http404 from exc
            raise PermissionDenied(exc.message) from exc
        except (ImportRefused, RegistryRefused) as exc:
            form.add_error("file", str(exc))
        else:
            _announce(request, result)
            return redirect("registry:edition", result.edition.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "transfer/registry/upload.html", {"form": form}, status=status)


def _announce(request, result) -> None:
    edition = result.edition
    if result.created:
        messages.success(
            request,
            _("%(edition)s diimpor: %(imported)s orang, %(flagged)s ditandai, %(rejected)s baris ditolak.")
            % {
                "edition": edition,
                "imported": edition.rows_imported,
                "flagged": edition.rows_flagged,
                "rejected": edition.rows_rejected,
            },
        )
    elif result.same_file:
        messages.info(request, _("Edisi ini sudah diimpor; tidak ada yang berubah."))
    else:
        messages.warning(
            request,
            _(
                "Edisi ini (jenis, tanggal dan wilayah yang sama) sudah diimpor dari berkas lain; berkas ini "
                "tidak mengubah apa pun. Periksa tanggal edisinya."
            ),
        )
