"""What the sponsorship services share: the refusal, reading amounts and dates as typed."""

from __future__ import annotations

import datetime as dt

import lokal


class SponsorshipRefused(ValueError):
    """The request cannot be done as asked; ``errors`` maps each field to an Indonesian message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


def amount_parse(text: str | int, *, field: str, label: str) -> int:
    """Whole positive rupiah from what a person typed ("Rp 2.016.000", "16800"), read by lokal-id."""
    if isinstance(text, int) and not isinstance(text, bool):
        amount: float | int | None = text
    else:
        raw = str(text or "").strip()
        parsed = lokal.parse_rupiah(raw) if raw else None
        amount = None if parsed is None or parsed.approximate else parsed.amount
    if amount is None or amount != int(amount) or int(amount) <= 0:
        raise SponsorshipRefused(
            {field: f'{label}: "{text}" bukan jumlah rupiah yang sah (contoh: Rp 2.016.000).'}
        )
    return int(amount)


def day_parse(value: str | dt.date | None, *, field: str, label: str) -> dt.date:
    """A date given as a date or as ``TTTT-BB-HH``; a missing or malformed one is refused naming the field."""
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SponsorshipRefused({field: f'{label}: "{text}" bukan tanggal TTTT-BB-HH.'}) from None


def period_parse(start, end, *, fields=("start_date", "end_date")) -> tuple[dt.date, dt.date]:
    first = day_parse(start, field=fields[0], label="Tanggal mulai")
    last = day_parse(end, field=fields[1], label="Tanggal berakhir")
    if last < first:
        raise SponsorshipRefused(
            {fields[1]: f"Tanggal berakhir {last:%d-%m-%Y} sebelum tanggal mulai {first:%d-%m-%Y}."}
        )
    return first, last
