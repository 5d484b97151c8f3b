"""A programme's legal bases as a list: reading them from text or dicts, checking them, writing them.

One line of text per regulation, as people write them in letters: ``Perbup Bengkayang 23/2024 tentang …``,
``Inpres 2/2021``, ``SE Mendagri Nomor 842.2/5193/SJ Tahun 2021``. The first word is the kind
(``LegalBasisKind``); an unknown first word makes the whole head the issuer of kind "Lainnya".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .models import LegalBasisKind, Programme, ProgrammeLegalBasis, legal_basis_citation

FIELDS = ("kind", "issuer", "number", "year", "title", "issued_on")
# The single columns of old callers; they describe the first entry of the list.
SINGLE = ("legal_basis_type", "legal_basis_number", "legal_basis_year", "legal_basis_title")
_KINDS = {k.lower(): k for k in LegalBasisKind.values}
_YEARS = (1945, 2100)
# "Nomor 842.2/5193/SJ Tahun 2021" or "23/2024" or "23 Tahun 2024", then an optional "tentang …".
_NUMBERED = re.compile(
    r"^(?P<head>.*?)\s*(?:Nomor|No\.?)\s+(?P<number>\S+)(?:\s+Tahun\s+(?P<year>\d{4}))?(?P<rest>.*)$", re.I
)
_SHORT = re.compile(
    r"^(?P<head>.*?)\s*(?P<number>[\w.\-]+)\s*(?:/|\s+Tahun\s+)(?P<year>\d{4})(?P<rest>.*)$", re.I
)


def legal_basis_parse(line: str) -> dict[str, Any]:
    """One regulation from a line of text; fields it cannot find stay empty (the checks name them)."""
    text = " ".join((line or "").split())
    title, issued_on = "", None
    if m := re.search(r"\s+tentang\s+", text, re.I):
        text, title = text[: m.start()], text[m.end() :].strip()
    if m := re.search(r"\s+tanggal\s+(\S+)$", text, re.I):
        text, issued_on = text[: m.start()], _date(m.group(1))
    number, year, head = "", None, text
    for pattern in (_NUMBERED, _SHORT):
        if (m := pattern.match(text)) and not m.group("rest").strip():
            head, number = m.group("head").strip(), m.group("number")
            year = int(m.group("year")) if m.group("year") else None
            break
    first, _, issuer = head.partition(" ")
    kind = _KINDS.get(first.lower())
    if kind is None:
        kind, issuer = LegalBasisKind.OTHER.value, head
    return {
        "kind": kind,
        "issuer": issuer.strip(),
        "number": number,
        "year": year,
        "title": title,
        "issued_on": issued_on,
    }


def legal_basis_line(entry: dict[str, Any]) -> str:
    """The line ``legal_basis_parse`` reads back into ``entry`` (the citation, with its date when known)."""
    kind = "" if entry["kind"] == LegalBasisKind.OTHER else entry["kind"]
    line = legal_basis_citation(kind, entry["issuer"], entry["number"], entry["year"], "")
    if entry.get("issued_on"):
        line += f" tanggal {entry['issued_on']:%Y-%m-%d}"
    return line + (f" tentang {entry['title']}" if entry["title"] else "")


def legal_bases_text(programme: Programme) -> str:
    return "\n".join(legal_basis_line(e) for e in legal_bases_of(programme))


def legal_bases_parse_text(text: str) -> list[dict[str, Any]]:
    return [legal_basis_parse(line) for line in (text or "").splitlines() if line.strip()]


def legal_bases_from_single(values: dict[str, Any]) -> dict[str, Any] | None:
    """The first entry as the old single columns describe it (None when they are all empty)."""
    kind_text, number, year, title = (values.get(k) for k in SINGLE)
    if not (kind_text or number or year or title):
        return None
    entry = legal_basis_parse(str(kind_text or ""))
    return entry | {
        "number": str(number or "").strip(),
        "year": year or None,
        "title": str(title or "").strip(),
    }


def legal_bases_of(programme: Programme) -> list[dict[str, Any]]:
    """The programme's list as dicts (what ``programme_update`` compares and the API answers)."""
    if programme.pk is None:
        return []
    return [{f: getattr(b, f) for f in FIELDS} for b in programme.legal_bases.all()]


def legal_bases_clean(raw: Any) -> list[dict[str, Any]]:
    """Text (one per line), a list of lines or a list of dicts, as a list of dicts with every field."""
    if isinstance(raw, str):
        items: list[Any] = legal_bases_parse_text(raw)
    else:
        items = list(raw or [])
    out = []
    for item in items:
        entry = legal_basis_parse(item) if isinstance(item, str) else dict(item)
        clean = {f: entry.get(f) for f in FIELDS}
        for key in ("kind", "issuer", "number", "title"):
            clean[key] = str(clean[key] or "").strip()
        if isinstance(clean["issued_on"], str):
            clean["issued_on"] = _date(clean["issued_on"])
        out.append(clean)
    return out


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None  # type: ignore[return-value]
    except ValueError:
        return text


def legal_bases_errors(entries: list[dict[str, Any]], *, required: bool) -> str:
    """The first problem in the list, naming the line; ``required``: public money needs a full citation."""
    for n, e in enumerate(entries, start=1):
        where = f"Dasar hukum baris {n}"
        if e["kind"] not in LegalBasisKind.values:
            return f'{where}: jenis "{e["kind"]}" tidak dikenal; pilih {", ".join(LegalBasisKind.values)}.'
        if e["year"] is not None and (
            not isinstance(e["year"], int) or not _YEARS[0] <= e["year"] <= _YEARS[1]
        ):
            return f'{where}: tahun "{e["year"]}" harus {_YEARS[0]}–{_YEARS[1]}.'
        if e["issued_on"] is not None and not isinstance(e["issued_on"], dt.date):
            return f'{where}: tanggal "{e["issued_on"]}" tidak dikenali; tulis TTTT-BB-HH.'
        too_long = [k for k, size in (("issuer", 80), ("number", 60), ("title", 255)) if len(e[k]) > size]
        if too_long:
            return f"{where}: {', '.join(too_long)} terlalu panjang."
    if required and not any(_complete(e) for e in entries):
        missing = "jenis, nomor, tahun" if not entries else _missing(entries[0])
        return (
            "Program dari dana pemerintah wajib menyebut dasar hukumnya (mis. Perbup Bengkayang 23/2024); "
            f"belum diisi: {missing}."
        )
    return ""


def _complete(entry: dict[str, Any]) -> bool:
    named = entry["kind"] != LegalBasisKind.OTHER or bool(entry["issuer"])
    return named and bool(entry["number"]) and bool(entry["year"])


def _missing(entry: dict[str, Any]) -> str:
    names = (("kind", "jenis"), ("number", "nomor"), ("year", "tahun"))
    kind_named = entry["kind"] != LegalBasisKind.OTHER or entry["issuer"]
    return ", ".join(label for key, label in names if not entry[key] or (key == "kind" and not kind_named))


def legal_bases_single_columns(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The old single columns, kept for callers that still read them: they mirror the first entry."""
    first = entries[0] if entries else None
    if first is None:
        return dict.fromkeys(SINGLE, "") | {"legal_basis_year": None}
    kind = "" if first["kind"] == LegalBasisKind.OTHER else first["kind"]
    return {
        "legal_basis_type": " ".join(p for p in (kind, first["issuer"]) if p)[:40],
        "legal_basis_number": first["number"][:40],
        "legal_basis_year": first["year"],
        "legal_basis_title": first["title"][:255],
    }


def legal_bases_write(programme: Programme, entries: list[dict[str, Any]]) -> None:
    """Replace the programme's list (a handful of rows: delete and insert)."""
    ProgrammeLegalBasis.objects.filter(programme=programme).delete()
    ProgrammeLegalBasis.objects.bulk_create(
        [ProgrammeLegalBasis(programme=programme, position=i, **e) for i, e in enumerate(entries)]
    )
    if hasattr(programme, "_prefetched_objects_cache"):
        programme._prefetched_objects_cache.pop("legal_bases", None)
