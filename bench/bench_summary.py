"""Benchmark of the summary (统计) over a big county: 1,000,000 relief records and 20,000 households.

    python bench/bench_summary.py [--reliefs 1000000] [--households 20000] [--runs 5] [--rebuild]

Builds (once, with plain SQL inserts: a few seconds) a database of the current schema under bench/out/
(kept out of git), then in the same run, on the same file and machine, times:

* summary(2024)            every figure of the year (the upward report's period)      goal ≤ 0.5 s
* summary(2020-2025)       every figure over every record
* compare(2024)            the year and the year before (what the 统计 tab shows)
* bare GROUP BY            SELECT relief_type, COUNT(*), SUM(amount) FROM relief GROUP BY relief_type
* bare GROUP BY 2024       the same, WHERE on_date in 2024
and, unless --skip-without-index, summary(2024) again on a copy of the file without the covering index
relief_summary (schema v7), to show what the index is worth.
Each figure is the median of --runs runs after one warm-up, with a fresh connection (cold page cache of
SQLite, warm OS cache).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
GOAL_S = 0.5
FIRST_DAY = datetime.date(2020, 1, 1)
DAYS = (datetime.date(2025, 6, 30) - FIRST_DAY).days + 1
NOW = "2025-06-30 12:00:00"


def _dates(rng: random.Random, count: int) -> list[str]:
    """`count` days spread evenly over 2020-01-01 … 2025-06-30, as ISO text (how peewee stores a date)."""
    base = FIRST_DAY.toordinal()
    return [datetime.date.fromordinal(base + rng.randrange(DAYS)).isoformat() for _ in range(count)]


def build(path: Path, reliefs: int, households: int) -> None:
    """Schema by the program's own migrations, then rows by executemany: people, files and their history,
    funds with money in, campaigns, reliefs, and a few of every other register."""
    from app.office import close_office, open_office
    from db.database import database

    path.unlink(missing_ok=True)
    open_office(path)
    rng = random.Random(8)
    db = database.connection()
    db.execute("PRAGMA synchronous = OFF")
    with database.atomic():
        _insert(db, rng, reliefs, households)
    database.execute_sql("ANALYZE")
    close_office()


def _insert(db: Any, rng: random.Random, reliefs: int, households: int) -> None:
    from app import vocab

    people = households * 2
    db.executemany(
        "INSERT INTO person (id, name, id_number, sex, name_pinyin, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
        ((i, f"职工{i}", f"B{i:017d}", "女" if i % 2 else "男", f"zg{i}", NOW, NOW)
         for i in range(1, people + 1)))
    files, events = [], []
    for h in range(1, households + 1):
        filed = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS - 60))
        approved = filed + datetime.timedelta(days=30)
        closed = approved + datetime.timedelta(days=rng.randrange(400, 1500)) if h % 4 == 0 else None
        closed = closed if closed and closed <= datetime.date(2025, 6, 30) else None
        status = ("已脱困" if h % 8 == 0 else "退档") if closed else "在档"
        files.append((h, f"{filed.year}-{h:06d}", h, vocab.CATEGORIES[h % 3], ("职工", "农民工")[h % 2],
                      vocab.CAUSES[h % 10], status, (closed or approved).isoformat(), filed.isoformat(),
                      approved.isoformat(), closed.isoformat() if closed else None))
        events.append((h, filed.isoformat(), "申报", "申报"))
        events.append((h, approved.isoformat(), "认定", "在档"))
        if closed:
            events.append((h, closed.isoformat(), "脱困" if status == "已脱困" else "退档", status))
    db.executemany(
        "INSERT INTO household (id, file_no, head_id, category, identity, main_cause, secondary_causes, single_parent,"
        " zero_employment, head_monthly_income, other_annual_income, rigid_expenses, accident_losses, household_size,"
        " annual_income, per_capita_monthly, receives_dibao, dibao_amount, attachments, note, status, status_since,"
        " filed_on, approved_on, closed_on, created_at, updated_at)"
        " VALUES (?,?,?,?,?,?,'',0,0,0,0,0,0,1,0,0,0,0,'','',?,?,?,?,?,?,?)",
        ((*f, NOW, NOW) for f in files))
    db.executemany("INSERT INTO household_event (household_id, on_date, action, status_after, by_name, note,"
                   " created_at) VALUES (?,?,?,?,'bench','',?)", ((*e, NOW) for e in events))
    db.executemany("INSERT INTO fund (id, name, special, note, active, created_at) VALUES (?,?,0,'',1,?)",
                   ((i, f"资金{i}", NOW) for i in range(1, 6)))
    db.executemany("INSERT INTO fund_entry (fund_id, on_date, source, amount, document_no, note, created_by,"
                   " created_at) VALUES (?,?,?,?,'','','bench',?)",
                   ((1 + i % 5, d, vocab.FUND_SOURCES[i % 4], 10_000_000 + i, NOW)
                    for i, d in enumerate(_dates(rng, 2000))))
    db.executemany("INSERT INTO campaign (id, name, relief_type, start_date, end_date, standard_items, note,"
                   " created_by, created_at) VALUES (?,?,'送温暖慰问',?,?,'','','bench',?)",
                   ((y - 2019, f"{y}年送温暖", f"{y}-01-05", f"{y}-02-10", NOW) for y in range(2020, 2026)))
    types = vocab.RELIEF_TYPES
    batch = 100_000
    for first in range(0, reliefs, batch):
        count = min(batch, reliefs - first)
        days = _dates(rng, count)
        db.executemany(
            "INSERT INTO relief (person_id, household_id, relief_type, on_date, amount, goods_value, fund_id,"
            " campaign_id, handler, temporary, note, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,'',0,'','',?)",
            ((1 + rng.randrange(people), 1 + rng.randrange(households), types[rng.randrange(len(types))], d,
              rng.randrange(100, 500_000), rng.randrange(0, 20_000) if rng.random() < 0.2 else 0, 1 + rng.randrange(5),
              None, NOW) for d in days))


def _median(times: list[float]) -> float:
    return statistics.median(times)


def measure(path: Path, runs: int, *, with_index: bool = True) -> dict[str, float]:
    from app import session
    from app.office import close_office, open_office
    from app.services import summary
    from app.session import Role, SignedIn
    from db.database import database

    period = summary.Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    everything = summary.Period(FIRST_DAY, datetime.date(2025, 6, 30))
    session.set_current(SignedIn(1, "bench", "bench", Role.VIEWER))
    jobs = {
        "summary_2024_s": lambda: summary.summary(period),
        "summary_all_s": lambda: summary.summary(everything),
        "compare_2024_s": lambda: summary.compare(period),
        "bare_group_by_s": lambda: database.execute_sql(
            "SELECT relief_type, COUNT(*), SUM(amount) FROM relief GROUP BY relief_type").fetchall(),
        "bare_group_by_2024_s": lambda: database.execute_sql(
            "SELECT relief_type, COUNT(*), SUM(amount) FROM relief WHERE on_date BETWEEN '2024-01-01' AND '2024-12-31'"
            " GROUP BY relief_type").fetchall(),
    }
    if not with_index:
        jobs = {"summary_2024_without_index_s": jobs["summary_2024_s"]}
    results: dict[str, float] = {}
    for name, job in jobs.items():
        times = []
        for run in range(runs + 1):
            open_office(path, exclusive=False)
            start = time.perf_counter()
            job()
            elapsed = time.perf_counter() - start
            close_office()
            if run:
                times.append(elapsed)
        results[name] = _median(times)
    return results


def _without_index(path: Path) -> Path:
    """A copy of the file without the covering index relief_summary (statistics refreshed), made once."""
    import sqlite3

    copy = path.with_name(path.stem + "-without-index.sqlite")
    if copy.exists() and copy.stat().st_mtime >= path.stat().st_mtime:
        return copy
    copy.write_bytes(path.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP INDEX IF EXISTS relief_summary")
        conn.execute("ANALYZE")
    conn.close()
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reliefs", type=int, default=1_000_000)
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the database again even if it exists")
    parser.add_argument("--skip-without-index", action="store_true",
                        help="do not measure the copy without the covering index")
    args = parser.parse_args(argv)
    os.environ.setdefault("BANGFU_DATA_DIR", tempfile.mkdtemp(prefix="bangfu-bench-"))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"summary-{args.reliefs}-{args.households}.sqlite"
    if args.rebuild or not path.exists():
        start = time.perf_counter()
        build(path, args.reliefs, args.households)
        print(f"built {path.name} in {time.perf_counter() - start:.1f} s")
    results = measure(path, args.runs)
    if not args.skip_without_index:
        results.update(measure(_without_index(path), args.runs, with_index=False))
    for name, seconds in results.items():
        print(f"{name:18} {seconds * 1000:8.1f} ms")
    ok = results["summary_2024_s"] <= GOAL_S
    print(f"summary(2024) {results['summary_2024_s']:.3f} s vs goal {GOAL_S} s: {'PASS' if ok else 'FAIL'}; "
          f"{results['summary_2024_s'] / results['bare_group_by_s']:.2f} × the bare GROUP BY over the table, "
          f"{results['summary_2024_s'] / results['bare_group_by_2024_s']:.2f} × over 2024")
    if "summary_2024_without_index_s" in results:
        print(f"without the index relief_summary: {results['summary_2024_without_index_s']:.3f} s "
              f"({results['summary_2024_without_index_s'] / results['summary_2024_s']:.1f} × slower)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
