"""Input types every router shares, and the bodies of the API's refusals.

Every integer a client sends is bounded here, once: a database id is a signed 64-bit integer, so a larger
number would overflow the query and answer 500. Every string is declared without NUL characters
(PostgreSQL refuses them in a query). The OpenAPI document carries the bounds, so a client (and
schemathesis) can read them; a value outside them answers 422 with ``UnprocessableOut``.
"""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import WithJsonSchema

BIGINT_MAX = 2**63 - 1
# Worker, enrolment and import rows are BigAutoField / AutoField primary keys: never 0 or negative.
RecordId = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
# A bulk decision names at most this many records (SQLite's limit of query parameters is 32766).
RecordIds = Annotated[list[RecordId], Field(max_length=10_000)]
PageNumber = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
# offset + limit must itself stay within 64 bits.
Offset = Annotated[int, Field(ge=0, le=10**9)]
Limit = Annotated[int, Field(ge=1, le=1000)]
# Whole rupiah: incomes, fixed incomes and budget ceilings. 10^15 is a thousand trillion rupiah.
Rupiah = Annotated[int, Field(ge=0, le=10**15)]
# The planner's people counts: per village, and a programme's total quota.
People = Annotated[int, Field(ge=0, le=10_000_000)]
Months = Annotated[int, Field(ge=1, le=12)]
Year = Annotated[int, Field(ge=2000, le=2100)]

_NO_NUL = r"^[^\x00]*$"
# Free text (a name, a reason, a search).
Text = Annotated[str, Field(max_length=1000, pattern=_NO_NUL)]
# The constraints of each kind of string, also for ``Form("", **CODE)``: ninja drops the default of a
# ``Form[Annotated[...]] = ""`` parameter, so a form field spells them out.
# Empty, or the text of a JSON object: a form field is text, so a bare number must not pass as a mapping.
JSON_OBJECT_TEXT: dict[str, Any] = {"max_length": 20_000, "pattern": r"^(\s*\{[^\x00]*\}\s*)?$"}
CODE: dict[str, Any] = {"max_length": 64, "pattern": r"^[A-Za-z0-9_.-]*$"}
REGION_CODE: dict[str, Any] = {"max_length": 13, "pattern": r"^[0-9.]*$"}
# A code chosen by a person or an enum value: programme codes, statuses, categories, funding sources.
Code = Annotated[str, Field(**CODE)]
# A Kemendagri region code (62.03.17.2002), or "" where the caller's own region is meant.
RegionCode = Annotated[str, Field(**REGION_CODE)]
# A month, TTTT-BB, in the years the rule tables and the planner know (2000-2100).
MonthText = Annotated[str, Field(pattern=r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$")]
# A monev period, TTTT-BB; anything else is explained with a 400.
Period = Annotated[str, Field(max_length=10, pattern=_NO_NUL)]


# An import's column mapping: {"0": "nik", "1": "full_name"}. A key that is no column of the file is named
# by the transfer service (400); the document only keeps NUL characters out, in keys too (propertyNames),
# which pydantic's own schema of a constrained key would not say.
_KEY = {"maxLength": 64, "pattern": _NO_NUL}
ColumnMapping = Annotated[
    dict[Annotated[str, Field(max_length=64, pattern=_NO_NUL)], Code],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": _KEY,
            "additionalProperties": {"type": "string", "maxLength": 64, "pattern": CODE["pattern"]},
        }
    ),
]


class ErrorOut(Schema):
    """Every refusal other than 422: 400, 401, 403, 404, 405, 409, 429 and 500."""

    detail: str = Field(description="Alasan penolakan, dalam bahasa Indonesia.")


class FieldErrorOut(Schema):
    location: str = Field(description="path, query, body, form atau file.")
    field: str = Field(description='Nama isian, bertitik untuk isian bersarang ("ids.0").')
    type: str = Field(description="Jenis kesalahan (kode pydantic), sama dalam setiap bahasa.")
    message: str


class FindingOut(Schema):
    """One finding of the registry's checks (eligibility, NIK, double funding), with its legal basis."""

    code: str
    severity: str
    field: str
    message: str
    basis: str = ""


class RefusalFindingOut(FindingOut):
    """A finding that blocked the request (inside a 422)."""


class UnprocessableOut(Schema):
    """The one 422 of the API: input that does not fit the document (``errors``), or data the registry's
    checks block (``findings``)."""

    detail: str
    errors: list[FieldErrorOut] = Field(default_factory=list)
    findings: list[RefusalFindingOut] = Field(default_factory=list)


# 422 is on every operation: any parameter can be malformed. 401 on every operation behind the session.
_COMMON = (401, 422)


def answers(ok: Any, *statuses: int, ok_status: int = 200) -> dict[int, Any]:
    """The ``response=`` mapping of an operation: its success schema and every refusal it can give."""
    mapping: dict[int, Any] = {ok_status: ok}
    for status in sorted({*statuses, *_COMMON}):
        mapping[status] = UnprocessableOut if status == 422 else ErrorOut
    return mapping


def public_answers(ok: Any, *statuses: int) -> dict[int, Any]:
    """As ``answers`` for an operation that needs no sign-in."""
    mapping = answers(ok, *statuses)
    del mapping[401]
    return mapping


_MESSAGES = {
    "missing": "wajib diisi",
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "string_type": "harus teks",
    "list_type": "harus daftar",
    "dict_type": "harus objek JSON",
    "model_type": "harus objek JSON",
    "model_attributes_type": "harus objek JSON",
    "json_invalid": "bukan JSON yang sah",
    "date_parsing": "harus tanggal TTTT-BB-HH",
    "date_from_datetime_parsing": "harus tanggal TTTT-BB-HH",
    "date_type": "harus tanggal TTTT-BB-HH",
    "string_pattern_mismatch": "berisi karakter yang tidak diperbolehkan",
}
_BOUNDS = {
    "less_than_equal": ("le", "paling besar {}"),
    "less_than": ("lt", "harus lebih kecil dari {}"),
    "greater_than_equal": ("ge", "paling kecil {}"),
    "greater_than": ("gt", "harus lebih besar dari {}"),
    "string_too_long": ("max_length", "paling panjang {} karakter"),
    "too_long": ("max_length", "paling banyak {} butir"),
}


def field_error(error: dict[str, Any]) -> dict[str, str]:
    """One entry of a ninja ``ValidationError`` as ``FieldErrorOut``, with an Indonesian message."""
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc else ""
    # A body schema's own parameter name ("body", "payload") says nothing to the client.
    rest = loc[2:] if location == "body" and len(loc) > 2 else loc[1:]
    kind = str(error.get("type", ""))
    message = _MESSAGES.get(kind)
    if kind in _BOUNDS:
        key, text = _BOUNDS[kind]
        message = text.format(error.get("ctx", {}).get(key, "?"))
    return {
        "location": location,
        "field": ".".join(rest),
        "type": kind,
        "message": message or f"tidak sah ({error.get('msg', kind)})",
    }
