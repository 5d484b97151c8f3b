"""Bills for tests: a programme with people in two villages, and its bill issued through the service."""

from __future__ import annotations

import datetime as dt

from lindung.accounts.services import sponsor_create
from lindung.billing.services import bill_issue
from lindung.enrolment.models import Status
from tests.enrolment.builders import make_enrolment, new_worker
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

# A neighbouring village of Pulau Mambulau, for "a village sees only its own lines".
OTHER_VILLAGE = "62.03.17.2003"
APRIL = dt.date(2026, 4, 1)


def csr_programme(**overrides):
    """A CSR-funded BPU programme: PP 50/2025 reaches it (Apr–Dec 2026 at 50 % for non-transport)."""
    sponsor = sponsor_create(actor=None, data={"name": "PT Borneo Lestari", "kind": "csr"})
    return make_programme(funding_source="csr", sponsor=sponsor.pk, **overrides)


def enrol_in(programme, *, village: str = PULAU_MAMBULAU, status: str = Status.SUBMITTED, **worker):
    return make_enrolment(status, programme=programme, worker=new_worker(village_code=village, **worker))


def issued_bill(programme=None, *, month: dt.date = APRIL, people: int = 2, other_village: int = 1):
    """A bill with ``people`` submitted members in Pulau Mambulau and ``other_village`` in the neighbouring village."""
    programme = programme or make_programme()
    for _ in range(people):
        enrol_in(programme)
    for _ in range(other_village):
        enrol_in(programme, village=OTHER_VILLAGE)
    bill, _created = bill_issue(actor=None, programme=programme, month=month)
    return bill
