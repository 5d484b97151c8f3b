"""Monev figures as JSON: the same ``monev.selectors.monev_figures`` the dashboard, public page and reports use.

- ``GET /api/monev?region=CODE&period=YYYY-MM``: signed-in (session), limited to the user's region like the
  dashboard; a region outside it is a 404, and the attempt is logged.
- ``GET /api/monev/publik?region=CODE&period=YYYY-MM``: no sign-in, the transparency page's figures
  (aggregates only, breakdown cells of 1-2 people suppressed), cached for five minutes.

The schemas below document the shape of ``Figures.to_dict()`` for the OpenAPI page. Responses leave out the
fields a row does not have (``exclude_unset``): a suppressed breakdown cell carries no counts but its flag.
Percentages are decimal strings with two places (``"31.63"``), so no float rounding reaches a client.
"""

from __future__ import annotations

from django.http import Http404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lindung.accounts.selectors import scope_of
from lindung.monev.selectors import monev_figures, monev_region_for, parse_period, region_exists
from lindung.monev.selectors.ucj_page import ucj_page
from lindung.monev.services.ucj import vulnerable_count_enter
from lindung.regions.services import RegionStatisticRefused
from lindung.transfer.insurer_figures import insurer_figures_import_upload
from lindung.transfer.reading import ImportRefused

from ..permissions import require
from ..schemas import People, Period, RegionCode, Text, Year, answers, public_answers

router = Router(tags=["monev"])

Percent = str | None


class RegionOut(Schema):
    code: str = Field(description='Kode Kemendagri; "" untuk Indonesia.')
    name: str
    level: str = Field(description="nasional, provinsi, kabupaten/kota, kecamatan atau desa/kelurahan.")
    level_label: str = Field(description="Nama tingkat dalam bahasa pembaca.")


class PathItemOut(Schema):
    code: str
    name: str


class MonthMoneyOut(Schema):
    billed: int = Field(description="Ditagih untuk bulan itu (Rp): semua baris tagihan bulan itu.")
    paid: int = Field(description="Dibayar untuk bulan itu (Rp), tanggal bayar s.d. akhir bulan itu.")
    paid_percent_of_billed: Percent = Field(description="Dibayar ÷ ditagih × 100.")
    lapsed: int = Field(description="Kepesertaan yang menjadi non-aktif pada bulan itu.")
    reactivated: int = Field(description="Kepesertaan yang aktif kembali dari non-aktif pada bulan itu.")
    lapse_due: int = Field(
        description="Masih aktif tetapi menunggak lebih dari N bulan: dinonaktifkan oleh tugas harian."
    )


class PeopleOut(MonthMoneyOut):
    status: dict[str, int] = Field(description="Kepesertaan per status.")
    total: int
    occupying: int = Field(description="Menempati kuota: diusulkan s.d. non-aktif.")
    active: int
    quota: int
    commitment_percent: Percent = Field(description="Menempati kuota ÷ kuota × 100.")
    coverage_percent: Percent = Field(description="Aktif ÷ kuota × 100.")
    villages_with_quota: int
    villages_below_half: int = Field(description="Desa dengan kuota terisi di bawah ambang bulan itu.")
    committed: int = Field(description="Komitmen iuran (Rp).")
    realised: int = Field(description="Realisasi iuran (Rp).")
    at_risk: int = Field(description="Peserta aktif yang menunggak 2 s.d. N bulan.")


class BreakdownOut(Schema):
    key: str
    label: str
    total: int | None
    occupying: int | None = None
    active: int | None
    committed: int | None = None
    suppressed: bool | None = Field(None, description="Sel publik berisi 1-2 orang: angkanya disamarkan.")


class AreaOut(PeopleOut):
    code: str
    name: str
    level: int
    ucj_percent: Percent
    ucj_gap_people: int | None
    ceiling: int = Field(description="Bagian pagu program untuk wilayah ini (Rp).")


class VulnerableGoalOut(Schema):
    count: int
    year: int
    source: str = Field(description="entered (dimasukkan) atau registry (registri sosial; didahulukan).")
    source_note: str
    goal_percent: Percent = Field(description="Sasaran daerah sendiri, mis. 90 % pekerja rentan Kapuas.")
    goal_people: int | None
    covered: int = Field(description="Peserta aktif program di wilayah ini.")
    covered_percent: Percent
    goal_gap_people: int | None


class UcjOut(Schema):
    active: int
    working_population: int | None
    population_year: int | None
    population_source: str
    population_note: str
    formal: int | None
    informal: int | None
    construction: int | None
    percent: Percent = Field(description="Aktif ÷ penduduk bekerja × 100.")
    target_percent: Percent
    target_year: int | None
    target_source: str
    target_people: int | None
    gap_people: int | None
    basis: str | None = Field(
        None,
        description='"insurer": pembilang = peserta aktif menurut laporan BPJS; "programme": laporan BPJS belum '
        "diimpor, pembilang hanya peserta program (tidak dipakai untuk anggaran).",
    )
    programme_active: int | None = Field(
        None, description="Peserta aktif program Lindung: sumbangan program."
    )
    programme_ucj_percent: Percent = None
    programme_share_percent: Percent = Field(
        None, description="Peserta program ÷ peserta aktif menurut BPJS × 100."
    )
    pu: int | None = None
    bpu: int | None = None
    jakon: int | None = None
    insurer_period: str | None = Field(None, description="Bulan laporan BPJS yang dipakai (TTTT-BB).")
    insurer_edition: str | None = None
    population_from_report: bool | None = None
    vulnerable: VulnerableGoalOut | None = None


class ProgrammeLineOut(MonthMoneyOut):
    id: int
    code: str
    name: str
    funding_source: str
    coverage_region: str
    quota: int
    occupying: int
    active: int
    ceiling: int
    ceiling_note: str
    committed: int
    realised: int


class BudgetOut(Schema):
    ceiling: int
    committed: int
    realised: int
    remaining: int
    realised_percent_of_committed: Percent
    programmes: list[ProgrammeLineOut]


class TrendPointOut(Schema):
    period: str = Field(description="TTTT-BB.")
    label: str
    available: bool = Field(description="Bulan itu sudah direkap.")
    active: int | None
    occupying: int | None
    committed: int | None
    realised: int | None
    billed: int | None
    paid: int | None
    lapsed: int | None
    reactivated: int | None


class RecommendationOut(Schema):
    rule: str = Field(description="Kode aturan, sama dalam setiap bahasa.")
    title: str
    text: str
    items: list[str]
    more: str


class ClaimRowOut(Schema):
    programme: str = Field(description='Kode program yang membayar; "" bila orangnya tidak berhak.')
    programme_name: str
    year: int | None = Field(description="Tahun kejadian; null pada baris jumlah.")
    reported: int | None = Field(description="Klaim dilaporkan; null bila disamarkan (1-2, halaman publik).")
    paid: int | None
    refused: int | None
    open: int | None = Field(description="Masih diproses: dilaporkan, dokumen lengkap atau diajukan.")
    amount_paid: int | None = Field(
        description="Santunan dibayar BPJS (Rp); null bila kurang dari 3 keluarga (publik)."
    )
    families_paid: int | None = Field(description="Keluarga yang menerima santunan (NIK berbeda).")
    text: str = Field(description='"Rp X untuk N keluarga".')
    suppressed: bool


class ClaimsOut(Schema):
    rows: list[ClaimRowOut] = Field(description="Per program dan tahun kejadian, tahun terbaru dahulu.")
    total: ClaimRowOut | None


class FiguresOut(Schema):
    region: RegionOut
    path: list[PathItemOut]
    period: str = Field(description="TTTT-BB.")
    period_label: str
    refreshed_at: str | None = Field(description="Waktu rekap (ISO 8601); null bila bulan itu belum direkap.")
    public: bool
    people: PeopleOut
    breakdowns: dict[str, list[BreakdownOut]] = Field(description="category, gender, age, funding.")
    children: list[AreaOut]
    villages_below_half: list[AreaOut]
    villages_at_risk: list[AreaOut]
    ucj: UcjOut
    budget: BudgetOut
    person_year_cost: int
    trend: list[TrendPointOut]
    recommendations: list[RecommendationOut]
    claims: ClaimsOut = Field(
        description="Klaim kecelakaan kerja dan kematian per program dan tahun, agregat."
    )


def _period(period: str):
    try:
        return parse_period(period)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


@router.get(
    "",
    response=answers(FiguresOut, 400, 403, 404),
    exclude_unset=True,
    url_name="monev_figures",
    summary="Angka monev satu wilayah dan bulan",
)
def figures(request, region: RegionCode = "", period: Period = ""):
    """Every dashboard figure of a region ("" = the user's own region) for a month (default: the latest built)."""
    if not scope_of(request.user).can("monev.view"):
        raise HttpError(403, "Peran Anda tidak dapat melihat monev.")
    code = monev_region_for(request.user, region or None)
    return monev_figures(code, _period(period)).to_dict()


@router.get(
    "/publik",
    auth=None,
    response=public_answers(FiguresOut, 400, 404),
    exclude_unset=True,
    url_name="monev_public",
    summary="Angka publik (tanpa masuk)",
)
def public_figures(request, region: RegionCode = "", period: Period = ""):
    """Aggregated figures for anyone: no personal data, small breakdown cells shown as suppressed."""
    code = region.strip()
    if not region_exists(code):
        raise Http404("Wilayah tidak ditemukan")
    return monev_figures(code, _period(period), public=True).to_dict()


class InsurerMonthOut(Schema):
    period: str
    pu: int
    bpu: int
    jakon: int
    active: int
    working_population: int | None
    edition: str
    file_name: str


class VulnerableCountOut(Schema):
    year: int
    count: int
    source: str
    source_note: str
    goal_percent: Percent


class UcjPageOut(Schema):
    region: PathItemOut
    period: str
    ucj: UcjOut
    insurer_months: list[InsurerMonthOut] = Field(
        description="Laporan BPJS yang diimpor, terbaru dahulu (24)."
    )
    vulnerable_counts: list[VulnerableCountOut]


class RefusalOut(Schema):
    row: int
    field: str
    reason: str


class InsurerFiguresOut(Schema):
    file_name: str
    edition: str
    rows: int
    inserted: int
    updated: int
    unchanged: int = Field(description="Baris yang sama seperti yang sudah tersimpan: tidak ditulis ulang.")
    skipped: int = Field(description="Baris kosong.")
    refused: list[RefusalOut] = Field(description="Setiap baris yang ditolak, dengan kolom dan alasannya.")
    summary: str


class InsurerFiguresIn(Schema):
    edition: Text = Field(
        description="Sumber / edisi laporan, mis. «BPJS Ketenagakerjaan Kanwil, Oktober 2024»."
    )
    period: Period = Field("", description="Bulan TTTT-BB, bila berkas tidak memuat kolom bulan.")


class VulnerableCountIn(Schema):
    region: RegionCode
    year: Year
    count: People
    source_note: Text
    goal_percent: Percent = Field(None, max_length=8, description="Sasaran daerah (%), mis. 90.")


@router.get(
    "/ucj",
    response=answers(UcjPageOut, 400, 403, 404),
    url_name="monev_ucj",
    summary="UCJ dari angka BPJS, laporan yang diimpor, dan pekerja rentan",
)
def ucj(request, region: RegionCode = "", period: Period = ""):
    """UCJ of a region ("" = the user's own region) for a month: the insurer's active participants ÷ working
    population, the programme's contribution, the target with its source, and the vulnerable-worker goal."""
    require(request, "monev.view")
    code = monev_region_for(request.user, region or None)
    return ucj_page(code, _period(period)).to_dict()


@router.post(
    "/insurer-figures",
    response=answers(InsurerFiguresOut, 400, 403, ok_status=201),
    url_name="monev_insurer_figures",
    summary="Impor jumlah peserta aktif per wilayah dan bulan dari BPJS",
)
def insurer_figures(request, file: File[UploadedFile], body: Form[InsurerFiguresIn]):
    """Import the insurer's file (XLSX/XLS/ODS/CSV): every row stored or refused with its row and column; the
    same file again changes nothing (``unchanged``)."""
    require(request, "insurer_figures.import")
    month = _period(body.period) if body.period else None
    try:
        result = insurer_figures_import_upload(
            actor=request.user, upload=file, edition=body.edition, period=month
        )
    except ImportRefused as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, result.to_dict())


@router.post(
    "/vulnerable-counts",
    response=answers(VulnerableCountOut, 400, 403, ok_status=201),
    url_name="monev_vulnerable_count",
    summary="Isi jumlah pekerja rentan satu wilayah dan tahun",
)
def vulnerable_count(request, body: VulnerableCountIn):
    """Store (or replace) the count a region's office entered, with its own goal %; the social registry's
    count, where one exists, is preferred by the UCJ figures."""
    require(request, "monev.manage")
    try:
        row = vulnerable_count_enter(
            actor=request.user,
            region_code=body.region,
            year=body.year,
            count=body.count,
            source_note=body.source_note,
            goal_percent=body.goal_percent,
        )
    except RegionStatisticRefused as exc:
        raise HttpError(400, str(exc)) from None
    out = {
        "year": row.year,
        "count": row.count,
        "source": row.source,
        "source_note": row.source_note,
        "goal_percent": None if row.goal_percent is None else str(row.goal_percent),
    }
    return Status(201, out)
