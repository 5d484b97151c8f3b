"""The shape of a person's data, checked once for every entry point (page, API, import, CLI).

``checks.py`` reads what the data means (the NIK, the village, the age); this module refuses what no field
may hold: text longer than its column, control characters such as NUL, an invalid email, an RT/RW that is
not a number, a choice that does not exist, a number outside its range. The web form's own limits are a
convenience; these are the ones that hold.

``formula_findings`` only warns: a name or address that a spreadsheet would run as a formula (``=…``,
``@…``) is never a real one, so a verifier looks (the import flags the same, ``transfer.checks``).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lindung.core.spreadsheets import formula_like

from .findings import Finding, finding
from .models import Worker

TEXT_FIELDS = (
    "full_name",
    "birth_place",
    "address",
    "kk_number",
    "occupation_1",
    "occupation_2",
    "poverty_note",
)
CHOICE_FIELDS = ("category", "wage_status", "poverty_evidence")
# A declared income above Rp 1 triliun a month is a typing slip, not a village worker.
RANGES = {"fixed_income": (0, 10**12), "dtsen_decile": (1, 10)}
# The entry points accept a little more than the column (a NIK typed with spaces): checks.py normalises.
LOOSE_TEXT = {"nik": 40, "kpj": 40, "phone": 40, "village_code": 20}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RT_RW = re.compile(r"^[0-9]{1,3}$")


# The free-text fields a person's own words fill, with the finding each gets when it looks like a formula.
FORMULA_FIELDS = {"full_name": "name_formula_like", "address": "address_formula_like"}

_MODEL_FIELDS = {f.name for f in Worker._meta.get_fields()}


def _label(name: str) -> str:
    return str(Worker._meta.get_field(name).verbose_name) if name in _MODEL_FIELDS else name


def field_findings(data: dict[str, Any]) -> list[Finding]:
    """Blocking findings on the raw shape of ``data``; empty when every present field fits its column."""
    found: list[Finding] = []
    for name, value in data.items():
        if isinstance(value, str) and _CONTROL.search(value):
            found.append(finding("text_control_chars", field=name, label=_label(name)))
    for name in TEXT_FIELDS:
        value = data.get(name)
        limit = Worker._meta.get_field(name).max_length
        if isinstance(value, str) and len(value.strip()) > limit:
            found.append(
                finding(
                    "value_too_long", field=name, label=_label(name), length=len(value.strip()), limit=limit
                )
            )
    for name, limit in LOOSE_TEXT.items():
        value = data.get(name)
        if isinstance(value, str) and len(value) > limit:
            found.append(finding("value_too_long", field=name, label=name, length=len(value), limit=limit))
    email = (data.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            found.append(finding("email_refused", value=email[:80]))
    for name in ("rt", "rw"):
        value = str(data.get(name) or "").strip()
        if value and not _RT_RW.match(value):
            found.append(finding("rt_rw_invalid", field=name, label=name.upper(), value=value[:20]))
    for name in CHOICE_FIELDS:
        value = data.get(name)
        choices = [c for c, _ in Worker._meta.get_field(name).choices]
        if value and value not in choices:
            found.append(
                finding(
                    "choice_invalid",
                    field=name,
                    label=_label(name),
                    value=str(value)[:40],
                    choices=", ".join(choices),
                )
            )
    for name, (low, high) in RANGES.items():
        value = data.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            found.append(
                finding(
                    "number_out_of_range", field=name, label=_label(name), value=value, low=low, high=high
                )
            )
    return found


def formula_findings(data: dict[str, Any]) -> list[Finding]:
    """Warnings for a name or address that starts like a spreadsheet formula (white space around ignored)."""
    return [
        finding(code)
        for name, code in FORMULA_FIELDS.items()
        if isinstance(data.get(name), str) and formula_like(data[name].strip())
    ]
