"""``{% coverage_map_svg figures %}``: the coverage map, a server-rendered SVG choropleth (no script)."""

from __future__ import annotations

from django import template

from ..formatting import percent_text
from ..selectors.map import coverage_map

register = template.Library()

# The heat table's ten steps (monev/monev.css), as fill colours: SVG shapes take colour from ``fill``.
HEAT_FILL = {
    "heat-none": "#ffffff",
    "heat-0": "#fde8e8",
    "heat-1": "#fbe3d2",
    "heat-2": "#fff3d6",
    "heat-3": "#eef4fb",
    "heat-4": "#dde8f3",
    "heat-5": "#c6daee",
    "heat-6": "#a9c7e6",
    "heat-7": "#8fb8de",
    "heat-8": "#5f97cc",
    "heat-9": "#0b4f8a",
}
LEGEND_STEP = 28


@register.inclusion_tag("monev/_map_svg.html")
def coverage_map_svg(figures) -> dict:
    drawn = coverage_map(figures)
    if drawn is None:
        return {"map": None}
    areas = [
        {
            "code": a.code,
            "name": a.name,
            "path": a.path,
            "fill": HEAT_FILL[a.heat],
            "percent": percent_text(a.percent),
        }
        for a in drawn.areas
    ]
    legend = [{"x": i * LEGEND_STEP, "fill": HEAT_FILL[f"heat-{i}"], "label": f"{i * 10}"} for i in range(10)]
    return {
        "map": drawn,
        "areas": areas,
        "legend": legend,
        "legend_width": 10 * LEGEND_STEP,
        "legend_none_x": 10 * LEGEND_STEP + 12,
    }
