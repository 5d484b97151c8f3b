"""Entitlement on the event date: covered, by which programme, arrears, the active period, the scholarship.

Built on the money loop's coverage-in-time selector (``billing.selectors.coverage_on``): the record as it
was known on the event date. Each answer names its basis (the payment rule row, the benefit rule rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from lindung.billing.models import Payment
from lindung.billing.selectors import CoverageAnswer, coverage_on, enrolment_arrears
from lindung.enrolment.models import EndReason, Enrolment, Status

from .rules import ClaimRules

ACTIVE_PERIOD_BASIS = "PP 44/2015 Penjelasan Pasal 34 (meninggal dalam masa aktif)"


@dataclass(frozen=True)
class Answer:
    question: str
    yes: bool | None
    text: str
    basis: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Entitlement:
    """What the person was entitled to on the event date; ``outcomes`` are the notes a report records."""

    covered: bool = False
    enrolment: Enrolment | None = None
    scholarship: bool = False
    answers: list[Answer] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)

    def to_list(self) -> list[dict]:
        return [a.to_dict() for a in self.answers]


def _chosen(answers: list[CoverageAnswer]) -> CoverageAnswer | None:
    """The enrolment that paid on the day, or else the one that tells most about why none did."""
    covered = [a for a in answers if a.covered]
    if covered:
        return covered[0]
    started = [a for a in answers if not a.why.startswith("belum aktif")]
    candidates = started or answers
    return candidates[-1] if candidates else None


def paid_months(worker, day: dt.date) -> int:
    """Contribution months paid for the person, in any programme, by ``day`` (Lindung's record only)."""
    return (
        Payment.objects.filter(enrolment__worker=worker, paid_on__lte=day).values("month").distinct().count()
    )


def entitlement_on(
    *,
    actor,
    worker,
    day: dt.date,
    kind: str,
    work_related: bool,
    rules: ClaimRules,
    total_disability: bool = False,
) -> Entitlement:
    """Each question of issue 14 item 2 answered for ``worker`` (None: not in the registry) on ``day``."""
    result = Entitlement()
    if worker is None:
        result.answers.append(
            Answer(
                "Terlindungi pada tanggal kejadian",
                False,
                "Tidak terdaftar di Lindung: tidak ada hak yang dapat dihitung.",
            )
        )
        result.outcomes.append(
            "Orang ini tidak ada dalam daftar Lindung; laporan dicatat tanpa hak santunan."
        )
        return result
    answers = coverage_on(actor=actor, day=day, worker=worker)
    chosen = _chosen(answers)
    if chosen is None:
        result.answers.append(
            Answer("Terlindungi pada tanggal kejadian", False, "Tidak pernah terdaftar dalam program.")
        )
        result.outcomes.append(
            f"{worker.full_name} tidak pernah terdaftar dalam program; laporan dicatat tanpa hak santunan."
        )
        return result
    enrolment = Enrolment.objects.select_related("programme").get(pk=chosen.enrolment_id)
    result.enrolment, result.covered = enrolment, chosen.covered
    result.answers.append(
        Answer("Terlindungi pada tanggal kejadian", chosen.covered, chosen.why, chosen.legal_basis)
    )
    result.answers.append(
        Answer("Program yang membayar", chosen.covered, f"{chosen.programme_name} ({chosen.programme_code})")
    )
    _arrears_answer(result, enrolment, day)
    _outcomes(result, enrolment, chosen, day)
    if kind == "death" and not work_related:
        result.answers.append(
            Answer("JKM: meninggal dalam masa aktif", chosen.covered, chosen.why, ACTIVE_PERIOD_BASIS)
        )
    if kind == "death" or total_disability:
        _scholarship_answer(result, worker, day, work_related or total_disability, rules)
    return result


def _arrears_answer(result: Entitlement, enrolment: Enrolment, day: dt.date) -> None:
    if enrolment.start_date is None or enrolment.start_date > day:
        return
    arrears = enrolment_arrears(enrolment, as_of=day)
    if arrears.lapses:
        text = f"{arrears.reason}: lebih dari {arrears.lapse_after} bulan, hak JKK/JKM gugur."
    elif arrears.streak:
        text = f"{arrears.reason}: masih dalam batas {arrears.lapse_after} bulan."
    else:
        text = f"Tidak ada tunggakan per {day:%d-%m-%Y}."
    result.answers.append(Answer("Tunggakan menggugurkan hak", arrears.lapses, text, arrears.basis))


def _outcomes(result: Entitlement, enrolment: Enrolment, chosen: CoverageAnswer, day: dt.date) -> None:
    if chosen.covered:
        return
    if enrolment.start_date is None or enrolment.start_date > day:
        start = f" ({enrolment.start_date:%d-%m-%Y})" if enrolment.start_date else ""
        result.outcomes.append(
            f"Kejadian {day:%d-%m-%Y} terjadi sebelum kepesertaan mulai{start}: tidak ada hak santunan "
            "(PP 44/2015 Pasal 11 ayat 4)."
        )
    elif chosen.why.startswith(("non-aktif", "menunggak")):
        result.outcomes.append(
            f"Pada {day:%d-%m-%Y} kepesertaan non-aktif ({chosen.why}): tidak ada hak JKK/JKM "
            f"({chosen.legal_basis or 'PP 44/2015 Pasal 39 ayat 2, Pasal 42 ayat 2'})."
        )
    else:
        result.outcomes.append(f"Pada {day:%d-%m-%Y} tidak terlindungi: {chosen.why}.")


def _scholarship_answer(result: Entitlement, worker, day: dt.date, by_work: bool, rules: ClaimRules) -> None:
    """JKM needs a minimum contribution period; a JKK death or total permanent disability (``by_work``) none."""
    limit = rules.limit("scholarship_jkm_min_years")
    if by_work:
        result.scholarship = result.covered
        text = "Kematian atau cacat total tetap karena kecelakaan kerja: beasiswa tanpa masa iuran minimum."
    else:
        months = paid_months(worker, day)
        enough = months >= limit.value * 12
        result.scholarship = result.covered and enough
        text = (
            f"Iuran tercatat di Lindung {months} bulan; beasiswa JKM memerlukan paling sedikit "
            f"{limit.value} tahun ({limit.value * 12} bulan)."
        )
    result.answers.append(Answer("Beasiswa pendidikan anak", result.scholarship, text, limit.basis))


def ended_for_another_reason(worker) -> list[Enrolment]:
    """The person's memberships ended for a reason other than death (a death report notes them)."""
    if worker is None:
        return []
    return list(
        Enrolment.objects.filter(worker=worker, status=Status.ENDED)
        .exclude(end_reason=EndReason.DEATH)
        .select_related("programme")
    )
