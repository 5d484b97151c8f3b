"""Which workers of Lindung an edition names: by the same NIK, or, when the NIK differs (a typo, a new KTP),
by a similar name with the same birth date and village.

Set-based: the edition's entries and the workers of its region are read as two frames, joined on the NIK,
and the rest blocked on (birth date, village) before RapidFuzz scores the few name pairs left. Names are
compared in the form ``people.names`` normalises them to (titles gone, lower case).
"""

from __future__ import annotations

import polars as pl
from rapidfuzz import fuzz

from lindung.people.models import Worker
from lindung.regions.codes import subtree_q

from .models import RegistryEdition, RegistryEntry, WorkerRegistryMatch

# The lowest name similarity (RapidFuzz token_sort_ratio, 0-100) taken as the same person when birth date and
# village are the same: "Siti Aminnah" and "Siti Aminah" score 95, "Siti Aminah" and "Siti Rahayu" 64.
NAME_MATCH_MIN_SCORE = 88

_ENTRY_SCHEMA = {
    "entry_id": pl.Int64,
    "nik": pl.String,
    "e_name": pl.String,
    "birth_date": pl.Date,
    "village_id": pl.String,
    "decile": pl.Int64,
}
_WORKER_SCHEMA = {
    "worker_id": pl.Int64,
    "nik": pl.String,
    "w_name": pl.String,
    "birth_date": pl.Date,
    "village_id": pl.String,
}


def _entries(edition: RegistryEdition) -> pl.DataFrame:
    rows = RegistryEntry.objects.filter(edition=edition).values_list(
        "pk", "nik", "name_normalized", "birth_date", "village_id", "decile"
    )
    return pl.DataFrame(list(rows), schema=_ENTRY_SCHEMA, orient="row")


def _workers(region_code: str) -> pl.DataFrame:
    rows = Worker.objects.filter(subtree_q("village_id", region_code)).values_list(
        "pk", "nik", "name_normalized", "birth_date", "village_id"
    )
    return pl.DataFrame(list(rows), schema=_WORKER_SCHEMA, orient="row")


def find_matches(entries: pl.DataFrame, workers: pl.DataFrame) -> pl.DataFrame:
    """``worker_id``, ``entry_id``, ``method``, ``score``, ``decile``: one row per worker found."""
    by_nik = workers.join(entries, on="nik").select(
        "worker_id",
        "entry_id",
        pl.lit("nik").alias("method"),
        pl.lit(100, dtype=pl.Int64).alias("score"),
        "decile",
    )
    rest_w = workers.filter(~pl.col("worker_id").is_in(by_nik.get_column("worker_id").implode()))
    rest_e = entries.filter(~pl.col("entry_id").is_in(by_nik.get_column("entry_id").implode()))
    pairs = rest_w.drop_nulls(["birth_date", "village_id"]).join(
        rest_e.drop_nulls(["birth_date", "village_id"]), on=["birth_date", "village_id"]
    )
    if pairs.height:
        # Blocking leaves a few pairs per person; RapidFuzz's C++ scorer is called once per pair.
        scores = [
            round(fuzz.token_sort_ratio(w, e))
            for w, e in zip(pairs.get_column("w_name"), pairs.get_column("e_name"), strict=True)
        ]
        pairs = pairs.with_columns(score=pl.Series(scores, dtype=pl.Int64))
    else:
        pairs = pairs.with_columns(score=pl.lit(0, dtype=pl.Int64))
    by_name = (
        pairs.filter(pl.col("score") >= NAME_MATCH_MIN_SCORE)
        .sort(["worker_id", "score", "entry_id"], descending=[False, True, False])
        .unique("worker_id", keep="first", maintain_order=True)
        .select("worker_id", "entry_id", pl.lit("name").alias("method"), "score", "decile")
    )
    return pl.concat([by_nik, by_name])


def edition_match(edition: RegistryEdition) -> int:
    """Replace the edition's matches with those found now; the number of workers matched."""
    found = find_matches(_entries(edition), _workers(edition.region_id))
    WorkerRegistryMatch.objects.filter(edition=edition).delete()
    WorkerRegistryMatch.objects.bulk_create(
        [
            WorkerRegistryMatch(
                worker_id=worker_id,
                entry_id=entry_id,
                edition=edition,
                edition_date=edition.edition_date,
                method=method,
                score=score,
                decile=decile,
            )
            for worker_id, entry_id, method, score, decile in found.iter_rows()
        ],
        batch_size=2000,
    )
    return found.height
