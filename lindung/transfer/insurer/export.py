"""Collective registration out: the verified enrolments of a programme become one workbook with the fields a
collective registration needs (DOMAIN.md §9: ⚠ the official template was not retrieved, so the columns follow
the fields listed there) and move to *submitted* through ``enrolment.services.enrolments_transition``."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from lindung.core.audit import AuditAction
from lindung.core.months import month_label
from lindung.core.services import audit_record
from lindung.core.spreadsheets import safe_workbook, write_text
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import enrolments_transition
from lindung.programmes.models import Programme
from lindung.regions.codes import ancestors_and_self
from lindung.regions.models import Region

from ..access import Target, authorize, deny
from ..models import InsurerExport
from ..selectors import exportable, programme_for
from ..storage import upload_dir

EXPORT_COLUMNS = (
    "No",
    "NIK",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Alamat",
    "No. HP",
    "Email",
    "Pekerjaan 1",
    "Pekerjaan 2",
    "Lokasi Kerja",
    "Penghasilan Dilaporkan (Rp)",
    "Program",
    "Masa Iuran (bulan)",
    "Bulan Pertama",
    "Sumber Dana",
    "Sponsor",
    "No. Referensi Lindung",
)
# The enrolment and worker fields one row of the workbook is made of, in the order ``_row_values`` reads.
ROW_FIELDS = (
    "id",
    "village_id",
    "worker__nik",
    "worker__full_name",
    "worker__birth_place",
    "worker__birth_date",
    "worker__gender",
    "worker__address",
    "worker__rt",
    "worker__rw",
    "worker__phone",
    "worker__email",
    "worker__occupation_1",
    "worker__occupation_2",
    "worker__fixed_income",
)


def export_path(export: InsurerExport) -> Path:
    return upload_dir() / export.file_name


def _programmes_label(programme) -> str:
    parts = ["JKK", "JKM"]
    if programme.include_jht:
        parts.append("JHT")
    if programme.segment == "PU" and programme.include_jp:
        parts.append("JP")
    return "+".join(parts)


def _funding_label(programme) -> str:
    label = str(programme.get_funding_source_display())
    if programme.apbdes_sub_source:
        label += f" ({programme.get_apbdes_sub_source_display()})"
    return label


def insurer_export_create(*, actor, programme: Programme) -> InsurerExport:
    """Write the collective registration workbook of ``programme``'s verified enrolments in the actor's region
    and mark them submitted. Raises ``TransferDenied`` (audited) for a role without ``insurer.export`` or a
    programme outside the actor's region; nothing to send raises ``ValueError`` with an Indonesian message."""
    scope = authorize(
        actor,
        "insurer.export",
        attempt=AuditAction.INSURER_EXPORT,
        target=Target("programme", programme.pk, programme.coverage_region_id),
    )
    if programme_for(actor, programme.code) is None:
        deny(
            actor,
            attempt=AuditAction.INSURER_EXPORT,
            target=Target("programme", programme.pk, programme.coverage_region_id),
            why="program di luar wilayah akun",
            message=gettext("Program %(code)s di luar wilayah akun Anda.") % {"code": programme.code},
            outside_scope=True,
        )
    return _export(actor, programme, region_code=scope.region_code)


def insurer_export_open(*, actor, pk: int) -> InsurerExport:
    """The collective registration file ``pk`` for download, on the record (``insurer.export_download``).
    A file outside the actor's region or a role without ``insurer.export`` is refused and audited
    (``TransferDenied``); ``Http404`` when there is no such file."""
    export = InsurerExport.objects.select_related("programme").filter(pk=pk).first()
    if export is None:
        raise Http404("Berkas tidak ditemukan")
    authorize(
        actor,
        "insurer.export",
        attempt=AuditAction.INSURER_EXPORT_DOWNLOAD,
        target=Target("insurer_export", export.pk, export.region_code),
        outside=gettext("Berkas #%(pk)s di luar wilayah akun Anda.") % {"pk": export.pk},
    )
    audit_record(
        actor=actor,
        action=AuditAction.INSURER_EXPORT_DOWNLOAD,
        object_type="insurer_export",
        object_id=export.pk,
        region_code=export.region_code,
        summary=f"Unduh berkas pendaftaran kolektif #{export.pk}",
    )
    return export


@transaction.atomic
def _export(actor, programme: Programme, *, region_code: str) -> InsurerExport:
    ids = list(
        exportable(actor, programme=programme).order_by("village_id", "id").values_list("id", flat=True)
    )
    if not ids:
        raise ValueError(f"Tidak ada peserta terverifikasi di program {programme.code} yang belum dikirim.")
    user = actor if getattr(actor, "is_authenticated", False) else None
    export = InsurerExport.objects.create(programme=programme, created_by=user, region_code=region_code)
    report = enrolments_transition(
        actor=actor,
        ids=ids,
        to_status=Status.SUBMITTED,
        reason=f"Dikirim ke BPJS Ketenagakerjaan (berkas #{export.pk})",
    )
    rows = list(
        Enrolment.objects.filter(id__in=sorted(report.moved))
        .order_by("village_id", "worker__full_name", "id")
        .values_list(*ROW_FIELDS)
    )
    export.file_name = f"bpjs-{export.pk:06d}-{programme.code}.xlsx"
    _write_workbook(export_path(export), export=export, programme=programme, rows=rows)
    export.enrolments = len(rows)
    export.save(update_fields=["file_name", "enrolments", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.INSURER_EXPORT,
        object_type="insurer_export",
        object_id=export.pk,
        region_code=export.region_code,
        summary=f"Berkas pendaftaran kolektif {programme.code}: {len(rows)} peserta dikirim",
        detail={"programme": programme.code, "refused": report.to_dict()["refused"][:100]},
    )
    return export


def _write_workbook(target: Path, *, export: InsurerExport, programme: Programme, rows: list[tuple]) -> None:
    """The workbook the branch receives: a title, the legal basis, one row per person; every cell text."""
    codes = {c for r in rows for c in ancestors_and_self(r[1])}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    book = safe_workbook(str(target), constant_memory=True)
    bold = book.add_format({"bold": True, "bg_color": "#E6F0FA", "border": 1, "text_wrap": True})
    sheet = book.add_worksheet("Pendaftaran Kolektif")
    write_text(sheet, 0, 0, f"PENDAFTARAN KOLEKTIF PESERTA BPU — {programme.name}")
    write_text(
        sheet,
        1,
        0,
        f"Dasar: {programme.legal_basis or '-'} · Dibuat {timezone.localdate():%d-%m-%Y} · Berkas #{export.pk}",
    )
    for j, name in enumerate(EXPORT_COLUMNS):
        write_text(sheet, 3, j, name, bold)
    shared = [
        _programmes_label(programme),
        str(programme.months),
        month_label(programme.start_month),
        _funding_label(programme),
        programme.sponsor.name if programme.sponsor_id else "",
    ]
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(_row_values(i, row, programme=programme, names=names, shared=shared)):
            write_text(sheet, 3 + i, j, value)
    sheet.freeze_panes(4, 2)
    book.close()


def _row_values(number: int, row: tuple, *, programme, names: dict[str, str], shared: list[str]) -> list:
    (eid, village, nik, name, place, birth, gender, address, rt, rw, phone, email, occ1, occ2, income) = row
    where = ", ".join(names.get(c, c) for c in ancestors_and_self(village))
    street = " ".join(p for p in (address, f"RT {rt}" if rt else "", f"RW {rw}" if rw else "") if p)
    declared = programme.declared_income if programme.segment == "BPU" else income
    return [
        str(number),
        nik,
        name,
        place,
        birth.strftime("%d-%m-%Y") if birth else "",
        gender,
        ", ".join(p for p in (street, names.get(village, village)) if p),
        phone,
        email,
        occ1,
        occ2,
        where,
        str(declared or ""),
        *shared,
        str(eid),
    ]
