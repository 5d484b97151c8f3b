"""Checks on one person's data. ``check_worker`` takes raw input and returns normalised values and findings.

NIK parsing is lokal-id's ``parse_nik``; this module adds what a registry needs on top: spreadsheet-mangled
numbers, region codes checked against the loaded Kemendagri table (retired codes included, since a NIK keeps
the code it was issued with), and cross-checks with the other fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from lokal import normalize_phone, parse_nik

from lindung.regions import codes
from lindung.regions.selectors import region_known_codes, region_level

from .findings import Finding, finding
from .models import AgeLimit, Category, Gender


class _InForce:
    """Default of ``check_worker``'s age arguments: the registry's AgeLimit row in force that day."""

    def __repr__(self) -> str:
        return "IN_FORCE"


IN_FORCE: Any = _InForce()

_SCIENTIFIC = re.compile(r"^[0-9](?:[.,][0-9]+)?[eE][+]?[0-9]+$")
_NUMBER_REPR = re.compile(r"^([0-9]{10,20})[.,]0+$")
_SEPARATORS = re.compile(r"[\s.\-]")
_NON_DIGITS = re.compile(r"[^0-9]")

RegionLookup = Callable[[list[str]], set[str]]


@dataclass
class NikReading:
    raw: str
    digits: str | None = None
    district_code: str | None = None
    regency_code: str | None = None
    birth_date: dt.date | None = None
    gender: str | None = None
    serial: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.digits is not None and not any(f.blocks for f in self.findings)


def _lost_digits(raw: str | int | float) -> bool | None:
    """True when the value is a NIK that went through a spreadsheet number cell and lost digits.

    Spreadsheets keep 15 significant digits, so a 16-digit NIK stored as a number always ends in 0 there
    and is shown as ``6.20317E+15``. Returns None when the value is not number-shaped at all.
    """
    if isinstance(raw, float):
        return True if not raw.is_integer() else _lost_digits(int(raw))
    if isinstance(raw, int):
        s = str(raw)
        return len(s) >= 16 and s[15:].strip("0") == ""
    if _SCIENTIFIC.match(raw):
        return True
    if m := _NUMBER_REPR.match(raw):
        return _lost_digits(int(m.group(1)))
    return None


def _number_text(raw: int | float) -> str:
    """A number cell as the spreadsheet shows it: a whole number by its digits (never "6203170109940040.0")."""
    return str(int(raw)) if isinstance(raw, float) and raw.is_integer() else repr(raw)


def read_nik(
    raw: str | int | float | None, *, today: dt.date | None = None, known_regions: RegionLookup | None = None
) -> NikReading:
    """Parse a NIK as typed or as read from a spreadsheet cell. A damaged NIK is rejected, never repaired."""
    text = "" if raw is None else (raw.strip() if isinstance(raw, str) else _number_text(raw))
    reading = NikReading(raw=text)
    if not text:
        reading.findings.append(finding("nik_required"))
        return reading
    lost = _lost_digits(raw if not isinstance(raw, str) else text)
    if lost:
        reading.findings.append(finding("nik_lost_digits", value=text))
        return reading
    if lost is False:
        text = _NUMBER_REPR.sub(r"\1", text) if isinstance(raw, str) else str(int(raw))
    compact = _SEPARATORS.sub("", text)
    if bad := sorted(set(_NON_DIGITS.findall(compact))):
        reading.findings.append(finding("nik_not_digits", chars="".join(bad)))
        return reading
    if len(compact) != 16:
        reading.findings.append(finding("nik_length", length=len(compact)))
        return reading

    info = parse_nik(compact, reference_date=today)
    reading.digits = compact
    reading.district_code = info.district_code
    reading.regency_code = info.regency_code
    reading.serial = info.serial
    reading.gender = info.gender
    reading.birth_date = dt.date.fromisoformat(info.birth_date) if info.birth_date else None
    codes = {i.code for i in info.errors}
    if (
        codes & {"province", "wilayah"}
        or known_regions is not None
        and info.district_code not in known_regions([info.district_code])
    ):
        reading.findings.append(finding("nik_region_unknown", code=info.district_code))
    if "birth_date" in codes:
        reading.findings.append(finding("nik_birth_date_invalid", ddmmyy=compact[6:12]))
    if "serial" in codes:
        reading.findings.append(finding("nik_serial_zero"))
    return reading


def age_on(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_findings(
    birth_date: dt.date, *, on: dt.date, age_min: int | None, age_max: int | None, basis: str
) -> list[Finding]:
    """Age limits, inclusive: ``age_max=65`` admits a 65-year-old and refuses a 66-year-old."""
    age = age_on(birth_date, on)
    when = on.strftime("%d-%m-%Y")
    if age_min is not None and age < age_min:
        return [finding("age_below_min", age=age, on=when, limit=age_min, basis=basis)]
    if age_max is not None and age > age_max:
        return [finding("age_above_max", age=age, on=when, limit=age_max, basis=basis)]
    return []


def registry_age_limit(on: dt.date) -> AgeLimit | None:
    """The registry's age-limit row in force on ``on`` (None: no row, so no limit)."""
    return AgeLimit.objects.in_force(on).first()


def registry_age_findings(
    birth_date: dt.date,
    *,
    on: dt.date,
    age_min: int | None | _InForce = IN_FORCE,
    age_max: int | None | _InForce = IN_FORCE,
    basis: str | _InForce = IN_FORCE,
) -> list[Finding]:
    """``age_findings`` with every limit not given taken from the registry's row in force on ``on``."""
    age_min, age_max, basis = registry_age_rule(on, age_min=age_min, age_max=age_max, basis=basis)
    return age_findings(birth_date, on=on, age_min=age_min, age_max=age_max, basis=basis)


def registry_age_rule(
    on: dt.date, *, age_min=IN_FORCE, age_max=IN_FORCE, basis=IN_FORCE
) -> tuple[int | None, int | None, str]:
    """The age limits to apply on ``on``: each one given, or else the registry's row in force then."""
    if IN_FORCE in (age_min, age_max, basis):
        row = registry_age_limit(on)
        age_min = (row.age_min if row else None) if age_min is IN_FORCE else age_min
        age_max = (row.age_max if row else None) if age_max is IN_FORCE else age_max
        basis = (row.legal_basis if row else "") if basis is IN_FORCE else basis
    return age_min, age_max, basis


def _same_birth_date(given: dt.date, from_nik: dt.date) -> bool:
    # The NIK only holds two year digits, so 1925 and 2025 are the same NIK date.
    return (given.day, given.month, given.year % 100) == (from_nik.day, from_nik.month, from_nik.year % 100)


@dataclass
class WorkerInput:
    """Raw values for one person, as typed in a form or read from a spreadsheet row."""

    nik: str | int | float | None
    full_name: str = ""
    birth_date: dt.date | None = None
    gender: str = ""
    village_code: str = ""
    kk_number: str = ""
    kpj: str = ""
    phone: str = ""
    occupations: Iterable[str] = ()
    category: str = ""


@dataclass
class CheckedWorker:
    nik: str | None
    birth_date: dt.date | None
    gender: str | None
    village_code: str
    kk_number: str
    kpj: str
    phone: str
    occupations: list[str]
    nik_reading: NikReading
    findings: list[Finding]

    @property
    def blocked(self) -> bool:
        return any(f.blocks for f in self.findings)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocks]


def check_worker(
    data: WorkerInput,
    *,
    today: dt.date | None = None,
    age_on_date: dt.date | None = None,
    age_min: int | None | _InForce = IN_FORCE,
    age_max: int | None | _InForce = IN_FORCE,
    age_basis: str | _InForce = IN_FORCE,
    known_regions: RegionLookup | None = None,
    village_levels: Callable[[str], int | None] | None = None,
) -> CheckedWorker:
    """All registry findings for one person. Errors block saving; warnings wait for a verifier.

    Age limits not given are the registry's (``AgeLimit``) in force on ``age_on_date`` (default: today).
    ``known_regions`` answers which codes exist (default: the region table); ``village_levels`` gives a
    code's level, to insist that the domicile is a desa/kelurahan.
    """
    today = today or dt.date.today()
    reading = read_nik(data.nik, today=today, known_regions=known_regions or region_known_codes)
    found = list(reading.findings)
    if not (data.full_name or "").strip():
        found.append(finding("name_required"))
    gender = _gender(data, reading, found)
    birth = _birth_date(data, reading, found)
    if birth is not None:
        found += registry_age_findings(
            birth, on=age_on_date or today, age_min=age_min, age_max=age_max, basis=age_basis
        )
    village = (data.village_code or "").strip()
    found += _village_findings(village, reading, village_levels or region_level)
    kk, kpj, phone = _numbers(data, found)
    occupations = [o.strip() for o in data.occupations if o and o.strip()]
    found += _occupation_findings(occupations, data.category)
    return CheckedWorker(
        nik=reading.digits,
        birth_date=birth,
        gender=gender,
        village_code=village,
        kk_number=kk,
        kpj=kpj,
        phone=phone,
        occupations=occupations,
        nik_reading=reading,
        findings=found,
    )


def _gender(data: WorkerInput, reading: NikReading, found: list[Finding]) -> str | None:
    """The sex given, else the one the NIK encodes; a disagreement is a warning (appended to ``found``)."""
    gender = (data.gender or "").strip().upper()[:1] or None
    if gender is not None and gender not in Gender.values:
        gender = None
    if reading.gender and gender and gender != reading.gender:
        found.append(finding("gender_mismatch", given=gender, from_nik=reading.gender))
    gender = gender or reading.gender
    if gender is None and reading.digits:
        found.append(finding("gender_required"))
    return gender


def _birth_date(data: WorkerInput, reading: NikReading, found: list[Finding]) -> dt.date | None:
    """The birth date given, else the NIK's; a disagreement is a warning (appended to ``found``)."""
    birth = data.birth_date
    if birth and reading.birth_date and not _same_birth_date(birth, reading.birth_date):
        found.append(
            finding(
                "birth_date_mismatch",
                given=birth.strftime("%d-%m-%Y"),
                from_nik=reading.birth_date.strftime("%d-%m-%Y"),
            )
        )
    birth = birth or reading.birth_date
    if birth is None and reading.digits:
        found.append(finding("birth_date_required"))
    return birth


def _village_findings(
    village: str, reading: NikReading, village_levels: Callable[[str], int | None]
) -> list[Finding]:
    if not village:
        return [finding("village_required")]
    if village_levels(village) != codes.VILLAGE:
        return [finding("village_unknown", code=village)]
    if reading.regency_code and not codes.within(village, reading.regency_code):
        return [finding("domicile_outside_nik_regency", village=village, nik_regency=reading.regency_code)]
    return []


def _numbers(data: WorkerInput, found: list[Finding]) -> tuple[str, str, str]:
    """KK number, KPJ and phone, normalised; malformed ones are findings (appended to ``found``)."""
    kk = _SEPARATORS.sub("", str(data.kk_number or ""))
    if kk and not (len(kk) == 16 and kk.isdigit()):
        found.append(finding("kk_malformed", value=data.kk_number))
    kpj = _SEPARATORS.sub("", str(data.kpj or ""))
    if kpj and not (len(kpj) == 11 and kpj.isdigit()):
        found.append(finding("kpj_malformed", value=data.kpj))
    phone = ""
    if (data.phone or "").strip():
        phone = normalize_phone(str(data.phone)) or ""
        if not phone:
            found.append(finding("phone_invalid", value=data.phone))
    return kk, kpj, phone


def _occupation_findings(occupations: list[str], category: str) -> list[Finding]:
    found = []
    if not occupations:
        found.append(finding("occupation_required"))
    elif len(occupations) > 2:  # PP 44/2015 Art 11(2): at most two types of work on the form
        found.append(finding("occupation_too_many", count=len(occupations)))
    if category and category not in Category.values:
        found.append(finding("category_unknown", value=category))
    return found
