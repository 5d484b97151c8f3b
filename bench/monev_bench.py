"""The monev dashboard at national scale, against the same page computed by a plain GROUP BY.

    python bench/monev_bench.py --villages 84000 --people 7500000 --db postgres
    python bench/monev_bench.py --villages 8000 --people 500000 --db sqlite

Steps, each timed and printed:
1. A throwaway database (PostgreSQL: a fresh cluster through scripts/with-postgres; SQLite: a temp file),
   migrated, with all 91,599 Kemendagri regions.
2. A synthetic national dataset, set-based (INSERT ... SELECT over a number series, secondary indexes built
   afterwards): one programme per kabupaten (100 places per desa), one worker and one enrolment per person
   spread unevenly over the villages, payments for January-March 2026 with gaps, working population per
   kabupaten and province.
3. ``monev_refresh`` for February and March 2026 (the trend needs more than one month).
4. The dashboard page per level through Django's test client: cold (figures not cached) and warm.
5. The baseline: the same figures computed live from enrolments (``monev_figures(live=True)``: the same
   GROUP BY queries, without a rollup).
6. Locust: N concurrent users on loopback against gunicorn (started here, workers warmed up), each user
   picking a level and a random region of that level, waiting 1-3 s between pages; users arrive 10 a second
   and the statistics restart once all have arrived, then D seconds are measured; p50/p95 per level.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2026-03"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--villages", type=int, default=84000)
    p.add_argument("--people", type=int, default=7_500_000)
    p.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--duration", type=int, default=60, help="seconds of locust load")
    p.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    p.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (gthread when > 1)")
    p.add_argument("--samples", type=int, default=20, help="pages per level for the single-request timings")
    p.add_argument("--skip-locust", action="store_true")
    p.add_argument("--profile", action="store_true", help="print a cProfile of one cold national page")
    p.add_argument("--hold", type=int, default=0, help="keep the database this many seconds after the run")
    return p.parse_args()


def reexec_under_postgres(args) -> None:
    """PostgreSQL runs need their own cluster: re-run this script under scripts/with-postgres."""
    if args.db == "postgres" and not os.environ.get("DATABASE_URL"):
        cmd = [str(ROOT / "scripts" / "with-postgres"), sys.executable, *sys.argv]
        os.execv(cmd[0], cmd)  # noqa: S606 - our own script, fixed arguments


class Timer:
    def __init__(self):
        self.rows: list[tuple[str, float, str]] = []

    def __call__(self, label: str, fn, *a, note: str = "", **kw):
        t = time.perf_counter()
        out = fn(*a, **kw)
        dt = time.perf_counter() - t
        self.rows.append((label, dt, note))
        print(f"  {label:<48} {dt:8.1f} s {note}", flush=True)
        return out


# ---------------------------------------------------------------------------------------------------------
# Data generation (set-based)
# ---------------------------------------------------------------------------------------------------------


class Sql:
    """The few dialect differences of the generator."""

    def __init__(self, vendor: str):
        self.pg = vendor == "postgresql"

    def series(self, n: int) -> tuple[str, str]:
        """(WITH-prefix, FROM item) yielding integers i = 1..n."""
        if self.pg:
            return "", f"generate_series(1, {int(n)}) AS g(i)"
        return f"WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < {int(n)}) ", "g"

    def uniform(self, expr: str, salt: int) -> str:
        """A deterministic pseudo-random number in [0, 1) from an integer expression."""
        return f"((({expr}) * 2654435761 + {salt}) %% 4294967296) / 4294967296.0"

    def hash(self, expr: str, salt: int) -> str:
        return f"((({expr}) * 2654435761 + {salt}) %% 4294967296)"

    def floor_int(self, expr: str) -> str:
        return f"CAST(floor({expr}) AS integer)" if self.pg else f"CAST({expr} AS INTEGER)"

    def add_days(self, day: str, expr: str) -> str:
        return (
            f"(DATE '{day}' + CAST({expr} AS integer))"
            if self.pg
            else f"date('{day}', '+' || ({expr}) || ' days')"
        )

    def nik(self, expr: str) -> str:
        return (
            f"lpad(CAST({expr} AS text), 16, '0')"
            if self.pg
            else f"substr('0000000000000000' || ({expr}), -16, 16)"
        )

    def now(self) -> str:
        return "now()" if self.pg else "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def _defaults_for(model, given: dict[str, str]) -> tuple[list[str], list[str], list]:
    """Columns and SQL expressions for an INSERT ... SELECT: ours, else each field's own default.

    Statements built with these are run with parameters, so a literal % is written %%.
    """
    from django.db import connection
    from django.db.models import JSONField

    cols, exprs, params = [], [], []
    for f in model._meta.concrete_fields:
        if f.primary_key and f.column == "id":
            continue
        cols.append(f.column)
        if f.column in given:
            exprs.append(given[f.column])
        elif f.null:
            exprs.append("NULL")
        else:
            default = f.get_default()
            if isinstance(default, list | dict):
                default = json.dumps(default)
            elif isinstance(default, bool):
                default = bool(default)
            pg_json = isinstance(f, JSONField) and connection.vendor == "postgresql"
            exprs.append("CAST(%s AS jsonb)" if pg_json else "%s")
            params.append(default)
    return cols, exprs, params


def secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """PostgreSQL: (name, CREATE INDEX ...) of the table's indexes that back no constraint."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [table],
    )
    return cursor.fetchall()


def generate(args, timer: Timer) -> dict:
    import datetime as dt

    from django.db import connection, transaction

    from lindung.billing.models import Payment
    from lindung.enrolment.models import Enrolment
    from lindung.people.models import Category, Worker
    from lindung.programmes.models import FundingSource, Programme
    from lindung.regions.models import Region, WorkingPopulation

    sql = Sql(connection.vendor)
    cats = list(Category.values)
    with connection.cursor() as c:
        # 1. The villages that hold people: every desa when --villages covers them, else an even sample.
        # People live in desa and kelurahan alike; programme quotas only reach desa (as the planner plans).
        all_villages = list(
            Region.objects.filter(level=4, retired_at__isnull=True)
            .order_by("code")
            .values_list("code", flat=True)
        )
        desa_codes = set(
            Region.objects.filter(
                level=4, retired_at__isnull=True, type__in=["desa", "desa_adat"]
            ).values_list("code", flat=True)
        )
        step = max(len(all_villages) / max(args.villages, 1), 1.0)
        villages = [all_villages[int(i * step)] for i in range(min(args.villages, len(all_villages)))]
        c.execute("DROP TABLE IF EXISTS bench_village")
        c.execute("CREATE TABLE bench_village (idx integer PRIMARY KEY, code varchar(13))")
        c.executemany("INSERT INTO bench_village VALUES (%s, %s)", list(enumerate(villages)))
        kabupaten = sorted({v[:5] for v in villages})

        # 2. One programme per kabupaten: APBD, 12 months from January 2026, 100 places per desa, a ceiling
        # that covers between 60 % and 140 % of the quota (so some kabupaten fall short of their target).
        rng = random.Random(2026)
        Programme.objects.bulk_create(
            [
                Programme(
                    code=f"bench-{k.replace('.', '-')}",
                    name=f"Bench {k}",
                    owner_region_id=k,
                    coverage_region_id=k,
                    fiscal_year=2026,
                    start_month=dt.date(2026, 1, 1),
                    months=12,
                    funding_source=FundingSource.APBD_KABUPATEN,
                    quota_per_village=100,
                    budget_ceiling=None,
                    legal_basis_type="Perbup",
                    legal_basis_number="1",
                    legal_basis_year=2026,
                )
                for k in kabupaten
            ],
            batch_size=1000,
        )
        # Ceiling = places × Rp 201.600 × factor; set in one UPDATE from the region table.
        desa_per_kab: dict[str, int] = {}
        for code in desa_codes:
            desa_per_kab[code[:5]] = desa_per_kab.get(code[:5], 0) + 1
        Programme.objects.bulk_update(
            [
                Programme(
                    pk=p.pk,
                    budget_ceiling=int(
                        desa_per_kab.get(p.coverage_region_id, 0) * 100 * 201_600 * rng.uniform(0.6, 1.4)
                    ),
                )
                for p in Programme.objects.filter(code__startswith="bench-")
            ],
            ["budget_ceiling"],
            batch_size=1000,
        )

        n_v = len(villages)
        worker_t = Worker._meta.db_table
        enrol_t = Enrolment._meta.db_table
        pay_t = Payment._meta.db_table
        saved_indexes: dict[str, list] = {}
        if sql.pg:
            c.execute("SET session_replication_role = replica")  # no FK triggers during the bulk load
            for t in (worker_t, enrol_t, pay_t):
                saved_indexes[t] = secondary_indexes(c, t)
                for name, _ in saved_indexes[t]:
                    c.execute(f'DROP INDEX "{name}"', [])

        # 3. Workers: village index skewed by u² so that villages differ (some far below half their quota).
        with_, series = sql.series(args.people)
        u = sql.uniform("i", 17)
        cat_case = (
            "CASE "
            + " ".join(
                f"WHEN {sql.hash('i', 29)} %% {len(cats)} = {k} THEN '{cat}'" for k, cat in enumerate(cats)
            )
            + " END"
        )
        given = {
            "nik": sql.nik("i"),
            "full_name": "'Pekerja ' || i",
            "name_normalized": "'PEKERJA ' || i",
            "birth_date": sql.add_days("1962-01-01", f"{sql.hash('i', 7)} %% 15000"),
            "gender": "CASE WHEN i %% 2 = 0 THEN 'L' ELSE 'P' END",
            "village_id": "bv.code",
            "category": cat_case,
            "wage_status": "'BPU'",
            "occupation_1": "'Pekerja'",
            "created_at": sql.now(),
            "updated_at": sql.now(),
        }
        cols, exprs, params = _defaults_for(Worker, given)
        idx = sql.floor_int(f"{n_v} * {u} * {u}")
        timer(
            "generate workers",
            c.execute,
            f"{with_}INSERT INTO {worker_t} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM {series} "
            f"JOIN bench_village bv ON bv.idx = {idx}",
            params,
            note=f"{args.people:,} rows",
        )

        # 4. Enrolments: one per worker, in the programme of the worker's kabupaten; statuses by hash.
        h = sql.hash("w.id", 101) + " %% 100"
        status = (
            f"CASE WHEN {h} < 65 THEN 'active' WHEN {h} < 70 THEN 'non_active' WHEN {h} < 75 THEN 'ended' "
            f"WHEN {h} < 78 THEN 'rejected' WHEN {h} < 86 THEN 'proposed' WHEN {h} < 93 THEN 'verified' "
            "ELSE 'submitted' END"
        )
        given = {
            "worker_id": "w.id",
            "programme_id": "p.id",
            "village_id": "w.village_id",
            "status": status,
            "start_date": f"CASE WHEN {h} < 75 THEN DATE '2026-01-05' END"
            if sql.pg
            else f"CASE WHEN {h} < 75 THEN '2026-01-05' END",
            "kpj": "''",
            "status_changed_at": sql.now(),
            "created_at": sql.now(),
            "updated_at": sql.now(),
        }
        cols, exprs, params = _defaults_for(Enrolment, given)
        prog_t = Programme._meta.db_table
        timer(
            "generate enrolments",
            c.execute,
            f"INSERT INTO {enrol_t} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM {worker_t} w "
            f"JOIN {prog_t} p ON p.coverage_region_id = SUBSTR(w.village_id, 1, 5) AND p.code LIKE 'bench-%%'",
            params,
        )

        # 5. Payments Jan-Mar 2026 for active people: 10 % paid January only (2 months unpaid by March),
        # 10 % nothing (3), 10 % January-February (1), the rest all three months.
        d = (lambda s: f"DATE '{s}'") if sql.pg else (lambda s: f"'{s}'")
        timer(
            "generate payments",
            c.execute,
            f"INSERT INTO {pay_t} (enrolment_id, month, amount, paid_on, reference) "
            f"SELECT e.id, m.month, 16800, m.paid, '' FROM {enrol_t} e JOIN ("
            f"SELECT 1 AS n, {d('2026-01-01')} AS month, {d('2026-01-10')} AS paid UNION ALL "
            f"SELECT 2, {d('2026-02-01')}, {d('2026-02-10')} UNION ALL SELECT 3, {d('2026-03-01')}, {d('2026-03-10')}"
            f") m ON m.n <= CASE e.id %% 10 WHEN 0 THEN 1 WHEN 1 THEN 0 WHEN 2 THEN 2 ELSE 3 END "
            f"WHERE e.status = 'active'",
            [],
        )
        if sql.pg:
            for indexes in saved_indexes.values():
                for _name, ddl in indexes:
                    timer(f"index {_name[:40]}", c.execute, ddl.replace("%", "%%"), [])
            c.execute("SET session_replication_role = origin")
            timer("analyze", c.execute, "ANALYZE")
        c.execute("DROP TABLE bench_village")

    # 6. Working population: 1.000 per desa with people, per kabupaten and province (Sakernas-like).
    with transaction.atomic():
        per_kab: dict[str, int] = {}
        for v in villages:
            per_kab[v[:5]] = per_kab.get(v[:5], 0) + 1000
        per_prov: dict[str, int] = {}
        for k, n in per_kab.items():
            per_prov[k[:2]] = per_prov.get(k[:2], 0) + n
        WorkingPopulation.objects.bulk_create(
            [
                WorkingPopulation(region_id=k, year=2026, count=n, source="bench (sintetis)")
                for k, n in {**per_kab, **per_prov}.items()
            ]
        )
    counts = {
        "workers": Worker.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "payments": Payment.objects.count(),
        "villages": n_v,
        "kabupaten": len(kabupaten),
    }
    return {"villages": villages, "kabupaten": kabupaten, "counts": counts}


# ---------------------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(int(round(q * len(values) + 0.5)) - 1, 0)
    return values[min(k, len(values) - 1)]


def sample_regions(data: dict, n: int) -> dict[str, list[str]]:
    rng = random.Random(7)
    provinces = sorted({k[:2] for k in data["kabupaten"]})
    return {
        "nasional": [""],
        "provinsi": rng.sample(provinces, min(n, len(provinces))),
        "kabupaten": rng.sample(data["kabupaten"], min(n, len(data["kabupaten"]))),
        "desa": rng.sample(data["villages"], min(n, len(data["villages"]))),
    }


def page_timings(regions: dict[str, list[str]]) -> dict[str, dict]:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    # The process's first page compiles every template and loads the translations (1 to 2.5 s here): a start-up
    # cost, not the page's. A kecamatan page (a level outside the samples) pays it before the clock starts.
    client.get("/monev/", {"wilayah": regions["desa"][-1][:8], "periode": PERIOD})  # a kecamatan
    out = {}
    for level, codes in regions.items():
        cold, warm = [], []
        for code in codes:
            cache.clear()
            t = time.perf_counter()
            r = client.get("/monev/", {"wilayah": code, "periode": PERIOD})
            cold.append(time.perf_counter() - t)
            assert r.status_code == 200, (code, r.status_code)
            t = time.perf_counter()
            client.get("/monev/", {"wilayah": code, "periode": PERIOD})
            warm.append(time.perf_counter() - t)
        out[level] = {"cold": cold, "warm": warm}
    return out


def baseline_timings(regions: dict[str, list[str]], limit: dict[str, int]) -> dict[str, list[float]]:
    from lindung.core.months import month_parse
    from lindung.monev.selectors import monev_figures

    period = month_parse(PERIOD)
    out = {}
    for level, codes in regions.items():
        times = []
        for code in codes[: limit.get(level, 3)]:
            t = time.perf_counter()
            live = monev_figures(code, period, live=True)
            times.append(time.perf_counter() - t)
            rolled = monev_figures(code, period)
            assert live.counts == rolled.counts, (
                f"live and rollup disagree for {code!r}: {live.counts} != {rolled.counts}"
            )
        out[level] = times
    return out


def profile_page(desa: str) -> None:
    import cProfile
    import pstats

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_superuser": True})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get("/monev/", {"wilayah": "", "periode": PERIOD})
    for code in ("", desa):
        cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as q:
            prof = cProfile.Profile()
            prof.enable()
            client.get("/monev/", {"wilayah": code, "periode": PERIOD})
            prof.disable()
        print(f"profile of {code or 'national'}: {len(q.captured_queries)} queries")
        for item in sorted(q.captured_queries, key=lambda x: -float(x["time"]))[:8]:
            print(f"   {float(item['time']) * 1000:7.1f} ms  {item['sql'][:160]}")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(
            "monev|calculator|contributions|template/loader|regions", 30
        )


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def locust_run(args, regions: dict[str, list[str]], data_dir: str) -> dict[str, dict]:
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username="bench")
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()

    port = free_port()
    env = dict(os.environ, LINDUNG_DATA_DIR=data_dir, PYTHONPATH=str(ROOT))
    bin_dir = Path(sys.executable).parent
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(bin_dir / "gunicorn"),
            "lindung.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--preload",
        ],
        env=env,
        cwd=str(ROOT),
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        # Warm every worker up (imports, templates, database connections, its own cache of the national and
        # province pages) before measuring: concurrent requests, so that each sync worker takes some.
        import urllib.request
        from concurrent.futures import ThreadPoolExecutor

        def fetch(code: str) -> None:
            req = urllib.request.Request(
                f"http://127.0.0.1:{port}/monev/?wilayah={code}&periode={PERIOD}",
                headers={"Cookie": f"sessionid={session.session_key}"},
            )
            urllib.request.urlopen(req, timeout=120).read()  # noqa: S310 - loopback only

        with ThreadPoolExecutor(max_workers=args.workers * args.threads * 2) as pool:
            for level in ("nasional", "provinsi", "kabupaten", "desa"):
                codes = (regions[level] * (args.workers * 4))[: args.workers * 4]
                list(pool.map(fetch, codes))
        regions_file = Path(data_dir) / "bench_regions.json"
        regions_file.write_text(json.dumps(regions | {"_all_desa": []}))
        csv_prefix = Path(data_dir) / "locust"
        env_locust = dict(
            env,
            LINDUNG_BENCH_SESSION=session.session_key,
            LINDUNG_BENCH_REGIONS=str(regions_file),
            LINDUNG_BENCH_PERIOD=PERIOD,
        )
        subprocess.run(  # noqa: S603
            [
                str(bin_dir / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                # 10 users a second, then the statistics restart: the figures are the steady state of
                # N concurrent users, not the burst of all of them arriving in the same instant.
                "-r",
                "10",
                "--reset-stats",
                "-t",
                f"{args.duration + math.ceil(args.users / 10)}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(csv_prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=env_locust,
            cwd=str(ROOT),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import csv

        stats = {}
        with open(f"{csv_prefix}_stats.csv") as fh:
            for row in csv.DictReader(fh):
                stats[row["Name"]] = {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "rps": float(row["Requests/s"]),
                }
        return stats
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def main() -> None:
    args = parse_args()
    reexec_under_postgres(args)
    data_dir = tempfile.mkdtemp(prefix="lindung-monev-bench-")
    os.environ["LINDUNG_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lindung.core.months import month_parse
    from lindung.monev.models import CoverageRollup
    from lindung.monev.rollup import month_end
    from lindung.regions.services import regions_load

    timer = Timer()
    started = time.perf_counter()
    print(
        f"monev bench: {args.people:,} people in {args.villages:,} villages on {connection.vendor}",
        flush=True,
    )
    timer("migrate", call_command, "migrate", verbosity=0)
    timer("load regions", regions_load)
    data = generate(args, timer)
    print(f"  rows: {data['counts']}", flush=True)
    from lindung.monev.services import monev_refresh

    refresh = {}
    for month in ("2026-02", PERIOD):
        report = timer(
            f"monev_refresh {month} (full)",
            monev_refresh,
            period=month_parse(month),
            today=month_end(month_parse(month)),
        )
        refresh[month] = report.seconds
        print("    steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items()), flush=True)
    rows = CoverageRollup.objects.filter(period=month_parse(PERIOD)).count()
    size = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_size_pretty(pg_total_relation_size(%s))", [CoverageRollup._meta.db_table])
            size = c.fetchone()[0]
    # An incremental refresh: one village changed.
    one = data["villages"][len(data["villages"]) // 2]
    incr = timer(
        "monev_refresh one village (incremental)",
        monev_refresh,
        period=month_parse(PERIOD),
        regions=[one],
        today=month_end(month_parse(PERIOD)),
    )
    print("    steps: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in incr.timings.items()), flush=True)

    regions = sample_regions(data, args.samples)
    if connection.vendor == "postgresql":
        # The bulk load and the builds leave dead rows and stale statistics; autovacuum would otherwise
        # run in the middle of the measurements.
        with connection.cursor() as c:
            timer("vacuum analyze", c.execute, "VACUUM ANALYZE")
    if args.profile:
        profile_page(regions["desa"][0])
    pages = timer("dashboard pages, cold and warm", page_timings, regions)
    base = timer(
        "baseline: live GROUP BY figures",
        baseline_timings,
        regions,
        {"nasional": 1, "provinsi": 2, "kabupaten": 3, "desa": 5},
    )
    locust = {}
    if not args.skip_locust:
        all_regions = sample_regions(data, 10_000)
        locust = timer("locust", locust_run, args, all_regions, data_dir)

    print()
    print(
        f"Monev dashboard, {connection.vendor}, {data['counts']['enrolments']:,} enrolments, "
        f"{data['counts']['payments']:,} payments, {data['counts']['villages']:,} villages with people"
    )
    print(
        f"Rollup: {rows:,} rows for {PERIOD} ({size or 'n/a'} for 2 months); full refresh "
        f"{refresh[PERIOD]:.1f} s; one-village refresh {incr.seconds * 1000:.0f} ms"
    )
    head = f"{'level':<10} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'GROUP BY':>10} {'locust n':>9} {'p50':>7} {'p95':>7} {'fail':>5}"
    print(head)
    print("-" * len(head))
    for level in ("nasional", "provinsi", "kabupaten", "desa"):
        cold = [t * 1000 for t in pages[level]["cold"]]
        warm = [t * 1000 for t in pages[level]["warm"]]
        b = statistics.median(base[level]) * 1000
        lo = locust.get(level, {})
        print(
            f"{level:<10} {pct(cold, 0.5):7.0f}ms {pct(cold, 0.95):7.0f}ms {pct(warm, 0.5):7.0f}ms {b:8.0f}ms "
            f"{lo.get('requests', 0):>9} {lo.get('p50', float('nan')):5.0f}ms {lo.get('p95', float('nan')):5.0f}ms "
            f"{lo.get('failures', 0):>5}"
        )
    if locust:
        agg = locust.get("Aggregated", {})
        print(
            f"locust: {args.users} users, {args.duration} s, wait 1-3 s, gunicorn {args.workers} × {args.threads} threads: "
            f"{agg.get('requests', 0)} pages, {agg.get('rps', 0):.1f}/s, p50 {agg.get('p50', 0):.0f} ms, "
            f"p95 {agg.get('p95', 0):.0f} ms"
        )
    print(f"total {time.perf_counter() - started:.0f} s", flush=True)
    if args.hold:
        print(
            f"holding the database for {args.hold} s: {os.environ.get('DATABASE_URL', data_dir)}", flush=True
        )
        time.sleep(args.hold)
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
