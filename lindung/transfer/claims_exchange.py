"""The insurer exchange for claims, in: the insurer's decisions (CSV/XLSX/ODS). The list out is
``claims_exchange_export``.

Every line of the decision file ends in one outcome, none is dropped (the import's nothing-lost rule):
*decided*; *flagged* (paid an amount unlike the computed entitlement: kept, both amounts, never overwritten);
*refused* with the row and column named; or *unmatched*, a line that matches no open case. A line names its
case by the claim number, or by KPJ or NIK (with the kind when the person has more than one open case). The
decisions themselves are recorded by ``claims.services.claims_decide`` (set-based). The same file imported
again in the same region returns the first import and changes nothing (SHA-256 of the bytes).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

import lokal
import polars as pl
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lindung.accounts.access import access_require
from lindung.accounts.selectors import scope_for_actor
from lindung.claims.models import OPEN_STATUSES, Benefit, ClaimKind, ClaimStatus
from lindung.claims.selectors import claims_visible_to
from lindung.claims.services import Decision, claims_decide
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from .cells import key, parse_date, stripped
from .columns import header_key
from .models import ClaimDecisionBatch, ClaimDecisionLine
from .reading import PREVIEW_ROWS, ImportRefused, check_size
from .statements import _read_raw, file_sha256
from .storage import upload_dir

Outcome = ClaimDecisionLine.Outcome
FIELDS = ("claim_ref", "kpj", "nik", "kind", "decision", "amount_text", "date_text", "reason")
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "claim_ref": ("NOKLAIM", "NOMORKLAIM", "IDKLAIM", "KLAIM", "KLAIMID"),
    "kpj": ("KPJ", "NOKPJ", "NOMORKPJ", "NOPESERTA", "NOMORPESERTA"),
    "nik": ("NIK", "NOKTP", "NIKKTP", "NOMORNIK", "NIKPESERTA"),
    "kind": ("JENISKEJADIAN", "JENIS", "JENISKLAIM", "KEJADIAN", "JAMINAN", "PROGRAM"),
    "decision": ("KEPUTUSAN", "KEPUTUSANBPJS", "HASIL", "HASILKLAIM", "STATUSKEPUTUSAN"),
    "amount_text": ("JUMLAHDIBAYAR", "JUMLAH", "NOMINAL", "NILAI", "JUMLAHBAYAR", "NOMINALDIBAYAR"),
    "date_text": (
        "TANGGALKEPUTUSAN",
        "TANGGALBAYAR",
        "TANGGALDIBAYAR",
        "TGLBAYAR",
        "TANGGAL",
        "TGLKEPUTUSAN",
    ),
    "reason": ("ALASAN", "ALASANPENOLAKAN", "KETERANGAN", "CATATAN"),
}
_FIELD_OF = {alias: f for f, aliases in HEADER_ALIASES.items() for alias in aliases}
# How a branch writes its decision, compared as lower-case letters only.
PAID_WORDS = frozenset({"paid", "dibayar", "bayar", "lunas", "disetujui", "setuju", "diterima"})
REFUSED_WORDS = frozenset({"refused", "ditolak", "tolak", "tidakdisetujui", "tidakditerima"})
MAX_LINES = 20_000


def _kind_keys() -> dict[str, tuple[str, str]]:
    """Lower-case letters of each kind and benefit (code and Indonesian label) → ("kind"|"benefit", value)."""
    out: dict[str, tuple[str, str]] = {}
    with translation.override("id"):
        for value, label in ClaimKind.choices:
            out[_letters(value)] = out[_letters(str(label))] = ("kind", value)
        for value, label in Benefit.choices:
            out[_letters(value)] = out[_letters(str(label))] = ("benefit", value)
    return out


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


# --- the decisions in ----------------------------------------------------------------------------------


@dataclass
class DecisionLine:
    """One line of the decision file as read, then its outcome."""

    row_number: int
    claim_ref: str = ""
    kpj: str = ""
    nik: str = ""
    kind: str = ""
    decision: str = ""
    amount_text: str = ""
    date_text: str = ""
    reason: str = ""
    decided_on: dt.date | None = None
    amount: int | None = None
    outcome: str = ""
    message: str = ""
    claim_id: int | None = None
    paid: bool = False

    def refuse(self, column: str, text: str) -> None:
        self.outcome = Outcome.REFUSED
        self.message = _("Baris %(row)s, kolom %(column)s: %(text)s") % {
            "row": self.row_number,
            "column": column,
            "text": text,
        }

    def unmatched(self, text: str) -> None:
        self.outcome = Outcome.UNMATCHED
        self.message = _("Baris %(row)s: %(text)s") % {"row": self.row_number, "text": text}


def _map_headers(headers: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = _FIELD_OF.get(header_key(header))
        if field and field not in mapping:
            mapping[field] = index
    return mapping


def _usable(mapping: dict[str, int]) -> bool:
    return "decision" in mapping and bool({"claim_ref", "kpj", "nik"} & mapping.keys())


def decision_lines(path: Path) -> list[DecisionLine]:
    """The file's lines below its header row, every cell as text; dates read in every form offices use."""
    raw = _read_raw(path)
    top = [["" if v is None else str(v) for v in row] for row in raw.head(PREVIEW_ROWS).iter_rows()]
    header, mapping = next(((i, m) for i, r in enumerate(top) if _usable(m := _map_headers(r))), (None, {}))
    if header is None:
        raise ImportRefused(
            _(
                "Baris judul kolom tidak ditemukan: berkas keputusan harus memuat kolom Keputusan dan No Klaim "
                "(atau KPJ atau NIK)."
            )
        )
    body = raw.with_row_index("row_number", offset=1).slice(header + 1)
    columns = {f: stripped(pl.col(f"c{mapping[f]}")) if f in mapping else pl.lit("") for f in FIELDS}
    frame = body.select(pl.col("row_number").cast(pl.Int64), **columns).with_columns(
        kpj=pl.col("kpj").str.replace(r"\.0+$", ""),
        nik=pl.col("nik").str.replace(r"\.0+$", ""),
        claim_ref=pl.col("claim_ref").str.replace(r"\.0+$", "").str.strip_prefix("#"),
        decision_key=key(pl.col("decision")),
        decided_on=parse_date(pl.col("date_text")),
    )
    frame = frame.filter(~pl.all_horizontal([pl.col(f) == "" for f in FIELDS]))
    if frame.height > MAX_LINES:
        raise ImportRefused(
            _("Berkas keputusan berisi %(n)s baris; paling banyak %(max)s.")
            % {"n": frame.height, "max": MAX_LINES}
        )
    lines = []
    for row in frame.iter_rows(named=True):
        line = DecisionLine(**{f: row[f] for f in ("row_number", *FIELDS)}, decided_on=row["decided_on"])
        line.paid = row["decision_key"] in PAID_WORDS
        if not line.paid and row["decision_key"] not in REFUSED_WORDS:
            line.refuse(
                _("Keputusan"),
                _('"%(text)s" tidak dikenal; isi dibayar atau ditolak.') % {"text": line.decision}
                if line.decision
                else _("wajib diisi (dibayar atau ditolak)."),
            )
        lines.append(line)
    return lines


def _check_values(line: DecisionLine) -> None:
    """Amount and date of a payment, reason of a refusal: read, or the line refused naming the column."""
    if line.outcome:
        return
    if not line.paid:
        if not line.reason:
            line.refuse(_("Alasan"), _("alasan penolakan wajib diisi."))
        return
    parsed = lokal.parse_rupiah(line.amount_text) if line.amount_text else None
    if parsed is None or parsed.approximate or parsed.amount <= 0:
        line.refuse(
            _("Jumlah Dibayar"),
            _('"%(text)s" bukan jumlah rupiah yang pasti.') % {"text": line.amount_text}
            if line.amount_text
            else _("wajib diisi untuk klaim yang dibayar."),
        )
        return
    line.amount = int(parsed.amount)
    if line.decided_on is None:
        line.refuse(
            _("Tanggal Keputusan"),
            _('"%(text)s" bukan tanggal.') % {"text": line.date_text}
            if line.date_text
            else _("tanggal dibayar wajib diisi."),
        )


def _candidates(actor, lines: list[DecisionLine]) -> list[dict]:
    """Every visible case a line may name, in one query: by number (any status), by NIK or KPJ (open)."""
    ids = {int(x.claim_ref) for x in lines if x.claim_ref.isdigit() and len(x.claim_ref) < 12}
    niks = {x.nik for x in lines if x.nik}
    kpjs = {x.kpj for x in lines if x.kpj}
    if not (ids or niks or kpjs):
        return []
    open_ = Q(status__in=OPEN_STATUSES) & (
        Q(nik__in=niks) | Q(enrolment__kpj__in=kpjs) | Q(worker__kpj__in=kpjs)
    )
    found = claims_visible_to(actor).filter(Q(pk__in=ids) | open_)
    return [
        dict(c)
        for c in found.values("id", "status", "nik", "kind", "benefit", "enrolment__kpj", "worker__kpj")
    ]


def _match(lines: list[DecisionLine], found: list[dict]) -> None:
    """Name each still-valid line's case, or say why it matches no open case."""
    by_id = {c["id"]: c for c in found}
    kinds = _kind_keys()
    for line in lines:
        if line.outcome:
            continue
        if line.claim_ref:
            _match_number(line, by_id)
        elif line.nik or line.kpj:
            _match_person(line, found, kinds)
        else:
            line.refuse(_("No Klaim"), _("isi No Klaim, KPJ atau NIK."))


def _match_number(line: DecisionLine, by_id: dict[int, dict]) -> None:
    if not line.claim_ref.isdigit():
        line.refuse(_("No Klaim"), _('"%(text)s" bukan nomor klaim.') % {"text": line.claim_ref})
        return
    claim = by_id.get(int(line.claim_ref))
    if claim is None:
        line.unmatched(
            _("klaim #%(id)s tidak ada di wilayah Anda; tidak cocok dengan kasus terbuka.")
            % {"id": line.claim_ref}
        )
    elif claim["status"] not in OPEN_STATUSES:
        line.unmatched(
            _("klaim #%(id)s sudah %(status)s; tidak ada kasus terbuka untuk keputusan ini.")
            % {"id": line.claim_ref, "status": ClaimStatus(claim["status"]).label}
        )
    else:
        line.claim_id = claim["id"]


def _match_person(line: DecisionLine, found: list[dict], kinds: dict[str, tuple[str, str]]) -> None:
    wanted = kinds.get(_letters(line.kind)) if line.kind else None
    if line.kind and wanted is None:
        line.refuse(_("Jenis Kejadian"), _('"%(text)s" tidak dikenal.') % {"text": line.kind})
        return
    cases = [
        c
        for c in found
        if c["status"] in OPEN_STATUSES
        and (
            (line.nik and c["nik"] == line.nik)
            or (line.kpj and line.kpj in (c["enrolment__kpj"], c["worker__kpj"]))
        )
        and (wanted is None or c[wanted[0]] == wanted[1])
    ]
    if not cases:
        line.unmatched(_("tidak ada kasus terbuka untuk KPJ/NIK dan jenis kejadian baris ini."))
    elif len(cases) > 1:
        line.refuse(
            _("No Klaim"),
            _("KPJ/NIK ini cocok dengan %(n)s kasus terbuka; isi No Klaim atau Jenis Kejadian.")
            % {"n": len(cases)},
        )
    else:
        line.claim_id = cases[0]["id"]


def _decide(actor, lines: list[DecisionLine], today: dt.date) -> None:
    """The insurer's decisions of the matched lines, at once; a case named twice is decided by its first line."""
    first: dict[int, DecisionLine] = {}
    for line in lines:
        if line.outcome or line.claim_id is None:
            continue
        if line.claim_id in first:
            line.refuse(
                _("No Klaim"),
                _("klaim #%(id)s sudah diputuskan di baris %(row)s berkas ini.")
                % {"id": line.claim_id, "row": first[line.claim_id].row_number},
            )
            continue
        first[line.claim_id] = line
    decisions = [
        Decision(
            claim_id=pk,
            outcome=ClaimStatus.PAID if line.paid else ClaimStatus.REFUSED,
            amount=line.amount,
            paid_on=line.decided_on,
            reason=line.reason,
        )
        for pk, line in first.items()
    ]
    report = claims_decide(actor=actor, decisions=decisions, today=today)
    for pk, line in first.items():
        if pk in report.refused:
            line.outcome = Outcome.REFUSED
            line.message = _("Baris %(row)s: %(text)s") % {"row": line.row_number, "text": report.refused[pk]}
        elif pk in report.flagged:
            line.outcome = Outcome.FLAGGED
            line.message = _("Baris %(row)s: %(text)s") % {"row": line.row_number, "text": report.flagged[pk]}
        else:
            line.outcome = Outcome.DECIDED
            line.message = _("Baris %(row)s: klaim #%(id)s %(status)s.") % {
                "row": line.row_number,
                "id": pk,
                "status": _("dibayar") if line.paid else _("ditolak"),
            }


def _save(actor, region: str, sha256: str, name: str, lines: list[DecisionLine]) -> ClaimDecisionBatch:
    counts = {o: sum(1 for x in lines if x.outcome == o) for o in Outcome.values}
    batch = ClaimDecisionBatch.objects.create(
        original_name=name[:255],
        sha256=sha256,
        region_code=region,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        rows_total=len(lines),
        decided=counts[Outcome.DECIDED],
        flagged=counts[Outcome.FLAGGED],
        refused=counts[Outcome.REFUSED],
        unmatched=counts[Outcome.UNMATCHED],
    )
    ClaimDecisionLine.objects.bulk_create(
        [
            ClaimDecisionLine(
                batch=batch,
                row_number=x.row_number,
                claim_ref=x.claim_ref[:40],
                kpj=x.kpj[:20],
                nik=x.nik[:20],
                kind=x.kind[:60],
                decision=x.decision[:60],
                amount=x.amount,
                decided_on=x.decided_on,
                reason=x.reason[:255],
                claim_id=x.claim_id
                if x.outcome in (Outcome.DECIDED, Outcome.FLAGGED, Outcome.REFUSED)
                else None,
                outcome=x.outcome,
                message=x.message[:500],
            )
            for x in lines
        ],
        batch_size=2000,
    )
    return batch


def claims_decisions_import(
    *, actor, path: Path, original_name: str = "", today: dt.date | None = None
) -> tuple[ClaimDecisionBatch, bool]:
    """Import the insurer's decision file; the batch and whether it is new (the same file again: the first
    import, nothing changed). Steps: refuse a role without ``claim.decide``; read every line; refuse the lines
    whose values cannot be read (row and column named); match the rest to visible open cases; record the
    decisions with ``claims_decide``; keep every line with its outcome; audit CLAIM_DECISION_IMPORT."""
    path = Path(path)
    scope = access_require(actor, "claim.decide", object_type="claim", what="impor keputusan klaim")
    sha256 = file_sha256(path)
    existing = ClaimDecisionBatch.objects.filter(region_code=scope.region_code, sha256=sha256).first()
    if existing is not None:
        return existing, False
    lines = decision_lines(path)
    if not lines:
        raise ImportRefused(_("Berkas keputusan tidak berisi baris data di bawah judul kolom."))
    today = today or timezone.localdate()
    for line in lines:
        _check_values(line)
    with transaction.atomic():
        _match(lines, _candidates(actor, lines))
        _decide(actor, lines, today)
        batch = _save(actor, scope.region_code, sha256, original_name or path.name, lines)
        audit_record(
            actor=actor,
            action=AuditAction.CLAIM_DECISION_IMPORT,
            object_type="claim_decision_batch",
            object_id=batch.pk,
            region_code=scope.region_code,
            summary=(
                f"Keputusan klaim dari BPJS ({batch.original_name}): {batch.rows_total} baris, "
                f"{batch.decided} diputuskan, {batch.flagged} ditandai, {batch.refused} ditolak, "
                f"{batch.unmatched} tidak cocok"
            ),
            detail={"claims": [x.claim_id for x in lines if x.outcome in (Outcome.DECIDED, Outcome.FLAGGED)]},
        )
    return batch, True


def claims_decisions_upload_file(*, actor, source, original_name: str) -> tuple[ClaimDecisionBatch, bool]:
    """An uploaded file (a page's or the API's): stored in a temporary file, then ``claims_decisions_import``."""
    access_require(actor, "claim.decide", object_type="claim", what="impor keputusan klaim")
    check_size(source.size)
    suffix = Path(original_name).suffix[:10]
    with tempfile.NamedTemporaryFile(dir=upload_dir(), suffix=suffix) as handle:
        for chunk in source.chunks():
            handle.write(chunk)
        handle.flush()
        return claims_decisions_import(actor=actor, path=Path(handle.name), original_name=original_name)


# --- reads ---------------------------------------------------------------------------------------------


def decision_batches_visible_to(user):
    """Decision files imported in the user's region; none for a role without ``claim.decide``."""
    scope = scope_for_actor(user)
    if not scope.can("claim.decide"):
        return ClaimDecisionBatch.objects.none()
    return ClaimDecisionBatch.objects.filter(scope.q("region_code")).select_related("uploaded_by")


def decision_batch_for(user, pk: int) -> ClaimDecisionBatch | None:
    return decision_batches_visible_to(user).filter(pk=pk).first()
