"""Benchmark of the import wizard on 100,000 households (goal: ≤ 1.5 × a bare read and insert, issue 9).

    python bench/bench_import_wizard.py [--rows 100000]

Writes (once) a hand-made-looking workbook under bench/out/: a title row, headers named the
office's way (户主姓名, 公民身份号码, 手机号 …), dates in four forms. Then, in one run on one machine:

* the wizard: open, header, mapping, cleaning, checks and duplicates (preview ready), then the
  backup and the write in one transaction (import finished), into an empty database;
* the baseline: the same file read with python-calamine, and the very rows the import wrote
  (person, household, household_search, household_event) inserted with executemany in one
  transaction into another empty database of the same schema (indexes in place, as the issue's
  baseline has them; the wizard, writing more rows than the tables hold, drops their indexes and
  builds them after its rows, which saves about a fifth of its write).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
GOAL = 1.5
TABLES = ("person", "household", "household_search", "household_event")


def make_workbook(path: Path, rows: int) -> None:
    import openpyxl

    from app.demo.people import make_id_number, make_mobile

    rng = random.Random(9)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(["华池县困难职工花名册"])
    sheet.append(["序号", "户主姓名", "公民身份号码", "性别", "身份", "致困原因", "手机号", "困难类别", "月收入(元)",
                  "建档日期", "工作单位", "家庭住址"])
    used: set[str] = set()
    for n in range(rows):
        while True:
            number = make_id_number(rng, datetime.date(1960 + n % 40, 1 + n % 12, 1 + n % 28), "男")
            if number not in used:
                used.add(number)
                break
        day = datetime.date(2024, 1 + n % 12, 1 + n % 28)
        forms = (day, f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日", f"{day:%Y%m%d}")
        filed = forms[n % 4]
        sheet.append([n + 1, f"张{n}", number, "男", ("职工", "进城务工人员")[n % 2], "下岗失业", make_mobile(rng),
                      "深度困难", ("600", "1,200元", "0.08万")[n % 3], filed, "华池县水泥厂", "华池县柔远镇"])
    book.save(path)


def open_fresh(path: Path) -> None:
    from app.office import close_office, open_office
    from app.services import accounts

    close_office()
    open_office(path)
    accounts.create_first_admin("admin", "测试", "bench-pass-1")
    accounts.sign_in("admin", "bench-pass-1")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-wizard-"))
    os.environ["BANGFU_DATA_DIR"] = str(folder / "data")
    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / f"wizard-{args.rows}.xlsx"
    if not source.exists():
        started = time.perf_counter()
        make_workbook(source, args.rows)
        print(f"workbook written in {time.perf_counter() - started:.1f} s: {source}")

    from python_calamine import CalamineWorkbook

    from app import clock
    from app.office import close_office
    from app.wizard.steps import ImportWizard
    from db.database import database

    clock.fix_today(datetime.date(2025, 6, 30))
    source.read_bytes()  # the file in the OS cache for both

    started, cpu = time.perf_counter(), time.process_time()
    CalamineWorkbook.from_path(str(source)).get_sheet_by_name("Sheet1").to_python(skip_empty_area=False)
    read, read_cpu = time.perf_counter() - started, time.process_time() - cpu

    open_fresh(folder / "wizard.sqlite")
    started, cpu = time.perf_counter(), time.process_time()
    wizard = ImportWizard(source, "households")
    wizard.choose_sheet()
    wizard.suggest_mapping()
    preview = wizard.check()
    ready = time.perf_counter() - started
    outcome = wizard.confirm()
    finished, finished_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert outcome.written.created == args.rows, outcome.describe()
    rows = {t: database.execute_sql(f'SELECT * FROM "{t}"').fetchall() for t in TABLES}
    close_office()

    open_fresh(folder / "baseline.sqlite")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    connection = database.connection()
    started, cpu = time.perf_counter(), time.process_time()
    with database.atomic("IMMEDIATE"):
        for table in TABLES:
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows[table])
    insert, insert_cpu = time.perf_counter() - started, time.process_time() - cpu
    close_office()
    with sqlite3.connect(folder / "baseline.sqlite") as check:
        assert check.execute("SELECT count(*) FROM household").fetchone()[0] == args.rows

    baseline = read + insert
    ratio = finished / baseline
    print(f"\n{args.rows:,} households, {preview.counts.describe()}")
    print(f"baseline: calamine read {read:.2f} s + executemany of the same {sum(map(len, rows.values())):,} rows "
          f"{insert:.2f} s = {baseline:.2f} s")
    print(f"wizard:   preview ready {ready:.2f} s, import finished {finished:.2f} s (write {finished - ready:.2f} s)")
    cpu_ratio = finished_cpu / (read_cpu + insert_cpu)
    print(f"CPU time (steadier on a shared machine): baseline {read_cpu + insert_cpu:.2f} s, "
          f"wizard {finished_cpu:.2f} s, ratio {cpu_ratio:.2f} ×; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"preview ready at {ready / baseline:.2f} ×, import finished at {ratio:.2f} × the baseline; "
          f"goal ≤ {GOAL} ×: {'yes' if ratio <= GOAL else 'NO'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
