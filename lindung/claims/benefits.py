"""Benefits and deadlines of a claim, computed from the rule rows in force (``ClaimRules``). Pure: no database.

Amounts are whole rupiah; a multiple of the declared income is rounded half-up (``core.money.round_rupiah``).
JKK medical care has no ceiling, so it is a line without an amount ("sesuai kebutuhan medis").
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

import lokal

from lindung.core.money import round_rupiah, rupiah

from .rules import ClaimRules

JKM_CODES = ("jkm_lump_sum", "jkm_periodic", "jkm_funeral")
MEDICAL_AS_NEEDED = "sesuai kebutuhan medis"


@dataclass(frozen=True)
class BenefitLine:
    label: str
    amount: int | None  # None: no fixed amount (medical care as needed, STMB per month)
    text: str
    basis: str

    def to_dict(self) -> dict:
        return asdict(self)


def total(lines: list[BenefitLine]) -> int:
    return sum(line.amount or 0 for line in lines)


def jkm_benefits(rules: ClaimRules) -> list[BenefitLine]:
    """JKM for a death not caused by work: lump sum + periodic (paid at once) + funeral."""
    lines = []
    for code in JKM_CODES:
        row = rules.amount(code)
        lines.append(BenefitLine(row.label, row.amount or 0, rupiah(row.amount or 0), row.basis))
    return lines


def jkk_death_benefits(rules: ClaimRules, income: int) -> list[BenefitLine]:
    """JKK death: ``income_multiple`` × declared income, at least the JKM total; funeral and periodic on top."""
    death = rules.amount("jkk_death")
    multiple = death.income_multiple or Decimal(0)
    computed = round_rupiah(multiple * income)
    floor = total(jkm_benefits(rules))
    amount = max(computed, floor)
    text = f"{multiple.normalize()} × {rupiah(income)} = {rupiah(computed)}"
    if computed < floor:
        text += f"; paling sedikit sebesar JKM {rupiah(floor)}"
    lines = [BenefitLine(death.label, amount, text, death.basis)]
    for code in ("jkk_funeral", "jkk_periodic"):
        row = rules.amount(code)
        lines.append(BenefitLine(row.label, row.amount or 0, rupiah(row.amount or 0), row.basis))
    return lines


def scholarship_per_child(rules: ClaimRules, level: str) -> int:
    """What one child can receive at most from ``level`` on: each later level's yearly amount × its years."""
    levels = list(rules.scholarship)
    start = next((i for i, s in enumerate(levels) if s.level == level), None)
    if start is None:
        return 0
    return sum(s.per_year * s.max_years for s in levels[start:])


def scholarship_benefits(rules: ClaimRules, child_levels: list[str]) -> list[BenefitLine]:
    """A line per child in school, for at most ``scholarship_max_children`` children (the first listed)."""
    limit = rules.limit("scholarship_max_children")
    basis = rules.scholarship[0].basis if rules.scholarship else limit.basis
    labels = {s.level: s.label for s in rules.scholarship}
    lines = []
    for number, level in enumerate([lv for lv in child_levels if lv in labels][: limit.value], start=1):
        amount = scholarship_per_child(rules, level)
        text = f"anak ke-{number}, mulai {labels[level]}: paling banyak {rupiah(amount)}"
        lines.append(BenefitLine(f"Beasiswa anak ke-{number}", amount, text, basis))
    return lines


def stmb_amount(rules: ClaimRules, income: int, months: int) -> int:
    """Temporary inability to work: ``stmb_full_percent`` of income for the first months, then the lower one."""
    full_months = rules.limit("stmb_full_months").value
    full = Decimal(rules.limit("stmb_full_percent").value) / 100
    after = Decimal(rules.limit("stmb_after_percent").value) / 100
    first = min(months, full_months)
    return round_rupiah(full * income * first + after * income * max(months - full_months, 0))


def stmb_line(rules: ClaimRules, income: int) -> BenefitLine:
    full_months = rules.limit("stmb_full_months")
    full, after = rules.limit("stmb_full_percent").value, rules.limit("stmb_after_percent").value
    text = (
        f"{full} % × {rupiah(income)} per bulan untuk bulan 1–{full_months.value}, "
        f"{after} % sesudahnya sampai sembuh"
    )
    return BenefitLine("Santunan tidak mampu bekerja (STMB)", None, text, full_months.basis)


def medical_line(basis: str) -> BenefitLine:
    return BenefitLine("Perawatan dan pengobatan JKK", None, MEDICAL_AS_NEEDED, basis)


def total_disability_line(rules: ClaimRules, income: int) -> BenefitLine:
    """JKK total permanent disability: ``income_multiple`` × declared income (70 % × 80 = 56×)."""
    row = rules.amount("jkk_total_disability")
    multiple = row.income_multiple or Decimal(0)
    amount = round_rupiah(multiple * income)
    return BenefitLine(
        row.label, amount, f"{multiple.normalize()} × {rupiah(income)} = {rupiah(amount)}", row.basis
    )


def claim_benefits(
    rules: ClaimRules,
    *,
    kind: str,
    work_related: bool,
    income: int | None,
    scholarship: bool,
    child_levels: list[str],
    total_disability: bool = False,
) -> list[BenefitLine]:
    """The benefits of one case: a death (JKM, or JKK when work-related) or an accident or disease (JKK), with
    a total permanent disability's lump sum and scholarship where a doctor declared one."""
    if kind == "death":
        lines = jkk_death_benefits(rules, income or 0) if work_related else jkm_benefits(rules)
        if scholarship:
            lines += scholarship_benefits(rules, child_levels)
        return lines
    basis = rules.amount("jkk_death").basis
    lines = [medical_line(basis)]
    if income:
        lines.append(stmb_line(rules, income))
        if total_disability:
            lines.append(total_disability_line(rules, income))
    if total_disability and scholarship:
        lines += scholarship_benefits(rules, child_levels)
    return lines


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def jkk_lapse_date(rules: ClaimRules, event_date: dt.date) -> dt.date:
    """The last day the JKK claim can be made: ``jkk_lapse_years`` after the accident or diagnosis."""
    return years_later(event_date, rules.limit("jkk_lapse_years").value)


def add_working_days(day: dt.date, days: int) -> dt.date:
    """lokal-id's working days; for a year its calendar does not cover, weekdays only."""
    try:
        return lokal.add_working_days(day, days)
    except ValueError:
        while days > 0:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                days -= 1
        return day


def jkm_pay_by(rules: ClaimRules, complete_on: dt.date) -> dt.date:
    """JKM is paid within ``jkm_pay_working_days`` working days of complete documents."""
    return add_working_days(complete_on, rules.limit("jkm_pay_working_days").value)


def accident_report_due(rules: ClaimRules, event_date: dt.date) -> dt.date:
    """The day the 2×24-hour accident report (stage I; stage II after a death) falls due."""
    return event_date + dt.timedelta(hours=rules.limit("accident_report_hours").value)
