from decimal import Decimal

from lindung.core.money import round_rupiah, rupiah, rupiah_words


def test_round_half_up_to_whole_rupiah():
    assert round_rupiah(Decimal("10800.5")) == 10801
    assert round_rupiah(Decimal("10800.49")) == 10800
    assert round_rupiah(Decimal("8400")) == 8400


def test_rupiah_format_and_words():
    assert rupiah(20_160_000) == "Rp 20.160.000"
    assert rupiah_words(20_160_000) == "dua puluh juta seratus enam puluh ribu rupiah"
