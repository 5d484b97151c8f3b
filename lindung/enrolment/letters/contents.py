"""What each letter says: its people, grouped by village, and the totals of their contributions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from lindung.contributions.calculator import ContributionError, QuoteCache, programme_month_cost
from lindung.core.money import rupiah, rupiah_words
from lindung.core.months import month_label
from lindung.people.selectors import nik_for_display
from lindung.programmes.models import Programme
from lindung.regions.codes import subtree_q
from lindung.regions.models import Region

from ..models import Enrolment, Status

# Who each letter lists, by the status of their enrolment.
PROPOSED = (Status.PROPOSED, Status.VERIFIED, Status.SUBMITTED, Status.ACTIVE, Status.NON_ACTIVE)
VERIFIED = (Status.VERIFIED, Status.SUBMITTED, Status.ACTIVE, Status.NON_ACTIVE)
DECIDED = (Status.VERIFIED, Status.SUBMITTED, Status.ACTIVE, Status.NON_ACTIVE)
TO_REGISTER = (Status.VERIFIED, Status.SUBMITTED)


@dataclass(frozen=True)
class LetterPerson:
    worker_id: int
    name: str
    nik: str
    birth_date: dt.date
    category: str
    village_code: str
    village_name: str
    status: str
    reason: str


@dataclass
class LetterVillage:
    code: str
    name: str
    people: list[LetterPerson] = field(default_factory=list)


@dataclass
class Letter:
    """A letter's content: the programme, its legal bases, the region, the people and the totals."""

    programme: Programme
    region: Region
    today: dt.date
    people: list[LetterPerson]
    rejected: list[LetterPerson] = field(default_factory=list)
    total: int = 0
    first_month_amount: int = 0

    @property
    def legal_bases(self) -> list[str]:
        return self.programme.legal_basis_list

    @property
    def villages(self) -> list[LetterVillage]:
        by_code: dict[str, LetterVillage] = {}
        for person in self.people:
            by_code.setdefault(person.village_code, LetterVillage(person.village_code, person.village_name))
            by_code[person.village_code].people.append(person)
        return list(by_code.values())

    @property
    def period(self) -> str:
        return f"{month_label(self.programme.start_month)} – {month_label(self.programme.end_month)}"

    @property
    def total_text(self) -> str:
        return rupiah(self.total)

    @property
    def total_words(self) -> str:
        return rupiah_words(self.total)

    @property
    def first_month_text(self) -> str:
        return rupiah(self.first_month_amount)


def _people(viewer, enrolments: QuerySet[Enrolment]) -> list[LetterPerson]:
    rows = enrolments.select_related("worker", "village").order_by("village_id", "worker__full_name", "id")
    return [
        LetterPerson(
            worker_id=e.worker_id,
            name=e.worker.full_name,
            nik=nik_for_display(viewer, e.worker.nik),
            birth_date=e.worker.birth_date,
            category=e.worker.get_category_display(),
            village_code=e.village_id,
            village_name=e.village.name,
            status=e.get_status_display(),
            reason=e.reason,
        )
        for e in rows
    ]


def _cost(programme: Programme, enrolments: QuerySet[Enrolment]) -> tuple[int, int]:
    """(all covered months, the first month): the programme's share over these people, from the rule book."""
    quotes = QuoteCache(programme)
    try:
        months = [
            programme_month_cost(programme, m, enrolments=enrolments, quotes=quotes)
            for m in programme.covered_months()
        ]
    except ContributionError:
        return 0, 0
    return sum(m.amount for m in months), months[0].amount if months else 0


def letter_contents(
    viewer,
    programme: Programme,
    region: Region,
    statuses: tuple[str, ...],
    *,
    today: dt.date,
    with_rejected: bool = False,
) -> Letter:
    """The people of ``programme`` in ``region`` whose enrolment is in ``statuses``, and what they cost."""
    base = Enrolment.objects.filter(subtree_q("village_id", region.code), programme=programme)
    listed = base.filter(status__in=statuses)
    total, first = _cost(programme, listed)
    rejected = _people(viewer, base.filter(status=Status.REJECTED)) if with_rejected else []
    return Letter(
        programme=programme,
        region=region,
        today=today,
        people=_people(viewer, listed),
        rejected=rejected,
        total=total,
        first_month_amount=first,
    )
