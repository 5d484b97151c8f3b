"""What the registry already knows about a file's people, inside the import's transaction: who is registered
and where, who lies outside the uploader's region, who moved village, and who looks like a registered
person under another NIK: the same written name and birth date (a twin), or the same dedup name key
(``people.names.match_key``: titles, bin/binti, Muh./Abd., old spelling) and birth date, either day/month order
(a probable duplicate). Both are warnings naming the other person, never a silent reject."""

from __future__ import annotations

import polars as pl
from rapidfuzz import fuzz

from lindung.people.names import match_key_expr
from lindung.people.selectors import mask_nik

from . import lookups
from .checks import message
from .outcome import long_findings
from .region_columns import within


def match_registry(cursor, data: pl.DataFrame, *, region: str) -> tuple[pl.DataFrame, pl.DataFrame, list]:
    """``data`` with ``worker_id``, ``old_village`` and ``old_kpj`` of the registered (null for the new),
    the registered rows themselves (``nik``, ``worker_id``, ``old_village``, ``old_kpj``), and the findings.

    Only the first row of each readable NIK is looked up; a later one is a duplicate in the file already.
    """
    keys = (
        data.select(
            pl.col("nik_digits").alias("nik"),
            pl.col("name_normalized").alias("name"),
            pl.col("birth_date_final").alias("birth"),
        )
        .filter(pl.col("nik").is_not_null())
        .unique("nik", keep="first", maintain_order=True)
    )
    size = lookups.registry_size(cursor)
    # A file about as big as the registry reads it once; a small file probes it.
    whole = lookups.registry_rows(cursor) if size and size <= 2 * keys.height else None
    if whole is not None:
        existing = whole.select("nik", "worker_id", "old_village", "old_kpj").join(
            keys.select("nik"), on="nik", how="semi"
        )
    else:
        existing = lookups.existing_workers(cursor, keys["nik"].to_list(), size=size)
    # Joined on the key column alone and attached, so the wide frame is not copied.
    found = data.select("nik_digits").join(
        existing.rename({"nik": "nik_digits"}), on="nik_digits", how="left", maintain_order="left"
    )
    data = data.with_columns(found["worker_id"], found["old_village"], found["old_kpj"])
    findings = [*_scope_findings(data, region), _moved_findings(data, region)]
    findings += _registry_twins(cursor, data, keys, whole=whole, size=size, region=region)
    findings += _registry_probable(cursor, data, keys, whole=whole, size=size, region=region)
    return data, existing, findings


def _scope_findings(data: pl.DataFrame, region: str) -> list[pl.DataFrame]:
    """Rows for a village outside the uploader's region, and people registered outside it: those say only
    that, never where (UU PDP: the registry is not an oracle for other regions)."""
    if not region:
        return []
    outside = data.filter((pl.col("village_final") != "") & ~within(pl.col("village_final"), region))
    foreign = data.filter(pl.col("old_village").is_not_null() & ~within(pl.col("old_village"), region))
    return [
        long_findings(
            outside,
            "village_outside_scope",
            message("village_outside_scope", village=pl.col("village_final"), scope=region),
        ),
        long_findings(
            foreign,
            "registered_outside_scope",
            message("registered_outside_scope"),
        ),
    ]


def _moved_findings(data: pl.DataFrame, region: str) -> pl.DataFrame:
    """People moving between villages of the uploader's region (one registered outside it is refused, and
    its old village is not named)."""
    moved = data.filter(
        pl.col("old_village").is_not_null()
        & (pl.col("old_village") != pl.col("village_final"))
        & (pl.col("village_final") != "")
        & (within(pl.col("old_village"), region) if region else pl.lit(True))
    )
    return long_findings(
        moved,
        "moved_village",
        message("moved_village", old=pl.col("old_village"), new=pl.col("village_final")),
    )


def _registry_twins(
    cursor, data: pl.DataFrame, keys: pl.DataFrame, *, whole: pl.DataFrame | None, size: int, region: str
) -> list[pl.DataFrame]:
    """Rows whose name and birth date belong to a registered person under another NIK in the uploader's
    region (a warning); people outside it are not disclosed, not even masked."""
    # A twin that is itself in this file is already reported as an in-file twin; leaving it out also keeps a
    # re-upload of the same file from finding "new" twins in what its first upload registered.
    named = keys.filter((pl.col("name") != "") & pl.col("birth").is_not_null())
    registered = (
        whole.select(
            "name",
            "birth",
            pl.col("nik").alias("other_nik"),
            pl.col("old_village").alias("other_village"),
        )
        if whole is not None
        else lookups.registered_names(cursor, named["name"].unique().to_list(), size=size)
    )
    # Registered people who are in the file are left out before the join, not after: on a re-upload every
    # row would otherwise first match itself (a million-row intermediate frame).
    registered = registered.join(keys.select(pl.col("nik").alias("other_nik")), on="other_nik", how="anti")
    if region:
        registered = registered.filter(within(pl.col("other_village"), region))
    twins = (
        named.join(registered, on=["name", "birth"])
        .filter(pl.col("other_nik") != pl.col("nik"))
        .unique("nik", keep="first", maintain_order=True)
    )
    del registered
    if not twins.height:
        return []
    twins = twins.with_columns(pl.col("other_nik").map_elements(mask_nik, return_dtype=pl.String))
    hits = data.select("_row", "nik_digits").join(
        twins.select(pl.col("nik").alias("nik_digits"), "other_nik", "other_village"), on="nik_digits"
    )
    return [
        long_findings(
            hits,
            "possible_duplicate_in_registry",
            message(
                "possible_duplicate_in_registry",
                other_nik=pl.col("other_nik"),
                village=pl.col("other_village"),
            ),
        )
    ]


# --- Probable duplicates: the dedup name key and the birth date in either day/month order -------------------


def date_key_expr(date: pl.Expr) -> pl.Expr:
    """The birth date with day and month in sorted order (as ``dedup.engine``): 7 Aug and 8 Jul meet."""
    day, month = date.dt.day().cast(pl.Int32), date.dt.month().cast(pl.Int32)
    return (
        date.dt.year().cast(pl.Int32) * 10000
        + pl.min_horizontal(day, month) * 100
        + pl.max_horizontal(day, month)
    )


def _probable_keys(frame: pl.DataFrame, name: str, birth: str) -> pl.DataFrame:
    return frame.filter((pl.col(name) != "") & pl.col(birth).is_not_null()).with_columns(
        mkey=match_key_expr(pl.col(name)), date_key=date_key_expr(pl.col(birth))
    )


def _name_score(frame: pl.DataFrame, a: str, b: str) -> pl.Series:
    """RapidFuzz Indel similarity (0–100) of the two written names, only for the few rows flagged."""
    scores = map(fuzz.ratio, frame[a].to_list(), frame[b].to_list())
    return pl.Series("score", list(scores), dtype=pl.Float64).round(0).cast(pl.Int16)


def file_probable_duplicates(data: pl.DataFrame) -> pl.DataFrame:
    """Later rows whose name key and birth date (either day/month order) meet an earlier row's under another
    NIK, when they are not the same written name and date (those are ``possible_duplicate_in_file``)."""
    valid = data.select(
        "_row", "nik_digits", "name_normalized", "full_name_clean", "birth_date_final"
    ).filter(pl.col("nik_digits").is_not_null() & pl.col("nik_digits").is_first_distinct())
    keyed = _probable_keys(valid, "name_normalized", "birth_date_final")
    person = ["mkey", "date_key"]
    first = keyed.filter(pl.struct(person).is_first_distinct()).select(
        *person,
        pl.col("_row").alias("other_row"),
        pl.col("full_name_clean").alias("other_name"),
        pl.col("name_normalized").alias("other_normalized"),
        pl.col("birth_date_final").alias("other_birth"),
    )
    later = (
        keyed.filter(~pl.struct(person).is_first_distinct())
        .join(first, on=person)
        .filter(
            (pl.col("name_normalized") != pl.col("other_normalized"))
            | (pl.col("birth_date_final") != pl.col("other_birth"))
        )
    )
    later = later.with_columns(_name_score(later, "name_normalized", "other_normalized"))
    return long_findings(
        later,
        "probable_duplicate_in_file",
        message(
            "probable_duplicate_in_file",
            other_row=pl.col("other_row"),
            other_name=pl.col("other_name"),
            score=pl.col("score"),
        ),
    )


def _registry_probable(
    cursor, data: pl.DataFrame, keys: pl.DataFrame, *, whole: pl.DataFrame | None, size: int, region: str
) -> list[pl.DataFrame]:
    """Rows whose name key and birth date (either order) meet a registered person's under another NIK in the
    uploader's region, other than an exact twin (``possible_duplicate_in_registry``). The registry is read by
    birth date (both orders), or taken from the whole read a large file already made."""
    if not size:
        return []
    mine = _probable_keys(keys, "name", "birth")
    if not mine.height:
        return []
    if whole is not None:
        registered = whole.select(
            "name", "birth", pl.col("nik").alias("other_nik"), pl.col("old_village").alias("other_village")
        ).filter(pl.col("birth").is_not_null())
    else:
        birth = pl.col("birth")
        swapped = pl.date(birth.dt.year(), birth.dt.day(), birth.dt.month())
        dates = pl.concat(
            [mine["birth"], mine.filter(birth.dt.day() <= 12).select(swapped.alias("birth"))["birth"]]
        )
        registered = lookups.registered_born(cursor, dates.unique().sort().to_list(), size=size)
    # Registered people in the file are left out first (a re-upload would otherwise meet itself), and only
    # the birth dates of the file are keyed, so a large registry costs little more than a join.
    registered = registered.join(keys.select(pl.col("nik").alias("other_nik")), on="other_nik", how="anti")
    if region:
        registered = registered.filter(within(pl.col("other_village"), region))
    registered = registered.filter(date_key_expr(pl.col("birth")).is_in(mine["date_key"].unique().implode()))
    other = _probable_keys(registered, "name", "birth").select(
        "mkey",
        "date_key",
        "other_nik",
        "other_village",
        pl.col("name").alias("other_normalized"),
        pl.col("birth").alias("other_birth"),
    )
    hits = (
        mine.join(other, on=["mkey", "date_key"])
        .filter(
            (pl.col("other_nik") != pl.col("nik"))
            & ((pl.col("name") != pl.col("other_normalized")) | (pl.col("birth") != pl.col("other_birth")))
        )
        .unique("nik", keep="first", maintain_order=True)
    )
    if not hits.height:
        return []
    names = lookups.full_names(cursor, hits["other_nik"].unique().to_list(), size=size)
    hits = hits.with_columns(_name_score(hits, "name", "other_normalized"))
    hits = hits.join(names, on="other_nik", how="left", maintain_order="left").with_columns(
        pl.col("other_nik").map_elements(mask_nik, return_dtype=pl.String)
    )
    rows = data.select("_row", "nik_digits").join(
        hits.select(pl.col("nik").alias("nik_digits"), "other_nik", "other_name", "other_village", "score"),
        on="nik_digits",
    )
    return [
        long_findings(
            rows,
            "probable_duplicate_in_registry",
            message(
                "probable_duplicate_in_registry",
                other_name=pl.col("other_name"),
                other_nik=pl.col("other_nik"),
                village=pl.col("other_village"),
                score=pl.col("score"),
            ),
        )
    ]
