"""Name normalisation for search and matching: "Hj. SITI  Aminah, S.Pd" → "siti aminah".

The same patterns serve one name (``normalize_name``) and a Polars column (``normalize_name_expr``), so the
import pipeline and the form always agree.
"""

from __future__ import annotations

import re

import polars as pl

# Academic and religious titles written before or after names on KTP-style lists. Matched as whole tokens,
# with or without dots, so "H." and "H" go but "Hadi" stays. No look-around: Polars uses the Rust regex
# engine, which has none; the trailing separator is consumed instead, hence the second pass.
_TITLES = (
    r"h|hj|hajjah|haji|kh|ust|ustadz|ustadzah|drs|dra|dr|ir|prof|"
    r"s\.?\s?pd\.?\s?i|s\.?\s?pd|s\.?\s?ag|s\.?\s?sos|s\.?\s?kom|s\.?\s?ip|s\.?\s?hut|s\.?\s?p|s\.?\s?e|"
    r"s\.?\s?h|s\.?\s?t|s\.?\s?kep|s\.?\s?km|s\.?\s?si|a\.?\s?md|amd|m\.?\s?pd|m\.?\s?si|m\.?\s?m|m\.?\s?h|"
    r"m\.?\s?ag|se|sh|mm|mh"
)
TITLE_PATTERN = rf"(?:^|[\s,])(?:{_TITLES})\.?(?:$|[\s,.])"
NON_LETTER_PATTERN = r"[^a-z' ]+"
SPACES_PATTERN = r"\s+"

_title = re.compile(TITLE_PATTERN)
_non_letter = re.compile(NON_LETTER_PATTERN)
_spaces = re.compile(SPACES_PATTERN)


def normalize_name(name: str) -> str:
    s = _spaces.sub(" ", (name or "").lower()).strip()
    # Titles can stack ("Hj. Dra."); removing them twice is enough for every list seen so far.
    s = _title.sub(" ", _title.sub(" ", s))
    s = _non_letter.sub(" ", s)
    return _spaces.sub(" ", s).strip()


def normalize_name_expr(col: pl.Expr) -> pl.Expr:
    s = col.str.to_lowercase().str.replace_all(SPACES_PATTERN, " ").str.strip_chars()
    s = s.str.replace_all(TITLE_PATTERN, " ").str.replace_all(TITLE_PATTERN, " ")
    s = s.str.replace_all(NON_LETTER_PATTERN, " ")
    return s.str.replace_all(SPACES_PATTERN, " ").str.strip_chars()
