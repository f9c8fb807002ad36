"""Benchmark: importing a 救助记录 sheet of 10,000 rows (goal well under 30 s) and exporting it again.

    python bench/bench_relief_import.py [--rows 10000]

Builds a demo county (once, in a temporary folder) and a sheet mixing hardship relief to files on
record (生活救助, each checked against the one-a-year rule and its file) with care activities to people
new to the system (夏送清凉 with goods: each added as a person). Times the whole import — reading the
workbook, every check, the backup before writing, the check again and the write — then the export.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 30.0


def main() -> int:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-relief-import-"))
    os.environ["BANGFU_DATA_DIR"] = str(folder / "data")

    from app import clock
    from app.demo.county import make_demo
    from app.demo.people import make_id_number
    from app.excel import writer
    from app.office import close_office, open_office
    from app.registers.relief import RELIEF
    from app.services import accounts, exchange, funds
    from app.services.funds import FundEntryForm
    from db.database import tuples
    from db.models import Household, Person, Relief

    clock.fix_today(datetime.date(2025, 12, 20))
    open_office(folder / "bench.sqlite")
    accounts.create_first_admin("admin", "测试", "bench-pass-1")
    accounts.sign_in("admin", "bench-pass-1")
    start = time.perf_counter()
    make_demo(households=4000, seed=7)
    print(f"demo county built in {time.perf_counter() - start:.1f} s")
    fund = funds.create_fund("2025年帮扶资金").id
    funds.add_entry(FundEntryForm(fund, datetime.date(2025, 1, 1), "上级拨款", Decimal("99999999.00")))
    heads = list(tuples(Household.select(Person.name, Person.id_number).join(Person, on=(Household.head == Person.id))
                        .where(Household.status == "在档")))
    path = folder / "relief.xlsx"
    book = writer.new_workbook()
    sheet = writer.RegisterSheet(book, RELIEF, writer.Heading("导入", "基准"), fields=RELIEF.importable_fields())
    rng = random.Random(11)
    hardship = min(len(heads), args.rows // 2)
    for n in range(args.rows):
        if n < hardship:
            name, number = heads[n]
            sheet.append({"on_date": datetime.date(2025, 12, 10), "relief_type": "生活救助", "name": name,
                          "id_number": number, "amount": Decimal("800.00"), "fund": "2025年帮扶资金"})
        else:
            birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=n)
            sheet.append({"on_date": datetime.date(2025, 7, 10), "relief_type": "夏送清凉", "name": f"环卫工{n}",
                          "id_number": make_id_number(rng, birth, "男", "620121"), "items": "夏凉被×1条@85",
                          "fund": "2025年帮扶资金", "handler": "王会计"})
    sheet.close()
    book.save(path)
    before = Relief.select().count()
    start = time.perf_counter()
    stages: dict[str, float] = {}

    def stage(_done: int, _total: int, message: str) -> None:
        stages.setdefault(message, time.perf_counter() - start)

    report = exchange.import_register("relief", path, progress=stage)
    imported = time.perf_counter() - start
    assert report.created == args.rows and Relief.select().count() == before + args.rows, report.describe()
    print(report.describe())
    print(f"import {args.rows:,} rows ({hardship:,} hardship to files on record, {args.rows - hardship:,} "
          f"care to new people): {imported:.2f} s")
    print("  stages began at: " + ", ".join(f"{m} {t:.2f} s" for m, t in stages.items()))
    start = time.perf_counter()
    exported = exchange.export_register("relief", folder / "export.xlsx")
    print(f"export {exported.rows:,} reliefs (masked): {time.perf_counter() - start:.2f} s")
    close_office()
    print(f"goal: import well under {GOAL_SECONDS:.0f} s: {'yes' if imported < GOAL_SECONDS else 'NO'}")
    return 0 if imported < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
