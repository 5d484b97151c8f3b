"""Formatting and charts for monev templates. Presentation only: every figure comes from monev.selectors.

Whole numbers use the ``angka`` filter of ``lindung_ui`` (``core.formats.number``), in the reader's language.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .. import charts
from ..formatting import money, number, percent_text
from ..selectors import STATUS_ORDER, month_name

register = template.Library()

register.filter("persen", percent_text)
register.filter("rp", money)
register.filter("heat", charts.heat_class)


@register.simple_tag
def status_chart(figures, uid="status"):
    status = figures.counts.status_dict()
    bars = [charts.Bar(str(s.label), status[str(s.value)]) for s in STATUS_ORDER]
    title = gettext("Orang menurut status, %(region)s") % {"region": figures.region_name}
    return charts.bar_chart(bars, title=title, uid=uid)


@register.simple_tag
def breakdown_chart(figures, dimension, title, uid):
    rows = figures.breakdowns.get(dimension, [])
    bars = [
        charts.Bar(
            b.label,
            0 if b.suppressed else b.counts.active,
            secondary=None if b.suppressed else b.counts.occupying,
            text="<3" if b.suppressed else f"{number(b.counts.active)} / {number(b.counts.occupying)}",
        )
        for b in rows
    ]
    return charts.bar_chart(bars, title=title, uid=uid, legend=charts.active_and_occupying())


@register.simple_tag
def ucj_chart(figures, uid="ucj"):
    return charts.progress_chart(
        value=figures.ucj.percent,
        target=figures.ucj.target_percent,
        title=gettext("UCJ %(region)s terhadap target") % {"region": figures.region_name},
        uid=uid,
    )


@register.simple_tag
def budget_chart(figures, uid="budget"):
    b = figures.budget
    return charts.budget_chart(
        ceiling=b.ceiling,
        committed=b.committed,
        realised=b.realised,
        title=gettext("Anggaran %(region)s") % {"region": figures.region_name},
        uid=uid,
    )


@register.simple_tag
def trend_chart(figures, uid="trend"):
    title = gettext("Tren bulanan %(region)s") % {"region": figures.region_name}
    return charts.trend_chart(figures.trend, title=title, uid=uid)


@register.simple_tag
def children_chart(figures, uid="children"):
    bars = [
        charts.Bar(
            c.name,
            c.counts.active,
            secondary=c.counts.occupying,
            text=f"{number(c.counts.active)} / {number(c.counts.occupying)}",
        )
        for c in figures.children[:40]
    ]
    return charts.bar_chart(
        bars,
        title=figures.children_title,
        uid=uid,
        legend=charts.active_and_occupying(),
    )


# The tables below are built here rather than in their templates: a kabupaten page has dozens of rows of a
# dozen formatted cells, and the template engine spent more time on them than on the rest of the page. Names,
# codes and links are escaped; the cells are numbers this module formats itself.


def _area_name(area, base: str, period: str, pdf: bool) -> str:
    name, code = escape(area.name), escape(area.code)
    if pdf:
        return f"{name} <small>{code}</small>"
    return f'<a href="{escape(base)}?wilayah={code}&amp;periode={period}">{name}</a> <small>{code}</small>'


def _heat_cell(value) -> str:
    return f'<td class="{charts.heat_class(value)}">{percent_text(value)}</td>'


@register.simple_tag
def children_rows(figures, base: str, pdf: bool = False) -> str:
    """The drill-down table's rows: rank, region, quota, people, shares, UCJ, villages behind, money."""
    period = f"{figures.period:%Y-%m}"
    rows = []
    for rank, c in enumerate(figures.children, 1):
        counts = c.counts
        drill = (
            ""
            if pdf
            else f' class="drill" hx-get="{escape(base)}?wilayah={escape(c.code)}&amp;periode={period}" '
            'hx-target="#monev" hx-swap="outerHTML" hx-push-url="true"'
        )
        rows.append(
            f'<tr{drill}>\n<td>{rank}</td><th scope="row">{_area_name(c, base, period, pdf)}</th>\n'
            f"<td>{number(counts.quota)}</td><td>{number(counts.occupying)}</td><td>{number(counts.active)}</td>\n"
            f"{_heat_cell(counts.commitment_percent)}\n{_heat_cell(counts.coverage_percent)}\n"
            f"{_heat_cell(c.ucj.percent if c.ucj else None)}\n"
            f"<td>{number(counts.villages_below_half)}</td><td>{number(counts.at_risk)}</td>\n"
            f"<td>{money(c.ceiling)}</td><td>{money(counts.committed)}</td><td>{money(counts.realised)}</td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text above is escaped


@register.simple_tag
def village_rows(villages, base: str, period, pdf: bool = False) -> str:
    """Rows of a list of villages: village, quota, people holding a place, active, share of quota taken."""
    period = f"{period:%Y-%m}"
    return mark_safe(  # noqa: S308 - every text is escaped
        "".join(
            f'<tr><th scope="row">{_area_name(v, base, period, pdf)}</th>\n<td>{number(v.counts.quota)}</td>'
            f"<td>{number(v.counts.occupying)}</td><td>{number(v.counts.active)}</td>"
            f"{_heat_cell(v.counts.commitment_percent)}</tr>"
            for v in villages
        )
    )


@register.simple_tag
def trend_rows(figures) -> str:
    """The monthly table: month, people holding a place, active, commitment, realisation."""
    missing = f'<td colspan="4">{escape(gettext("belum ada rekap"))}</td>'
    rows = []
    for t in figures.trend:
        c = t.counts
        cells = (
            f"<td>{number(c.occupying)}</td><td>{number(c.active)}</td><td>{money(c.committed)}</td>"
            f"<td>{money(c.realised)}</td>"
            if c
            else missing
        )
        rows.append(f'<tr><th scope="row">{escape(month_name(t.period))}</th>{cells}</tr>')
    return mark_safe("".join(rows))  # noqa: S308 - the month names and the message are escaped
