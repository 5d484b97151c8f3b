"""Every write of the sponsorship app (sponsors, sponsorships, CSR money): pages, API, CLI and jobs call these."""

from .common import SponsorshipRefused, amount_parse, day_parse, period_parse
from .csr import csr_commitment_record, csr_payment_record
from .sponsors import sponsor_region, sponsor_register, sponsor_update
from .sponsorships import (
    Assignment,
    CloseReport,
    niks_parse,
    overlapping,
    sponsorship_assign,
    sponsorship_end,
    sponsorships_close_due,
)

__all__ = [
    "Assignment",
    "CloseReport",
    "SponsorshipRefused",
    "amount_parse",
    "csr_commitment_record",
    "csr_payment_record",
    "day_parse",
    "niks_parse",
    "overlapping",
    "period_parse",
    "sponsor_region",
    "sponsor_register",
    "sponsor_update",
    "sponsorship_assign",
    "sponsorship_end",
    "sponsorships_close_due",
]
