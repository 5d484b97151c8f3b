"""The money and lifecycle temp tables of a build: payments, the month's bills and the month's lapses.

Each is one ``INSERT ... SELECT ... GROUP BY enrolment`` over the build's programmes (``monev_t_prog``), joined
into ``monev_t_person`` by enrolment id. What was known on the period's as-of day counts: a payment made later
(``paid_on`` after it) neither pays the month nor ends an unpaid run there, as in billing's arrears.
"""

# ruff: noqa: S608 - SQL text is assembled from table and column names of the models imported here and from
# constants; every value (dates, times, codes) is passed as a query parameter.

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone

from lindung.billing.models import Bill, BillLine, Payment
from lindung.core.months import month_add
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status

if TYPE_CHECKING:
    from .build import RollupBuild

MONEY_TABLES = ("monev_t_pay", "monev_t_bill", "monev_t_evt")

# Per enrolment, summed into every rollup row: the money of the month and its lifecycle moves.
PERSON_MONEY_COLUMNS = (
    "committed",
    "realised",
    "at_risk",
    "billed",
    "paid",
    "lapsed",
    "reactivated",
    "lapse_due",
)

# At risk = active, and the unpaid run ending at the last due month is 2..N months long, N being the payment
# rule's lapse limit (PP 44/2015 Art 39(2), 42(2): more than N months ends JKK/JKM rights). The run counts
# owed months only: from max(programme start, month of activation). The same definition as billing's
# arrears by name (``billing.selectors``).
AT_RISK_SQL = (
    f"CASE WHEN e.status = '{Status.ACTIVE}' AND tp.risk_on = 1 "
    "AND (t.last_paid IS NULL OR t.last_paid <= tp.last_m2) "
    "AND tp.start_month <= tp.last_m1 AND (e.start_date IS NULL OR e.start_date < tp.last_due) "
    "AND ((t.last_paid IS NOT NULL AND t.last_paid >= tp.last_mn) "
    "     OR tp.start_month >= tp.last_mn1 OR e.start_date >= tp.last_mn1) "
    "THEN 1 ELSE 0 END"
)
# Lapse due = still active, but the unpaid run is longer than N: owed all of the last N+1 due months and paid
# none of them (billing's ``lapse_due_groups``). The daily job makes them non-active; until it runs they
# are counted here, never as "at risk" and never as fine.
LAPSE_DUE_SQL = (
    f"CASE WHEN e.status = '{Status.ACTIVE}' AND tp.risk_on = 1 "
    "AND (t.last_paid IS NULL OR t.last_paid < tp.last_mn) "
    "AND tp.start_month <= tp.last_mn AND (e.start_date IS NULL OR e.start_date < tp.last_mn1) "
    "THEN 1 ELSE 0 END"
)
# The columns of monev_t_person after the committed contribution, in PERSON_MONEY_COLUMNS order.
PERSON_MONEY_SQL = (
    f"COALESCE(t.realised, 0), {AT_RISK_SQL}, COALESCE(b.billed, 0), COALESCE(t.paid, 0), "
    f"COALESCE(v.lapsed, 0), COALESCE(v.reactivated, 0), {LAPSE_DUE_SQL}"
)
PERSON_MONEY_JOINS = (
    "LEFT JOIN monev_t_pay t ON t.enrolment_id = e.id "
    "LEFT JOIN monev_t_bill b ON b.enrolment_id = e.id "
    "LEFT JOIN monev_t_evt v ON v.enrolment_id = e.id "
)


def _moment(day: dt.date):
    """The start of ``day`` in Lindung's time zone, as the database compares a DateTimeField."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return connection.ops.adapt_datetimefield_value(start)


def stage_money(build: RollupBuild, cursor) -> None:
    """The three temp tables ``monev_t_person`` joins: payments, the month's bill lines, the month's moves."""
    _stage_payments(build, cursor)
    _stage_bills(build, cursor)
    _stage_events(build, cursor)


def _stage_payments(build: RollupBuild, cursor) -> None:
    scope_e, scope_e_params = build.within("e.village_id", build.scope)
    cursor.execute(
        "CREATE TEMP TABLE monev_t_pay (enrolment_id bigint PRIMARY KEY, realised bigint, paid bigint, "
        "last_paid date)"
    )
    # Realised: payments for contribution months up to the period. Paid: for the period's month. Last paid:
    # the latest month paid up to the programme's last due month (prepaid months further on do not hide
    # arrears before them). Only payments made by the as-of day count.
    period, as_of = build.d(build.period), build.d(build.as_of)
    build.run(
        cursor,
        f"INSERT INTO monev_t_pay (enrolment_id, realised, paid, last_paid) "
        f"SELECT pay.enrolment_id, "
        f"SUM(CASE WHEN pay.month <= %s THEN pay.amount ELSE 0 END), "
        f"SUM(CASE WHEN pay.month = %s THEN pay.amount ELSE 0 END), "
        f"MAX(CASE WHEN pay.month <= tp.last_due THEN pay.month END) "
        f"FROM {Payment._meta.db_table} pay JOIN {Enrolment._meta.db_table} e ON e.id = pay.enrolment_id "
        f"JOIN monev_t_prog tp ON tp.id = e.programme_id "
        f"WHERE pay.paid_on <= %s AND {scope_e} GROUP BY pay.enrolment_id",
        [period, period, as_of, *scope_e_params],
        step="stage payments",
    )


def _stage_bills(build: RollupBuild, cursor) -> None:
    """Every line of the programmes' bills for the period's month (charges, corrections and credits)."""
    scope_l, scope_l_params = build.within("bl.village_id", build.scope)
    cursor.execute("CREATE TEMP TABLE monev_t_bill (enrolment_id bigint PRIMARY KEY, billed bigint)")
    build.run(
        cursor,
        f"INSERT INTO monev_t_bill (enrolment_id, billed) "
        f"SELECT bl.enrolment_id, SUM(bl.amount) "
        f"FROM {Bill._meta.db_table} bi JOIN monev_t_prog tp ON tp.id = bi.programme_id "
        f"JOIN {BillLine._meta.db_table} bl ON bl.bill_id = bi.id "
        f"WHERE bi.month = %s AND {scope_l} GROUP BY bl.enrolment_id",
        [build.d(build.period), *scope_l_params],
        step="stage bills",
    )


def _stage_events(build: RollupBuild, cursor) -> None:
    """Enrolments that became non-active in the month, and those made active again from non-active, by the
    day each move took effect."""
    scope_e, scope_e_params = build.within("e.village_id", build.scope)
    cursor.execute(
        "CREATE TEMP TABLE monev_t_evt (enrolment_id bigint PRIMARY KEY, lapsed integer, reactivated integer)"
    )
    non_active, active = str(Status.NON_ACTIVE), str(Status.ACTIVE)
    # The day a move took effect: billing's lifecycle writes it as ``detail["on"]`` when the daily job or a
    # late run moves members as of another day; other moves took effect when written (``at``). A move never
    # takes effect after it is written, so ``at`` before the month rules a row out (a bound an index can use).
    on = "ev.detail ->> 'on'" if connection.vendor == "postgresql" else "json_extract(ev.detail, '$.on')"
    first, after = build.period, month_add(build.period, 1)
    build.run(
        cursor,
        f"INSERT INTO monev_t_evt (enrolment_id, lapsed, reactivated) "
        f"SELECT ev.enrolment_id, "
        f"MAX(CASE WHEN ev.to_status = '{non_active}' THEN 1 ELSE 0 END), "
        f"MAX(CASE WHEN ev.from_status = '{non_active}' AND ev.to_status = '{active}' THEN 1 ELSE 0 END) "
        f"FROM {EnrolmentEvent._meta.db_table} ev JOIN {Enrolment._meta.db_table} e ON e.id = ev.enrolment_id "
        f"JOIN monev_t_prog tp ON tp.id = e.programme_id "
        f"WHERE ev.at >= %s AND (ev.to_status = '{non_active}' OR ev.from_status = '{non_active}') "
        f"AND ((({on}) IS NOT NULL AND ({on}) >= %s AND ({on}) < %s) "
        f"     OR (({on}) IS NULL AND ev.at >= %s AND ev.at < %s)) AND {scope_e} "
        f"GROUP BY ev.enrolment_id",
        [
            _moment(first),
            first.isoformat(),
            after.isoformat(),
            _moment(first),
            _moment(after),
            *scope_e_params,
        ],
        step="stage events",
    )
