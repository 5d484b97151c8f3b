from __future__ import annotations

from decimal import Decimal

from lindung.monev.charts import Bar, bar_chart, heat_class, progress_chart


def test_bar_chart_escapes_labels_and_prints_values():
    svg = bar_chart([Bar("<b>Nelayan</b>", 1234)], title="Uji", uid="t")
    assert "&lt;b&gt;Nelayan&lt;/b&gt;" in svg and "1.234" in svg
    assert " style=" not in svg and 'role="img"' in svg


def test_progress_chart_marks_the_target():
    svg = progress_chart(value=Decimal("31.63"), target=Decimal("34.99"), title="UCJ", uid="u")
    assert "UCJ 31,63 %" in svg and "target 34,99 %" in svg


def test_heat_classes_are_ten_steps():
    assert [heat_class(Decimal(v)) for v in ("0", "9.99", "50", "99", "150")] == [
        "heat-0",
        "heat-0",
        "heat-5",
        "heat-9",
        "heat-9",
    ]
    assert heat_class(None) == "heat-none" and heat_class("") == "heat-none"
