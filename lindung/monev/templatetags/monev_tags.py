"""Formatting and charts for monev templates. Presentation only: every figure comes from monev.selectors."""

from __future__ import annotations

from django import template
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
