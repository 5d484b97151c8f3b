"""Fuzzy-duplicate benchmark: Lindung's engine against Splink (DuckDB backend) on the same synthetic registry.

    python bench/dedup_bench.py                    # 1,000,000 people, 50,000 planted duplicates
    python bench/dedup_bench.py --people 100000    # the duplicates stay 5 % of the people

The registry is generated with a fixed seed: Indonesian names (Javanese syllable names, Islamic names with
Muhammad/Abdul, Christian names, women's "Siti"/"Sri"/"Nur"), birth dates from 1955 to 2006, 25 villages in
each of 2,000 kecamatan. 5 % of the rows are planted duplicates of another row, each with one or two damages:
a typo, a transposition, a title (H./Hj./S.Pd/Ir.), an old or abbreviated spelling (oe/dj/tj/j, Muh./Abd.,
"bin ..."), a swapped day and month, or a changed village (in another kecamatan).

Each contender runs in its own process (its peak memory is its own) on the same Parquet file, and both use
the same blocking rules (sorted birth date and gender; phonetic name and kecamatan), so "pairs scored" counts
the same candidate pairs:

- ``lindung``: ``lindung.dedup.engine.probable_duplicates`` with the seeded thresholds.
- ``splink``: Splink's Fellegi-Sunter model (name Jaro-Winkler levels on the same match key, birth date
  exact/swapped, village exact), u by random sampling and m by expectation maximisation, predicting at
  match probability 0.9.

Precision and recall are counted against the planted pairs (a pair found between two originals that are
not planted counts against precision).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

MEN = [
    "agus",
    "budi",
    "joko",
    "bambang",
    "slamet",
    "sugeng",
    "eko",
    "dwi",
    "tri",
    "heru",
    "hendra",
    "rudi",
    "andi",
    "dedi",
    "yudi",
    "wahyu",
    "iwan",
    "teguh",
    "supriyadi",
    "sutrisno",
    "suparman",
    "sumarno",
    "darmanto",
    "haryanto",
    "yusuf",
    "ibrahim",
    "ismail",
    "hasan",
    "husein",
    "ali",
    "umar",
    "rahmat",
    "hidayat",
    "syaiful",
    "zainal",
    "arif",
    "fauzi",
    "rizki",
    "fajar",
    "dimas",
    "bayu",
    "aditya",
    "yohanes",
    "petrus",
    "paulus",
    "markus",
    "stefanus",
    "daniel",
    "yakobus",
    "matius",
    "martinus",
    "antonius",
    "fransiskus",
    "gregorius",
    "damang",
    "mantir",
]
WOMEN = [
    "siti",
    "sri",
    "nur",
    "dewi",
    "endang",
    "wati",
    "yuni",
    "lestari",
    "rina",
    "ratna",
    "wulan",
    "ayu",
    "indah",
    "fitri",
    "aminah",
    "aisyah",
    "fatimah",
    "khadijah",
    "maryam",
    "zainab",
    "halimah",
    "salmah",
    "rohani",
    "sumiati",
    "suwarni",
    "sulastri",
    "sukarti",
    "murni",
    "ningsih",
    "rahayu",
    "handayani",
    "purwanti",
    "susanti",
    "kartini",
    "yuliana",
    "maria",
    "magdalena",
    "theresia",
    "agustina",
    "veronika",
    "elisabeth",
    "margaretha",
    "christina",
]
FAMILY = [
    "saputra",
    "wijaya",
    "kusuma",
    "pratama",
    "santoso",
    "setiawan",
    "nugroho",
    "hidayat",
    "rahman",
    "hakim",
    "lubis",
    "siregar",
    "nasution",
    "harahap",
    "simanjuntak",
    "sitompul",
    "manurung",
    "tarigan",
    "ginting",
    "sembiring",
    "purba",
    "saragih",
    "situmorang",
    "pangaribuan",
    "tambunan",
    "sinaga",
    "panjaitan",
    "hutapea",
    "napitupulu",
    "silalahi",
    "matondang",
    "effendi",
    "kurniawan",
    "gunawan",
    "susilo",
    "prasetyo",
    "wibowo",
    "utomo",
    "purnomo",
    "suryadi",
    "hartono",
]
ONSETS = [
    "su",
    "sri",
    "har",
    "wi",
    "ja",
    "ma",
    "ra",
    "ka",
    "to",
    "pur",
    "sa",
    "ti",
    "wa",
    "di",
    "la",
    "ri",
    "ya",
    "ba",
    "nga",
    "ha",
    "mu",
    "tu",
    "se",
    "ku",
]
CODAS = [
    "yanto",
    "yati",
    "man",
    "mi",
    "narti",
    "rno",
    "dino",
    "ni",
    "jo",
    "wati",
    "yono",
    "ti",
    "tono",
    "yem",
    "sih",
    "nah",
    "rdi",
    "ningsih",
    "ranto",
    "kidi",
]
TITLES_BEFORE = ["H. ", "Hj. ", "Ir. ", "Drs. ", "Hajjah "]
TITLES_AFTER = [", S.Pd", " S.Pd.I", ", S.E", " S.Ag", ", A.Md"]
OLD_SPELLING = [("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"), ("ny", "nj"), ("sy", "sj")]
DAMAGES = ("typo", "transpose", "title", "spelling", "swap_date", "village")


def _name(rng: random.Random, male: bool) -> str:
    pool = MEN if male else WOMEN
    kind = rng.random()
    if kind < 0.30:
        first = rng.choice(ONSETS) + rng.choice(CODAS)
        words = [first] + ([rng.choice(FAMILY)] if rng.random() < 0.5 else [])
    elif kind < 0.45 and male:
        words = [rng.choice(["muhammad", "abdul"]), rng.choice(MEN + FAMILY)]
    else:
        words = [rng.choice(pool), rng.choice(pool + FAMILY)]
        if rng.random() < 0.4:
            words.append(rng.choice(FAMILY + [rng.choice(ONSETS) + rng.choice(CODAS)]))
    return " ".join(w.capitalize() for w in words)


def _damage_name(rng: random.Random, name: str, kind: str) -> str:
    if kind == "typo":
        i = rng.randrange(len(name))
        op = rng.random()
        letter = rng.choice("abcdefghijklmnoprstuwy")
        if op < 0.4:
            return name[:i] + letter + name[i + 1 :]
        if op < 0.7:
            return name[:i] + letter + name[i:]
        return name[:i] + name[i + 1 :] if len(name) > 4 else name + letter
    if kind == "transpose":
        i = rng.randrange(max(1, len(name) - 2))
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "title":
        return rng.choice(TITLES_BEFORE) + name if rng.random() < 0.5 else name + rng.choice(TITLES_AFTER)
    # Spelling: the old spelling, an abbreviation, or the father's name.
    low = name.lower()
    if low.startswith("muhammad "):
        return rng.choice(["Muh. ", "Moh. ", "Mhd ", "M. "]) + name[9:]
    if low.startswith("abdul "):
        return "Abd. " + name[6:]
    for new, old in rng.sample(OLD_SPELLING, len(OLD_SPELLING)):
        if new in low:
            return low.replace(new, old, 1).title()
    return name + rng.choice([" bin ", " binti "]) + rng.choice(MEN).capitalize()


def _nik(rng: random.Random, kec: str, born: dt.date, gender: str) -> str:
    """A KTP-style NIK: province 62, the kecamatan (4 digits), the birth date (day + 40 for women), a serial."""
    day = born.day + (40 if gender == "P" else 0)
    return f"62{int(kec[1:]) % 10000:04d}{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randrange(1, 10000):04d}"


def _damage_nik(rng: random.Random, nik: str) -> str:
    """One or two digits mistyped, or two neighbouring digits swapped."""
    digits = list(nik)
    if rng.random() < 0.3:
        i = rng.randrange(6, 15)
        if digits[i] != digits[i + 1]:
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            return "".join(digits)
    for i in rng.sample(range(2, 16), rng.choice((1, 1, 2))):
        digits[i] = rng.choice([d for d in "0123456789" if d != digits[i]])
    return "".join(digits)


def _niks(*, rng_seed: int, originals: int, sources: list[int], dates, genders, kecs) -> list[str]:
    """NIKs from their own random stream (the names and dates stay those of the seed). A planted duplicate
    carries its original's NIK mistyped (70 %) or a NIK of its own, issued where and as it was registered
    again (30 %): a second KTP, or a NIK made up by the list's author."""
    rng = random.Random(rng_seed)
    niks = [_nik(rng, kecs[i], dates[i], genders[i]) for i in range(originals)]
    for j, source in enumerate(sources):
        i = originals + j
        if rng.random() < 0.7:
            niks.append(_damage_nik(rng, niks[source]))
        else:
            niks.append(_nik(rng, kecs[i], dates[i], genders[i]))
    return niks


def generate(people: int, seed: int = 17) -> tuple[pl.DataFrame, set[tuple[int, int]]]:
    """``people`` rows, 5 % of them planted duplicates; and the planted pairs (original id, duplicate id)."""
    rng = random.Random(seed)
    planted_count = people // 20
    originals = people - planted_count
    kecamatan = max(20, people // 500)
    start = dt.date(1955, 1, 1).toordinal()
    span = dt.date(2006, 12, 31).toordinal() - start
    ids, names, dates, genders, kecs, villages = [], [], [], [], [], []
    for i in range(originals):
        male = rng.random() < 0.5
        kec = rng.randrange(kecamatan)
        ids.append(i)
        names.append(_name(rng, male))
        dates.append(dt.date.fromordinal(start + rng.randrange(span)))
        genders.append("L" if male else "P")
        kecs.append(f"K{kec:05d}")
        villages.append(f"K{kec:05d}.{rng.randrange(25):02d}")
    truth = set()
    sources: list[int] = []
    copies: dict[int, list[int]] = {}
    for j in range(planted_count):
        source = rng.randrange(originals)
        name, born, kec, village = names[source], dates[source], kecs[source], villages[source]
        for kind in rng.sample(DAMAGES, rng.choice((1, 1, 2))):
            if kind == "swap_date":
                if born.day <= 12 and born.day != born.month:
                    born = dt.date(born.year, born.day, born.month)
                else:
                    name = _damage_name(rng, name, "typo")
            elif kind == "village":
                k = rng.randrange(kecamatan)
                kec, village = f"K{k:05d}", f"K{k:05d}.{rng.randrange(25):02d}"
            else:
                name = _damage_name(rng, name, kind)
        sources.append(source)
        ids.append(originals + j)
        names.append(name)
        dates.append(born)
        genders.append(genders[source])
        kecs.append(kec)
        villages.append(village)
        # Two copies of one person are a true pair too.
        for other in [source, *copies.get(source, [])]:
            truth.add((other, originals + j))
        copies.setdefault(source, []).append(originals + j)
    niks = _niks(
        rng_seed=seed + 1, originals=originals, sources=sources, dates=dates, genders=genders, kecs=kecs
    )
    frame = pl.DataFrame(
        {
            "id": ids,
            "nik": niks,
            "name": names,
            "birth_date": dates,
            "gender": genders,
            "kecamatan": kecs,
            "village": villages,
        },
        schema_overrides={"id": pl.Int64},
    )
    return frame, truth


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _truth(path: Path) -> set[tuple[int, int]]:
    pairs = pl.read_parquet(path)
    return set(zip(pairs["id_a"].to_list(), pairs["id_b"].to_list(), strict=True))


def _quality(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float]:
    hits = len(found & truth)
    return (hits / len(found) if found else 0.0), (hits / len(truth) if truth else 0.0)


def stage_lindung(data: Path) -> dict:
    from lindung.dedup.engine import Thresholds, probable_duplicates

    people = pl.read_parquet(data).select("id", "nik", "name", "birth_date", "gender", "kecamatan", "village")
    started = time.perf_counter()
    pairs, stats = probable_duplicates(people, thresholds=Thresholds())
    seconds = time.perf_counter() - started
    found = set(zip(pairs["id_a"].to_list(), pairs["id_b"].to_list(), strict=True))
    return {"seconds": seconds, "candidates": stats.candidates, "found": found, "peak_mb": _peak_mb()}


def _splink_settings():
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    swapped = cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            {"sql_condition": '"birth_date_l" IS NULL OR "birth_date_r" IS NULL', "is_null_level": True},
            {"sql_condition": '"birth_date_l" = "birth_date_r"', "label_for_charts": "exact"},
            {"sql_condition": '"date_key_l" = "date_key_r"', "label_for_charts": "day and month swapped"},
            {"sql_condition": '"year_l" = "year_r"', "label_for_charts": "same year"},
            {"sql_condition": "ELSE", "label_for_charts": "other"},
        ],
    )
    nik = cl.CustomComparison(
        output_column_name="nik",
        comparison_levels=[
            {"sql_condition": '"nik_l" IS NULL OR "nik_r" IS NULL', "is_null_level": True},
            {"sql_condition": 'hamming("nik_l", "nik_r") <= 1', "label_for_charts": "one digit apart"},
            {"sql_condition": 'hamming("nik_l", "nik_r") <= 2', "label_for_charts": "two digits apart"},
            {"sql_condition": "ELSE", "label_for_charts": "other"},
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="id",
        comparisons=[
            cl.JaroWinklerAtThresholds("joined_key", [0.97, 0.93, 0.88]),
            swapped,
            cl.ExactMatch("gender"),
            cl.ExactMatch("village"),
            nik,
        ],
        blocking_rules_to_generate_predictions=[
            block_on("date_key", "gender"),
            # Same year: the second Lindung block (its pairs are kept only within one birth year).
            block_on("phonetic", "kecamatan", "year", "village"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def stage_splink(data: Path, work: Path) -> dict:
    import logging

    from splink import Linker, block_on
    from splink.backends.duckdb import DuckDBAPI

    from lindung.dedup.engine import keyed

    # Splink knows no Indonesian name rules: it gets Lindung's keys, and their time counts as its own.
    started = time.perf_counter()
    people = keyed(pl.read_parquet(data)).select(
        "id",
        "nik",
        "joined_key",
        "phonetic",
        "birth_date",
        "date_key",
        "year",
        "gender",
        "kecamatan",
        "village",
    )
    keyed_path = work / "splink_input.parquet"
    people.write_parquet(keyed_path)
    del people
    db_api = DuckDBAPI()
    db_api._con.execute(f"CREATE TABLE people AS SELECT * FROM read_parquet('{keyed_path}')")
    linker = Linker(db_api.register("people"), _splink_settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("date_key", "gender", "joined_key")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_key", "gender"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("joined_key"))
    trained = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=0.9)
    found_rel = db_api._con.execute(
        f"SELECT least(id_l, id_r), greatest(id_l, id_r) FROM {predictions.physical_name}"
    ).fetchall()
    seconds = time.perf_counter() - started
    # The pairs both blocks produce (Splink's own predict counts each pair once, as Lindung does).
    counts = db_api._con.execute(
        "SELECT (SELECT count(*) FROM people a JOIN people b ON a.date_key = b.date_key AND a.gender = b.gender "
        "AND a.id < b.id) + (SELECT count(*) FROM people a JOIN people b ON a.phonetic = b.phonetic AND "
        "a.kecamatan = b.kecamatan AND a.year = b.year AND a.village = b.village AND a.id < b.id AND NOT "
        "(a.date_key = b.date_key AND a.gender = b.gender))"
    ).fetchone()
    return {
        "seconds": seconds,
        "predict_seconds": seconds - (trained - started),
        "candidates": counts[0],
        "found": {(int(a), int(b)) for a, b in found_rel},
        "peak_mb": _peak_mb(),
    }


def _run_stage(stage: str, data: Path, work: Path) -> dict:
    out = work / f"{stage}.json"
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--stage",
            stage,
            "--data",
            str(data),
            "--work",
            str(work),
            "--out",
            str(out),
        ],
        check=True,
    )
    return json.loads(out.read_text())


def _stage_main(args) -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
    result = stage_lindung(args.data) if args.stage == "lindung" else stage_splink(args.data, args.work)
    truth = _truth(args.work / "truth.parquet")
    precision, recall = _quality(result.pop("found"), truth)
    result.update(precision=precision, recall=recall)
    args.out.write_text(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--stage", choices=["lindung", "splink"])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--only", choices=["lindung", "splink"], help="run one contender")
    args = parser.parse_args()
    if args.stage:
        _stage_main(args)
        return
    with tempfile.TemporaryDirectory(prefix="dedup-bench-") as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        frame, truth = generate(args.people)
        frame.write_parquet(work / "people.parquet")
        pl.DataFrame(sorted(truth), schema=["id_a", "id_b"], orient="row").write_parquet(
            work / "truth.parquet"
        )
        print(
            f"{args.people:,} people, {len(truth):,} planted duplicates, generated in {time.perf_counter() - t:.1f} s"
        )
        del frame
        stages = [args.only] if args.only else ["lindung", "splink"]
        results = {stage: _run_stage(stage, work / "people.parquet", work) for stage in stages}
    print(
        f"{'contender':<10} {'pairs':>12} {'pairs/s':>12} {'precision':>10} {'recall':>8} {'wall s':>8} {'peak MB':>8}"
    )
    for stage, r in results.items():
        rate = r["candidates"] / r["seconds"]
        print(
            f"{stage:<10} {r['candidates']:>12,} {rate:>12,.0f} {r['precision']:>10.4f} {r['recall']:>8.4f} "
            f"{r['seconds']:>8.1f} {r['peak_mb']:>8.0f}"
        )
    if "splink" in results:
        s = results["splink"]
        print(
            f"splink: predict alone {s['predict_seconds']:.1f} s ({s['candidates'] / s['predict_seconds']:,.0f} pairs/s)"
        )
    if len(results) == 2:
        ratio = (results["lindung"]["candidates"] / results["lindung"]["seconds"]) / (
            results["splink"]["candidates"] / results["splink"]["seconds"]
        )
        print(f"throughput: lindung {ratio:.1f} x splink")


if __name__ == "__main__":
    main()
