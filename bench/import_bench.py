"""Import benchmark: Lindung's pipeline against django-import-export and against the raw ceiling.

    python bench/import_bench.py --rows 1000000 --format csv --db sqlite
    python bench/import_bench.py --rows 200000 --format xlsx --db postgres

Generates a synthetic village list (about 2 % damaged NIKs, 1 % repeated NIKs, title and totals rows;
``bench/synthetic.py``) into a fresh data folder, then runs each contender in its own process, so that its
peak memory is its own:

- ``lindung``: the real service (``transfer.services.import_file``), end to end: storing the upload,
  reading, every check, one transaction of set-based writes, the audit event. Then the same file again
  (every row unchanged).
- ``import-export``: django-import-export on a 20,000-row sample of the same file (CSV), with its defaults
  and in bulk mode. It checks nothing but the database constraints, so rows it cannot save are counted.
- ``ceiling``: a Polars read plus a bare insert (``executemany`` on SQLite, ``COPY`` on PostgreSQL) of the
  file's 13 text columns into a table with a unique NIK index: what the hardware allows with no checks at
  all. Once in file order and once sorted by NIK (as Lindung inserts). And once into the real worker table
  (``ceiling-worker``): every column, constraint and index it has, a plain insert with no checks; the
  honest ceiling for Lindung's own number. The registry table itself is wider
  (27 columns) and has five more indexes on SQLite, nine on PostgreSQL; the step timings show their cost.

``--db postgres`` runs itself again under ``scripts/with-postgres`` (a throwaway cluster) unless
``DATABASE_URL`` is already set. The result workbook is built on request, not during an import; its time is
printed separately.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(data_dir: str) -> None:
    os.environ["LINDUNG_DATA_DIR"] = data_dir
    os.environ.setdefault("LINDUNG_MAX_UPLOAD_MB", "4096")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
    import django

    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _truncate() -> None:
    from django.db import connection

    from lindung.people.models import Worker

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {Worker._meta.db_table} CASCADE")
        else:
            cursor.execute(f"DELETE FROM {Worker._meta.db_table}")  # noqa: S608


# --- Stages (each in its own process) -----------------------------------------------------------------


def stage_lindung(path: Path, again: bool, result: bool = False) -> dict:
    from lindung.transfer.services import import_file

    if not again:
        _truncate()
    started = time.perf_counter()
    batch = import_file(actor=None, path=path)
    seconds = time.perf_counter() - started
    assert batch.status == "done", batch.message
    rows = batch.rows_total
    result_seconds = None
    if result:
        from lindung.transfer.services import import_result_workbook

        t = time.perf_counter()
        import_result_workbook(batch=batch)
        result_seconds = time.perf_counter() - t
    from lindung.core.models import AuditEvent

    timings = AuditEvent.objects.filter(action="import.run").latest("id").detail.get("timings", {})
    return {
        "rows": rows,
        "seconds": seconds,
        "timings": timings,
        "peak_mb": _peak_mb(),
        "note": f"{batch.accepted + batch.flagged} imported ({batch.inserted} new, {batch.updated} updated, "
        f"{batch.unchanged} unchanged), {batch.rejected} rejected, {batch.skipped} skipped",
        "result_seconds": result_seconds,
    }


def _resource(bulk: bool):
    from import_export import fields, resources, widgets

    from lindung.people.models import Worker
    from lindung.people.names import normalize_name
    from lindung.regions.models import Region
    from lindung.transfer.parsing import category_codes

    codes = category_codes()

    class CategoryWidget(widgets.CharWidget):
        def clean(self, value, row=None, **kwargs):
            key = "".join(ch for ch in str(value or "").lower() if ch.isalnum())
            return codes.get(key, "informal_lain")

    class WorkerResource(resources.ModelResource):
        nik = fields.Field(attribute="nik", column_name="NIK")
        full_name = fields.Field(attribute="full_name", column_name="NAMA LENGKAP")
        birth_place = fields.Field(attribute="birth_place", column_name="TEMPAT LAHIR")
        birth_date = fields.Field(
            attribute="birth_date", column_name="TGL LAHIR", widget=widgets.DateWidget("%d-%m-%Y")
        )
        gender = fields.Field(attribute="gender", column_name="JK")
        address = fields.Field(attribute="address", column_name="ALAMAT")
        rt = fields.Field(attribute="rt", column_name="RT")
        rw = fields.Field(attribute="rw", column_name="RW")
        phone = fields.Field(attribute="phone", column_name="NO HP")
        occupation_1 = fields.Field(attribute="occupation_1", column_name="PEKERJAAN")
        category = fields.Field(attribute="category", column_name="KATEGORI", widget=CategoryWidget())
        village = fields.Field(
            attribute="village", column_name="KODE DESA", widget=widgets.ForeignKeyWidget(Region, "code")
        )

        def before_save_instance(self, instance, row, **kwargs):
            instance.name_normalized = normalize_name(instance.full_name)

        class Meta:
            model = Worker
            import_id_fields = ("nik",)
            fields = (
                "nik",
                "full_name",
                "birth_place",
                "birth_date",
                "gender",
                "address",
                "rt",
                "rw",
                "phone",
                "occupation_1",
                "category",
                "village",
            )
            skip_unchanged = True
            use_bulk = bulk
            batch_size = 1000
            skip_diff = bulk

    return WorkerResource()


def stage_import_export(path: Path, bulk: bool) -> dict:
    import polars as pl
    import tablib

    _truncate()
    frame = pl.read_csv(path, separator=";", skip_lines=2, infer_schema=False).filter(
        pl.col("NIK").is_not_null()
    )
    # Only what fits the table: import-export checks nothing, so a 15-digit NIK would abort the transaction.
    frame = frame.filter(pl.col("NIK").str.contains(r"^\d{16}$"))
    dataset = tablib.Dataset(headers=frame.columns)
    for row in frame.iter_rows():
        dataset.append(row)
    started = time.perf_counter()
    result = _resource(bulk).import_data(dataset, dry_run=False, raise_errors=False, use_transactions=True)
    seconds = time.perf_counter() - started
    return {
        "rows": frame.height,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "note": f"valid-NIK rows only; {result.totals.get('new', 0)} new, {result.totals.get('update', 0)} updated, "
        f"{len(result.row_errors())} row errors; no checks",
    }


def stage_ceiling(path: Path, fmt: str, *, sort: bool = False) -> dict:
    import polars as pl
    from django.db import connection, transaction

    started = time.perf_counter()
    if fmt == "csv":
        frame = pl.read_csv(path, separator=";", skip_lines=2, infer_schema=False, truncate_ragged_lines=True)
    else:
        frame = pl.read_excel(path, engine="calamine", read_options={"header_row": 2}, infer_schema_length=0)
    frame = frame.filter(pl.col("NIK").is_not_null()).unique("NIK", keep="first")
    if sort:  # as Lindung inserts: the unique index then grows at its end
        frame = frame.sort("NIK")
    cols = [f"c{i}" for i in range(frame.width)]
    frame.columns = cols
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_ceiling")
        cursor.execute(
            f"CREATE TABLE bench_ceiling (id {'bigserial' if connection.vendor == 'postgresql' else 'INTEGER'} PRIMARY KEY, {', '.join(c + ' text' for c in cols)})"
        )
        cursor.execute("CREATE UNIQUE INDEX bench_ceiling_nik ON bench_ceiling (c1)")
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY bench_ceiling ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv)"
            ) as copy:
                for start in range(0, frame.height, 200_000):
                    copy.write(frame.slice(start, 200_000).write_csv(include_header=False))
        else:
            marks = ", ".join(["?"] * len(cols))
            connection.connection.executemany(
                f"INSERT INTO bench_ceiling ({', '.join(cols)}) VALUES ({marks})",  # noqa: S608
                zip(*[frame[c].to_list() for c in cols], strict=True),
            )
        cursor.execute("DROP TABLE bench_ceiling")
    seconds = time.perf_counter() - started
    return {
        "rows": frame.height,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "note": "read + insert, no checks" + (", in NIK order" if sort else ""),
    }


def stage_ceiling_worker(path: Path, fmt: str, *, sort: bool = False) -> dict:
    """The honest ceiling: the same rows, read by Polars and bare-inserted into the real worker table, with
    every column (27), its constraints and its indexes as they stand. No checks beyond what a cast needs:
    rows whose NIK is not 16 digits or whose date does not parse would break the table's CHECK, so they are
    left out (the count says how many went in)."""
    import polars as pl
    from django.db import connection, transaction
    from django.utils import timezone

    from lindung.people.models import Worker

    _truncate()
    started = time.perf_counter()
    if fmt == "csv":
        frame = pl.read_csv(path, separator=";", skip_lines=2, infer_schema=False, truncate_ragged_lines=True)
    else:
        frame = pl.read_excel(path, engine="calamine", read_options={"header_row": 2}, infer_schema_length=0)
    now = timezone.now().isoformat()
    frame = (
        frame.filter(pl.col("NIK").str.contains(r"^[0-9]{16}$"))
        .unique("NIK", keep="first")
        .select(
            nik=pl.col("NIK"),
            kk_number=pl.lit(""),
            full_name=pl.col("NAMA LENGKAP").fill_null(""),
            name_normalized=pl.col("NAMA LENGKAP").fill_null("").str.to_lowercase(),
            birth_place=pl.col("TEMPAT LAHIR").fill_null(""),
            birth_date=pl.col("TGL LAHIR").str.to_date("%d-%m-%Y", strict=False),
            gender=pl.col("JK").fill_null("L").str.slice(0, 1),
            village_id=pl.col("KODE DESA"),
            address=pl.col("ALAMAT").fill_null("").str.slice(0, 255),
            rt=pl.col("RT").fill_null("").str.slice(0, 3),
            rw=pl.col("RW").fill_null("").str.slice(0, 3),
            phone=pl.col("NO HP").fill_null("").str.slice(0, 16),
            email=pl.lit(""),
            occupation_1=pl.col("PEKERJAAN").fill_null("").str.slice(0, 80),
            occupation_2=pl.lit(""),
            category=pl.lit("informal_lain"),
            wage_status=pl.lit("BPU"),
            poverty_evidence=pl.lit(""),
            poverty_note=pl.lit(""),
            kpj=pl.lit(""),
            findings=pl.lit("[]"),
            needs_review=pl.lit(False),
            created_at=pl.lit(now),
            updated_at=pl.lit(now),
        )
        .filter(pl.col("birth_date").is_not_null() & pl.col("village_id").is_not_null())
        .with_columns(pl.col("birth_date").cast(pl.String))
    )
    if sort:  # as Lindung inserts: in NIK order, so the unique index grows at its end
        frame = frame.sort("nik")
    table = Worker._meta.db_table
    cols = frame.columns
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv)") as copy:
                for start in range(0, frame.height, 200_000):
                    copy.write(frame.slice(start, 200_000).write_csv(include_header=False))
        else:
            frame = frame.with_columns(pl.col("needs_review").cast(pl.Int8))
            marks = ", ".join(["?"] * len(cols))
            connection.connection.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",  # noqa: S608
                zip(*[frame[c].to_list() for c in cols], strict=True),
            )
    seconds = time.perf_counter() - started
    _truncate()
    return {
        "rows": frame.height,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "note": f"read + bare insert into {table}: all columns, constraints and indexes, no checks",
    }


def run_stage(args) -> None:
    _setup(args.data_dir)
    path = Path(args.file)
    if args.stage == "lindung":
        out = stage_lindung(path, again=False, result=args.result_workbook)
    elif args.stage == "lindung-again":
        out = stage_lindung(path, again=True)
    elif args.stage == "import-export":
        out = stage_import_export(path, bulk=False)
    elif args.stage == "import-export-bulk":
        out = stage_import_export(path, bulk=True)
    elif args.stage in ("ceiling-worker", "ceiling-worker-sorted"):
        out = stage_ceiling_worker(path, args.format, sort=args.stage == "ceiling-worker-sorted")
    else:
        out = stage_ceiling(path, args.format, sort=args.stage == "ceiling-sorted")
    print("RESULT " + json.dumps(out))


# --- The driver -----------------------------------------------------------------------------------------


def _child(args, stage: str, file: Path) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--stage",
        stage,
        "--file",
        str(file),
        "--data-dir",
        args.data_dir,
        "--format",
        args.format,
        "--db",
        args.db,
        "--rows",
        str(args.rows),
    ]
    if args.result_workbook:
        cmd.append("--result-workbook")
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
    raise SystemExit(f"stage {stage} failed")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--sample", type=int, default=20_000, help="rows for django-import-export")
    parser.add_argument(
        "--result-workbook", action="store_true", help="also time building the result workbook"
    )
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        return run_stage(args)
    if args.db == "postgres" and not os.environ.get("DATABASE_URL"):
        # A throwaway cluster for this run only, as the test suite uses.
        script = str(ROOT / "scripts" / "with-postgres")
        os.execvp("bash", ["bash", script, sys.executable, __file__, *sys.argv[1:]])  # noqa: S606
    if args.db == "sqlite" and os.environ.get("DATABASE_URL"):
        del os.environ["DATABASE_URL"]

    work = Path(tempfile.mkdtemp(prefix="lindung-bench-"))
    args.data_dir = str(work / "data")
    try:
        _setup(args.data_dir)
        from django.core.management import call_command

        from bench import synthetic
        from lindung.regions.services import regions_load

        call_command("migrate", verbosity=0)
        regions_load()
        t = time.perf_counter()
        frame = synthetic.people(args.rows)
        file = work / f"pekerja.{args.format}"
        (synthetic.write_csv if args.format == "csv" else synthetic.write_xlsx)(frame, file)
        sample = work / "sampel.csv"
        synthetic.write_csv(frame.head(args.sample), sample)
        generated = time.perf_counter() - t
        size_mb = file.stat().st_size / 1024 / 1024
        del frame

        results = [
            ("Lindung (end to end)", args.rows, _child(args, "lindung", file)),
            ("Lindung, same file again", args.rows, _child(args, "lindung-again", file)),
            ("django-import-export, defaults", args.sample, _child(args, "import-export", sample)),
            ("django-import-export, bulk mode", args.sample, _child(args, "import-export-bulk", sample)),
            ("Ceiling: Polars read + bare insert", args.rows, _child(args, "ceiling", file)),
            ("Ceiling, sorted by NIK first", args.rows, _child(args, "ceiling-sorted", file)),
            ("Ceiling: bare insert, real worker table", args.rows, _child(args, "ceiling-worker", file)),
            ("Ceiling, real table, sorted by NIK", args.rows, _child(args, "ceiling-worker-sorted", file)),
        ]
        from django.db import connection

        db = (
            f"PostgreSQL {connection.pg_version // 10000}"
            if connection.vendor == "postgresql"
            else f"SQLite {__import__('sqlite3').sqlite_version}"
        )
        print()
        print(
            f"Import benchmark: {args.rows:,} rows, {args.format} ({size_mb:.0f} MB), {db}, {os.cpu_count()} cores "
            f"(file generated in {generated:.0f} s)"
        )
        head = f"{'':38} {'rows':>10} {'seconds':>9} {'rows/s':>10} {'peak MB':>8}  notes"
        print(head)
        print("-" * len(head))
        for label, _, r in results:
            print(
                f"{label:38} {r['rows']:>10,} {r['seconds']:>9.2f} {r['rows'] / r['seconds']:>10,.0f} {r['peak_mb']:>8,.0f}  {r['note']}"
            )
        for label, _, r in results[:2]:
            if r.get("timings"):
                steps = ["read", "parse", "registry_checks", "file_duplicates", "registry_lookups", "states",
                         "insert", "update", "enrol_audit", "outcome"]  # fmt: skip
                timings = r["timings"]  # PostgreSQL's jsonb does not keep the order they were taken in
                parts = ", ".join(f"{k} {timings[k]:.1f}" for k in steps if timings.get(k, 0) >= 0.05)
                print(f"{label} — seconds by step: {parts}")
        first = results[0][2]
        narrow, real, real_sorted = results[4][2], results[6][2], results[7][2]
        rate = first["rows"] / first["seconds"]
        for label, ceiling in (
            ("13-column table", narrow),
            ("real worker table", real),
            ("real worker table, sorted by NIK (the highest)", real_sorted),
        ):
            share = rate / (ceiling["rows"] / ceiling["seconds"])
            print(f"Lindung end to end = {share:.0%} of the ceiling into the {label}")
        if first.get("result_seconds") is not None:
            print(f"Result workbook for the first run, built on request: {first['result_seconds']:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
