"""The rule values monev's own rules compare against, read as the row in force for the month.

- the "village behind" threshold (``MonevThreshold.QUOTA_BEHIND``), a convention of programme management;
- the arrears limit of the payment rule (PP 44/2015 Art 39(2), 42(2)), from ``contributions``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from lindung.contributions.selectors import RuleBook
from lindung.core.months import month_label, month_of

from ..models import MonevThreshold
from ..rollup.windows import DEFAULT_LAPSE_AFTER
from .builds import period_remembered


class MonevThresholdMissing(LookupError):
    """No threshold row covers the month; the message names the table to complete."""


def threshold_in_force(key: str, period: dt.date) -> MonevThreshold:
    """The row of ``key`` in force for the month: the latest ``valid_from`` on or before it, not yet ended."""
    month = month_of(period)
    row = (
        MonevThreshold.objects.filter(key=key, valid_from__lte=month)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month))
        .order_by("-valid_from", "-pk")
        .first()
    )
    if row is None:
        raise MonevThresholdMissing(
            f'Belum ada baris ambang monev "{key}" untuk {month_label(month)}; tambahkan di tabel ambang monev.'
        )
    return row


def quota_threshold(period: dt.date) -> Decimal:
    """The percent of its quota below which a village is behind, for the month (remembered per build)."""
    return period_remembered(
        period,
        "quota_threshold",
        lambda: threshold_in_force(MonevThreshold.Key.QUOTA_BEHIND, period).percent,
    )


def behind_permille(period: dt.date) -> int:
    """The threshold as the build compares it, read fresh: ``50,0 %`` → 500 (exact, one decimal place)."""
    return int(threshold_in_force(MonevThreshold.Key.QUOTA_BEHIND, period).percent * 10)


def lapse_limit(period: dt.date) -> int:
    """The payment rule's arrears limit in force for the month (PP 44/2015: 3), remembered per build."""

    def read() -> int:
        try:
            return RuleBook.load().payment_rule("BPU", period).lapse_after_unpaid_months
        except LookupError:
            return DEFAULT_LAPSE_AFTER

    return period_remembered(period, "lapse_limit", read)
