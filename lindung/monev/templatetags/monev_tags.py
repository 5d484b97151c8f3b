"""Formatting and charts for monev templates. Presentation only: every figure comes from monev.selectors."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from .. import charts
from ..formatting import money, number, percent_text

register = template.Library()

register.filter("angka", number)
register.filter("persen", percent_text)
register.filter("rp", money)
register.filter("heat", charts.heat_class)


@register.simple_tag
def status_chart(figures, uid="status"):
    from ..selectors import STATUS_ORDER

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
# dozen formatted cells, and the template engine spent more time on them than on the rest of the page.


def _area_name(area, base: str, period: str, pdf: bool) -> str:
    if pdf:
        return format_html("{} <small>{}</small>", area.name, area.code)
    return format_html(
        '<a href="{}?wilayah={}&amp;periode={}">{}</a> <small>{}</small>',
        base,
        area.code,
        period,
        area.name,
        area.code,
    )


@register.simple_tag
def children_rows(figures, base: str, pdf: bool = False) -> str:
    """The drill-down table's rows: rank, region, quota, people, shares, UCJ, villages behind, money."""
    period = f"{figures.period:%Y-%m}"
    rows = []
    for rank, c in enumerate(figures.children, 1):
        counts, ucj = c.counts, (c.ucj.percent if c.ucj else None)
        drill = (
            ""
            if pdf
            else format_html(
                ' class="drill" hx-get="{}?wilayah={}&amp;periode={}" hx-target="#monev" hx-swap="outerHTML" '
                'hx-push-url="true"',
                base,
                c.code,
                period,
            )
        )
        rows.append(
            format_html(
                '<tr{}>\n<td>{}</td><th scope="row">{}</th>\n<td>{}</td><td>{}</td><td>{}</td>\n'
                '<td class="{}">{}</td>\n<td class="{}">{}</td>\n<td class="{}">{}</td>\n'
                "<td>{}</td><td>{}</td>\n<td>{}</td><td>{}</td><td>{}</td></tr>",
                drill,
                rank,
                _area_name(c, base, period, pdf),
                number(counts.quota),
                number(counts.occupying),
                number(counts.active),
                charts.heat_class(counts.commitment_percent),
                percent_text(counts.commitment_percent),
                charts.heat_class(counts.coverage_percent),
                percent_text(counts.coverage_percent),
                charts.heat_class(ucj),
                percent_text(ucj) if c.ucj else "—",
                number(counts.villages_below_half),
                number(counts.at_risk),
                money(c.ceiling),
                money(counts.committed),
                money(counts.realised),
            )
        )
    return format_html_join("", "{}", ((row,) for row in rows))


@register.simple_tag
def village_rows(villages, base: str, period, pdf: bool = False) -> str:
    """Rows of a list of villages: village, quota, people holding a place, active, share of quota taken."""
    period = f"{period:%Y-%m}"
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th>\n<td>{}</td><td>{}</td><td>{}</td><td class="{}">{}</td></tr>',
        (
            (
                _area_name(v, base, period, pdf),
                number(v.counts.quota),
                number(v.counts.occupying),
                number(v.counts.active),
                charts.heat_class(v.counts.commitment_percent),
                percent_text(v.counts.commitment_percent),
            )
            for v in villages
        ),
    )
