"""Probable duplicates among people, found by blocking and scored with RapidFuzz. No database here.

The same engine serves the registry scan (``dedup.services``), the import's probable-duplicate flag
(``transfer``) and ``bench/dedup_bench.py``. Steps:

1. Keys, column-wise in Polars: the match key of the name (``people.names.match_key``: titles, bin/binti,
   Muh./Abd., old spelling), its words sorted (so "Aminah Siti" meets "Siti Aminah"), its phonetic key, and
   a birth-date key with day and month in sorted order, so that a swapped day and month land in one block.
2. Blocks (candidate pairs by self-join): (a) the sorted birth date and gender; (b) the phonetic name and the
   kecamatan, for the same person written with another birth date in the same year and village.
3. Scoring: the Indel similarity (``fuzz.ratio``, 0–100) of the match keys without spaces ("TeguhEko"),
   or of their words sorted when that is higher, for every candidate pair. A pair whose lengths alone rule
   out the threshold is decided without calling RapidFuzz (an exact bound: the ratio is at most
   2·min/(a+b)).
4. Evidence beyond the name, when the frames carry a ``nik``: NIKs one or two digits apart (a mistyped NIK)
   make the pair ``NIK_NEAR``, judged with a lower name floor; NIKs further apart keep a pair in another
   village out (namesakes born the same day elsewhere, common at registry scale: their NIKs differ in the
   kecamatan and the serial), unless the name is rare among the people scanned.
5. Decision: the pair is a probable duplicate when its score reaches the threshold of its basis and its NIK
   and name conditions hold (``Thresholds``; the rows live in ``dedup.models.DuplicateThreshold``).

Blocks are processed in slices (by a hash of the block key), so memory stays flat at registry scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
from rapidfuzz import fuzz

from lindung.people.names import match_key_expr, phonetic_of_key_expr

# What the two records share besides a similar name; each has its own threshold (a row).
SAME_DATE_VILLAGE = "same_birth_date_village"
SAME_DATE = "same_birth_date"
SWAPPED_DATE_VILLAGE = "swapped_birth_date_village"
SWAPPED_DATE = "swapped_birth_date"
SAME_NAME_KECAMATAN = "same_name_kecamatan"
# Any block, with NIKs a digit or two apart (a mistyped NIK): the strongest evidence, so the lowest name score.
NIK_NEAR = "nik_near"
BASES = (NIK_NEAR, SAME_DATE_VILLAGE, SAME_DATE, SWAPPED_DATE_VILLAGE, SWAPPED_DATE, SAME_NAME_KECAMATAN)
DEFAULT_MINIMUM = {
    NIK_NEAR: 60,
    SAME_DATE_VILLAGE: 75,
    SAME_DATE: 88,
    SWAPPED_DATE_VILLAGE: 80,
    SWAPPED_DATE: 92,
    SAME_NAME_KECAMATAN: 100,
}
# The most NIK digits that may differ, per basis (absent: any). For NIK_NEAR it says what "near" is; for
# the other bases it is a condition when both NIKs are known: namesakes born the same day in another village
# are common at registry scale, and their NIKs differ in the kecamatan and the serial, not in a typo's one
# or two digits. A pair whose NIK is unknown on one side is judged on the name alone.
DEFAULT_MAX_NIK_DIGITS: dict[str, int | None] = {
    NIK_NEAR: 2,
    SAME_DATE: 2,
    SWAPPED_DATE: 2,
    SAME_NAME_KECAMATAN: 2,
}
# ... unless the name is rare: carried by at most this many of the people scanned (the pair included), two
# namesakes born the same day are unlikely, so the NIK condition is waived (absent: never waived).
DEFAULT_RARE_NAME_PEOPLE: dict[str, int | None] = {SAME_DATE: 3, SWAPPED_DATE: 3}
NIK_DIGITS = 16
# Beyond this many people, a block is a common name, not a lead: "Siti" born in 1980 in one kecamatan.
LARGEST_NAME_BLOCK = 400
PAIRS_PER_SLICE = 3_000_000

PAIR_SCHEMA = {
    "id_a": pl.Int64,
    "id_b": pl.Int64,
    "score": pl.Int16,
    "basis": pl.String,
}


@dataclass(frozen=True)
class Thresholds:
    """The lowest name score (0–100) that makes a pair a probable duplicate, per basis."""

    minimum: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MINIMUM))
    max_nik_digits: dict[str, int | None] = field(default_factory=lambda: dict(DEFAULT_MAX_NIK_DIGITS))
    rare_name_people: dict[str, int | None] = field(default_factory=lambda: dict(DEFAULT_RARE_NAME_PEOPLE))

    def of(self, basis: str) -> int:
        return self.minimum[basis]

    def nik_digits(self, basis: str) -> int | None:
        return self.max_nik_digits.get(basis)

    def rare_name(self, basis: str) -> int | None:
        return self.rare_name_people.get(basis)


@dataclass
class ScanStats:
    people: int = 0
    candidates: int = 0
    found: int = 0


def keyed(people: pl.DataFrame) -> pl.DataFrame:
    """``people`` (id, name, birth_date, gender, kecamatan, village, optionally nik) with the matching keys
    added; ``nik_number`` is the NIK as a number (null when unknown or not 16 digits)."""
    key = match_key_expr(pl.col("name"))
    nik = (
        pl.when(pl.col("nik").str.contains(r"^[0-9]{16}$")).then(pl.col("nik").cast(pl.Int64, strict=False))
        if "nik" in people.columns
        else pl.lit(None, dtype=pl.Int64)
    )
    frame = people.lazy().with_columns(key=key, nik_number=nik)
    day, month = pl.col("birth_date").dt.day(), pl.col("birth_date").dt.month()
    frame = frame.with_columns(
        joined_key=pl.col("key").str.replace_all(" ", "", literal=True),
        sorted_key=pl.col("key").str.split(" ").list.sort().list.join(" "),
        phonetic=phonetic_of_key_expr(pl.col("key")),
        date_key=pl.col("birth_date").dt.year().cast(pl.Int32) * 10000
        + pl.min_horizontal(day, month).cast(pl.Int32) * 100
        + pl.max_horizontal(day, month).cast(pl.Int32),
        year=pl.col("birth_date").dt.year(),
    )
    return frame.with_columns(
        length=pl.col("joined_key").str.len_chars(), name_people=pl.len().over("key").cast(pl.Int32)
    ).collect()


def _pairs_in(left: pl.DataFrame, right: pl.DataFrame | None, on: list[str]) -> pl.DataFrame:
    """Candidate pairs sharing ``on``; within one frame (``right`` None) each pair once."""
    cols = [
        "id",
        "joined_key",
        "sorted_key",
        "length",
        "birth_date",
        "date_key",
        "year",
        "village",
        "nik_number",
        "name_people",
        *on,
    ]
    cols = list(dict.fromkeys(cols))
    a = left.select(cols)
    b = (right if right is not None else left).select(cols)
    joined = a.lazy().join(b.lazy(), on=on, suffix="_b")
    if right is None:
        joined = joined.filter(pl.col("id") < pl.col("id_b"))
    else:
        joined = joined.filter(pl.col("id") != pl.col("id_b"))
    return joined.collect()


def nik_digits_apart(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """How many of the 16 digits of two NIKs (as numbers) differ; null when either is unknown."""
    apart = pl.lit(0, dtype=pl.Int8)
    for i in range(NIK_DIGITS):
        apart = apart + ((a // 10**i) % 10 != (b // 10**i) % 10).cast(pl.Int8)
    return apart


def _based(pairs: pl.DataFrame, basis_expr: pl.Expr, thresholds: Thresholds) -> pl.DataFrame:
    """``pairs`` with their basis (NIK_NEAR before the block's own) and its floor; pairs whose NIKs are
    further apart than their basis allows are dropped."""
    near = thresholds.nik_digits(NIK_NEAR)
    apart = pl.col("nik_apart")
    pairs = pairs.with_columns(nik_apart=nik_digits_apart(pl.col("nik_number"), pl.col("nik_number_b")))
    basis = (
        basis_expr if near is None else pl.when(apart <= near).then(pl.lit(NIK_NEAR)).otherwise(basis_expr)
    )
    limits = {b: -1 if (n := thresholds.nik_digits(b)) is None else n for b in BASES}
    rare = {b: -1 if (n := thresholds.rare_name(b)) is None else n for b in BASES}
    pairs = pairs.with_columns(basis=basis).with_columns(
        floor=pl.col("basis").replace_strict(thresholds.minimum, return_dtype=pl.Int16),
        nik_limit=pl.col("basis").replace_strict(limits, return_dtype=pl.Int8),
        rare_limit=pl.col("basis").replace_strict(rare, return_dtype=pl.Int32),
    )
    people = pl.max_horizontal("name_people", "name_people_b")
    allowed = (
        apart.is_null()
        | (pl.col("nik_limit") < 0)
        | (apart <= pl.col("nik_limit"))
        | (people <= pl.col("rare_limit"))
    )
    return pairs.filter(allowed)


def _decide(pairs: pl.DataFrame, basis_expr: pl.Expr, thresholds: Thresholds) -> pl.DataFrame:
    """Score ``pairs`` and keep those that reach their basis's threshold."""
    pairs = _based(pairs, basis_expr, thresholds)
    # The exact length bound: a pair that cannot reach its floor is not worth a RapidFuzz call.
    bound = 200 * pl.min_horizontal("length", "length_b") / (pl.col("length") + pl.col("length_b"))
    pairs = pairs.filter(bound >= pl.col("floor"))
    if pairs.is_empty():
        return pl.DataFrame(schema=PAIR_SCHEMA)
    scores = list(map(fuzz.ratio, pairs["joined_key"].to_list(), pairs["joined_key_b"].to_list()))
    pairs = pairs.with_columns(score=pl.Series(scores, dtype=pl.Float64).round(0).cast(pl.Int16))
    # Words in another order ("Aminah Siti"): the sorted words, only for the pairs still below their floor.
    low = pairs.filter(pl.col("score") < pl.col("floor"))
    scores = list(map(fuzz.ratio, low["sorted_key"].to_list(), low["sorted_key_b"].to_list()))
    low = low.with_columns(score=pl.Series(scores, dtype=pl.Float64).round(0).cast(pl.Int16))
    pairs = pl.concat(
        [pairs.filter(pl.col("score") >= pl.col("floor")), low.filter(pl.col("score") >= pl.col("floor"))]
    )
    return pairs.select(
        id_a=pl.min_horizontal("id", "id_b"),
        id_b=pl.max_horizontal("id", "id_b"),
        score="score",
        basis="basis",
    )


def _slices(frame: pl.DataFrame, block: list[str], limit: int | None) -> list[pl.DataFrame]:
    """``frame`` cut into slices of whole blocks, each with about PAIRS_PER_SLICE candidate pairs."""
    sizes = frame.group_by(block).len()
    if limit is not None:
        sizes = sizes.filter(pl.col("len") <= limit)
    sizes = sizes.filter(pl.col("len") > 1)
    pairs = int((sizes["len"] * (sizes["len"] - 1) // 2).sum() or 0)
    count = max(1, pairs // PAIRS_PER_SLICE + 1)
    kept = frame.join(sizes.select(block), on=block, how="semi")
    if count == 1:
        return [kept]
    part = pl.struct(block).hash(seed=7) % count
    return [kept.filter(part == i) for i in range(count)]


def probable_duplicates(
    people: pl.DataFrame, *, thresholds: Thresholds, against: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, ScanStats]:
    """Probable duplicate pairs (id_a < id_b, score, basis) within ``people`` or between it and ``against``.

    Both frames hold id, name, birth_date, gender, kecamatan and village (codes). A pair found by both blocks is kept once,
    with its better basis (the birth date).
    """
    stats = ScanStats(people=people.height)
    left = keyed(people)
    right = keyed(against) if against is not None else None
    found = []
    date_block = ["date_key", "gender"]
    same_date = pl.col("birth_date") == pl.col("birth_date_b")
    same_village = pl.col("village") == pl.col("village_b")
    date_basis = (
        pl.when(same_date & same_village)
        .then(pl.lit(SAME_DATE_VILLAGE))
        .when(same_date)
        .then(pl.lit(SAME_DATE))
        .when(same_village)
        .then(pl.lit(SWAPPED_DATE_VILLAGE))
        .otherwise(pl.lit(SWAPPED_DATE))
    )
    name_block = ["phonetic", "kecamatan"]
    for block, basis, limit, extra in (
        (date_block, date_basis, None, None),
        (
            name_block,
            pl.lit(SAME_NAME_KECAMATAN),
            LARGEST_NAME_BLOCK,
            (pl.col("year") == pl.col("year_b"))
            & (pl.col("village") == pl.col("village_b"))
            & (pl.col("date_key") != pl.col("date_key_b")),
        ),
    ):
        for part in _slices(left, block, limit) if right is None else [left]:
            pairs = _pairs_in(part, right, block)
            if extra is not None:
                pairs = pairs.filter(extra)
            stats.candidates += pairs.height
            found.append(_decide(pairs, basis, thresholds))
    result = pl.concat(found) if found else pl.DataFrame(schema=PAIR_SCHEMA)
    result = result.sort("basis").unique(["id_a", "id_b"], keep="first", maintain_order=True)
    stats.found = result.height
    return result, stats
