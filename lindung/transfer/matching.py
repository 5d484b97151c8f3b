"""What the registry already knows about a file's people, inside the import's transaction: who is registered
and where, who lies outside the uploader's region, who moved village, and who looks like a registered
person under another NIK."""

from __future__ import annotations

import polars as pl

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
