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


# --- Matching keys (dedup, the import's probable-duplicate flag) ---------------------------------------------
# ``match_key`` goes further than ``normalize_name``: it is for comparing two spellings of one person, never
# for display. Each step is one Indonesian naming habit seen on village lists:
# - "bin"/"binti" and the father's name after it are left off (lists disagree on writing them);
# - abbreviations of Muhammad and Abdul are written out ("Muh.", "Moh.", "Mhd", "M." first; "Abd.");
# - the old spelling (before EYD 1972) and the new one meet: oe→u, dj→j, tj→c, nj→ny, sj→sy, ch→kh, and
#   j and y become one letter, because the old "j" is the new "y" ("Jusuf"/"Yusuf") while the old "dj" is the
#   new "j" ("Djoko"/"Joko"): after dj→j every j is folded into y, so all three spellings agree.
PATRONYM_PATTERN = r"\s(?:bin|binti|bt|bn)\s.*$"
MUHAMMAD_PATTERN = (
    r"(?:^|\s)(?:muh|moh|mhd|mhmd|muhd|mochammad|mohammad|mohamad|mohamed|muhamad|muhammed|mochamad|moch|mukhammad)"
    r"(?:$|\s)"
)
MUHAMMAD_INITIAL_PATTERN = r"^m\s"
ABDUL_PATTERN = r"(?:^|\s)(?:abd|abdoel|abdul)(?:$|\s)"
SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("nj", "ny"), ("sj", "sy"), ("ch", "kh"), ("j", "y"))

_patronym = re.compile(PATRONYM_PATTERN)
_muhammad = re.compile(MUHAMMAD_PATTERN)
_muhammad_initial = re.compile(MUHAMMAD_INITIAL_PATTERN)
_abdul = re.compile(ABDUL_PATTERN)
_CONSONANTS = "bcdfghjklmnpqrstvwxyz"


def match_key(name: str) -> str:
    """The form two spellings of one person share: "Moh. Djoesoef bin Abd. Kadir" → "muhammad yusuf"."""
    s = " " + normalize_name(name).replace("'", "") + " "
    s = _patronym.sub(" ", s.rstrip() + " ").strip()
    s = _muhammad.sub(" muhammad ", " " + s + " ")
    s = _muhammad.sub(" muhammad ", s).strip()
    s = _muhammad_initial.sub("muhammad ", s)
    s = _abdul.sub(" abdul ", " " + s + " ")
    s = _abdul.sub(" abdul ", s)
    for old, new in SPELLINGS:
        s = s.replace(old, new)
    return _spaces.sub(" ", s).strip()


def phonetic_key(name: str) -> str:
    """A coarse sound key for blocking: the match key with doubled letters single and vowels after the first
    letter of each word dropped ("Siti Aminnah" and "Siti Aminah" → "st mnh")."""
    words = []
    for word in match_key(name).split():
        rest = re.sub(r"[aiueo]", "", word[1:])
        for letter in _CONSONANTS:
            rest = rest.replace(letter + letter, letter)
        words.append(word[0] + rest)
    return " ".join(words)


def match_key_expr(col: pl.Expr) -> pl.Expr:
    """``match_key`` over a Polars column (the same steps, in the Rust regex engine)."""
    s = pl.lit(" ") + normalize_name_expr(col).str.replace_all("'", "", literal=True) + pl.lit(" ")
    s = s.str.replace(PATRONYM_PATTERN, " ").str.strip_chars()
    s = (pl.lit(" ") + s + pl.lit(" ")).str.replace_all(MUHAMMAD_PATTERN, " muhammad ")
    s = s.str.replace_all(MUHAMMAD_PATTERN, " muhammad ").str.strip_chars()
    s = s.str.replace(MUHAMMAD_INITIAL_PATTERN, "muhammad ")
    s = (pl.lit(" ") + s + pl.lit(" ")).str.replace_all(ABDUL_PATTERN, " abdul ")
    s = s.str.replace_all(ABDUL_PATTERN, " abdul ")
    for old, new in SPELLINGS:
        s = s.str.replace_all(old, new, literal=True)
    return s.str.replace_all(SPACES_PATTERN, " ").str.strip_chars()


def phonetic_key_expr(col: pl.Expr) -> pl.Expr:
    """``phonetic_key`` over a Polars column."""
    return phonetic_of_key_expr(match_key_expr(col))


def phonetic_of_key_expr(key: pl.Expr) -> pl.Expr:
    """``phonetic_key`` from a column that already holds match keys (saves computing them twice)."""
    # Word by word without exploding the column: a vowel after a letter is dropped (the word's first letter
    # follows a space or the start, so it stays), then doubled consonants are made single.
    s = key.str.replace_all(r"([a-z])[aiueo]+", "$1")
    s = s.str.replace_all(r"([a-z])[aiueo]+", "$1")
    for letter in _CONSONANTS:
        s = s.str.replace_all(letter + letter, letter, literal=True)
    return s
