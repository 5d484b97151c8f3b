"""Numbers in the reader's language through Django's own formatting; rupiah the Indonesian way everywhere."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from lindung.monev.formatting import money, number, percent_text


def test_numbers_follow_the_reader_language():
    with translation.override("id"):
        assert (number(1_819_430), number(0), number(None)) == ("1.819.430", "0", "—")
    with translation.override("en"):
        assert number(1_819_430) == "1,819,430"


def test_python_and_templates_write_a_number_the_same_way():
    template = Template("{% load humanize %}{{ n|intcomma }}")
    for language in ("id", "en"):
        with translation.override(language):
            assert template.render(Context({"n": 1_819_430})) == number(1_819_430)


def test_percentages_follow_the_reader_language():
    with translation.override("id"):
        assert percent_text(Decimal("31.63")) == "31,63 %" and percent_text(Decimal("20")) == "20,00 %"
        assert percent_text(None) == "—"
    with translation.override("en"):
        assert percent_text(Decimal("31.63")) == "31.63 %"


def test_a_rule_value_is_written_with_the_decimals_it_has():
    with translation.override("id"):
        assert percent_text(Decimal("50.0"), places=None) == "50 %"
        assert percent_text(Decimal("37.5"), places=None) == "37,5 %"
    with translation.override("en"):
        assert percent_text(Decimal("37.5"), places=None) == "37.5 %"


def test_money_is_rupiah_in_every_language():
    for language in ("id", "en"):
        with translation.override(language):
            assert money(1_814_400) == "Rp 1.814.400" and money(None) == "—"
