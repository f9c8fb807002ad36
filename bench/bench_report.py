"""Benchmark of the upward workbook (上报统计表) for 100,000 register rows, against openpyxl alone.

    python bench/bench_report.py [--rows 100000] [--runs 3] [--rebuild]

Builds (once) a county under bench/out/ with bench_summary's builder: reliefs, files with their history, money
in and campaigns, as many as make --rows register rows for the period 2020-01-01 … 2025-06-30. Then, in the
same run, on the same machine:

* upward       app.reports.upward.write_upward for the period, masked IDs: the summary (this period and a
               year earlier), every register's rows read from the database, formatted and written, saved
* openpyxl     the very same cell values (read back from that workbook beforehand, so nothing is left out)
               written with openpyxl's write-only mode and nothing else: append every row, save
Goal (issue 8): upward ≤ 1.15 × openpyxl. The two are timed alternately, --runs pairs; the machines are shared
and their speed drifts by tens of per cent within a minute, so the ratio is taken per pair (both under the
same load) and the median of those ratios is the figure; medians and minima of each are printed too.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
GOAL = 1.15
START, END = datetime.date(2020, 1, 1), datetime.date(2025, 6, 30)
HOUSEHOLDS = 4000
FUND_ENTRIES, CAMPAIGNS = 2000, 6   # what bench_summary's builder adds besides reliefs and files


def build(path: Path, rows: int) -> None:
    from bench_summary import build as build_county

    build_county(path, rows - HOUSEHOLDS - FUND_ENTRIES - CAMPAIGNS, HOUSEHOLDS)


def write_upward(path: Path, out: Path) -> tuple[float, int]:
    from app import session
    from app.office import close_office, open_office
    from app.reports.upward import write_upward as write
    from app.services.summary import Period
    from app.session import Role, SignedIn

    open_office(path, exclusive=False)
    session.set_current(SignedIn(1, "bench", "测试员", Role.CLERK))
    try:
        started = time.perf_counter()
        report = write(Period(START, END), out)
        return time.perf_counter() - started, report.rows
    finally:
        session.set_current(None)
        close_office()


def sheets_of(workbook: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every sheet's cell values, as written (read once, before the baseline is timed)."""
    import openpyxl

    book = openpyxl.load_workbook(workbook, read_only=True)
    try:
        return [(ws.title, list(ws.iter_rows(values_only=True))) for ws in book.worksheets]
    finally:
        book.close()


def write_bare(sheets: list[tuple[str, list[tuple[Any, ...]]]], out: Path) -> float:
    from openpyxl import Workbook

    started = time.perf_counter()
    book = Workbook(write_only=True)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(out)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the database again even if it exists")
    args = parser.parse_args(argv)
    os.environ.setdefault("BANGFU_DATA_DIR", tempfile.mkdtemp(prefix="bangfu-bench-"))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"report-{args.rows}.sqlite"
    if args.rebuild or not path.exists():
        started = time.perf_counter()
        build(path, args.rows)
        print(f"built {path.name} in {time.perf_counter() - started:.1f} s")
    upward_out, bare_out = OUT / "report-upward.xlsx", OUT / "report-bare.xlsx"
    write_upward(path, upward_out)            # warm-up, and the workbook whose values the baseline writes
    sheets = sheets_of(upward_out)
    cells = sum(len(r) for _t, rows in sheets for r in rows)
    upward_times, bare_times, register_rows = [], [], 0
    for _run in range(args.runs):
        seconds, register_rows = write_upward(path, upward_out)
        upward_times.append(seconds)
        bare_times.append(write_bare(sheets, bare_out))
    ratios = [u / b for u, b in zip(upward_times, bare_times, strict=True)]
    ratio = statistics.median(ratios)
    print(f"register rows      {register_rows:>9,}  ({len(sheets)} sheets, {cells:,} cells with the 汇总)")
    for name, times in (("upward workbook", upward_times), ("openpyxl alone", bare_times)):
        print(f"{name:18} median {statistics.median(times) * 1000:6.0f} ms, min {min(times) * 1000:6.0f} ms   "
              f"runs: {', '.join(f'{t:.2f}' for t in times)} s")
    print(f"ratio per pair: {', '.join(f'{r:.2f}' for r in ratios)}; min/min {min(upward_times) / min(bare_times):.2f}")
    print(f"ratio (median of pairs) {ratio:.2f} vs goal ≤ {GOAL}: {'PASS' if ratio <= GOAL else 'FAIL'}")
    for temp in (bare_out,):
        temp.unlink(missing_ok=True)
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
