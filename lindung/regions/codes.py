"""Kemendagri region codes as text: the one place that knows how a dotted code is built.

A code is ``PP`` (province), ``PP.KK`` (kabupaten/kota), ``PP.KK.CC`` (kecamatan) or ``PP.KK.CC.DDDD``
(desa/kelurahan) (docs/adr/0001). Everything below a region is the byte range ``'62.03.' <= code <
'62.03/'`` ('/' follows '.' in ASCII), which a plain B-tree index answers on both databases. ``""`` (or
``None``) stands for the whole country. Nobody else splits a code on dots.
"""

from __future__ import annotations

from django.db.models import Q

SEPARATOR = "."
# The character right after the separator in ASCII: the exclusive upper end of a subtree's range.
_AFTER_SEPARATOR = chr(ord(SEPARATOR) + 1)

COUNTRY, PROVINCE, REGENCY, DISTRICT, VILLAGE = 0, 1, 2, 3, 4


def level(code: str | None) -> int:
    """0 for the whole country, 1 province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
    return code.count(SEPARATOR) + 1 if code else COUNTRY


def is_village(code: str | None) -> bool:
    return level(code) == VILLAGE


def within(code: str | None, region: str | None) -> bool:
    """Whether ``code`` is ``region`` itself or lies below it; everything lies within the whole country."""
    if not region:
        return True
    code = code or ""
    return code == region or code.startswith(region + SEPARATOR)


def overlap(a: str | None, b: str | None) -> bool:
    """Whether two regions share ground: one lies within the other (the country overlaps everything)."""
    return within(a, b) or within(b, a)


def ancestors(code: str | None) -> list[str]:
    """The codes above ``code``, from the province down, without ``code`` itself."""
    if not code:
        return []
    parts = code.split(SEPARATOR)
    return [SEPARATOR.join(parts[:i]) for i in range(1, len(parts))]


def ancestors_and_self(code: str | None) -> list[str]:
    return [*ancestors(code), code] if code else []


def parent(code: str | None) -> str:
    """The code one level up; ``""`` (the country) for a province."""
    found = ancestors(code)
    return found[-1] if found else ""


def at_level(code: str, wanted: int) -> str:
    """The ancestor (or self) of ``code`` at level ``wanted``; ``""`` for level 0."""
    return SEPARATOR.join(code.split(SEPARATOR)[:wanted]) if wanted else ""


def subtree_range(code: str) -> tuple[str, str]:
    """``(low, high)`` with every strict descendant of ``code`` in ``low <= c < high``."""
    return code + SEPARATOR, code + _AFTER_SEPARATOR


def subtree_q(field: str, code: str | None) -> Q:
    """Q for rows whose ``field`` is ``code`` or any region below it. ``None`` or ``""`` is the whole country."""
    if not code:
        return Q()
    low, high = subtree_range(code)
    return Q(**{field: code}) | Q(**{f"{field}__gte": low, f"{field}__lt": high})


def minimal(codes) -> list[str]:
    """The fewest codes that cover ``codes``: drop every code that lies within another one."""
    out: list[str] = []
    for code in sorted(set(codes), key=lambda c: (level(c), c)):
        if not any(within(code, p) for p in out):
            out.append(code)
    return sorted(out)
