"""Demo programmes, workers, enrolments and payments, modelled on real schemes. Synthetic people only.

- Kabupaten Bengkayang (61.07): "1 Desa 100 Pekerja Rentan", APBD kabupaten, 12 months, Perbup 23/2024.
- Kabupaten Kapuas (62.03): the regency's APBD programme, and beside it Desa Pulau Mambulau's own
  "1 desa 100" paid from ADD (APBDes, never Dana Desa) and its village officials as PU, also from ADD.
- Kalimantan Barat (61): provincial bantuan iuran for religious social workers, 6 months, Pergub Kalbar 4/2023.
- A CSR-sponsored group of oil-palm smallholders in Mantangai (Kapuas).

Programmes run on a rolling calendar (the 12-month ones started ten months before today) so that the demo
always shows live work: proposals waiting in Pulau Mambulau, active members paying, some non-active after
more than three unpaid months. Everything goes through the real services: bulk proposals with eligibility,
set-based transitions, payments, and ``enrolments_lapse`` deciding who is non-active. A second run changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lindung.billing.selectors import last_due_month
from lindung.billing.services import PaymentRow, payments_record
from lindung.contributions.calculator import QuoteCache
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import enrolments_lapse, enrolments_propose, enrolments_transition
from lindung.people.models import Worker
from lindung.people.names import normalize_name
from lindung.programmes.models import Programme, Sponsor
from lindung.programmes.months import month_add, month_of, month_range
from lindung.programmes.services import programme_create, sponsor_create
from lindung.regions.models import Region

SEED = 2026
MAMBULAU = "62.03.17.2002"

MEN = [
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Iwan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanang",
    "Rahmat",
    "Rudi",
    "Slamet",
    "Syahrul",
    "Taufik",
    "Wahyu",
    "Yohanes",
    "Agus",
    "Bambang",
    "Darmawan",
    "Hasan",
    "Ilham",
    "Samsul",
    "Usman",
    "Yusuf",
    "Markus",
    "Petrus",
    "Antonius",
    "Apui",
    "Ahui",
    "Tjhin",
    "Rizky",
    "Arif",
    "Gusti",
    "Fransiskus",
    "Dominikus",
    "Stefanus",
]
WOMEN = [
    "Aminah",
    "Dewi",
    "Fitri",
    "Hartini",
    "Indah",
    "Kartini",
    "Lestari",
    "Maria",
    "Nurhayati",
    "Puspita",
    "Rahayu",
    "Siti",
    "Sri",
    "Suryani",
    "Wati",
    "Yuliana",
    "Agustina",
    "Ernawati",
    "Fatimah",
    "Halimah",
    "Juliana",
    "Kristina",
    "Lina",
    "Marlina",
    "Rosalina",
    "Sarinah",
    "Susanti",
    "Theresia",
    "Veronika",
    "Yanti",
    "Mei",
    "Lan",
    "Nur",
    "Rina",
    "Anisa",
    "Elisabet",
    "Helena",
]
FAMILY = [
    "Santoso",
    "Saputra",
    "Hidayat",
    "Wijaya",
    "Lestari",
    "Pratama",
    "Nugroho",
    "Kurniawan",
    "Siregar",
    "Rahman",
    "Hasibuan",
    "Syahputra",
    "Ningsih",
    "Handayani",
    "Susanto",
    "Gunawan",
    "Setiawan",
    "Purnomo",
    "Firmansyah",
    "Hakim",
    "Alamsyah",
    "Anwar",
    "Daud",
    "Jaya",
    "Sinaga",
    "Ngabut",
    "Ajan",
    "Djalin",
    "Lawing",
    "Usat",
    "Bahen",
    "Tingang",
    "Lambung",
    "Ampun",
    "Nyahu",
    "Saragih",
    "Tan",
    "Lim",
]

OCCUPATIONS = {
    "nelayan": ["Nelayan"],
    "petani_sawit": ["Pekebun sawit", "Buruh panen sawit"],
    "buruh_harian": ["Buruh tani", "Buruh harian lepas"],
    "pedagang_kecil": ["Pedagang sayur", "Pedagang kue"],
    "transportasi": ["Ojek", "Motoris klotok", "Kurir"],
    "keagamaan": ["Guru ngaji", "Marbot masjid", "Pengurus gereja"],
    "rt_rw": ["Ketua RT"],
    "kader_linmas": ["Kader posyandu", "Anggota linmas"],
    "informal_lain": ["Penambang rakyat", "Perajin rotan"],
    "kepala_desa": ["Kepala desa"],
    "perangkat_desa": ["Sekretaris desa", "Kaur keuangan", "Kasi pemerintahan", "Kepala dusun"],
    "bpd": ["Anggota BPD"],
}
VULNERABLE = [
    "nelayan",
    "buruh_harian",
    "pedagang_kecil",
    "transportasi",
    "rt_rw",
    "kader_linmas",
    "informal_lain",
]


@dataclass
class Plan:
    """One demo programme: its data, where its people live, and how their enrolments should end up."""

    data: dict
    villages: list[str] | None = None
    per_village: int = 0
    categories: list[str] = field(default_factory=lambda: VULNERABLE)
    explicit: list[tuple[str, int]] = field(default_factory=list)  # (village, people)
    # Share of enrolments left in each status (the rest are active; some of those lapse or end).
    shares: dict[str, float] = field(default_factory=dict)
    laggards: float = 0.08
    ended: float = 0.03
    pu_incomes: list[int] = field(default_factory=list)
    actors: tuple[str, str, str] = ("admin.kapuas", "verifikator.kapuas", "bpjs.kapuas")


def _plans(today: dt.date, sponsor: Sponsor) -> list[Plan]:
    now = month_of(today)
    start12 = month_add(now, -10)
    start6 = month_add(now, -4)
    start9 = month_add(now, -7)
    year12, year6, year9 = start12.year, start6.year, start9.year
    common = {"segment": "BPU", "declared_income": 1_000_000}
    return [
        Plan(
            data=common
            | {
                "code": "bky-1desa100",
                "name": "Program Perlindungan 1 Desa 100 Pekerja Rentan Kabupaten Bengkayang",
                "owner_region": "61.07",
                "coverage_region": "61.07",
                "fiscal_year": year12,
                "start_month": start12,
                "months": 12,
                "funding_source": "apbd_kabupaten",
                "legal_basis_type": "Perbup Bengkayang",
                "legal_basis_number": "23",
                "legal_basis_year": 2024,
                "legal_basis_title": "Program Perlindungan 1 Desa 100 Pekerja Rentan",
                "quota_per_village": 100,
                "total_quota": 12_200,
                "budget_ceiling": 2_459_520_000,
            },
            villages=[
                "61.07.04.2003",
                "61.07.04.2004",
                "61.07.04.2006",
                "61.07.03.2001",
                "61.07.03.2002",
                "61.07.09.2001",
                "61.07.13.2001",
                "61.07.02.2001",
            ],
            per_village=70,
            categories=[*VULNERABLE, "petani_sawit"],
            shares={
                Status.PROPOSED: 0.05,
                Status.VERIFIED: 0.04,
                Status.SUBMITTED: 0.04,
                Status.REJECTED: 0.03,
            },
            actors=("operator.bengkayang", "admin.bengkayang", "admin.bengkayang"),
        ),
        Plan(
            data=common
            | {
                "code": "kps-rentan",
                "name": "Perlindungan Pekerja Rentan Kabupaten Kapuas (contoh demo)",
                "owner_region": "62.03",
                "coverage_region": "62.03",
                "fiscal_year": year12,
                "start_month": start12,
                "months": 12,
                "funding_source": "apbd_kabupaten",
                "legal_basis_type": "Perbup Kapuas",
                "legal_basis_number": "DEMO-7",
                "legal_basis_year": year12,
                "legal_basis_title": "Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan (contoh, bukan peraturan nyata)",
                "quota_per_village": 100,
                "budget_ceiling": 4_500_000_000,
            },
            villages=[
                "62.03.17.2003",
                "62.03.17.2004",
                "62.03.17.2005",
                "62.03.17.2006",
                "62.03.17.2010",
                "62.03.04.2001",
                "62.03.04.2002",
                "62.03.04.2003",
                "62.03.06.2001",
            ],
            per_village=60,
            explicit=[(MAMBULAU, 40)],
            shares={
                Status.PROPOSED: 0.06,
                Status.VERIFIED: 0.05,
                Status.SUBMITTED: 0.05,
                Status.REJECTED: 0.03,
            },
        ),
        Plan(
            data=common
            | {
                "code": "mambulau-add",
                "name": "1 Desa 100 Pekerja Rentan Desa Pulau Mambulau (ADD)",
                "owner_region": MAMBULAU,
                "coverage_region": MAMBULAU,
                "fiscal_year": year12,
                "start_month": start12,
                "months": 12,
                "funding_source": "apbdes",
                "apbdes_sub_source": "add",
                "legal_basis_type": "Perdes Pulau Mambulau",
                "legal_basis_number": "DEMO-2",
                "legal_basis_year": year12,
                "legal_basis_title": "APBDes (contoh, bukan peraturan nyata)",
                "quota_per_village": 60,
            },
            explicit=[(MAMBULAU, 60)],
            # The village operator's queue: many proposals still waiting for the verifier.
            shares={
                Status.PROPOSED: 0.25,
                Status.VERIFIED: 0.1,
                Status.SUBMITTED: 0.05,
                Status.REJECTED: 0.05,
            },
            actors=("operator.mambulau", "verifikator.kapuas", "bpjs.kapuas"),
        ),
        Plan(
            data={
                "code": "mambulau-perangkat-pu",
                "name": "Kepesertaan PU Kepala Desa dan Perangkat Desa Pulau Mambulau (ADD)",
                "owner_region": MAMBULAU,
                "coverage_region": MAMBULAU,
                "fiscal_year": year12,
                "start_month": start12,
                "months": 12,
                "segment": "PU",
                "include_jht": True,
                "funding_source": "apbdes",
                "apbdes_sub_source": "add",
                "legal_basis_type": "Perkades Pulau Mambulau",
                "legal_basis_number": "DEMO-3",
                "legal_basis_year": year12,
                "legal_basis_title": "Penghasilan tetap dan jaminan sosial perangkat desa (contoh)",
                "eligible_categories": ["kepala_desa", "perangkat_desa", "bpd"],
                "age_max": 65,
            },
            explicit=[(MAMBULAU, 9)],
            categories=["kepala_desa", "perangkat_desa", "perangkat_desa", "perangkat_desa", "bpd"],
            pu_incomes=[4_200_000, 3_000_000, 2_500_000, 2_312_500, 2_000_000],
            laggards=0,
            ended=0,
            actors=("operator.mambulau", "verifikator.kapuas", "bpjs.kapuas"),
        ),
        Plan(
            data=common
            | {
                "code": "kalbar-bantuan-iuran",
                "name": "Bantuan Iuran Jaminan Sosial Ketenagakerjaan Pekerja Sosial Keagamaan Provinsi Kalbar",
                "owner_region": "61",
                "coverage_region": "61",
                "fiscal_year": year6,
                "start_month": start6,
                "months": 6,
                "funding_source": "apbd_provinsi",
                "legal_basis_type": "Pergub Kalbar",
                "legal_basis_number": "4",
                "legal_basis_year": 2023,
                "legal_basis_title": "Jaminan Sosial Ketenagakerjaan Pekerja Sosial Keagamaan (judul belum dikonfirmasi)",
                "total_quota": 20_000,
                "eligible_categories": ["keagamaan"],
            },
            villages=[
                "61.02.01.2001",
                "61.02.01.2002",
                "61.01.01.2001",
                "61.01.01.2002",
                "61.12.01.2001",
                "61.12.01.2002",
                "61.08.01.2001",
                "61.08.01.2002",
            ],
            per_village=40,
            categories=["keagamaan"],
            shares={Status.SUBMITTED: 0.05, Status.REJECTED: 0.02},
            actors=("admin.kalbar", "admin.kalbar", "admin.kalbar"),
        ),
        Plan(
            data=common
            | {
                "code": "csr-sawit-mantangai",
                "name": "Perlindungan Pekebun Sawit Mantangai (CSR)",
                "owner_region": "62.03",
                "coverage_region": "62.03.09",
                "fiscal_year": year9,
                "start_month": start9,
                "months": 9,
                "funding_source": "csr",
                "sponsor": sponsor.pk,
                "quota_per_village": 50,
                "eligible_categories": ["petani_sawit"],
            },
            villages=["62.03.09.2001", "62.03.09.2002", "62.03.09.2003", "62.03.09.2004"],
            per_village=45,
            categories=["petani_sawit"],
            shares={Status.VERIFIED: 0.05, Status.SUBMITTED: 0.05},
        ),
    ]


def _existing_villages(codes: list[str]) -> dict[str, Region]:
    return Region.objects.in_bulk([c for c in codes if c])


def _workers(
    rng: random.Random,
    plan: Plan,
    regions: dict[str, Region],
    serials: Counter,
    taken: set[str],
    today: dt.date,
) -> list[Worker]:
    """Synthetic people: NIK prefix = domicile kecamatan, real birth dates (+40 for women), unique serials."""
    placements = [(v, plan.per_village) for v in plan.villages or []] + plan.explicit
    people: list[Worker] = []
    for village, count in placements:
        district = village.rsplit(".", 1)[0]
        place = regions[village]
        for _ in range(count):
            category = rng.choice(plan.categories)
            gender = (
                "P"
                if rng.random() < (0.35 if category in ("kepala_desa", "perangkat_desa") else 0.5)
                else "L"
            )
            birth = dt.date(today.year - rng.randint(20, 58), rng.randint(1, 12), rng.randint(1, 28))
            while True:
                serials[district] += 1
                day = birth.day + (40 if gender == "P" else 0)
                nik = f"{district.replace('.', '')}{day:02d}{birth:%m}{birth:%y}{serials[district]:04d}"
                if nik not in taken:
                    taken.add(nik)
                    break
            first = rng.choice(WOMEN if gender == "P" else MEN)
            name = f"{first} {rng.choice(FAMILY)}"
            pu = bool(plan.pu_incomes)
            people.append(
                Worker(
                    nik=nik,
                    full_name=name,
                    name_normalized=normalize_name(name),
                    birth_place=place.name.title(),
                    birth_date=birth,
                    gender=gender,
                    village_id=village,
                    address=f"Jl. {rng.choice(['Sungai', 'Handil', 'Pasar', 'Masjid', 'Dermaga'])} No. {rng.randint(1, 90)}",
                    rt=f"{rng.randint(1, 12):03d}",
                    rw=f"{rng.randint(1, 4):03d}",
                    phone=f"+628{rng.choice(['12', '13', '21', '52', '53'])}{rng.randint(10_000_000, 99_999_999)}",
                    occupation_1=rng.choice(OCCUPATIONS[category]),
                    category=category,
                    wage_status="PU" if pu else "BPU",
                    fixed_income=rng.choice(plan.pu_incomes) if pu else None,
                )
            )
    return people


def _users() -> dict[str, object]:
    return {u.username: u for u in get_user_model().objects.filter(username__contains=".")}


def _pay(rng, programme, ids_by_worker, workers, months_for, quotes) -> int:
    """Record payments: each enrolment pays the months ``months_for(id)`` gives, in the month itself."""
    rows = []
    income = {w.pk: w.fixed_income for w in workers}
    category = {w.pk: w.category for w in workers}
    for worker_id, eid in ids_by_worker.items():
        for month in months_for(eid):
            inc = programme.declared_income if programme.segment == "BPU" else income[worker_id]
            amount = quotes.quote(month, inc, category[worker_id]).total
            rows.append(
                PaymentRow(
                    eid, month, month.replace(day=rng.randint(2, 14)), amount, f"DEMO-{eid}-{month:%Y%m}"
                )
            )
    return payments_record(actor=None, rows=rows).recorded


def _run(rng, plan: Plan, programme: Programme, workers: list[Worker], today: dt.date, users) -> int:
    proposer, verifier, insurer = (users.get(name) for name in plan.actors)
    report = enrolments_propose(
        actor=proposer,
        programme=programme,
        worker_ids=[w.pk for w in workers],
        reason="Usulan demo",
        today=today,
    )
    created = report.created  # worker id -> enrolment id
    ids = list(created.values())
    rng.shuffle(ids)
    cut = 0
    parts: dict[str, list[int]] = {}
    for status in (Status.PROPOSED, Status.REJECTED, Status.VERIFIED, Status.SUBMITTED):
        n = round(len(ids) * plan.shares.get(status, 0))
        parts[status] = ids[cut : cut + n]
        cut += n
    active = ids[cut:]
    reasons = [
        "NIK tidak sesuai KTP",
        "Sudah terdaftar sebagai peserta PU",
        "Bukan warga desa ini",
        "Data ganda",
    ]
    for eid in parts[Status.REJECTED]:
        enrolments_transition(
            actor=verifier, ids=[eid], to_status=Status.REJECTED, reason=rng.choice(reasons)
        )
    later = parts[Status.VERIFIED] + parts[Status.SUBMITTED] + active
    enrolments_transition(
        actor=verifier, ids=later, to_status=Status.VERIFIED, reason="Sesuai KTP dan KK", today=today
    )
    enrolments_transition(
        actor=insurer,
        ids=parts[Status.SUBMITTED] + active,
        to_status=Status.SUBMITTED,
        reason="Dikirim kolektif",
    )
    # Paying members: everyone pays the first month, then all months due so far, except the laggards.
    quotes = QuoteCache(programme)
    last_due = min(last_due_month(segment=programme.segment, as_of=today), programme.end_month)
    all_due = month_range(programme.start_month, last_due)
    laggards = set(active[: round(len(active) * plan.laggards)])
    ending = active[len(laggards) : len(laggards) + round(len(active) * plan.ended)]
    by_worker = {w: e for w, e in created.items() if e in set(active)}

    def months_for(eid: int) -> list[dt.date]:
        if eid in laggards:
            return all_due[: max(1, len(all_due) - 5)]
        return all_due

    payments = _pay(rng, programme, by_worker, workers, months_for, quotes)
    enrolments_transition(
        actor=insurer,
        ids=active,
        to_status=Status.ACTIVE,
        # Synthetic KPJs: 11 digits, unique because the enrolment id is.
        per_id={eid: {"kpj": f"9{programme.pk % 10}{eid % 10**9:09d}"} for eid in active},
        today=today,
    )
    reasons_end = ["death", "moved", "wage_earner"]
    for eid in ending:
        enrolments_transition(
            actor=users.get(plan.actors[0]),
            ids=[eid],
            to_status=Status.ENDED,
            end_reason=rng.choice(reasons_end),
            end_date=today - dt.timedelta(days=rng.randint(5, 60)),
            reason="Dilaporkan operator desa",
            today=today,
        )
    enrolments_lapse(actor=None, as_of=today, programme=programme)
    return payments


@transaction.atomic
def demo_load(today: dt.date | None = None) -> str:
    """Create the demo programmes with workers, enrolments in every status and payments; one-line summary."""
    today = today or timezone.localdate()
    if Programme.objects.filter(code="bky-1desa100").exists():
        return "Program demo sudah ada; tidak ada perubahan."
    rng = random.Random(SEED)
    users = _users()
    sponsor = Sponsor.objects.filter(name="PT Sawit Kapuas Lestari (contoh)").first() or sponsor_create(
        actor=None,
        data={
            "name": "PT Sawit Kapuas Lestari (contoh)",
            "kind": "csr",
            "institution": "Program CSR perkebunan",
        },
    )
    plans = _plans(today, sponsor)
    codes = [v for p in plans for v in (p.villages or [])] + [v for p in plans for v, _ in p.explicit]
    regions = _existing_villages(codes)
    missing = sorted(set(codes) - set(regions))
    if missing:
        raise RuntimeError(
            f"Wilayah belum dimuat ({', '.join(missing)}); jalankan dulu: lindung regions load"
        )
    taken = set(Worker.objects.values_list("nik", flat=True))
    serials: Counter = Counter()
    totals = Counter()
    for plan in plans:
        programme = programme_create(actor=users.get("admin.kapuas"), data=plan.data)
        workers = Worker.objects.bulk_create(
            _workers(rng, plan, regions, serials, taken, today), batch_size=2000
        )
        if workers and workers[0].pk is None:
            workers = list(Worker.objects.filter(nik__in=[w.nik for w in workers]))
        totals["workers"] += len(workers)
        totals["payments"] += _run(rng, plan, programme, workers, today, users)
        totals["programmes"] += 1
    statuses = Counter(
        Enrolment.objects.filter(programme__code__in=[p.data["code"] for p in plans]).values_list(
            "status", flat=True
        )
    )
    shown = ", ".join(f"{Status(s).label} {statuses[s]}" for s in Status.values if statuses[s])
    return (
        f"Program demo: {totals['programmes']} program, {totals['workers']} pekerja, "
        f"{sum(statuses.values())} kepesertaan ({shown}), {totals['payments']} pembayaran iuran."
    )
