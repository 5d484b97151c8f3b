"""The exchange with the insurer's branch (BPJS Ketenagakerjaan): collective registration out, reply in.

Out: the verified enrolments of a programme become one workbook with the fields a collective registration
needs (DOMAIN.md §9: ⚠ the official template was not retrieved, so the columns follow the fields listed there)
and move to *submitted* through ``enrolment.services.enrolments_transition``.

In: the branch's reply (KPJ numbers and membership start dates, or refusals with reasons) is read with the
import pipeline's reader and the same nothing-lost rules: every row is applied, refused with a reason, or
skipped; rows that match nobody are listed. Accepted rows move to *active* with KPJ and start date, refused
ones to *rejected* with the branch's reason; both through ``enrolments_transition``, which owns the rules.
Uploading the same reply twice changes nothing the second time.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from lindung.accounts.selectors import scope_of
from lindung.core.services import audit_record
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import enrolments_transition
from lindung.enrolment.transitions import status_label
from lindung.people.models import Worker
from lindung.people.names import normalize_name_expr

from .checks import FINDINGS_SCHEMA, RegionCodes, message, registry_check
from .models import InsurerExport
from .parsing import parse_date
from .reading import read_table
from .results import safe_workbook, write_text

ACCEPTED_WORDS = {
    "DITERIMA",
    "TERIMA",
    "TERDAFTAR",
    "AKTIF",
    "BERHASIL",
    "SUKSES",
    "OK",
    "ACCEPTED",
    "DONE",
    "YA",
}
REFUSED_WORDS = {
    "DITOLAK",
    "TOLAK",
    "GAGAL",
    "TIDAKDITERIMA",
    "TIDAK",
    "REJECTED",
    "REJECT",
    "BATAL",
    "TIDAKLENGKAP",
}

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


def export_path(export: InsurerExport) -> Path:
    from .storage import upload_dir

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


def exportable(programme, actor):
    """The verified enrolments of ``programme`` that ``actor`` may send (their region)."""
    scope = scope_of(actor) if actor is not None else None
    qs = Enrolment.objects.filter(programme=programme, status=Status.VERIFIED)
    return qs.filter(scope.q("village_id")) if scope is not None else qs


@transaction.atomic
def insurer_export_create(*, actor, programme) -> InsurerExport:
    """Write the collective registration workbook of ``programme``'s verified enrolments and mark them
    submitted. Nothing to send raises ``ValueError`` with an Indonesian message."""
    from lindung.programmes.months import month_label
    from lindung.regions.models import Region

    from .storage import upload_dir

    ids = list(exportable(programme, actor).order_by("village_id", "id").values_list("id", flat=True))
    if not ids:
        raise ValueError(f"Tidak ada peserta terverifikasi di program {programme.code} yang belum dikirim.")
    user = actor if getattr(actor, "is_authenticated", False) else None
    scope = scope_of(actor) if actor is not None else None
    export = InsurerExport.objects.create(
        programme=programme, created_by=user, region_code=scope.region_code if scope is not None else ""
    )
    report = enrolments_transition(
        actor=actor,
        ids=ids,
        to_status=Status.SUBMITTED,
        reason=f"Dikirim ke BPJS Ketenagakerjaan (berkas #{export.pk})",
    )
    moved = sorted(report.moved)
    rows = list(
        Enrolment.objects.filter(id__in=moved)
        .order_by("village_id", "worker__full_name", "id")
        .values_list(
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
    )
    codes = {v for r in rows for v in _ancestors(r[1])}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))

    export.file_name = f"bpjs-{export.pk:06d}-{programme.code}.xlsx"
    book = safe_workbook(str(upload_dir() / export.file_name), constant_memory=True)
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
    period = month_label(programme.start_month)
    shared = [
        _programmes_label(programme),
        str(programme.months),
        period,
        _funding_label(programme),
        programme.sponsor.name if programme.sponsor_id else "",
    ]
    for i, r in enumerate(rows, start=1):
        (eid, village, nik, name, place, birth, gender, address, rt, rw, phone, email, occ1, occ2, income) = r
        where = ", ".join(names.get(c, c) for c in reversed(_ancestors(village)))
        street = " ".join(p for p in (address, f"RT {rt}" if rt else "", f"RW {rw}" if rw else "") if p)
        declared = programme.declared_income if programme.segment == "BPU" else income
        values = [
            str(i),
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
        for j, value in enumerate(values):
            write_text(sheet, 3 + i, j, value)
    sheet.freeze_panes(4, 2)
    book.close()
    export.enrolments = len(rows)
    export.save(update_fields=["file_name", "enrolments", "updated_at"])
    audit_record(
        actor=actor,
        action="insurer.export",
        object_type="insurer_export",
        object_id=export.pk,
        region_code=export.region_code,
        summary=f"Berkas pendaftaran kolektif {programme.code}: {len(rows)} peserta dikirim",
        detail={"programme": programme.code, "refused": report.to_dict()["refused"][:100]},
    )
    return export


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))][::-1]


# --- The reply ----------------------------------------------------------------------------------------


def _decision(frame: pl.DataFrame) -> pl.Expr:
    key = pl.col("decision").str.to_uppercase().str.replace_all("[^A-Z]", "")
    return (
        pl.when(key.is_in(list(ACCEPTED_WORDS)))
        .then(pl.lit("accept"))
        .when(key.is_in(list(REFUSED_WORDS)))
        .then(pl.lit("refuse"))
        .when((key == "") & (pl.col("kpj") != ""))
        .then(pl.lit("accept"))
        .when((key == "") & (pl.col("reason") != ""))
        .then(pl.lit("refuse"))
    )


def reply_run(ctx) -> None:
    """Apply the insurer's reply in ``ctx.batch`` (see the module docstring)."""
    from .outcome import long_findings, record_outcome, row_states, with_severity
    from .parsing import parse_rows
    from .storage import batch_path, preview_of

    batch, programme = ctx.batch, ctx.programme
    if programme is None:
        from .reading import ImportRefused

        raise ImportRefused("Pilih program yang dibalas BPJS sebelum mengunggah balasan.")
    numbers = [i for i, f in ctx.mapping.items() if f == "nik"]
    table = read_table(batch_path(batch), preview_of(batch), number_columns=numbers)
    parsed = parse_rows(table, ctx.mapping, kind="insurer_reply")
    rows = parsed.rows
    for col in ("nik", "full_name", "kpj", "start_date", "decision", "reason"):
        if col not in rows.columns:
            rows = rows.with_columns(pl.lit("", dtype=pl.String).alias(col))
    nik_i = numbers[0] if numbers else None
    if nik_i is not None and f"_num{nik_i}" in table.columns:
        flags = table.slice(1).select("_row", pl.col(f"_num{nik_i}").alias("_is_num"))
        rows = rows.join(flags, on="_row", how="left")
        rows = rows.with_columns(
            pl.when(pl.col("_is_num")).then(pl.col("nik").cast(pl.Float64, strict=False)).alias("nik_number")
        )
    data = rows.filter(pl.col("_skip").is_null())
    ctx.progress(0.3, "Mencocokkan balasan")

    values, nik_findings = registry_check(
        data.select("_row", "nik", *(["nik_number"] if "nik_number" in data.columns else [])),
        today=ctx.today,
        regions=RegionCodes.load(),
    )
    nik_findings = nik_findings.filter(pl.col("code").str.starts_with("nik_"))
    data = data.hstack(values.select("nik_digits")).with_columns(
        _decision(data).alias("_decision"),
        pl.col("kpj").str.replace_all(r"[\s.\-]", "").alias("_kpj"),
        parse_date(pl.col("start_date")).alias("_start"),
        normalize_name_expr(pl.col("full_name")).alias("_name"),
    )
    code = programme.code
    parts = [nik_findings]
    first = pl.col("_row").min().over("nik_digits")
    dup = (
        data.filter(pl.col("nik_digits").is_not_null())
        .with_columns(first.alias("first_row"))
        .filter(pl.col("_row") != pl.col("first_row"))
    )
    parts.append(
        long_findings(dup, "duplicate_in_file", message("duplicate_in_file", first_row=pl.col("first_row")))
    )
    parts.append(
        long_findings(
            data.filter(pl.col("_decision").is_null()),
            "reply_decision_unknown",
            message("reply_decision_unknown", value=pl.col("decision")),
        )
    )
    accept = pl.col("_decision") == "accept"
    parts.append(
        long_findings(
            data.filter(accept & (pl.col("_kpj") == "")), "reply_kpj_required", message("reply_kpj_required")
        )
    )
    parts.append(
        long_findings(
            data.filter(accept & (pl.col("_kpj") != "") & ~pl.col("_kpj").str.contains(r"^\d{11}$")),
            "kpj_malformed",
            message("kpj_malformed", value=pl.col("kpj")),
        )
    )
    parts.append(
        long_findings(
            data.filter(accept & (pl.col("start_date") != "") & pl.col("_start").is_null()),
            "reply_start_date_unreadable",
            message("reply_start_date_unreadable", value=pl.col("start_date")),
        )
    )

    with transaction.atomic():
        niks = data["nik_digits"].drop_nulls().unique().to_list()
        scope = scope_of(ctx.actor) if ctx.actor is not None else None
        found = []
        for start in range(0, len(niks), 5000):
            qs = Enrolment.objects.filter(programme=programme, worker__nik__in=niks[start : start + 5000])
            if scope is not None:
                qs = qs.filter(scope.q("village_id"))
            found += list(
                qs.values_list("worker__nik", "id", "status", "kpj", "worker_id", "worker__name_normalized")
            )
        known = pl.DataFrame(
            found,
            schema={
                "nik_digits": pl.String,
                "eid": pl.Int64,
                "status": pl.String,
                "old_kpj": pl.String,
                "worker_id": pl.Int64,
                "registered": pl.String,
            },
            orient="row",
        )
        data = data.join(known, on="nik_digits", how="left")
        parts.append(
            long_findings(
                data.filter(pl.col("nik_digits").is_not_null() & pl.col("eid").is_null()),
                "reply_unmatched",
                message("reply_unmatched", programme=code),
            )
        )
        differs = data.filter(
            pl.col("eid").is_not_null() & (pl.col("_name") != "") & (pl.col("_name") != pl.col("registered"))
        )
        names = (
            dict(Worker.objects.filter(id__in=differs["worker_id"].to_list()).values_list("id", "full_name"))
            if differs.height
            else {}
        )
        differs = differs.with_columns(
            pl.col("worker_id")
            .replace_strict(names, default="", return_dtype=pl.String)
            .alias("_registered_name")
        )
        parts.append(
            long_findings(
                differs,
                "reply_name_differs",
                message(
                    "reply_name_differs", given=pl.col("full_name"), registered=pl.col("_registered_name")
                ),
            )
        )

        findings = with_severity(
            pl.concat([p for p in parts if p.height] or [pl.DataFrame(schema=FINDINGS_SCHEMA)])
        )
        blocked = findings.filter(pl.col("severity") == "error").select("_row").unique()
        todo = data.filter(pl.col("eid").is_not_null()).join(blocked, on="_row", how="anti")
        already = todo.filter(
            (
                (pl.col("_decision") == "accept")
                & (pl.col("status") == Status.ACTIVE)
                & (pl.col("old_kpj") == pl.col("_kpj"))
            )
            | ((pl.col("_decision") == "refuse") & (pl.col("status") == Status.REJECTED))
        )
        todo = todo.join(already.select("_row"), on="_row", how="anti")
        activate = todo.filter(pl.col("_decision") == "accept")
        refuse = todo.filter(pl.col("_decision") == "refuse")
        tag = f"balasan BPJS #{batch.pk}"
        refusals: dict[int, str] = {}
        moved = 0
        if activate.height:
            per_id = {
                eid: {"kpj": kpj, "start_date": start}
                for eid, kpj, start in activate.select("eid", "_kpj", "_start").iter_rows()
            }
            report = enrolments_transition(
                actor=ctx.actor,
                ids=list(per_id),
                to_status=Status.ACTIVE,
                per_id=per_id,
                reason=f"KPJ terbit ({tag})",
                today=ctx.today,
            )
            refusals |= report.refused
            moved_ids = report.moved
            moved += len(moved_ids)
            activated = activate.filter(pl.col("eid").is_in(moved_ids))
            _set_worker_kpj(activated.select("worker_id", "_kpj"))
        activated_count = moved
        if refuse.height:
            per_id = {
                eid: {"reason": f"Ditolak BPJS: {why or 'tanpa alasan'} ({tag})"[:255]}
                for eid, why in refuse.select("eid", "reason").iter_rows()
            }
            report = enrolments_transition(
                actor=ctx.actor,
                ids=list(per_id),
                to_status=Status.REJECTED,
                per_id=per_id,
                reason="Ditolak BPJS",
                today=ctx.today,
            )
            refusals |= report.refused
            moved += len(report.moved)
        if refusals:
            failed = todo.filter(pl.col("eid").is_in(list(refusals))).with_columns(
                pl.col("eid").replace_strict(refusals, return_dtype=pl.String).alias("_why"),
                pl.col("status")
                .replace_strict({s: status_label(s) for s in Status.values}, default=pl.col("status"))
                .alias("_status"),
            )
            findings = pl.concat(
                [
                    findings,
                    with_severity(
                        long_findings(
                            failed,
                            "reply_status_conflict",
                            message("reply_status_conflict", status=pl.col("_status"), why=pl.col("_why")),
                        )
                    ),
                ]
            )
        states = row_states(rows, findings)
        record_outcome(
            ctx,
            states,
            findings,
            updated=moved,
            unchanged=already.height,
            enrolled=activated_count,
            inserted=0,
            detail={"programme": code},
        )
    ctx.progress(1.0, "Selesai")


def _set_worker_kpj(pairs: pl.DataFrame) -> None:
    """The registry learns a person's KPJ when the insurer issues it, unless it already holds one."""
    if not pairs.height:
        return
    now = Worker._meta.get_field("updated_at").get_db_prep_save(timezone.now(), connection)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Worker._meta.db_table} SET kpj = %s, updated_at = %s WHERE id = %s AND kpj = ''",  # noqa: S608
            [(kpj, now, wid) for wid, kpj in pairs.iter_rows()],
        )
