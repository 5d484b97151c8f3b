"""Charts as inline SVG, drawn on the server. No JavaScript and no style attributes (the Content-Security-Policy
forbids inline styles); colour and size are SVG presentation attributes, which it allows. Every bar carries
its number as text, so a chart printed in black and white still reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .formatting import money, number, percent_text

INK = "#1b1f24"
MUTED = "#4a5360"
LINE = "#c9d0d8"
DARK = "#0b4f8a"  # active / realised
LIGHT = "#8fb8de"  # occupying / committed
PALE = "#dde8f3"  # quota / ceiling
ACCENT = "#c25e00"  # target
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    secondary: int | None = None  # drawn behind the main bar (e.g. occupying behind active)
    text: str = ""


def _svg(width: int, height: int, title: str, body: list[str], uid: str) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{uid}-t" '
        f'font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{uid}-t">{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text node is escaped above


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK, weight: str = "") -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>{escape(text)}</text>'


def _rect(x: float, y: float, w: float, h: float, fill: str, stroke: str = "") -> str:
    extra = f' stroke="{stroke}"' if stroke else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{fill}"{extra}/>'


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    uid: str,
    legend: tuple[str, str] | None = None,
    width: int = 640,
    label_width: int = 210,
) -> SafeString:
    """Horizontal bars, one per row, value printed at the end; an optional lighter bar behind each."""
    row, top = 24, 8 + (22 if legend else 0)
    height = top + row * max(len(bars), 1) + 8
    scale_w = width - label_width - 90
    biggest = max([b.value for b in bars] + [b.secondary or 0 for b in bars] + [1])
    body = []
    if legend:
        body += [
            _rect(label_width, 6, 12, 12, DARK),
            _text(label_width + 18, 16, legend[0]),
            _rect(label_width + 150, 6, 12, 12, LIGHT),
            _text(label_width + 168, 16, legend[1]),
        ]
    if not bars:
        body.append(_text(label_width, top + 16, gettext("Belum ada data"), fill=MUTED))
    for i, b in enumerate(bars):
        y = top + i * row
        body.append(_text(label_width - 8, y + 16, b.label[:34], anchor="end"))
        if b.secondary is not None:
            body.append(_rect(label_width, y + 4, scale_w * b.secondary / biggest, 16, LIGHT))
        body.append(_rect(label_width, y + 4, scale_w * b.value / biggest, 16, DARK))
        end = max(b.value, b.secondary or 0)
        body.append(_text(label_width + scale_w * end / biggest + 6, y + 16, b.text or number(b.value)))
    return _svg(width, height, title, body, uid)


def progress_chart(
    *, value: Decimal | None, target: Decimal | None, title: str, uid: str, width: int = 640
) -> SafeString:
    """A 0-100 % track with the value filled and the target marked: the UCJ gauge."""
    x0, w, y = 10, width - 20, 28
    body = [_rect(x0, y, w, 22, PALE, LINE)]
    if value is not None:
        v = min(max(float(value), 0.0), 100.0)
        body.append(_rect(x0, y, w * v / 100, 22, DARK))
        body.append(_text(x0, 18, f"UCJ {percent_text(value)}", weight="bold"))
    else:
        body.append(
            _text(x0, 18, gettext("UCJ belum dapat dihitung: penduduk bekerja belum diisi"), fill=MUTED)
        )
    if target is not None:
        t = min(max(float(target), 0.0), 100.0)
        tx = x0 + w * t / 100
        body.append(
            f'<line x1="{tx:.1f}" y1="{y - 6}" x2="{tx:.1f}" y2="{y + 28}" stroke="{ACCENT}" stroke-width="3"/>'
        )
        anchor = "end" if t > 70 else "start"
        body.append(
            _text(
                tx + (-6 if anchor == "end" else 6),
                y + 42,
                gettext("target %(percent)s") % {"percent": percent_text(target)},
                anchor=anchor,
                fill=ACCENT,
            )
        )
    for pct in (0, 50, 100):
        if target is not None and abs(pct - float(target)) < 14:
            continue  # the target's own label stands there
        body.append(
            _text(
                x0 + w * pct / 100,
                y + 42,
                f"{pct} %",
                anchor={0: "start", 50: "middle", 100: "end"}[pct],
                fill=MUTED,
            )
        )
    return _svg(width, 80, title, body, uid)


def budget_chart(
    *, ceiling: int, committed: int, realised: int, title: str, uid: str, width: int = 640
) -> SafeString:
    bars = [
        Bar(gettext("Pagu"), ceiling, text=money(ceiling)),
        Bar(gettext("Komitmen (peserta terdaftar)"), committed, text=money(committed)),
        Bar(gettext("Realisasi (iuran dibayar)"), realised, text=money(realised)),
    ]
    return bar_chart(bars, title=title, uid=uid, width=width, label_width=210)


def active_and_occupying() -> tuple[str, str]:
    """The two series every coverage chart draws, dark then light, in the active language."""
    return gettext("aktif"), gettext("menempati kuota")


def trend_chart(points: Sequence, *, title: str, uid: str, width: int = 640) -> SafeString:
    """Columns per month: occupying places (light) with active participants (dark) in front."""
    left, bottom, top = 48, 44, 28
    height = 220
    plot_h = height - top - bottom
    n = max(len(points), 1)
    slot = (width - left - 8) / n
    biggest = max([p.counts.occupying for p in points if p.counts] + [1])
    active, occupying = active_and_occupying()
    body = [
        _rect(left, 6, 12, 12, DARK),
        _text(left + 18, 16, active),
        _rect(left + 80, 6, 12, 12, LIGHT),
        _text(left + 98, 16, occupying),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="{LINE}"/>',
        _text(left - 6, top + 10, number(biggest), anchor="end", fill=MUTED),
        _text(left - 6, top + plot_h, "0", anchor="end", fill=MUTED),
    ]
    for i, p in enumerate(points):
        x = left + i * slot + slot * 0.15
        w = slot * 0.7
        label = p.period.strftime("%m/%y")
        body.append(_text(x + w / 2, height - bottom + 16, label, anchor="middle", fill=MUTED))
        if p.counts is None:
            body.append(_text(x + w / 2, top + plot_h - 4, "–", anchor="middle", fill=MUTED))
            continue
        occ_h = plot_h * p.counts.occupying / biggest
        act_h = plot_h * p.counts.active / biggest
        body.append(_rect(x, top + plot_h - occ_h, w, occ_h, LIGHT))
        body.append(_rect(x + w * 0.2, top + plot_h - act_h, w * 0.6, act_h, DARK))
        body.append(_text(x + w / 2, height - bottom + 32, number(p.counts.active), anchor="middle"))
    return _svg(width, height, title, body, uid)


def heat_class(value: Decimal | None) -> str:
    """CSS class for a heat-table cell: ``heat-0`` (0-9 %) … ``heat-9`` (90 % and more), ``heat-none``."""
    if not isinstance(value, Decimal | int | float):
        return "heat-none"
    return f"heat-{min(max(int(value // 10), 0), 9)}"
